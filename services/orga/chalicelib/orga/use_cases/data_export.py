"""A learner's data export (RGPD art. 15): orga gathers its own part at once and asks every
other service for theirs (LearnerDataRequested); the last part to arrive builds the archive,
which can be downloaded for 7 days."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.orga.domain.privacy import (
    EXPORT_EVERY_HOURS,
    DataExport,
    LearnerSubject,
    may_download,
)
from chalicelib.orga.ports import Ports
from pixcore.errors import NotFound, Throttled
from pixcore.ids import new_id
from pixcore.logs import get_logger
from pixcore.messages.catalog import LearnerDataGathered, LearnerDataRequested, StudentRef
from pixcore.principal import Principal, require_member, require_user

log = get_logger("orga.export")

README = """Vos données dans Pix (export du {date})

Un fichier par service de la plateforme, chacun avec les éléments qu'il garde sur vous, tels
qu'ils sont enregistrés (les identifiants techniques compris) :

- orga.json : votre compte, votre inscription dans l'établissement (liste SIECLE), vos
  participations aux campagnes et vos résultats de certification vus par l'établissement ;
- certif.json : votre inscription aux sessions de certification ;
- engine.json : votre profil, vos tests de positionnement et vos réponses ;
- jury.json : vos certifications et attestations (et documents/ pour les attestations).

La feuille d'émargement et les procès-verbaux de session ne sont pas joints : ils portent aussi
les autres candidats de la session. L'établissement peut vous les montrer.
Le registre des données (PRIVACY.md) dit, pour chacune, pourquoi et combien de temps elle est
gardée. Cette archive est supprimée 7 jours après la demande.
"""


def _start(
    ports: Ports, caller: Principal, subject: LearnerSubject, export: DataExport, whole: bool
) -> DataExport:
    assert ports.exports is not None and ports.learners is not None
    latest = ports.exports.latest(export.subject_key)
    if latest and export.requested_at - latest.requested_at < timedelta(hours=EXPORT_EVERY_HOURS):
        raise Throttled(
            "Un export de ces données a déjà été demandé il y a moins de 24 heures : "
            "téléchargez-le ou réessayez demain.",
            code="EXPORT_THROTTLED",
            details={"export_id": latest.id},
        )
    ports.exports.add(export)
    ports.exports.put_part(export.id, "orga", ports.learners.gather(subject, whole), [])
    ports.publisher.publish(
        LearnerDataRequested(
            export_id=export.id,
            scope="account" if whole else "student",
            students=[
                StudentRef(organization_id=org, student_id=student)
                for org, student in subject.students.items()
            ],
            user_id=subject.user_id,
            campaign_codes=subject.campaign_codes,
            requested_at=export.requested_at,
        )
    )
    log.info("export.requested", export_id=export.id, by=caller.user_id)
    return ports.exports.get(export.id)


def export_mine(ports: Ports, caller: Principal) -> DataExport:
    """The learner asks for everything the platform holds about them."""
    require_user(caller)
    assert ports.learners is not None
    subject = ports.learners.account(caller.user_id)
    export = DataExport(
        new_id(), caller.user_id, ports.clock.now(), f"user:{caller.user_id}", None, caller.user_id
    )
    return _start(ports, caller, subject, export, whole=True)


def export_student(
    ports: Ports, caller: Principal, organization_id: str, student_id: str
) -> DataExport:
    """A school admin asks, for one of their students, what the platform holds as that
    school's student (the account's own data is the family's to ask for)."""
    require_member(caller, organization_id, admin=True)
    assert ports.learners is not None
    subject = ports.learners.student(organization_id, student_id)
    export = DataExport(
        new_id(),
        caller.user_id,
        ports.clock.now(),
        f"student:{organization_id}:{student_id}",
        organization_id,
        subject.user_id,
    )
    return _start(ports, caller, subject, export, whole=False)


def get_export(ports: Ports, caller: Principal, export_id: str) -> DataExport:
    assert ports.exports is not None
    export = ports.exports.get(export_id)
    admin_of = {org for org, role in caller.memberships.items() if role == "ADMIN"}
    if not may_download(export, caller.user_id, caller.is_jury, admin_of):
        raise NotFound("Export introuvable.", code="EXPORT_NOT_FOUND")
    return _with_link(ports, export)


def my_latest(ports: Ports, caller: Principal) -> DataExport:
    require_user(caller)
    assert ports.exports is not None
    latest = ports.exports.latest(f"user:{caller.user_id}")
    if latest is None:
        raise NotFound("Aucun export demandé.", code="EXPORT_NOT_FOUND")
    return _with_link(ports, latest)


def _with_link(ports: Ports, export: DataExport) -> DataExport:
    assert ports.exports is not None
    if export.archive_key:
        export.download_url = ports.exports.download_url(export)
    return export


def record_part(ports: Ports, message: LearnerDataGathered) -> None:
    """Idempotent: a part is kept once; whoever completes the set builds the archive (again,
    identically, on a repeated delivery)."""
    assert ports.exports is not None
    export = ports.exports.put_part(
        message.export_id, message.SERVICE, message.data, list(message.documents)
    )
    if export.complete and not export.archive_key:
        readme = README.format(date=export.requested_at.strftime("%d/%m/%Y"))
        ports.exports.build_archive(export, readme)
        log.info("export.completed", export_id=export.id)
