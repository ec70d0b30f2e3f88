"""Erasing a learner: orga erases its own copies at once, then asks every other service to
erase theirs (LearnerErasureRequested); each answers with what it deleted and what it keeps."""

from __future__ import annotations

from chalicelib.orga.domain.privacy import Erasure, LearnerSubject, may_see
from chalicelib.orga.ports import Ports
from pixcore.claim_scrub import scrubbed_claims
from pixcore.errors import Conflict, NotFound
from pixcore.ids import new_id
from pixcore.logs import get_logger
from pixcore.messages.catalog import LearnerErased, LearnerErasureRequested, StudentRef
from pixcore.principal import Principal, require_jury, require_member

log = get_logger("orga.erasure")


def _start(
    ports: Ports, caller: Principal, subject: LearnerSubject, erasure: Erasure, lines: list
) -> Erasure:
    assert ports.erasures is not None
    ids = {subject.user_id or "", *subject.students.values()}
    erasure.reports["orga"] = lines + scrubbed_claims(ports.claims, "orga", ids)
    ports.erasures.add(erasure)
    ports.publisher.publish(
        LearnerErasureRequested(
            erasure_id=erasure.id,
            scope=erasure.scope,
            students=[
                StudentRef(organization_id=org, student_id=student)
                for org, student in subject.students.items()
            ],
            user_id=subject.user_id,
            campaign_codes=subject.campaign_codes,
            requested_at=erasure.requested_at,
        )
    )
    log.info("erasure.requested", erasure_id=erasure.id, scope=erasure.scope, by=caller.user_id)
    return erasure


def erase_student(
    ports: Ports, caller: Principal, organization_id: str, student_id: str
) -> Erasure:
    """A school's admin (or the jury) erases a student record of the school and its copies."""
    require_member(caller, organization_id, admin=True)
    assert ports.learners is not None
    subject = ports.learners.student(organization_id, student_id)
    lines = ports.learners.erase_student(organization_id, student_id, subject.user_id)
    erasure = Erasure(
        new_id(),
        "student",
        caller.user_id,
        ports.clock.now(),
        organization_id,
        [student_id],
        subject.user_id,
    )
    return _start(ports, caller, subject, erasure, lines)


def erase_account(ports: Ports, caller: Principal, user_id: str) -> Erasure:
    """The jury erases an account, on the family's request: the account, every student record
    linked to it, and every copy in every service."""
    require_jury(caller)
    assert ports.learners is not None
    if ports.learners.is_staff(user_id):
        raise Conflict(
            "Ce compte est celui d'un personnel (membre d'un établissement, jury ou "
            "académie) : retirez-le d'abord des établissements dont il est membre ; un compte "
            "du jury ou d'une académie ne s'efface pas comme celui d'un élève.",
            code="ACCOUNT_IS_STAFF",
        )
    subject = ports.learners.account(user_id)
    lines = ports.learners.erase_account(subject)
    erasure = Erasure(
        new_id(),
        "account",
        caller.user_id,
        ports.clock.now(),
        None,
        list(subject.students.values()),
        user_id,
    )
    return _start(ports, caller, subject, erasure, lines)


def get_erasure(ports: Ports, caller: Principal, erasure_id: str) -> Erasure:
    assert ports.erasures is not None
    erasure = ports.erasures.get(erasure_id)
    admin_of = {org for org, role in caller.memberships.items() if role == "ADMIN"}
    if not may_see(erasure, caller.is_jury, admin_of):
        raise NotFound("Effacement introuvable.", code="ERASURE_NOT_FOUND")
    return erasure


def record_report(ports: Ports, message: LearnerErased) -> None:
    """Idempotent: a service reports once; a duplicate or a late copy changes nothing."""
    assert ports.erasures is not None
    ports.erasures.report(message.erasure_id, message.SERVICE, list(message.lines))
    log.info("erasure.reported", erasure_id=message.erasure_id, service=message.SERVICE)
