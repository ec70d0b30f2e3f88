"""Routes: competence evaluations and campaign assessments, challenge by challenge."""

from __future__ import annotations

from typing import Any

from chalicelib.engine import bootstrap, schemas
from chalicelib.engine.domain.assessment import Assessment
from chalicelib.engine.domain.challenge_view import learner_view
from chalicelib.engine.use_cases import answering, assessments
from pixcore.http import Api, Context


def assessment_out(assessment: Assessment, resumed: bool = False) -> dict[str, Any]:
    return {
        "assessment_id": assessment.id,
        "kind": assessment.kind.value,
        "state": assessment.state.value,
        "competence": assessment.competence,
        "campaign_code": assessment.campaign_code,
        "answered_count": len(assessment.answers),
        "max_answers": assessment.max_answers,
        "current_challenge_id": assessment.current_challenge_id,
        "resumed": resumed,
    }


def register(api: Api) -> None:
    @api.route(
        "/competence-evaluations",
        ("POST",),
        body=schemas.CompetenceEvaluationRequest,
        response=schemas.AssessmentOut,
        status=201,
        summary="Commencer ou reprendre l'évaluation d'une compétence",
    )
    def start_competence_evaluation(ctx: Context) -> dict[str, Any]:
        deps = bootstrap.engine()
        started = assessments.start_competence_evaluation(
            deps.assessments, deps.clock, bootstrap.content(), ctx.user, ctx.body.competence
        )
        return assessment_out(started.assessment, started.resumed)

    @api.route(
        "/assessments",
        ("POST",),
        body=schemas.CampaignAssessmentRequest,
        response=schemas.AssessmentOut,
        status=201,
        summary="Commencer ou reprendre le parcours d'une campagne",
    )
    def start_campaign_assessment(ctx: Context) -> dict[str, Any]:
        deps = bootstrap.engine()
        started = assessments.start_campaign_assessment(
            deps.assessments,
            deps.clock,
            bootstrap.content(),
            ctx.user,
            ctx.body.target_skill_ids,
            ctx.body.campaign_code,
        )
        return assessment_out(started.assessment, started.resumed)

    @api.route(
        "/assessments/{assessment_id}",
        response=schemas.AssessmentOut,
        summary="État et progression d'une évaluation",
    )
    def get_assessment(ctx: Context, assessment_id: str) -> dict[str, Any]:
        found = assessments.get_assessment(bootstrap.engine().assessments, ctx.user, assessment_id)
        return assessment_out(found)

    @api.route(
        "/assessments/{assessment_id}/next",
        response=schemas.ChallengeOut,
        summary="La question en cours, ou 204 quand l'évaluation est terminée",
    )
    def next_challenge(ctx: Context, assessment_id: str) -> dict[str, Any] | None:
        deps = bootstrap.engine()
        challenge = assessments.next_for(
            deps.assessments,
            deps.publisher,
            deps.clock,
            bootstrap.content(),
            ctx.user,
            assessment_id,
        )
        return learner_view(challenge) if challenge else None

    @api.route(
        "/assessments/{assessment_id}/answers",
        ("POST",),
        body=schemas.AnswerRequest,
        response=schemas.AnswerOut,
        status=201,
        summary="Répondre à la question en cours (ou la passer)",
    )
    def give_answer(ctx: Context, assessment_id: str) -> dict[str, Any]:
        deps = bootstrap.engine()
        command = answering.GiveAnswer(
            assessment_id, ctx.body.challenge_id, ctx.body.value, ctx.body.skip
        )
        outcome = answering.answer(
            deps.assessments,
            deps.publisher,
            deps.clock,
            bootstrap.content(),
            ctx.user,
            command,
        )
        return {
            "result": outcome.result.value,
            "next": learner_view(outcome.next) if outcome.next else None,
            "completed": outcome.completed,
        }
