"""Session documents and the test day's first requests, against floors measured in the same run.

1. Attendance sheets of 40 and 300 candidates (certif's renderer, font parsed once per process)
   next to a floor: fpdf2 writing the same text with the same font (DejaVu, added to each
   document as fpdf2 is normally used) and no layout — no table, no boxes, no fitting.
2. Join + start round trips of 200 candidates arriving within one minute on the local stack
   (moto server in its own process, the four apps behind the gateway, in a child process), an
   examiner authorising them as they come, next to the floor route of `bench/answer_loop.py`
   (GetItem + PutItem behind the same gateway): alone with the same arrival pattern, and as
   probes during the candidates' minute.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from infra.local import apps as app_loader  # noqa: E402

app_loader.add_service_paths()
POLL_SECONDS = 3.0  # a waiting candidate's page asks whether the examiner authorised them
NAMES = (("Çağla", "Öztürk"), ("Thị Lan", "Nguyễn"), ("Łukasz", "Wójcik"), ("Zoé", "Lefèvre"))


# --- 1. documents ---------------------------------------------------------------------------


def roster(n: int) -> list[Any]:
    from chalicelib.certif.domain.candidates import Candidate

    return [
        Candidate(
            id=f"c{i:03d}", session_id="10001", center_id="o", student_id=f"s{i}",
            first_name=NAMES[i % 4][0], last_name=f"{NAMES[i % 4][1]}-{i:03d}",
            birthdate=date(2010, 1 + i % 12, 1 + i % 28), birth_city_code="75056",
            birth_department_code="75", birth_country_code="99100", external_id=f"E-{i:04d}",
            extra_time_percentage=33 if i % 9 == 0 else 0,
        )
        for i in range(n)
    ]  # fmt: skip


def sheet_for(n: int) -> Any:
    from chalicelib.certif.domain.documents import attendance_sheet
    from chalicelib.certif.domain.sessions import Schedule, Session

    schedule = Schedule(
        "Collège Victor-Hugo", "Salle B12", date(2026, 3, 10), clock_time(14), "M. Martin"
    )
    return attendance_sheet(
        Session("10001", "o", schedule, "BCDF23", "BCD23"), "Collège", roster(n)
    )


def floor_document(sheet: Any) -> bytes:
    """The same strings, same font, one line each, fpdf2's own page breaks: no layout."""
    from fpdf import FPDF

    from pixcore.pdf import FAMILY, FONT_FILES, FONTS

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONTS / name))
    pdf.set_font(FAMILY, size=8)
    pdf.add_page()
    h = sheet.header
    header = [
        h.session_number,
        h.center_name,
        h.date,
        h.start,
        h.end,
        h.address,
        h.room,
        h.examiner,
    ]
    pdf.cell(text=" ".join(header), new_x="LMARGIN", new_y="NEXT")
    for row in sheet.rows:
        pdf.cell(
            text=" ".join(v for v in row.__dict__.values() if v), new_x="LMARGIN", new_y="NEXT"
        )
    return bytes(pdf.output())


def timed(fn: Any, arg: Any, repeat: int) -> tuple[float, bytes]:
    """Best of `repeat` (seconds) and the last output."""
    best, out = float("inf"), b""
    for _ in range(repeat):
        began = time.perf_counter()
        out = fn(arg)
        best = min(best, time.perf_counter() - began)
    return best, out


def documents(repeat: int) -> None:
    from pypdf import PdfReader

    from chalicelib.certif.adapters.pdf_documents import Fpdf2DocumentRenderer
    from pixcore.pdf import parsed_fonts

    renderer = Fpdf2DocumentRenderer()
    began = time.perf_counter()
    parsed_fonts()
    print(f"font parsed once per process: {1000 * (time.perf_counter() - began):.0f} ms")
    renderer.attendance_sheet(sheet_for(1))  # warm-up: imports, first subset
    for n in (40, 300):
        sheet = sheet_for(n)
        real, pdf = timed(renderer.attendance_sheet, sheet, repeat)
        floor, floor_pdf = timed(floor_document, sheet, repeat)
        pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
        floor_pages = len(PdfReader(__import__("io").BytesIO(floor_pdf)).pages)
        print(
            f"{n:3d} candidates: sheet {1000 * real:7.1f} ms, {pages:2d} pages, "
            f"{pages / real:6.1f} pages/s | floor {1000 * floor:7.1f} ms, {floor_pages:2d} "
            f"pages | ratio {real / floor:.2f} (target ≤ 3)",
            flush=True,
        )


# --- 2. join + start on the local stack -----------------------------------------------------


def serve(candidates: int) -> None:
    """Child process: the stack with /floor mounted, a centre and a session of `candidates`
    linked, certifiable students; what the clients need on stdout, until stdin closes."""
    from chalice.config import Config
    from chalice.local import LocalGateway

    from bench import floor_app
    from infra.local.moto_server import free_port
    from infra.local.stack import LocalStack
    from pixcore import runtime
    from pixcore.logs import log_to_file
    from pixcore.principal import ADMIN, Principal

    (ROOT / ".pixcert").mkdir(exist_ok=True)
    log_to_file(str(ROOT / ".pixcert" / "bench.log"))
    stack = LocalStack(port=free_port(), log_dir=ROOT / ".pixcert").start()
    stack.server.gateways["floor"] = LocalGateway(floor_app.app, Config(chalice_stage="local"))
    session, people = seed(candidates)
    admin = runtime.tokens().issue(Principal("bench-admin", memberships={"bench-centre": ADMIN}))
    print(
        json.dumps({"url": stack.url, "session": session, "people": people, "admin": admin}),
        flush=True,
    )
    sys.stdin.read()
    stack.stop()


def seed(n: int) -> tuple[dict[str, str], list[dict[str, str]]]:
    from chalicelib.certif import bootstrap
    from chalicelib.certif.domain.sessions import Schedule
    from chalicelib.certif.domain.students import EnrollableStudent, Profile
    from chalicelib.certif.use_cases import candidates, centers, sessions
    from pixcore import runtime
    from pixcore.messages.catalog import OrganizationRegistered
    from pixcore.principal import ADMIN, Principal

    ports, now, center = bootstrap.ports(), datetime.now(UTC), "bench-centre"
    centers.record_organization(ports, OrganizationRegistered(
        organization_id=center, uai="0750001U", name="Collège", organization_type="COLLEGE",
        sector="PUBLIC", academie="Paris", is_certification_center=True,
    ))  # fmt: skip
    students = [
        EnrollableStudent(f"s{i:04d}", center, NAMES[i % 4][0], f"{NAMES[i % 4][1]}{i:04d}", date(2011, 1 + i % 12, 1 + i % 28), division=f"3E{i % 8}", imported_at=now)
        for i in range(n)
    ]  # fmt: skip
    ports.students.save_students(students)
    for s in students:
        ports.students.link(center, s.id, f"user-{s.id}")
        ports.students.save_profile_if_newer(Profile(f"user-{s.id}", True, 6, now))
    admin = Principal("bench-admin", memberships={center: ADMIN})
    schedule = Schedule("Collège", "B12", date.today(), clock_time(8), "M. Martin, Mme Nguyễn")
    session = sessions.create_session(ports, admin, center, schedule).session
    ids = [s.id for s in students]
    for start in range(0, n, 99):
        candidates.enroll_students(ports, admin, session.id, ids[start : start + 99])
    people = [
        {"token": runtime.tokens().issue(Principal(f"user-{s.id}")), "first_name": s.first_name, "last_name": s.last_name, "birthdate": s.birthdate.isoformat()}
        for s in students
    ]  # fmt: skip
    return {
        "id": session.id,
        "access_code": session.access_code,
        "password": session.examiner_password,
    }, people


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures(name: str, latencies: list[float]) -> dict[str, float]:
    found = {
        "count": len(latencies),
        "p50": 1000 * statistics.median(latencies),
        "p99": 1000 * percentile(latencies, 0.99),
    }
    print(
        f"{name:>18}: {found['count']:4d} requests   p50 {found['p50']:7.1f} ms   p99 {found['p99']:7.1f} ms",
        flush=True,
    )
    return found


def candidate(
    url: str,
    session: dict[str, str],
    who: dict[str, str],
    delay: float,
    out: dict[str, list[float]],
) -> None:
    from infra.local.client import ApiClient

    client = ApiClient(url, who["token"])
    time.sleep(delay)
    began = time.perf_counter()
    joined = client.post(
        f"/certif/sessions/{session['id']}/join",
        {k: who[k] for k in ("first_name", "last_name", "birthdate")},
    )
    join_s = time.perf_counter() - began
    if joined.status != 200:
        raise RuntimeError(f"join: {joined.status} {joined.body[:200]!r}")
    while not client.get(f"/certif/sessions/{session['id']}/me").json()["authorized_at"]:
        time.sleep(POLL_SECONDS)
    began = time.perf_counter()
    started = client.post(
        f"/certif/sessions/{session['id']}/start", {"access_code": session["access_code"]}
    )
    start_s = time.perf_counter() - began
    if started.status != 202:
        raise RuntimeError(f"start: {started.status} {started.body[:200]!r}")
    out["join"].append(join_s)
    out["start"].append(start_s)
    out["join+start"].append(join_s + start_s)


def examiner(url: str, session: dict[str, str], expected: int, stop: threading.Event) -> None:
    """Polls the supervision view every 2 s and authorises whoever waits."""
    from infra.local.client import ApiClient

    token = (
        ApiClient(url)
        .post(
            f"/certif/sessions/{session['id']}/supervise",
            {"examiner_password": session["password"]},
        )
        .json()["access_token"]
    )
    client, authorised = ApiClient(url, token), 0
    while authorised < expected and not stop.is_set():
        for c in client.get(f"/certif/sessions/{session['id']}/supervision").json()["candidates"]:
            if c["state"] == "waiting_for_authorization":
                client.post(f"/certif/sessions/{session['id']}/candidates/{c['id']}/authorize")
                authorised += 1
        stop.wait(2.0)


def floor_client(url: str, key: str, delays: list[float], out: list[float]) -> None:
    from infra.local.client import ApiClient

    client, began_at = ApiClient(url), time.perf_counter()
    for at in delays:
        time.sleep(max(0.0, at - (time.perf_counter() - began_at)))
        began = time.perf_counter()
        reply = client.post(f"/floor/touch/{key}", {})
        out.append(time.perf_counter() - began)
        if reply.status != 200:
            raise RuntimeError(f"floor: {reply.status}")


def run_threads(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def round_trips(count: int, window: float, probes: int) -> None:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--candidates", str(count)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        ready = json.loads(child.stdout.readline())
        url, session, people = ready["url"], ready["session"], ready["people"]
        from infra.local.client import ApiClient

        ApiClient(url).post("/floor/touch/warm-up", {})
        ApiClient(url, ready["admin"]).get(f"/certif/sessions/{session['id']}")
        rng = random.Random(11)
        arrivals = [rng.uniform(0, window) for _ in people]
        print(f"stack at {url}; {count} candidates arriving over {window:g} s", flush=True)
        alone: list[float] = []
        run_threads(
            [
                threading.Thread(target=floor_client, args=(url, f"f{i}", [a, a + 1.5], alone))
                for i, a in enumerate(arrivals)
            ]
        )
        floor_alone = figures("floor, same arrivals", alone)
        out: dict[str, list[float]] = {"join": [], "start": [], "join+start": []}
        probe: list[float] = []
        stop = threading.Event()
        watcher = threading.Thread(target=examiner, args=(url, session, count, stop))
        watcher.start()
        probe_times = [
            [i * 0.5 + 0.25 * (p % 2) for i in range(int(window / 0.5))] for p in range(probes)
        ]
        run_threads(
            [threading.Thread(target=candidate, args=(url, session, who, a, out)) for who, a in zip(people, arrivals, strict=True)]
            + [threading.Thread(target=floor_client, args=(url, f"p{p}", probe_times[p], probe)) for p in range(probes)]
        )  # fmt: skip
        stop.set()
        watcher.join()
        results = {name: figures(name, values) for name, values in out.items()}
        floor_mixed = figures("floor, as probes", probe)
        both = results["join+start"]
        print(
            f"join+start vs floor alone: p50 ×{both['p50'] / floor_alone['p50']:.2f}, p99 ×{both['p99'] / floor_alone['p99']:.2f}; "
            f"vs floor probes: p50 ×{both['p50'] / floor_mixed['p50']:.2f}, p99 ×{both['p99'] / floor_mixed['p99']:.2f}",
            flush=True,
        )  # fmt: skip
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["documents", "round-trips", "all"], default="all")
    parser.add_argument("--repeat", type=int, default=5, help="documents: best of N")
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument(
        "--window", type=float, default=60.0, help="seconds over which candidates arrive"
    )
    parser.add_argument(
        "--probes", type=int, default=10, help="floor probes during the candidates' minute"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.candidates)
        return 0
    if args.part in ("documents", "all"):
        documents(args.repeat)
    if args.part in ("round-trips", "all"):
        round_trips(args.candidates, args.window, args.probes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
