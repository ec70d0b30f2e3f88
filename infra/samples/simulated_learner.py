"""A simulated learner for tests, the demo and benchmarks: right more often on easier skills
(not a rule of the engine: it plays placement through the domain, as a learner would)."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chalicelib.engine.domain.answers import AnswerResult, AnswerValue, check_answer
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import Challenge, ChallengeType, Skill
from chalicelib.engine.domain.knowledge import KnowledgeElement, knowledge_for_answer
from chalicelib.engine.domain.normalisation import matches
from chalicelib.engine.domain.placement import competence_targets, next_challenge

WRONG_TEXTS = ("je ne sais pas", "aucune idée", "réponse au hasard", "zzz")


@dataclass(frozen=True)
class SimulatedLearner:
    """`abilities`: competence code → true level (0 to 8, decimals allowed)."""

    abilities: Mapping[str, float]
    slope: float = 2.0
    skip_rate: float = 0.0

    def chance_of_success(self, skill: Skill) -> float:
        """Right with a probability that falls with difficulty along a logistic curve: 50 %
        half a level above the learner's true ability, lower for harder skills."""
        ability = self.abilities.get(skill.competence_code, 0.0)
        return 1.0 / (1.0 + math.exp(-self.slope * (ability - skill.level + 0.5)))

    def answer(
        self, content: LearningContent, challenge: Challenge, rng: random.Random
    ) -> AnswerValue | None:
        """A value to send for `challenge`: None (skip), a right value or a wrong one."""
        if rng.random() < self.skip_rate:
            return None
        if rng.random() < self.chance_of_success(content.skill_of(challenge)):
            return right_value(challenge, rng)
        return wrong_value(challenge, rng)


def right_value(challenge: Challenge, rng: random.Random) -> AnswerValue:
    """A value the answer checker grades `ok`, written as a person might (case may vary)."""
    if challenge.type is ChallengeType.QCU:
        return str(next(iter(challenge.choice_solutions)))
    if challenge.type is ChallengeType.QCM:
        return sorted(challenge.choice_solutions, key=lambda _: rng.random())
    groups = list(challenge.solution_groups.items())
    if challenge.type is ChallengeType.QROCM_DEP:
        rng.shuffle(groups)  # any order is accepted: each field takes another group
        texts = [rng.choice(variants) for _, variants in groups]
        pairs = zip(challenge.fields, texts, strict=False)
        return {f.name: _loosely(text, challenge, rng) for f, text in pairs}
    answers = {name: _loosely(rng.choice(variants), challenge, rng) for name, variants in groups}
    return answers[challenge.fields[0].name] if challenge.type is ChallengeType.QROC else answers


def wrong_value(challenge: Challenge, rng: random.Random) -> AnswerValue:
    """A value the answer checker grades `ko`."""
    if challenge.type.has_choices:
        numbers = range(1, len(challenge.proposals) + 1)
        wrong = [n for n in numbers if n not in challenge.choice_solutions]
        if challenge.type is ChallengeType.QCU:
            return str(rng.choice(wrong))
        flipped = rng.choice(list(numbers))
        return sorted(set(challenge.choice_solutions) ^ {flipped})
    every = [v for _, variants in challenge.text_solutions for v in variants]
    texts = [t for t in WRONG_TEXTS if not matches(t, tuple(every), challenge.tolerances)]
    if challenge.type is ChallengeType.QROC:
        return rng.choice(texts)
    return {f.name: rng.choice(texts) for f in challenge.fields}


def _loosely(text: str, challenge: Challenge, rng: random.Random) -> str:
    if challenge.tolerances.case_accents_spaces and rng.random() < 0.5:
        return f"  {text.upper()} "
    return text


@dataclass
class EvaluationRun:
    """What happened in one simulated evaluation, oldest first."""

    asked_challenge_ids: list[str] = field(default_factory=list)
    results: list[AnswerResult] = field(default_factory=list)
    knowledge_elements: list[KnowledgeElement] = field(default_factory=list)


def run_evaluation(
    content: LearningContent,
    learner: SimulatedLearner,
    target_skill_ids: Sequence[str],
    rng: random.Random,
    *,
    knowledge_elements: Sequence[KnowledgeElement] = (),
    max_answers: int | None = None,
) -> EvaluationRun:
    """Plays a whole evaluation: placement asks, the learner answers, knowledge accumulates."""
    run = EvaluationRun(knowledge_elements=list(knowledge_elements))
    scope = frozenset(target_skill_ids)
    while True:
        challenge = next_challenge(
            content,
            target_skill_ids,
            run.knowledge_elements,
            run.asked_challenge_ids,
            rng,
            max_answers=max_answers,
        )
        if challenge is None:
            return run
        result = check_answer(challenge, learner.answer(content, challenge, rng))
        answer_id = f"{challenge.id}#{len(run.asked_challenge_ids)}"
        run.knowledge_elements += knowledge_for_answer(
            content, challenge, result, run.knowledge_elements, answer_id=answer_id, scope=scope
        )
        run.asked_challenge_ids.append(challenge.id)
        run.results.append(result)


def run_competence_evaluation(
    content: LearningContent,
    learner: SimulatedLearner,
    competence_code: str,
    rng: random.Random,
    *,
    knowledge_elements: Sequence[KnowledgeElement] = (),
) -> EvaluationRun:
    """A competence evaluation: every skill of the competence, until nothing informative is left."""
    targets = competence_targets(content, competence_code)
    return run_evaluation(content, learner, targets, rng, knowledge_elements=knowledge_elements)
