"""Keeping what certif knows of other services: the schools' students (orga's imports), who is
linked to which account, and certifiability (engine's profiles). Idempotent and order-tolerant."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import ValidationError

from chalicelib.certif.domain.students import EnrollableStudent, Profile, level_count
from chalicelib.certif.ports import Ports
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    LearnerReconciled,
    ProfileUpdated,
    StudentLine,
    StudentsImported,
)

log = get_logger("certif.read_models")


def record_students(ports: Ports, message: StudentsImported) -> int:
    """The school's active list replaces what an older import said; an import older than the
    last one applied changes nothing. Returns how many students were written."""
    center, at = message.organization_id, message.occurred_at
    if not ports.students.claim_import(center, at):
        log.info("students.import_outdated", center_id=center, import_id=message.import_id)
        return 0
    written = ports.students.save_students(_students(ports, message))
    ports.students.remove_students(center, message.disabled_student_ids, at)
    log.info(
        "students.imported",
        center_id=center,
        import_id=message.import_id,
        written=written,
        disabled=len(message.disabled_student_ids),
    )
    return written


def _students(ports: Ports, message: StudentsImported) -> Iterator[EnrollableStudent]:
    skipped = 0
    for number, text in enumerate(
        ports.student_lists.lines(message.students_bucket, message.students_key), 1
    ):
        if not text.strip():
            continue
        try:
            line = StudentLine.model_validate(json.loads(text))
        except (ValueError, ValidationError):
            skipped += 1
            log.error("students.unreadable_line", import_id=message.import_id, line=number)
            continue
        yield EnrollableStudent(
            id=line.id,
            center_id=message.organization_id,
            first_name=line.first_name,
            last_name=line.last_name,
            birthdate=line.birthdate,
            preferred_last_name=line.preferred_last_name,
            sex=line.sex,
            division=line.division,
            birth_country_code=line.birth_country_code,
            birth_department_code=line.birth_department_code,
            birth_city_code=line.birth_city_code,
            birth_city=line.birth_city,
            imported_at=message.occurred_at,
        )


def record_reconciliation(ports: Ports, message: LearnerReconciled) -> None:
    """A student linked to an account (naturally idempotent; orga refuses a second account)."""
    ports.students.link(message.organization_id, message.student_id, message.user_id)


def record_profile(ports: Ports, message: ProfileUpdated) -> None:
    """Certifiability and level count, never overwriting a newer profile."""
    ports.students.save_profile_if_newer(
        Profile(
            user_id=message.user_id,
            certifiable=message.certifiable,
            level_count=level_count([m.level for m in message.competences]),
            as_of=message.as_of,
        )
    )
