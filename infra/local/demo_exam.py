"""Demo step: the certification test itself. Simulated candidates take their courses at once
through engine's HTTP API, given their course ids; one disconnects and resumes, one runs out of
time (the demo's stack shortens the test), one skips the last questions, one is ended by the
examiner. How a course gets started (certif's join and start) and ended by the examiner is
passed in, so the same step runs from the demo and from a workflow test."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infra.local.client import ApiClient, Reply
from infra.local.progress_bars import bars
from pixcore.referential import COMPETENCE_CODES

STEADY, DISCONNECTS, OUT_OF_TIME, SKIPS_LAST, ENDED = (
    "steady",
    "disconnects",
    "runs_out_of_time",
    "skips_last",
    "ended_by_examiner",
)
SKIPPED_AT_THE_END = 5
# `pixcert demo` shortens the test to this (local stage only): 40 candidates finish well within
# it on this kind of machine, and one runs out of time.
DEMO_TEST_SECONDS = 120
MAX_WAIT_FOR_THE_CLOCK = 240.0  # seconds: above, the stack runs the real 1 h 45


@dataclass(frozen=True)
class ExamCandidate:
    label: str
    token: str
    course_id: str
    behaviour: str = STEADY
    ability: float = 4.0


@dataclass
class ExamOutcome:
    candidate: ExamCandidate
    state: str = ""
    question_count: int = 0
    answered: int = 0
    timed_out: bool = False
    resumed_at: int | None = None
    refused: str | None = None
    end_screen_confirmed: bool = False
    clock_not_accelerated: bool = False


Action = Callable[[ExamCandidate], None]


def _path(candidate: ExamCandidate, tail: str = "") -> str:
    return f"/engine/certification-courses/{candidate.course_id}{tail}"


def _expect(reply: Reply, statuses: tuple[int, ...], what: str) -> Any:
    if reply.status not in statuses:
        raise RuntimeError(f"{what}: {reply.status} {reply.body[:300]!r}")
    return reply.json()


def wait_until_started(client: ApiClient, candidate: ExamCandidate, timeout: float = 60) -> dict:
    """« La certification se génère » : the screen polls the course until it is ready."""
    deadline = time.monotonic() + timeout
    while True:
        view = _expect(client.get(_path(candidate)), (200,), "GET course")
        if view["state"] != "generating":
            return view
        if time.monotonic() > deadline:
            raise RuntimeError(f"course {candidate.course_id} still generating after {timeout} s")
        time.sleep(view.get("retry_after_seconds") or 1)


class Exam:
    """One candidate's screen, through HTTP only."""

    def __init__(self, base_url: str, candidate: ExamCandidate, content: Any, seed: int) -> None:
        from infra.samples.simulated_learner import SimulatedLearner

        self.base_url, self.candidate, self.content = base_url, candidate, content
        self.client = ApiClient(base_url, candidate.token)
        self.rng = random.Random(seed)
        self.learner = SimulatedLearner({code: candidate.ability for code in COMPETENCE_CODES})
        self.outcome = ExamOutcome(candidate)

    def current(self) -> dict | None:
        reply = self.client.get(_path(self.candidate, "/next"))
        return _expect(reply, (200, 204), "GET next") if reply.status == 200 else None

    def answer(self, question: dict, skip: bool = False) -> Reply:
        challenge = self.content.challenge(question["challenge"]["challenge_id"])
        value = None if skip else self.learner.answer(self.content, challenge, self.rng)
        payload: dict[str, Any] = {"challenge_id": challenge.id}
        payload.update({"skip": True} if value is None else {"value": value})
        return self.client.post(_path(self.candidate, "/answers"), payload)

    def play(self, until: int | None = None, skip_from: int | None = None) -> dict | None:
        """Answers question after question (up to question `until`), skipping from `skip_from`;
        returns the question shown next, None at the end screen."""
        question = self.current()
        while question is not None and (until is None or question["question_number"] <= until):
            skip = skip_from is not None and question["question_number"] >= skip_from
            reply = _expect(self.answer(question, skip), (201,), "POST answer")
            self.outcome.answered += 1
            question = reply["next"]
        return question

    def finish(self) -> None:
        view = _expect(self.client.get(_path(self.candidate)), (200,), "GET course")
        if view["end_screen"]:
            view = _expect(
                self.client.post(_path(self.candidate, "/end-screen")), (200,), "end screen"
            )
        self.outcome.state, self.outcome.timed_out = view["state"], view["timed_out"]
        self.outcome.end_screen_confirmed = view["end_screen_confirmed"]


def take_exam(
    base_url: str, candidate: ExamCandidate, content: Any, seed: int, restart: Action, end: Action
) -> ExamOutcome:
    exam = Exam(base_url, candidate, content, seed)
    view = wait_until_started(exam.client, candidate)
    if view["state"] == "refused":
        exam.outcome.refused = view["refusal"]["code"]
        return exam.outcome
    count = exam.outcome.question_count = view["question_count"]
    if candidate.behaviour == DISCONNECTS:
        before = exam.play(until=count // 3)
        assert before is not None, "the test ended before the disconnection"
        exam.client = ApiClient(base_url, candidate.token)  # the browser comes back
        restart(candidate)
        wait_until_started(exam.client, candidate)
        resumed = exam.current()
        if resumed is None or resumed["question_number"] != before["question_number"]:
            raise RuntimeError(f"resumed at {resumed} instead of {before['question_number']}")
        if resumed["deadline"] != before["deadline"]:
            raise RuntimeError("the deadline moved on resume")
        exam.outcome.resumed_at = resumed["question_number"]
        exam.play()
    elif candidate.behaviour == OUT_OF_TIME:
        question = exam.play(until=3)
        assert question is not None
        if question["remaining_seconds"] > MAX_WAIT_FOR_THE_CLOCK:
            # A stack with the 1 h 45 test (no PIXCERT_ENGINE_TEST_DURATION_SECONDS): nobody
            # waits that long, this candidate finishes like the others.
            exam.outcome.clock_not_accelerated = True
            exam.play()
        else:
            time.sleep(question["remaining_seconds"] + 1.5)
            late = exam.answer(question)
            if late.error_code != "CERTIFICATION_TIME_OVER":
                raise RuntimeError(f"a late answer got {late.status} {late.body[:200]!r}")
    elif candidate.behaviour == SKIPS_LAST:
        exam.play(skip_from=count - SKIPPED_AT_THE_END + 1)
    elif candidate.behaviour == ENDED:
        question = exam.play(until=5)
        assert question is not None
        end(candidate)
        _wait_for_state(exam.client, candidate, "ended_by_supervisor")
        refused = exam.answer(question)
        if refused.error_code != "COURSE_ENDED":
            raise RuntimeError(f"an answer after the end got {refused.status}")
    else:
        exam.play()
    exam.finish()
    return exam.outcome


def _wait_for_state(client: ApiClient, candidate: ExamCandidate, state: str) -> None:
    deadline = time.monotonic() + 60
    while _expect(client.get(_path(candidate)), (200,), "GET course")["state"] != state:
        if time.monotonic() > deadline:
            raise RuntimeError(f"course {candidate.course_id} never reached {state}")
        time.sleep(0.2)


def run_exam(
    base_url: str,
    candidates: list[ExamCandidate],
    restart: Action,
    end: Action,
    say: Callable[[str], None] = print,
) -> list[ExamOutcome]:
    """Every candidate at once, each in a thread like a browser tab; errors are raised after all
    have finished."""
    from chalicelib.engine.content_files import read_content

    content = read_content()
    outcomes: list[ExamOutcome | None] = [None] * len(candidates)
    errors: list[BaseException] = []

    def one(index: int) -> None:
        try:
            outcomes[index] = take_exam(
                base_url, candidates[index], content, 2026 + index, restart, end
            )
        except BaseException as error:  # reported once every candidate is done
            errors.append(error)
        finally:
            progress.advance(task)

    started = time.monotonic()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(candidates))]
    with bars(transient=True) as progress:
        task = progress.add_task("tests finis", total=len(candidates))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]
    done = [o for o in outcomes if o is not None]
    say(
        f"{len(done)} candidats ont passé le test en même temps en "
        f"{time.monotonic() - started:.1f} s ; {sum(o.answered for o in done)} réponses"
    )
    for outcome in done:
        if outcome.candidate.behaviour != STEADY:
            say(describe(outcome))
    return done


def describe(outcome: ExamOutcome) -> str:
    who, c = outcome.candidate.label, outcome.candidate
    if outcome.refused:
        return f"{who} : démarrage refusé ({outcome.refused})"
    if outcome.clock_not_accelerated:
        return (
            f"{who} : aurait dû manquer de temps, mais l'horloge de cette pile n'est pas "
            f"accélérée (1 h 45) — {outcome.answered}/{outcome.question_count} réponses"
        )
    story = {
        DISCONNECTS: f"déconnecté(e), a repris à la question {outcome.resumed_at}",
        OUT_OF_TIME: "n'a pas fini dans le temps : les questions restantes sont passées",
        SKIPS_LAST: f"a passé les {SKIPPED_AT_THE_END} dernières questions",
        ENDED: "test arrêté par le surveillant",
    }.get(c.behaviour, "a terminé")
    seen = "écran de fin vu" if outcome.end_screen_confirmed else "écran de fin non coché"
    return (
        f"{who} : {story} — {outcome.answered}/{outcome.question_count} réponses, "
        f"état {outcome.state}, {seen}"
    )


# The demo's session (infra/local/demo_certif_day.py): which candidates have an incident.
INCIDENTS = {3: DISCONNECTS, 4: OUT_OF_TIME, 6: SKIPS_LAST, 7: ENDED}
END_REASON = "A quitté la salle sans l'accord du surveillant"


def take_session_tests(
    students: list[dict[str, Any]],
    courses: list[str],
    room: tuple[dict[str, Any], ApiClient, list[dict[str, Any]]],
    say: Callable[[str], None],
) -> list[ExamOutcome]:
    """The demo's candidates (their accounts, in the order they joined) take their tests; a
    disconnected one joins and starts again through certif, the examiner ends one test."""
    session, examiner, seats = room
    sid = session["id"]
    first = students[0]["account"]
    base_url = f"http://{first.host}:{first.port}"
    seat_of: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    candidates = []
    for index, (student, course_id) in enumerate(zip(students, courses, strict=True)):
        seat_of[course_id] = (student, seats[index])
        label = f"{student['first_name']} {student['last_name']}"
        behaviour = INCIDENTS.get(index, STEADY)
        candidates.append(ExamCandidate(label, student["account"].token, course_id, behaviour))

    def restart(candidate: ExamCandidate) -> None:
        """Back in the room: session number, names and birthdate, then the access code."""
        student, _ = seat_of[candidate.course_id]
        account = ApiClient(base_url, candidate.token)
        typed = {k: student[k] for k in ("first_name", "last_name", "birthdate")}
        _expect(account.post(f"/certif/sessions/{sid}/join", typed), (200, 201), "join again")
        started = _expect(
            account.post(f"/certif/sessions/{sid}/start", {"access_code": session["access_code"]}),
            (202,),
            "start again",
        )
        if started["course_id"] != candidate.course_id:
            raise RuntimeError("a new start gave another course")

    def end(candidate: ExamCandidate) -> None:
        _, seat = seat_of[candidate.course_id]
        ended = examiner.post(
            f"/certif/sessions/{sid}/candidates/{seat['id']}/end-test", {"reason": END_REASON}
        )
        _expect(ended, (200, 202, 204), "end-test")

    outcomes = run_exam(base_url, candidates, restart, end, say)
    _wait_for_certif(examiner, sid, [_seen_by_certif(o) for o in outcomes])
    return outcomes


def _seen_by_certif(outcome: ExamOutcome) -> str:
    """The examiner's state of a candidate once certif has engine's messages of their test."""
    if outcome.candidate.behaviour == ENDED:
        return "ended_by_examiner"
    if outcome.refused:
        return "authorized"
    return "finished" if outcome.end_screen_confirmed else "end_screen_reached"


def _wait_for_certif(examiner: ApiClient, session_id: str, expected: list[str]) -> None:
    """Certif learns each end from engine's messages: the examiner's view is read once it has
    them all, not while the last ones are still in the queue."""
    wanted, deadline = Counter(expected), time.monotonic() + 120
    while True:
        view = _expect(
            examiner.get(f"/certif/sessions/{session_id}/supervision"), (200,), "supervision"
        )
        states = Counter(c["state"] for c in view["candidates"])
        if all(states[state] >= n for state, n in wanted.items()):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"certif's view {dict(states)} instead of {dict(wanted)}")
        time.sleep(0.5)
