"""Accounts, schools and memberships in orga's DynamoDB table."""

from __future__ import annotations

from datetime import date

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.accounts import Account
from chalicelib.orga.domain.organizations import (
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Sector,
)
from pixcore.dynamo import conditional, connection
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound


class UserItem(OrgaItem):
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    birthdate = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    username = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute()
    role = UnicodeAttribute()
    created_at = UTCDateTimeAttribute(null=True)
    academie = UnicodeAttribute(null=True)


class LoginItem(OrgaItem):
    user_id = UnicodeAttribute()


class OrganizationItem(OrgaItem):
    uai = UnicodeAttribute()
    name = UnicodeAttribute()
    type = UnicodeAttribute()
    sector = UnicodeAttribute()
    academie = UnicodeAttribute()
    is_certification_center = BooleanAttribute()


class UaiItem(OrgaItem):
    organization_id = UnicodeAttribute()


class MembershipItem(OrgaItem):
    role = UnicodeAttribute()


def _transact(*puts: OrgaItem, conflict: Conflict) -> None:
    with conditional(conflict), TransactWrite(connection=connection()) as tx:
        for item in puts:
            tx.save(item, condition=type(item).pk.does_not_exist())


class DynamoAccountRepository:
    def add(self, account: Account) -> None:
        user = UserItem(
            f"USER#{account.id}",
            "USER",
            first_name=account.first_name,
            last_name=account.last_name,
            birthdate=account.birthdate.isoformat() if account.birthdate else None,
            email=account.email,
            username=account.username,
            password_hash=account.password_hash,
            role=account.role,
            created_at=account.created_at,
            academie=account.academie,
        )
        logins = [
            LoginItem(f"LOGIN#{k}", "LOGIN", user_id=account.id)
            for k in (account.email, account.username)
            if k
        ]
        _transact(
            user,
            *logins,
            conflict=Conflict(
                "Cette adresse e-mail ou cet identifiant est déjà utilisé.", code="LOGIN_TAKEN"
            ),
        )

    def get(self, user_id: str) -> Account:
        try:
            item = UserItem.get(f"USER#{user_id}", "USER")
        except DoesNotExist as exc:
            raise NotFound("Utilisateur introuvable.", code="USER_NOT_FOUND") from exc
        # The account's index also holds its links to student records and its exports.
        memberships = {
            m.pk.removeprefix("ORG#"): m.role
            for m in MembershipItem.gsi1.query(
                f"USER#{user_id}", MembershipItem.gsi1sk.startswith("MEMBER#")
            )
        }
        return Account(
            user_id,
            item.first_name,
            item.last_name,
            date.fromisoformat(item.birthdate) if item.birthdate else None,
            item.email,
            item.username,
            item.password_hash,
            item.role,
            memberships,
            item.created_at,
            item.academie,
        )

    def find_by_login(self, login: str) -> Account | None:
        try:
            return self.get(LoginItem.get(f"LOGIN#{login}", "LOGIN").user_id)
        except DoesNotExist:
            return None

    def login_taken(self, login: str) -> bool:
        return LoginItem.count(f"LOGIN#{login}") > 0

    def set_role(self, user_id: str, role: str, academie: str | None) -> None:
        with conditional(NotFound("Utilisateur introuvable.", code="USER_NOT_FOUND")):
            UserItem(f"USER#{user_id}", "USER").update(
                actions=[
                    UserItem.role.set(role),
                    UserItem.academie.set(academie) if academie else UserItem.academie.remove(),
                ],
                condition=UserItem.pk.exists(),
            )

    def replace_password_hash(self, user_id: str, old: str, new: str) -> None:
        try:
            with conditional():
                UserItem(f"USER#{user_id}", "USER").update(
                    actions=[UserItem.password_hash.set(new)],
                    condition=UserItem.password_hash == old,
                )
        except ConcurrentUpdate:
            pass  # the password changed meanwhile: that newer hash stays


class DynamoOrganizationRepository:
    def add(self, organization: Organization) -> None:
        o = organization
        item = OrganizationItem(
            f"ORG#{o.id}",
            "ORG",
            uai=o.uai,
            name=o.name,
            type=o.type,
            sector=o.sector,
            academie=o.academie,
            is_certification_center=o.is_certification_center,
            gsi1pk="ORGS",
            gsi1sk=f"ORG#{o.uai}",
        )
        uai = UaiItem(f"UAI#{o.uai}", "UAI", organization_id=o.id)
        _transact(
            item,
            uai,
            conflict=Conflict("Un établissement avec cet UAI existe déjà.", code="UAI_TAKEN"),
        )

    def get(self, organization_id: str) -> Organization:
        try:
            i = OrganizationItem.get(f"ORG#{organization_id}", "ORG")
        except DoesNotExist as exc:
            raise NotFound("Établissement introuvable.", code="ORGANIZATION_NOT_FOUND") from exc
        return Organization(
            organization_id,
            i.uai,
            i.name,
            OrganizationType(i.type),
            Sector(i.sector),
            i.academie,
            i.is_certification_center,
        )

    def set_member(self, organization_id: str, user_id: str, role: MembershipRole) -> None:
        MembershipItem(
            f"ORG#{organization_id}",
            f"MEMBER#{user_id}",
            role=role,
            gsi1pk=f"USER#{user_id}",
            gsi1sk=f"MEMBER#{organization_id}",
        ).save()

    def members(self, organization_id: str) -> list[Membership]:
        return [
            Membership(organization_id, m.sk.removeprefix("MEMBER#"), MembershipRole(m.role))
            for m in MembershipItem.query(
                f"ORG#{organization_id}", MembershipItem.sk.startswith("MEMBER#")
            )
        ]
