"""Students in orga's DynamoDB table as readers see them: the current list, leavers, links."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from chalicelib.orga.adapters.dynamo_student_lists import StudentListWrites, chunks
from chalicelib.orga.adapters.student_items import (
    AccountLinkItem,
    DivisionItem,
    LinkItem,
    StudentItem,
    StudentListItem,
    division_pk,
    from_item,
    left_pk,
    list_pk,
    org_pk,
)
from chalicelib.orga.domain.students import Division, Generation, Student
from pixcore.dynamo import conditional, connection
from pixcore.errors import ConcurrentUpdate, Conflict, Invalid, NotFound
from pixcore.text import fold

PAGE_SIZE = 400
_LIST_CHANGED = (
    "La liste des élèves a changé depuis (un import a eu lieu) : reprenez-la depuis le début."
)


def _not_found() -> NotFound:
    return NotFound("Élève introuvable.", code="STUDENT_NOT_FOUND")


class DynamoStudentRepository(StudentListWrites):
    def current_generation(self, organization_id: str) -> Generation | None:
        try:
            item = StudentListItem.get(
                org_pk(organization_id), "STUDENT_LIST", consistent_read=True
            )
        except DoesNotExist:
            return None
        return Generation(item.generation, int(item.version or 0))

    def _links(self, organization_id: str, student_ids: Iterable[str]) -> dict[str, str]:
        keys = [(org_pk(organization_id), f"LINK#{i}") for i in dict.fromkeys(student_ids)]
        return {item.sk.removeprefix("LINK#"): item.user_id for item in LinkItem.batch_get(keys)}

    def _with_links(self, organization_id: str, items: list[StudentItem]) -> list[Student]:
        links = self._links(organization_id, (i.student_id for i in items)) if items else {}
        return [from_item(i, links.get(i.student_id)) for i in items]

    def get(self, organization_id: str, student_id: str) -> Student:
        current = self.current_generation(organization_id)
        left = left_pk(organization_id)
        mine = {left} | ({list_pk(organization_id, current.id)} if current else set())
        items = [i for i in StudentItem.gsi2.query(f"STUDENTID#{student_id}") if i.pk in mine]
        if not items:
            raise _not_found()
        items.sort(key=lambda i: i.pk == left)  # in the current list, else among those who left
        return self._with_links(organization_id, items[:1])[0]

    def find_by_birthdate(self, organization_id: str, birthdate: date) -> list[Student]:
        current = self.current_generation(organization_id)
        if current is None:
            return []
        found = StudentItem.query(
            list_pk(organization_id, current.id),
            StudentItem.sk.startswith("STUDENT#"),
            filter_condition=StudentItem.birthdate == birthdate.isoformat(),
        )
        return self._with_links(organization_id, list(found))

    def page(
        self,
        organization_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        after: dict[str, Any] | None,
    ) -> tuple[list[Student], dict[str, Any] | None]:
        current = self.current_generation(organization_id)
        if after is not None and (current is None or after.get("g") != current.id):
            raise Invalid(_LIST_CHANGED, code="INVALID_CURSOR")
        if current is None:
            return [], None
        text = fold(search or "")
        condition = StudentItem.search_text.contains(text) if text else None
        start = after.get("k") if after else None
        if division:
            results = StudentItem.gsi1.query(
                division_pk(organization_id, current.id, division),
                filter_condition=condition,
                limit=limit,
                page_size=PAGE_SIZE,
                last_evaluated_key=start,
            )
        else:
            results = StudentItem.query(
                list_pk(organization_id, current.id),
                StudentItem.sk.startswith("STUDENT#"),
                filter_condition=condition,
                limit=limit,
                page_size=PAGE_SIZE,
                last_evaluated_key=start,
            )
        students = self._with_links(organization_id, list(results))
        key = results.last_evaluated_key
        return students, {"g": current.id, "k": key} if key else None

    def divisions(self, organization_id: str) -> list[Division]:
        current = self.current_generation(organization_id)
        if current is None:
            return []
        found = DivisionItem.query(
            list_pk(organization_id, current.id), DivisionItem.sk.startswith("DIVISION#")
        )
        return [Division(i.name, int(i.student_count)) for i in found]

    def divisions_of(
        self, organization_id: str, student_ids: Iterable[str]
    ) -> dict[str, str | None]:
        wanted = sorted(set(student_ids))
        found: dict[str, str | None] = dict.fromkeys(wanted)
        current = self.current_generation(organization_id)
        partitions = [left_pk(organization_id)]  # the current list last: it wins
        if current:
            partitions.append(list_pk(organization_id, current.id))
        for pk in partitions:
            for chunk in chunks(wanted, 100):  # IN takes at most 100 values
                items = StudentItem.query(
                    pk,
                    StudentItem.sk.startswith("STUDENT#"),
                    filter_condition=StudentItem.student_id.is_in(*chunk),
                    attributes_to_get=["student_id", "division"],
                )
                found.update({item.student_id: item.division for item in items})
        return found

    def linked_student(self, organization_id: str, user_id: str) -> str | None:
        try:
            return AccountLinkItem.get(org_pk(organization_id), f"ACCOUNT#{user_id}").student_id
        except DoesNotExist:
            return None

    def link_user(
        self, organization_id: str, student_id: str, user_id: str, replacing: str | None = None
    ) -> None:
        if not self.get(organization_id, student_id).active:
            raise Conflict(
                "Cet élève ne fait plus partie de l'établissement.", code="STUDENT_DISABLED"
            )
        pk = org_pk(organization_id)
        link = LinkItem(pk, f"LINK#{student_id}", user_id=user_id)
        account = AccountLinkItem(
            pk,
            f"ACCOUNT#{user_id}",
            student_id=student_id,
            # An account's schools, found again by its erasure (memberships share the index).
            gsi1pk=f"USER#{user_id}",
            gsi1sk=f"STUDENT#{organization_id}",
        )
        mine = AccountLinkItem.student_id.is_in(student_id, *([replacing] if replacing else []))
        mine_link = LinkItem.user_id == user_id
        try:
            with conditional(), TransactWrite(connection=connection()) as tx:
                tx.save(link, condition=LinkItem.pk.does_not_exist() | mine_link)
                tx.save(account, condition=AccountLinkItem.pk.does_not_exist() | mine)
                if replacing and replacing != student_id:
                    gone = LinkItem(pk, f"LINK#{replacing}")
                    tx.delete(gone, condition=LinkItem.pk.does_not_exist() | mine_link)
        except ConcurrentUpdate as lost:
            # Which rule the write broke, read back: the student's link or the account's.
            if self._links(organization_id, [student_id]).get(student_id, user_id) != user_id:
                raise Conflict(_STUDENT_LINKED, code="STUDENT_ALREADY_LINKED") from lost
            raise Conflict(_ACCOUNT_LINKED, code="ACCOUNT_ALREADY_LINKED") from lost


_STUDENT_LINKED = "Cet élève est déjà associé à un autre compte Pix."
_ACCOUNT_LINKED = (
    "Votre compte est déjà associé à un autre élève de cet établissement : adressez-vous à "
    "votre professeur."
)
