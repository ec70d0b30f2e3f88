"""How students and their divisions are laid out in orga's table, and the conversions."""

from __future__ import annotations

from datetime import date

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.students import Student
from pixcore import retention as keep

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
    """pk ORG#<org>#LIST#<generation> (a list written by one import) or ORG#<org>#LEFT (those
    who left, disabled), sk STUDENT#<ine>; gsi1 lists a division of a list by name; gsi2 finds a
    student by id (sk LIST#<generation> or LEFT)."""

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
    updated_at = UTCDateTimeAttribute(null=True)
    fingerprint = UnicodeAttribute(null=True)
    search_text = UnicodeAttribute(null=True)


class DivisionItem(OrgaItem):
    """pk ORG#<org>#LIST#<generation>, sk DIVISION#<name>: the division's count of students."""

    name = UnicodeAttribute()
    student_count = NumberAttribute()


class StudentListItem(OrgaItem):
    """pk ORG#<org>, sk STUDENT_LIST: the generation readers see (versioned: imports switch it)."""

    generation = UnicodeAttribute()


class LinkItem(OrgaItem):
    """pk ORG#<org>, sk LINK#<student id>: the account a student is linked to."""

    user_id = UnicodeAttribute()


class AccountLinkItem(OrgaItem):
    """pk ORG#<org>, sk ACCOUNT#<user id>: the one student of the school an account is linked to."""

    student_id = UnicodeAttribute()


def org_pk(organization_id: str) -> str:
    return f"ORG#{organization_id}"


def list_pk(organization_id: str, generation: str) -> str:
    return f"ORG#{organization_id}#LIST#{generation}"


def left_pk(organization_id: str) -> str:
    return f"ORG#{organization_id}#LEFT"


def student_sk(ine: str) -> str:
    return f"STUDENT#{ine}"


def division_pk(organization_id: str, generation: str, division: str) -> str:
    return f"ORGDIV#{organization_id}#{generation}#{division}"


def to_item(s: Student, generation: str | None) -> StudentItem:
    """In a list (`generation`) as active, or among those who left (None) as disabled."""
    item = StudentItem(
        list_pk(s.organization_id, generation) if generation else left_pk(s.organization_id),
        student_sk(s.ine),
        student_id=s.id,
        ine=s.ine,
        last_name=s.last_name,
        first_name=s.first_name,
        birthdate=s.birthdate.isoformat(),
        division=s.division,
        active=generation is not None,
        updated_at=s.updated_at,
        fingerprint=s.fingerprint,
        search_text=s.search_text,
        gsi2pk=f"STUDENTID#{s.id}",
        gsi2sk=f"LIST#{generation}" if generation else "LEFT",
        **{name: getattr(s, name) for name in _OPTIONAL},
    )
    if generation:
        item.gsi1pk = division_pk(s.organization_id, generation, s.division)
        item.gsi1sk = s.name_key
    elif s.updated_at:  # disabled when it left: forgotten once that school year is over
        item.expires_at = keep.end_of_school_year(s.updated_at.date())
    return item


def from_item(item: StudentItem, user_id: str | None = None) -> Student:
    return Student(
        id=item.student_id,
        organization_id=item.pk.split("#")[1],
        ine=item.ine,
        last_name=item.last_name,
        first_name=item.first_name,
        birthdate=date.fromisoformat(item.birthdate),
        division=item.division,
        active=item.active,
        user_id=user_id,
        updated_at=item.updated_at,
        fingerprint=item.fingerprint or "",
        **{name: getattr(item, name) for name in _OPTIONAL},
    )
