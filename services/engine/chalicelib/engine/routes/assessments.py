"""Routes: competence evaluations and campaign assessments, challenge by challenge."""

from __future__ import annotations

from chalicelib.engine import bootstrap, schemas
from chalicelib.engine.domain.assessment import Assessment
from chalicelib.engine.use_cases import answering, assessments
from pixcore.http import Api, Context


def register(api: Api) -> None:
    @api.route(
        "/competence-evaluations",
        ("POST",),
        body=schemas.CompetenceEvaluationRequest,
        response=schemas.AssessmentOut,
        status=201,
        summary="Commencer ou reprendre l'évaluation d'une compétence",
    )
    def start_competence_evaluation(ctx: Context) -> assessments.Started:
        return assessments.start_competence_evaluation(
            bootstrap.ports(), ctx.user, ctx.body.competence
        )

    @api.route(
        "/assessments",
        ("POST",),
        body=schemas.CampaignAssessmentRequest,
        response=schemas.AssessmentOut,
        status=201,
        summary="Commencer ou reprendre le parcours d'une campagne",
    )
    def start_campaign_assessment(ctx: Context) -> assessments.Started:
        return assessments.start_campaign_assessment(
            bootstrap.ports(), ctx.user, ctx.body.campaign_code
        )

    @api.route(
        "/assessments/{assessment_id}",
        response=schemas.AssessmentOut,
        summary="État et progression d'une évaluation",
    )
    def get_assessment(ctx: Context, assessment_id: str) -> Assessment:
        return assessments.get_assessment(bootstrap.ports(), ctx.user, assessment_id)

    @api.route(
        "/assessments/{assessment_id}/next",
        response=schemas.ChallengeOut,
        summary="La question en cours, ou 204 quand l'évaluation est terminée",
    )
    def next_challenge(ctx: Context, assessment_id: str) -> schemas.ChallengeOut | None:
        challenge, left = assessments.shown_for(bootstrap.ports(), ctx.user, assessment_id)
        if challenge is None:
            return None
        shown = schemas.ChallengeOut.model_validate(challenge, from_attributes=True)
        return shown.model_copy(update={"timer_remaining_seconds": left})

    @api.route(
        "/assessments/{assessment_id}/answers",
        ("POST",),
        body=schemas.AnswerRequest,
        response=schemas.AnswerOut,
        status=201,
        summary="Répondre à la question en cours (ou la passer)",
    )
    def give_answer(ctx: Context, assessment_id: str) -> answering.AnswerOutcome:
        command = answering.GiveAnswer(
            assessment_id, ctx.body.challenge_id, ctx.body.value, ctx.body.skip
        )
        return answering.answer(bootstrap.ports(), ctx.user, command)
