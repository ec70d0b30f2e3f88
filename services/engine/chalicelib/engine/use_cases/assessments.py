"""Starting, resuming and following assessments: competence evaluations and campaigns."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.engine.domain.assessment import Assessment, AssessmentKind, check_owner
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import Challenge
from chalicelib.engine.domain.placement import competence_targets
from chalicelib.engine.ports import AssessmentStore
from chalicelib.engine.use_cases.completion import announce
from chalicelib.engine.use_cases.progress import choose_next
from pixcore.clock import Clock
from pixcore.errors import ConcurrentUpdate, Invalid, NotFound
from pixcore.ids import new_id
from pixcore.ports import Publisher
from pixcore.principal import Principal
from pixcore.referential import is_competence_code


@dataclass(frozen=True)
class Started:
    assessment: Assessment
    resumed: bool


def start_competence_evaluation(
    store: AssessmentStore, clock: Clock, content: LearningContent, user: Principal, competence: str
) -> Started:
    """A learner resumes their started evaluation of a competence rather than opening another."""
    if not is_competence_code(competence):
        raise NotFound(
            "Compétence introuvable.",
            code="COMPETENCE_NOT_FOUND",
            details={"competence": competence},
        )
    fresh = Assessment(
        new_id(),
        user.user_id,
        AssessmentKind.COMPETENCE_EVALUATION,
        competence_targets(content, competence),
        clock.now(),
        competence=competence,
    )
    return _start_or_resume(store, fresh)


def start_campaign_assessment(
    store: AssessmentStore,
    clock: Clock,
    content: LearningContent,
    user: Principal,
    target_skill_ids: list[str],
    campaign_code: str | None,
) -> Started:
    """A campaign assessment runs placement over the campaign's target skills; with a campaign
    code, a started one is resumed."""
    unknown = [s for s in target_skill_ids if s not in content.skills]
    if unknown:
        raise Invalid(
            "Certains acquis visés sont inconnus.",
            code="SKILL_NOT_FOUND",
            details={"skill_ids": unknown[:20]},
        )
    targets = tuple(dict.fromkeys(target_skill_ids))
    fresh = Assessment(
        new_id(),
        user.user_id,
        AssessmentKind.CAMPAIGN,
        targets,
        clock.now(),
        campaign_code=campaign_code,
    )
    return _start_or_resume(store, fresh)


def _start_or_resume(store: AssessmentStore, fresh: Assessment) -> Started:
    for attempt in range(2):
        existing = store.started_in(fresh.user_id, fresh.slot)
        if existing is not None and not existing.is_completed:
            return Started(existing, resumed=True)
        try:
            store.add(fresh, replacing=existing.id if existing else None)
            return Started(fresh, resumed=False)
        except ConcurrentUpdate:
            if attempt:
                raise
    raise AssertionError("unreachable")


def get_assessment(store: AssessmentStore, user: Principal, assessment_id: str) -> Assessment:
    assessment = store.get(assessment_id, user.user_id)
    check_owner(assessment, user.user_id)
    return assessment


def next_for(
    store: AssessmentStore,
    publisher: Publisher,
    clock: Clock,
    content: LearningContent,
    user: Principal,
    assessment_id: str,
) -> Challenge | None:
    """The challenge being shown (again, on resume: its clock keeps running), a new one, or
    None once the assessment is over — then it is completed and its completion announced."""
    for attempt in range(2):
        assessment, knowledge = store.load(assessment_id, user.user_id)
        check_owner(assessment, user.user_id)
        if assessment.is_completed:
            return None
        if assessment.current_challenge_id is not None:
            return content.challenge(assessment.current_challenge_id)
        challenge = choose_next(content, assessment, knowledge)
        now = clock.now()
        try:
            store.save(assessment.serve(challenge.id if challenge else None, now), knowledge)
        except ConcurrentUpdate:
            if attempt:
                raise
            continue
        if challenge is None:
            announce(publisher, user.user_id, assessment.id, now)
        return challenge
    raise AssertionError("unreachable")
