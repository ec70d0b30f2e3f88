"""Starting, resuming and following assessments: competence evaluations and campaigns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.engine.domain.assessment import Assessment, AssessmentKind, check_owner
from chalicelib.engine.domain.content_model import Challenge
from chalicelib.engine.domain.placement import competence_targets
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.completion import announce
from chalicelib.engine.use_cases.progress import choose_next
from pixcore.errors import Invalid, NotFound
from pixcore.ids import new_id
from pixcore.principal import Principal
from pixcore.referential import is_competence_code
from pixcore.retry import retry_on_conflict


@dataclass(frozen=True)
class Started:
    """The assessment a learner is in, and whether it was already started: it reads as the
    assessment itself, plus `resumed`."""

    assessment: Assessment
    resumed: bool

    def __getattr__(self, name: str) -> Any:
        return getattr(self.assessment, name)


@dataclass(frozen=True)
class StartCampaignAssessment:
    target_skill_ids: tuple[str, ...]
    campaign_code: str | None = None


def start_competence_evaluation(ports: Ports, caller: Principal, competence: str) -> Started:
    """A learner resumes their started evaluation of a competence rather than opening another."""
    if not is_competence_code(competence):
        raise NotFound(
            "Compétence introuvable.",
            code="COMPETENCE_NOT_FOUND",
            details={"competence": competence},
        )
    fresh = Assessment(
        new_id(),
        caller.user_id,
        AssessmentKind.COMPETENCE_EVALUATION,
        competence_targets(ports.content, competence),
        ports.clock.now(),
        competence=competence,
    )
    return retry_on_conflict(lambda: _start_or_resume(ports, fresh))


def start_campaign_assessment(
    ports: Ports, caller: Principal, command: StartCampaignAssessment
) -> Started:
    """A campaign assessment runs placement over the campaign's target skills; with a campaign
    code, a started one is resumed."""
    unknown = [s for s in command.target_skill_ids if s not in ports.content.skills]
    if unknown:
        raise Invalid(
            "Certains acquis visés sont inconnus.",
            code="SKILL_NOT_FOUND",
            details={"skill_ids": unknown[:20]},
        )
    fresh = Assessment(
        new_id(),
        caller.user_id,
        AssessmentKind.CAMPAIGN,
        tuple(dict.fromkeys(command.target_skill_ids)),
        ports.clock.now(),
        campaign_code=command.campaign_code,
    )
    return retry_on_conflict(lambda: _start_or_resume(ports, fresh))


def _start_or_resume(ports: Ports, fresh: Assessment) -> Started:
    store = ports.assessments
    existing = store.started_in(fresh.user_id, fresh.slot)
    if existing is not None and not existing.is_completed:
        return Started(existing, resumed=True)
    store.add(fresh, replacing=existing.id if existing else None)
    return Started(fresh, resumed=False)


def get_assessment(ports: Ports, caller: Principal, assessment_id: str) -> Assessment:
    assessment = ports.assessments.get(assessment_id, caller.user_id)
    check_owner(assessment, caller.user_id)
    return assessment


def next_for(ports: Ports, caller: Principal, assessment_id: str) -> Challenge | None:
    """The challenge being shown (again, on resume: its clock keeps running), a new one, or
    None once the assessment is over — then it is completed and its completion announced."""
    return retry_on_conflict(lambda: _next_once(ports, caller, assessment_id))


def _next_once(ports: Ports, caller: Principal, assessment_id: str) -> Challenge | None:
    assessment, knowledge = ports.assessments.load(assessment_id, caller.user_id)
    check_owner(assessment, caller.user_id)
    if assessment.is_completed:
        return None
    if assessment.current_challenge_id is not None:
        return ports.content.challenge(assessment.current_challenge_id)
    challenge = choose_next(ports.content, assessment, knowledge)
    now = ports.clock.now()
    ports.assessments.save(assessment.serve(challenge.id if challenge else None, now), knowledge)
    if challenge is None:
        announce(ports.publisher, caller.user_id, assessment.id, now)
    return challenge
