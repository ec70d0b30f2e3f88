"""An erased learner in engine: a school's erasure removes what ties the account to that
school (the link, its campaigns' participations); the placement history and profile belong to
the account and go with it (the jury's erasure)."""

from __future__ import annotations

from chalicelib.engine.ports import Ports
from pixcore.claim_scrub import scrubbed_claims
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    ErasureLine,
    LearnerDataGatheredByEngine,
    LearnerDataRequested,
    LearnerErasedByEngine,
    LearnerErasureRequested,
)

log = get_logger("engine.erasure")

WHAT = {
    "school_links": "rattachements du compte à l'établissement",
    "campaign_participations": "participations aux campagnes",
    "placement": "profil, tests de positionnement et réponses",
    "certification_refusals": "refus de démarrage d'une certification",
    "certification_courses": "tests de certification et leurs réponses",
}
EXAM_RECORD = (
    "Les réponses d'une certification font partie du procès-verbal de l'examen : elles restent "
    "tant que le certificat est vérifiable (3 ans après sa publication), pour le jury et la "
    "vérification publique."
)
KEPT_WITH_ACCOUNT = (
    "Le profil Pix et les tests de positionnement appartiennent au compte de l'élève, pas à "
    "l'établissement : ils sont effacés avec le compte (effacement demandé au jury)."
)


def erase_learner(ports: Ports, message: LearnerErasureRequested) -> list[ErasureLine]:
    lines: list[ErasureLine] = []
    if message.user_id and ports.learner_data is not None:
        schools = (
            None if message.scope == "account" else {s.organization_id for s in message.students}
        )
        counts = ports.learner_data.erase(message.user_id, schools, message.campaign_codes)
        lines = [
            ErasureLine(what=WHAT[kind], action="deleted", count=count)
            for kind, count in counts.items()
            if count
        ]
        courses = ports.learner_data.certification_courses(message.user_id)
        if courses:
            lines.append(
                ErasureLine(
                    what=WHAT["certification_courses"],
                    action="kept",
                    count=courses,
                    reason=EXAM_RECORD,
                )
            )
        if message.scope == "student":
            lines.append(
                ErasureLine(
                    what=WHAT["placement"], action="kept", count=1, reason=KEPT_WITH_ACCOUNT
                )
            )
    ids = {message.user_id or "", *(s.student_id for s in message.students)}
    lines += scrubbed_claims(ports.claims, "engine", ids)
    ports.publisher.publish(
        LearnerErasedByEngine(
            erasure_id=message.erasure_id, lines=lines, erased_at=ports.clock.now()
        )
    )
    log.info("erasure.done", erasure_id=message.erasure_id, scope=message.scope)
    return lines


def gather_learner(ports: Ports, message: LearnerDataRequested) -> None:
    """Engine's part of an export: the account's placement (for the learner's own export) and
    what ties it to the school's campaigns."""
    data: dict[str, list[dict[str, object]]] = {}
    if message.user_id and ports.learner_data is not None:
        data = ports.learner_data.gather(message.user_id, message.campaign_codes)
        if message.scope == "student":
            data.pop("placement", None)  # the account's, not the school's: the family asks
    ports.publisher.publish(
        LearnerDataGatheredByEngine(
            export_id=message.export_id, data=data, gathered_at=ports.clock.now()
        )
    )
