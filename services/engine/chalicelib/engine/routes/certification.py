"""Routes: the candidate's certification course, question by question, to the end screen."""

from __future__ import annotations

import re

from chalicelib.engine import bootstrap, course_schemas
from chalicelib.engine.use_cases import certification_delivery as delivery
from chalicelib.engine.use_cases.course_views import CourseView
from pixcore.errors import NotFound
from pixcore.http import Api, Context

BASE = "/certification-courses/{course_id}"
_COURSE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def _checked(course_id: str) -> str:
    """Course ids are certif's identifiers: anything else names no course."""
    if not _COURSE_ID.match(course_id):
        raise NotFound("Ce test de certification est introuvable.", code="COURSE_NOT_FOUND")
    return course_id


def register(api: Api) -> None:
    @api.route(
        BASE,
        response=course_schemas.CourseOut,
        summary="Candidat : état de son test (generating tant qu'il se génère : réessayer)",
    )
    def get_course(ctx: Context, course_id: str) -> CourseView:
        return delivery.course_status(bootstrap.ports(), ctx.user, _checked(course_id))

    @api.route(
        f"{BASE}/next",
        response=course_schemas.NextQuestionOut,
        summary="Candidat : question en cours (k sur N), temps restant ; 204 une fois le test fini",
    )
    def next_question(ctx: Context, course_id: str) -> delivery.NextQuestion | None:
        return delivery.next_question(bootstrap.ports(), ctx.user, _checked(course_id))

    @api.route(
        f"{BASE}/answers",
        ("POST",),
        body=course_schemas.CourseAnswerRequest,
        response=course_schemas.CourseAnswerOut,
        status=201,
        summary="Candidat : répondre à la question en cours (ou la passer), sans retour en arrière",
    )
    def answer(ctx: Context, course_id: str) -> delivery.CourseAnswerOutcome:
        command = delivery.GiveCourseAnswer(
            _checked(course_id), ctx.body.challenge_id, ctx.body.value, ctx.body.skip
        )
        return delivery.answer_question(bootstrap.ports(), ctx.user, command)

    @api.route(
        f"{BASE}/end-screen",
        ("POST",),
        response=course_schemas.CourseOut,
        summary="Candidat : coche « Le surveillant a bien vu cet écran »",
    )
    def end_screen(ctx: Context, course_id: str) -> CourseView:
        return delivery.confirm_end_screen(bootstrap.ports(), ctx.user, _checked(course_id))
