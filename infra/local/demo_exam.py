"""Demo step: the certification test itself. Simulated candidates take their courses at once
through engine's HTTP API, given their course ids; one disconnects and resumes, one runs out of
time (the demo's stack shortens the test), one skips the last questions, one is ended by the
examiner. How a course gets started (certif's join and start) and ended by the examiner is
passed in, so the same step runs from the demo and from a workflow test."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infra.local.client import ApiClient, Reply
from pixcore.referential import COMPETENCE_CODES

STEADY, DISCONNECTS, OUT_OF_TIME, SKIPS_LAST, ENDED = (
    "steady",
    "disconnects",
    "runs_out_of_time",
    "skips_last",
    "ended_by_examiner",
)
SKIPPED_AT_THE_END = 5
MAX_WAIT_FOR_THE_CLOCK = 240.0  # seconds; the demo's stack sets a short test


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
            raise RuntimeError(
                "the stack runs the 1 h 45 test: start it with "
                "PIXCERT_ENGINE_TEST_DURATION_SECONDS to show a candidate out of time"
            )
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

    started = time.monotonic()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(candidates))]
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


def seed_profile(dynamodb: Any, user_id: str, levels: dict[str, int], content: Any) -> None:
    """A profile as placement would leave it (each skill up to the level answered right), written
    straight into engine's table of the local stack: the demo's certification candidates need
    one, and placement through HTTP takes minutes for 40 of them."""
    from chalicelib.engine.adapters.assessment_items import (
        LearnerItem,
        dumps,
        elements_json,
        learner_key,
    )
    from chalicelib.engine.domain.assessment import Knowledge
    from chalicelib.engine.domain.simulated_candidate import validated_knowledge
    from infra.resources import main_table

    elements, seen = validated_knowledge(content, levels)
    knowledge = Knowledge(user_id, {e.skill_id: e for e in elements}, frozenset(seen))
    item = LearnerItem(
        *learner_key(user_id),
        elements=elements_json(knowledge),
        seen=dumps(sorted(seen)),
        version=1,
    )
    dynamodb.put_item(
        TableName=main_table("engine"),
        Item=item.serialize(),
        ConditionExpression="attribute_not_exists(pk)",
    )
