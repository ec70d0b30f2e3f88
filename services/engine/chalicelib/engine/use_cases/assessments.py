"""Starting, resuming and following assessments: competence evaluations and campaigns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.engine.domain.assessment import Assessment, AssessmentKind, check_owner
from chalicelib.engine.domain.campaigns import check_can_start
from chalicelib.engine.domain.content_model import Challenge
from chalicelib.engine.domain.placement import competence_targets
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.completion import announce
from chalicelib.engine.use_cases.progress import choose_next
from pixcore.errors import Invalid, NotFound
from pixcore.ids import new_id
from pixcore.principal import Principal, require_user
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


def start_competence_evaluation(ports: Ports, caller: Principal, competence: str) -> Started:
    """A learner resumes their started evaluation of a competence rather than opening another."""
    require_user(caller)
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


def start_campaign_assessment(ports: Ports, caller: Principal, campaign_code: str) -> Started:
    """A campaign assessment runs placement over the target skills orga gave the campaign, for
    a participant who joined it; a started one is resumed."""
    require_user(caller)
    code = campaign_code.strip().upper()
    campaign = ports.campaigns.find(code)
    joined = campaign is not None and ports.campaigns.has_joined(code, caller.user_id)
    check_can_start(campaign, joined)
    assert campaign is not None
    unknown = [s for s in campaign.target_skill_ids if s not in ports.content.skills]
    if unknown or not campaign.target_skill_ids:
        raise Invalid(
            "Certains acquis visés par cette campagne sont inconnus du référentiel.",
            code="SKILL_NOT_FOUND",
            details={"skill_ids": unknown[:20]},
        )
    fresh = Assessment(
        new_id(),
        caller.user_id,
        AssessmentKind.CAMPAIGN,
        campaign.target_skill_ids,
        ports.clock.now(),
        campaign_code=code,
    )
    return retry_on_conflict(lambda: _start_or_resume(ports, fresh))


def _start_or_resume(ports: Ports, fresh: Assessment) -> Started:
    slot = ports.assessments.read_slot(fresh.user_id, fresh.slot)
    if slot.assessment is not None and not slot.assessment.is_completed:
        return Started(slot.assessment, resumed=True)
    ports.assessments.add(fresh, slot)
    return Started(fresh, resumed=False)


def get_assessment(ports: Ports, caller: Principal, assessment_id: str) -> Assessment:
    require_user(caller)
    assessment = ports.assessments.get(assessment_id, caller.user_id)
    check_owner(assessment, caller.user_id)
    return assessment


def next_for(ports: Ports, caller: Principal, assessment_id: str) -> Challenge | None:
    """The challenge being shown (again, on resume: its clock keeps running), a new one, or
    None once the assessment is over — then it is completed and its completion announced."""
    return shown_for(ports, caller, assessment_id)[0]


def shown_for(
    ports: Ports, caller: Principal, assessment_id: str
) -> tuple[Challenge | None, int | None]:
    """`next_for`, with the seconds left on a timed challenge's own clock, which runs from when
    it was first served (through a reload too); None for a challenge without a timer."""
    require_user(caller)
    return retry_on_conflict(lambda: _next_once(ports, caller, assessment_id))


def _next_once(
    ports: Ports, caller: Principal, assessment_id: str
) -> tuple[Challenge | None, int | None]:
    assessment, knowledge = ports.assessments.load(assessment_id, caller.user_id)
    check_owner(assessment, caller.user_id)
    if assessment.is_completed:
        return None, None
    now = ports.clock.now()
    if assessment.current_challenge_id is not None:
        shown = ports.content.challenge(assessment.current_challenge_id)
        return shown, timer_left(shown, assessment.served_at, now)
    challenge = choose_next(ports.content, assessment, knowledge)
    ports.assessments.save(assessment.serve(challenge.id if challenge else None, now), knowledge)
    if challenge is None:
        announce(ports.publisher, caller.user_id, assessment.id, now)
    return challenge, timer_left(challenge, now, now)


def timer_left(
    challenge: Challenge | None, served_at: datetime | None, now: datetime
) -> int | None:
    if challenge is None or not challenge.timer:
        return None
    spent = (now - served_at).total_seconds() if served_at else 0
    return max(0, int(challenge.timer - spent))
