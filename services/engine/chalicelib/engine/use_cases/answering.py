"""Answering the challenge shown: grade, learn, pick the next one, in one read and one write;
the last answer announces the completion, archived and published off the request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.engine.domain.answers import AnswerResult, check_answer
from chalicelib.engine.domain.assessment import (
    Assessment,
    GivenAnswer,
    check_answerable,
    check_owner,
    replayed_answer,
    value_hash,
)
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import Challenge
from chalicelib.engine.domain.knowledge import knowledge_for_answer
from chalicelib.engine.ports import AnswerRecord, Ports
from chalicelib.engine.use_cases.completion import announce
from chalicelib.engine.use_cases.progress import choose_next
from pixcore.principal import Principal, require_user
from pixcore.retry import retry_on_conflict


@dataclass(frozen=True)
class GiveAnswer:
    assessment_id: str
    challenge_id: str
    value: Any = None
    skip: bool = False

    @property
    def given(self) -> Any:
        """« Je passe » gives no value at all."""
        return None if self.skip else self.value

    @property
    def fingerprint(self) -> str:
        return value_hash({"skip": True} if self.skip else {"value": self.value})


@dataclass(frozen=True)
class AnswerOutcome:
    result: AnswerResult
    next: Challenge | None
    completed: bool


def answer(ports: Ports, caller: Principal, command: GiveAnswer) -> AnswerOutcome:
    """One answer per challenge: the same answer again gets the same response, a different one
    is refused; a lost race is retried once, then reported as a conflict."""
    require_user(caller)
    return retry_on_conflict(lambda: _answer_once(ports, caller, command))


def _answer_once(ports: Ports, caller: Principal, command: GiveAnswer) -> AnswerOutcome:
    content, store = ports.content, ports.assessments
    assessment, knowledge = store.load(command.assessment_id, caller.user_id)
    check_owner(assessment, caller.user_id)
    replayed = replayed_answer(assessment, command.challenge_id, command.fingerprint)
    if replayed is not None:
        return _replay(content, assessment, replayed)
    check_answerable(assessment, command.challenge_id)
    challenge = content.challenge(command.challenge_id)
    now = ports.clock.now()
    elapsed = (now - assessment.served_at).total_seconds() if assessment.served_at else None
    result = check_answer(challenge, command.given, elapsed_seconds=elapsed)
    added = knowledge_for_answer(
        content,
        challenge,
        result,
        list(knowledge.elements.values()),
        answer_id=f"{assessment.id}#{challenge.id}",
        scope=frozenset(assessment.target_skill_ids),
    )
    knowledge = knowledge.with_answer(challenge.id, added)
    answered = assessment.record(GivenAnswer(challenge.id, result, command.fingerprint))
    following = choose_next(content, answered, knowledge)
    answered = answered.serve(following.id if following else None, now)
    store.record_answer(
        answered,
        knowledge,
        AnswerRecord(
            assessment.id,
            caller.user_id,
            challenge.id,
            command.given,
            result.value,
            elapsed,
            now,
            tuple(added),
        ),
    )
    if following is None:
        announce(ports.publisher, caller.user_id, assessment.id, now)
    return AnswerOutcome(result, following, following is None)


def _replay(content: LearningContent, assessment: Assessment, index: int) -> AnswerOutcome:
    """The response the earlier identical answer got: its result and what came next."""
    given = assessment.answers[index]
    last = index == len(assessment.answers) - 1
    if not last:
        following = content.challenge(assessment.answers[index + 1].challenge_id)
    elif assessment.current_challenge_id:
        following = content.challenge(assessment.current_challenge_id)
    else:
        following = None
    return AnswerOutcome(given.result, following, last and assessment.is_completed)
