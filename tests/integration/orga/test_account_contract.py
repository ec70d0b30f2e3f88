"""Contract of the account, organization and school-directory ports, fake and DynamoDB alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from chalicelib.orga.adapters.dynamo_accounts import (
    DynamoAccountRepository,
    DynamoOrganizationRepository,
)
from chalicelib.orga.adapters.dynamo_imports import DynamoSchoolDirectory
from chalicelib.orga.adapters.memory import (
    InMemoryAccountRepository,
    InMemoryOrganizationRepository,
    InMemorySchoolDirectory,
)
from chalicelib.orga.domain.accounts import Account
from chalicelib.orga.domain.organizations import (
    MembershipRole,
    Organization,
    OrganizationType,
    Sector,
)
from pixcore.errors import Conflict, NotFound
from pixcore.ids import new_id


@pytest.fixture
def repos(kind: str):  # noqa: ANN201
    if kind == "memory":
        accounts = InMemoryAccountRepository()
        organizations = InMemoryOrganizationRepository(accounts)
        return accounts, organizations, InMemorySchoolDirectory(organizations)
    return DynamoAccountRepository(), DynamoOrganizationRepository(), DynamoSchoolDirectory()


def account(**fields) -> Account:  # noqa: ANN003
    key = new_id().lower()
    base = dict(
        id=new_id(),
        first_name="Zoé",
        last_name="Lefèvre",
        birthdate=date(2011, 2, 28),
        email=f"zoe.{key}@example.fr",
        username=None,
        password_hash="scrypt$x",
        created_at=datetime(2026, 3, 2, tzinfo=UTC),
    )
    return Account(**{**base, **fields})


def school(uai: str = "0750655E") -> Organization:
    return Organization(
        new_id(), uai, "Collège Jean-Moulin", OrganizationType.COLLEGE, Sector.PUBLIC, "Paris", True
    )


def test_an_account_is_found_by_id_and_by_login(repos):
    accounts, _, _ = repos
    zoe = account(username=f"zoe.{new_id().lower()}")
    accounts.add(zoe)
    assert accounts.get(zoe.id) == zoe
    assert accounts.find_by_login(zoe.email) == zoe
    assert accounts.find_by_login(zoe.username) == zoe
    assert accounts.login_taken(zoe.email) and not accounts.login_taken("nobody@example.fr")
    assert accounts.find_by_login("nobody@example.fr") is None


def test_a_login_is_taken_once_and_nothing_of_the_second_account_is_kept(repos):
    accounts, _, _ = repos
    first = account()
    accounts.add(first)
    second = account(email=first.email)
    with pytest.raises(Conflict) as taken:
        accounts.add(second)
    assert taken.value.code == "LOGIN_TAKEN"
    with pytest.raises(NotFound) as missing:
        accounts.get(second.id)
    assert missing.value.code == "USER_NOT_FOUND"


def test_memberships_come_with_the_account(repos):
    accounts, organizations, _ = repos
    zoe, college = account(), school(uai=f"07{new_id()[-5:]}X")
    accounts.add(zoe)
    organizations.add(college)
    organizations.set_member(college.id, zoe.id, MembershipRole.ADMIN)
    assert accounts.get(zoe.id).memberships == {college.id: "ADMIN"}
    organizations.set_member(college.id, zoe.id, MembershipRole.MEMBER)
    assert [(m.user_id, m.role) for m in organizations.members(college.id)] == [
        (zoe.id, MembershipRole.MEMBER)
    ]


def test_a_uai_belongs_to_one_school_and_the_directory_finds_it(repos):
    _, organizations, directory = repos
    uai = f"09{new_id()[-5:]}D"
    college = school(uai)
    organizations.add(college)
    assert organizations.get(college.id) == college
    assert directory.organization_for_uai(uai) == college.id
    assert directory.organization_for_uai("0000000A") is None
    with pytest.raises(Conflict) as taken:
        organizations.add(replace(school(uai), name="Autre"))
    assert taken.value.code == "UAI_TAKEN"
    with pytest.raises(NotFound) as missing:
        organizations.get(new_id())
    assert missing.value.code == "ORGANIZATION_NOT_FOUND"


def test_a_password_hash_is_replaced_only_over_the_one_read(repos):
    accounts, _, _ = repos
    zoe = account()
    accounts.add(zoe)
    accounts.replace_password_hash(zoe.id, "not-the-stored-one", "$argon2id$other")
    assert accounts.get(zoe.id).password_hash == zoe.password_hash
    accounts.replace_password_hash(zoe.id, zoe.password_hash, "$argon2id$new")
    assert accounts.get(zoe.id).password_hash == "$argon2id$new"
