"""A season played through HTTP at any scale, as its actors would: the jury registers the schools,
each school's admin imports its SIECLE file and opens a campaign, candidates sign up and join it,
centres create sessions and enrol them. Every request is timed by step (`Recorder`); many actors
run at once (`workers`). The certification days follow in `season_days`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from infra.local.client import ApiClient, Reply
from infra.local.season_metrics import Recorder
from infra.local.season_plan import SchoolPlan, SeasonPlan, SessionPlan
from infra.samples import siecle_generator

PASSWORD = "Motdepasse-saison-1"


class Progress:
    """How far each step got; `pixcert simulate` and `pixcert demo` draw it as progress bars."""

    def start(self, step: str, total: int) -> None:
        pass

    def advance(self, step: str) -> None:
        pass


class SeasonError(RuntimeError):
    pass


def ok(reply: Reply, status: int | tuple[int, ...], what: str) -> Any:
    if reply.status not in ((status,) if isinstance(status, int) else status):
        raise SeasonError(f"{what}: {reply.status} {reply.body[:300]!r}")
    return reply.json()


@dataclass
class School:
    plan: SchoolPlan
    id: str = ""
    admin: ApiClient | None = None
    import_id: str = ""
    imported: int = 0
    campaign_code: str = ""
    candidates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Session:
    plan: SessionPlan
    school: School
    id: str = ""
    access_code: str = ""
    examiner_password: str = ""
    candidates: list[dict[str, Any]] = field(default_factory=list)  # enrolled, with accounts
    seats: dict[str, dict[str, Any]] = field(default_factory=dict)  # student id → seat
    courses: dict[str, str] = field(default_factory=dict)  # student id → course id
    sheet: bytes = b""  # the attendance sheet's PDF, as the centre downloaded it


class Season:
    def __init__(
        self,
        base_url: str,
        jury: ApiClient,
        plan: SeasonPlan,
        recorder: Recorder | None = None,
        workers: int = 16,
        progress: Progress | None = None,
    ) -> None:
        self.anonymous, self.jury, self.plan = ApiClient(base_url), jury, plan
        self.base_url = base_url
        self.recorder = recorder or Recorder()
        self.workers = workers
        self.progress = progress or Progress()
        self.schools = [School(p) for p in plan.schools]
        self.sessions: list[Session] = []
        self.deadline: float | None = None  # time.monotonic() past which no new work starts

    # -- helpers

    def each(self, step: str, items: Iterable[Any], work: Callable[[Any], Any]) -> list[Any]:
        """`work` on every item, `workers` at a time; the first failure stops the step."""
        items = list(items)
        self.progress.start(step, len(items))

        def one(item: Any) -> Any:
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise SeasonError("durée maximale atteinte (--max-minutes)")
            result = work(item)
            self.progress.advance(step)
            return result

        with ThreadPoolExecutor(self.workers) as pool:
            return list(pool.map(one, items))

    def timed(self, step: str, fn: Callable[[], Reply]) -> Reply:
        return self.recorder.call(step, fn)

    def pressed_again(self, step: str, fn: Callable[[], Reply], accepted: int = 0) -> Reply:
        """A request a person would send again after a server error (the local moto answers 500
        when two transactions meet: it copies the whole table for each); `accepted` is what the
        second try may answer instead when the first one had gone through (409 for a sign-up)."""
        reply = self.timed(step, fn)
        for _ in range(2):
            if reply.status < 500:
                break
            self.recorder.retried[step] += 1
            reply = self.timed(step, fn)
            if accepted and reply.status == accepted:
                return Reply(201, reply.headers, b"{}")
        return reply

    def until(
        self, step: str, fetch: Callable[[], Reply], done: Callable[[Reply], bool], timeout: float
    ) -> Reply:
        """Polls like a screen does; the step's latency is the whole wait."""
        started, deadline = time.monotonic(), time.monotonic() + timeout
        while True:
            reply = fetch()
            if done(reply):
                self.recorder.add(step, time.monotonic() - started)
                return reply
            if time.monotonic() > deadline:
                self.recorder.errors[step] += 1
                raise SeasonError(f"{step}: still {reply.status} after {timeout:.0f} s")
            time.sleep(0.25)

    # -- step 1: the schools, their students, their campaigns

    def register_schools(self) -> None:
        def register(school: School) -> None:
            p = school.plan
            body = {
                "uai": p.uai,
                "name": p.name,
                "type": p.type,
                "sector": p.sector,
                "academie": self.plan.academie,
                "is_certification_center": True,
            }
            reply = self.timed("schools", lambda: self.jury.post("/orga/organizations", body))
            school.id = ok(reply, 201, "POST /orga/organizations")["id"]

        self.each("schools", self.schools, register)

    def appoint_admins(self) -> None:
        def appoint(school: School) -> None:
            anonymous = ApiClient(self.base_url, forwarded_for=school_address(school.plan.index))
            email = f"admin.{school.plan.uai.lower()}@etab.example.fr"
            account = {"first_name": "Direction", "last_name": school.plan.name}
            body = {**account, "birthdate": "1975-09-01", "email": email, "password": PASSWORD}
            signed = self.pressed_again(
                "sign-up", lambda: anonymous.post("/orga/users", body), accepted=409
            )
            ok(signed, 201, "sign-up")
            membership = {"email": email, "role": "ADMIN"}
            path = f"/orga/organizations/{school.id}/memberships"
            ok(
                self.timed("membership", lambda: self.jury.post(path, membership)),
                201,
                "membership",
            )
            school.admin = self.recorder.call("login", anonymous.login, email, PASSWORD)

        self.each("admins", self.schools, appoint)

    def import_students(self) -> None:
        def run_import(school: School) -> None:
            assert school.admin
            data = siecle_generator.students_xml(
                school.plan.students, uai=school.plan.uai, seed=self.plan.seed + school.plan.index
            )
            base = f"/orga/organizations/{school.id}/imports"
            sent = self.timed(
                "import upload",
                lambda: school.admin.post(base, raw=data, content_type="application/xml"),
            )
            school.import_id = ok(sent, 202, "POST imports")["import_id"]
            done = self.until(
                "import (until DONE)",
                lambda: school.admin.get(f"{base}/{school.import_id}"),
                lambda r: r.status == 200 and r.json()["status"] in ("DONE", "FAILED"),
                timeout=600,
            ).json()
            if done["status"] != "DONE":
                raise SeasonError(f"import of {school.plan.name} failed: {done['errors'][:3]}")
            school.imported = done["counts"]["imported"]

        self.each("imports", self.schools, run_import)

    def open_campaigns(self) -> None:
        def create(school: School) -> None:
            assert school.admin
            body = {"name": "Collecte des profils — 3e", "type": "PROFILES_COLLECTION"}
            path = f"/orga/organizations/{school.id}/campaigns"
            reply = self.timed("campaign", lambda: school.admin.post(path, body))
            school.campaign_code = ok(reply, 201, "POST campaigns")["code"]

        self.each("campaigns", [s for s in self.schools if s.plan.campaign], create)

    # -- step 1 (candidates): accounts, reconciliation, profiles

    def enrollable(self, school: School, wanted: int) -> list[dict[str, Any]]:
        """The first `wanted` students of the centre, as certif lists them (by class, name)."""
        assert school.admin
        students: list[dict[str, Any]] = []
        cursor = None
        path = f"/certif/centers/{school.id}/students"
        while len(students) < wanted:
            query = {"limit": 200, "cursor": cursor}
            page = ok(
                self.timed("certif students", lambda q=query: school.admin.get(path, query=q)),
                200,
                "GET centre students",
            )
            students += page["students"]
            cursor = page.get("next_cursor")
            if not cursor:
                break
        if len(students) < wanted:
            raise SeasonError(f"{school.plan.name}: {len(students)} students, {wanted} wanted")
        return students[:wanted]

    def wait_for_read_models(self, timeout: float = 600) -> None:
        """certif learns each centre's students from orga's StudentsImported."""
        for school in [s for s in self.schools if s.plan.is_center]:
            assert school.admin
            path = f"/certif/centers/{school.id}/students"
            self.until(
                "certif read model",
                lambda p=path, a=school.admin: a.get(p, query={"limit": 1}),
                lambda r: r.status == 200 and bool(r.json()["students"]),
                timeout,
            )

    def sign_up_candidates(self) -> None:
        pairs = []
        for school in [s for s in self.schools if s.plan.is_center]:
            school.candidates = self.enrollable(school, school.plan.enrolled)
            pairs += [(school, n, student) for n, student in enumerate(school.candidates)]

        def sign_up(pair: tuple[School, int, dict[str, Any]]) -> None:
            school, n, student = pair
            anonymous = ApiClient(self.base_url, forwarded_for=home_address(school.plan.index, n))
            username = f"cand.{school.plan.uai.lower()}.{n}"
            identity = {k: student[k] for k in ("first_name", "last_name", "birthdate")}
            body = {**identity, "username": username, "password": PASSWORD}
            signed = self.pressed_again(
                "sign-up", lambda: anonymous.post("/orga/users", body), accepted=409
            )
            ok(signed, 201, "sign-up")
            account = self.recorder.call("login", anonymous.login, username, PASSWORD)
            path = f"/orga/campaigns/{school.campaign_code}/participations"
            joined = self.pressed_again("reconciliation", lambda: account.post(path, identity))
            ok(joined, 201, "campaign participation")
            me = ok(account.get("/orga/me"), 200, "GET /orga/me")
            student.update(account=account, user_id=me["id"], username=username)

        self.each("candidates", pairs, sign_up)

    def wait_until_certifiable(self, timeout: float = 600) -> None:
        """certif shows the enrolled students certifiable once engine's ProfileUpdated arrived."""
        for school in [s for s in self.schools if s.plan.is_center]:
            ids = {c["id"] for c in school.candidates}

            def known(reply: Reply, ids: set[str] = ids) -> bool:
                listed = reply.json()["students"] if reply.status == 200 else []
                return sum(1 for s in listed if s["id"] in ids and s["certifiable"]) == len(ids)

            def fetch(school: School = school) -> Reply:
                assert school.admin
                return _all_pages(school.admin, f"/certif/centers/{school.id}/students")

            self.until("certif knows the profiles", fetch, known, timeout)

    # -- step 2: sessions and candidates

    def create_sessions(self, day: date | None = None) -> None:
        day = day or date.today() + timedelta(days=1)
        for school in self.schools:
            taken = 0
            for plan in school.plan.sessions:
                session = Session(plan, school)
                session.candidates = school.candidates[taken : taken + plan.enrolled]
                taken += plan.enrolled
                self.sessions.append(session)

        def create(session: Session) -> None:
            admin = session.school.admin
            assert admin
            hour = 8 + session.plan.number % 8
            body = {
                "address": f"{session.school.plan.name}, bâtiment B",
                "room": f"Salle informatique {session.plan.number + 1}",
                "date": day.isoformat(),
                "time": f"{hour:02d}:00",
                "examiner": ", ".join(f"Surveillant {i + 1}" for i in range(_examiners(session))),
            }
            path = f"/certif/centers/{session.school.id}/sessions"
            created = ok(
                self.timed("session", lambda: admin.post(path, body)), 201, "POST sessions"
            )
            session.id, session.access_code = created["id"], created["access_code"]
            session.examiner_password = created["examiner_password"]
            ids = [c["id"] for c in session.candidates]
            path = f"/certif/sessions/{session.id}/candidates"
            for start in range(0, len(ids), 99):
                chunk = {"student_ids": ids[start : start + 99]}
                enrolled = ok(
                    self.timed("enrolment", lambda c=chunk: admin.post(path, c)), 201, "enrol"
                )
                by_student = {c["student_id"]: c for c in enrolled["candidates"]}
                for c in session.candidates:
                    if c["id"] in by_student:
                        c["candidate_id"] = by_student[c["id"]]["id"]
            sheet = self.timed(
                "attendance sheet",
                lambda: admin.get(
                    f"/certif/sessions/{session.id}/attendance-sheet.pdf", accept="application/pdf"
                ),
            )
            if sheet.status != 200 or not sheet.body.startswith(b"%PDF"):
                raise SeasonError(f"attendance sheet: {sheet.status}")
            session.sheet = sheet.body

        self.each("sessions", self.sessions, create)


def school_address(school: int) -> str:
    """Where a school's staff connect from (its own network)."""
    return f"10.1.{school // 250}.{1 + school % 250}"


def home_address(school: int, student: int) -> str:
    """Where a student signs up from: home, one address each (orga allows 100 accounts an hour
    from one address)."""
    n = school * 1000 + student
    return f"10.{2 + n // 62_500}.{n // 250 % 250}.{1 + n % 250}"


def _examiners(session: Session) -> int:
    from infra.local.season_plan import examiners_needed

    return examiners_needed(session.plan.enrolled)


def _all_pages(client: ApiClient, path: str) -> Reply:
    """Every page of a listing, as one reply (`students` concatenated)."""
    students: list[Any] = []
    cursor = None
    while True:
        reply = client.get(path, query={"limit": 200, "cursor": cursor})
        if reply.status != 200:
            return reply
        page = reply.json()
        students += page["students"]
        cursor = page.get("next_cursor")
        if not cursor:
            import json

            return Reply(200, reply.headers, json.dumps({"students": students}).encode())


def now() -> datetime:
    return datetime.now(UTC)
