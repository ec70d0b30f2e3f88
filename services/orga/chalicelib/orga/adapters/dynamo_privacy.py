"""Finding and erasing everything orga's table and bucket hold about a learner."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pynamodb.exceptions import DoesNotExist

from chalicelib.orga.adapters.dynamo_accounts import (
    LoginItem,
    MembershipItem,
    OrganizationItem,
    UserItem,
)
from chalicelib.orga.adapters.dynamo_campaigns import CampaignItem, ParticipationItem, ProfileItem
from chalicelib.orga.adapters.dynamo_exports import ExportItem
from chalicelib.orga.adapters.dynamo_imports import ImportItem
from chalicelib.orga.adapters.dynamo_results import ResultItem
from chalicelib.orga.adapters.dynamo_throttle import ThrottleItem
from chalicelib.orga.adapters.s3_import_files import S3ImportFiles
from chalicelib.orga.adapters.student_items import (
    AccountLinkItem,
    DivisionItem,
    LinkItem,
    StudentItem,
    StudentListItem,
    org_pk,
)
from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.imports import ImportStatus, inbox_target
from chalicelib.orga.domain.privacy import LearnerSubject
from pixcore.errors import NotFound
from pixcore.messages.catalog import ErasureLine
from pixcore.principal import ACADEMIE, JURY, SUPERADMIN

LISTS = (".students.jsonl", ".digest.jsonl")


def _student_not_found() -> NotFound:
    return NotFound("Élève introuvable.", code="STUDENT_NOT_FOUND")


def _get(model: type[OrgaItem], pk: str, sk: str) -> Any:
    try:
        return model.get(pk, sk, consistent_read=True)
    except DoesNotExist:
        return None


def _line(what: str, count: int) -> list[ErasureLine]:
    return [ErasureLine(what=what, action="deleted", count=count)] if count else []


def _line_id(line: str) -> str | None:
    """The student id of a line of a student list (an object) or of a digest (an array)."""
    row = json.loads(line)
    return row.get("id") if isinstance(row, dict) else row[1]


# Never exported: a password's hash is a secret of the platform, not data about the learner.
NOT_EXPORTED = {"password_hash"}


def exported(item: OrgaItem) -> dict[str, Any]:
    values = {k: v for k, v in item.attribute_values.items() if k not in NOT_EXPORTED}
    return json.loads(json.dumps(values, default=str, ensure_ascii=False))


class DynamoLearnerRecords:
    def __init__(self, files: S3ImportFiles) -> None:
        self.files = files

    # --- who ---------------------------------------------------------------------------

    def _student_items(self, organization_id: str, student_id: str) -> list[StudentItem]:
        prefix = f"ORG#{organization_id}#"
        return [
            i for i in StudentItem.gsi2.query(f"STUDENTID#{student_id}") if i.pk.startswith(prefix)
        ]

    def _user_of(self, organization_id: str, student_id: str) -> str | None:
        link = _get(LinkItem, org_pk(organization_id), f"LINK#{student_id}")
        return link.user_id if link else None

    def _participations(self, organization_id: str, user_id: str) -> list[ParticipationItem]:
        found = []
        for campaign in CampaignItem.gsi1.query(f"ORGCAMPAIGNS#{organization_id}"):
            item = _get(ParticipationItem, campaign.pk, f"PARTICIPANT#{user_id}")
            if item is not None:
                found.append(item)
        return found

    def _codes(self, students: dict[str, str], user_id: str | None) -> list[str]:
        if user_id is None:
            return []
        codes = []
        for org in students:
            for p in self._participations(org, user_id):
                campaign = _get(CampaignItem, p.pk, "CAMPAIGN")
                if campaign is not None:
                    codes.append(campaign.code)
        return sorted(codes)

    def student(self, organization_id: str, student_id: str) -> LearnerSubject:
        if not self._student_items(organization_id, student_id):
            raise _student_not_found()
        user_id = self._user_of(organization_id, student_id)
        students = {organization_id: student_id}
        return LearnerSubject(user_id, students, self._codes(students, user_id))

    def account(self, user_id: str) -> LearnerSubject:
        if _get(UserItem, f"USER#{user_id}", "USER") is None:
            raise NotFound("Compte introuvable.", code="USER_NOT_FOUND")
        students = {
            i.pk.removeprefix("ORG#"): i.student_id
            for i in AccountLinkItem.gsi1.query(
                f"USER#{user_id}", AccountLinkItem.gsi1sk.startswith("STUDENT#")
            )
        }
        return LearnerSubject(user_id, students, self._codes(students, user_id))

    def is_staff(self, user_id: str) -> bool:
        """A member of a school, or an account of the jury or of an académie."""
        user = _get(UserItem, f"USER#{user_id}", "USER")
        if user is not None and user.role in (JURY, SUPERADMIN, ACADEMIE):
            return True
        query = MembershipItem.gsi1.query(
            f"USER#{user_id}", MembershipItem.gsi1sk.startswith("MEMBER#"), limit=1
        )
        return any(True for _ in query)

    # --- exporting ---------------------------------------------------------------------

    def gather(self, subject: LearnerSubject, whole_account: bool) -> dict[str, list[dict]]:
        """Every item orga holds about the learner, as stored (keys included)."""
        found: dict[str, list[Any]] = {"student_records": [], "campaign_participations": []}
        found["certification_results"] = []
        for org, student_id in subject.students.items():
            found["student_records"] += self._student_items(org, student_id)
            found["student_records"] += [
                i
                for i in (
                    _get(LinkItem, org_pk(org), f"LINK#{student_id}"),
                    _get(AccountLinkItem, org_pk(org), f"ACCOUNT#{subject.user_id}"),
                )
                if i is not None
            ]
            if subject.user_id:
                found["campaign_participations"] += [
                    p
                    for p in self._participations(org, subject.user_id)
                    if p.student_id == student_id
                ]
            found["certification_results"] += [
                r for r in ResultItem.query(f"ORGRESULTS#{org}") if r.student_id == student_id
            ]
        if whole_account and subject.user_id:
            user = _get(UserItem, f"USER#{subject.user_id}", "USER")
            logins = [k for k in (user.email, user.username) if k] if user else []
            account = [
                user,
                *(_get(LoginItem, f"LOGIN#{login}", "LOGIN") for login in logins),
                _get(ProfileItem, f"PROFILE#{subject.user_id}", "PROFILE"),
            ]
            found["account"] = [i for i in account if i is not None]
        return {kind: [exported(i) for i in items] for kind, items in found.items()}

    # --- erasing -----------------------------------------------------------------------

    def erase_student(
        self, organization_id: str, student_id: str, user_id: str | None
    ) -> list[ErasureLine]:
        items = self._student_items(organization_id, student_id)
        ines = {i.ine for i in items}
        current = _get(StudentListItem, org_pk(organization_id), "STUDENT_LIST")
        for item in items:
            if current and item.pk.endswith(f"#LIST#{current.generation}") and item.gsi1pk:
                division = DivisionItem(item.pk, f"DIVISION#{item.division}")
                division.update(actions=[DivisionItem.student_count.add(-1)])
            item.delete()
        lines = _line("élève (liste SIECLE, inscrit ou sorti)", len(items))
        links = 0
        if user_id:
            account = _get(AccountLinkItem, org_pk(organization_id), f"ACCOUNT#{user_id}")
            if account is not None and account.student_id == student_id:
                account.delete()
                links += 1
            participations = [
                p
                for p in self._participations(organization_id, user_id)
                if p.student_id == student_id
            ]
            for p in participations:
                p.delete()
            lines += _line("participations aux campagnes (et profils envoyés)", len(participations))
        link = _get(LinkItem, org_pk(organization_id), f"LINK#{student_id}")
        if link is not None:
            link.delete()
            links += 1
        lines += _line("rattachement élève ↔ compte", links)
        results = [
            r
            for r in ResultItem.query(f"ORGRESULTS#{organization_id}")
            if r.student_id == student_id
        ]
        for r in results:
            r.delete()
        lines += _line("résultats de certification (CSV de l'établissement)", len(results))
        lines += _line(
            "exports de ses données", self._exports(f"student:{organization_id}:{student_id}")
        )
        lines += self._scrub_imports(organization_id, ines)
        lines += _line(
            "lignes des listes d'élèves (S3)", self._scrub_lists(organization_id, student_id)
        )
        return lines

    def _exports(self, subject_key: str) -> int:
        """An export is a copy of everything: it goes with what it copied."""
        gone = 0
        for item in ExportItem.gsi1.query(f"EXPORTS#{subject_key}"):
            export_id = item.pk.removeprefix("EXPORT#")
            for key in self.files.keys(f"exports/{export_id}", 100):
                self.files.delete(key)
            item.delete()
            gone += 1
        return gone

    def _scrub_imports(self, organization_id: str, ines: set[str]) -> list[ErasureLine]:
        """Reports keep the other students' problems; failed imports' files (the whole list of
        the school, kept 30 days for the report) go at once."""
        problems, files = 0, 0

        def keep(text: str | None) -> tuple[str, int]:
            entries = json.loads(text or "[]")
            kept = [e for e in entries if not (isinstance(e, dict) and e.get("ine") in ines)]
            return json.dumps(kept, ensure_ascii=False), len(entries) - len(kept)

        uai = getattr(_get(OrganizationItem, org_pk(organization_id), "ORG"), "uai", None)
        for item in ImportItem.query(org_pk(organization_id), ImportItem.sk.startswith("IMPORT#")):
            actions = []
            for attribute, key_attribute in (
                ("errors", "errors_key"),
                ("warnings", "warnings_key"),
            ):
                if getattr(item, key_attribute):
                    key = getattr(item, key_attribute)
                    body, removed = keep(self._read(key))
                    if removed:
                        self.files.put(key, body.encode(), "application/json")
                else:
                    body, removed = keep(getattr(item, attribute))
                    if removed:
                        actions.append(getattr(ImportItem, attribute).set(body))
                problems += removed
            if actions:
                item.update(actions=actions)
            if item.status == ImportStatus.FAILED:
                targets = [item.key]
                if item.inbox_key and uai:
                    targets.append(inbox_target(item.inbox_key, ok=False))
                for key in targets:
                    if self.files.exists(key):
                        self.files.delete(key)
                        files += 1
        return _line("erreurs et avertissements d'import qui le nomment", problems) + _line(
            "fichiers d'imports échoués (toute la liste)", files
        )

    def _read(self, key: str) -> str | None:
        try:
            return self.files.get(key).decode()
        except NotFound:
            return None

    def _scrub_lists(self, organization_id: str, student_id: str) -> int:
        removed = 0
        for key in self.files.keys(f"imports/{organization_id}/", 10_000):
            if not key.endswith(LISTS):
                continue
            text = self._read(key) or ""
            lines = text.splitlines()
            kept = [line for line in lines if line and _line_id(line) != student_id]
            if len(kept) != len([line for line in lines if line]):
                self.files.put_lines(key, kept)
                removed += 1
        return removed

    def erase_account(self, subject: LearnerSubject) -> list[ErasureLine]:
        assert subject.user_id is not None
        user_id = subject.user_id
        lines: list[ErasureLine] = []
        for org, student_id in subject.students.items():
            lines += self.erase_student(org, student_id, user_id)
        user = _get(UserItem, f"USER#{user_id}", "USER")
        logins = [k for k in (user.email, user.username) if k] if user else []
        deleted: list[Callable[[], Any]] = []
        for login in logins:
            for item in (
                _get(LoginItem, f"LOGIN#{login}", "LOGIN"),
                _get(ThrottleItem, f"THROTTLE#{login}", "THROTTLE"),
            ):
                if item is not None:
                    deleted.append(item.delete)
        profile = _get(ProfileItem, f"PROFILE#{user_id}", "PROFILE")
        if profile is not None:
            deleted.append(profile.delete)
        lines += _line("exports de ses données", self._exports(f"user:{user_id}"))
        if user is not None:
            deleted.append(user.delete)
        for delete in deleted:
            delete()
        return lines + _line("compte, identifiants de connexion et profil", len(deleted))
