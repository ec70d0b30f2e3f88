"""How students and their divisions are laid out in orga's table, and the conversions."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.students import Student
from pixcore.errors import Invalid

_OPTIONAL = (
    "preferred_last_name",
    "middle_name",
    "third_name",
    "sex",
    "birth_country_code",
    "birth_department_code",
    "birth_city_code",
    "birth_city",
    "mef_code",
    "status",
)


class StudentItem(OrgaItem):
    """pk ORG#<org>, sk STUDENT#<ine>; gsi1 lists a division by name (active students only);
    gsi2 finds a student by id."""

    student_id = UnicodeAttribute()
    ine = UnicodeAttribute()
    last_name = UnicodeAttribute()
    first_name = UnicodeAttribute()
    birthdate = UnicodeAttribute()
    division = UnicodeAttribute()
    preferred_last_name = UnicodeAttribute(null=True)
    middle_name = UnicodeAttribute(null=True)
    third_name = UnicodeAttribute(null=True)
    sex = UnicodeAttribute(null=True)
    birth_country_code = UnicodeAttribute(null=True)
    birth_department_code = UnicodeAttribute(null=True)
    birth_city_code = UnicodeAttribute(null=True)
    birth_city = UnicodeAttribute(null=True)
    mef_code = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    active = BooleanAttribute()
    user_id = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute(null=True)
    fingerprint = UnicodeAttribute(null=True)
    search_text = UnicodeAttribute(null=True)


class DivisionItem(OrgaItem):
    """pk ORG#<org>, sk DIVISION#<name>: the division's count of active students."""

    name = UnicodeAttribute()
    student_count = NumberAttribute()


def org_pk(organization_id: str) -> str:
    return f"ORG#{organization_id}"


def student_sk(ine: str) -> str:
    return f"STUDENT#{ine}"


def division_pk(organization_id: str, division: str) -> str:
    return f"ORGDIV#{organization_id}#{division}"


def to_item(s: Student) -> StudentItem:
    item = StudentItem(
        org_pk(s.organization_id),
        student_sk(s.ine),
        student_id=s.id,
        ine=s.ine,
        last_name=s.last_name,
        first_name=s.first_name,
        birthdate=s.birthdate.isoformat(),
        division=s.division,
        active=s.active,
        user_id=s.user_id,
        updated_at=s.updated_at,
        fingerprint=s.fingerprint,
        search_text=s.search_text,
        gsi2pk=f"STUDENTID#{s.id}",
        gsi2sk="STUDENT",
        **{name: getattr(s, name) for name in _OPTIONAL},
    )
    if s.active:
        item.gsi1pk, item.gsi1sk = division_pk(s.organization_id, s.division), s.name_key
    return item


_NOT_FROM_FILE = frozenset({"pk", "sk", "user_id", "expires_at"})


def file_update(s: Student) -> list[Any]:
    """The UpdateItem actions that rewrite everything `to_item` writes but the keys and the
    account link: a link made meanwhile by `link_user` survives."""
    item = to_item(s)
    actions = []
    for name, attribute in StudentItem.get_attributes().items():
        if name in _NOT_FROM_FILE:
            continue
        value = getattr(item, name)
        actions.append(attribute.remove() if value is None else attribute.set(value))
    return actions


def from_item(item: StudentItem) -> Student:
    return Student(
        id=item.student_id,
        organization_id=item.pk.removeprefix("ORG#"),
        ine=item.ine,
        last_name=item.last_name,
        first_name=item.first_name,
        birthdate=date.fromisoformat(item.birthdate),
        division=item.division,
        active=item.active,
        user_id=item.user_id,
        updated_at=item.updated_at,
        fingerprint=item.fingerprint or "",
        **{name: getattr(item, name) for name in _OPTIONAL},
    )


def encode_cursor(key: dict[str, Any] | None) -> str | None:
    if not key:
        return None
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    """The cursor is opaque to clients: the base64 of DynamoDB's LastEvaluatedKey."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if isinstance(key, dict) and all(isinstance(v, dict) for v in key.values()):
            return key
    except ValueError:
        pass
    raise Invalid("Le curseur de pagination n'est pas valide.", code="INVALID_CURSOR")
