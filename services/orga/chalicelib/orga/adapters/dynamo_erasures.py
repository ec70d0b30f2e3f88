"""Erasure records in orga's table: ids and each service's report, never personal data."""

from __future__ import annotations

import json
from typing import cast

from pynamodb.attributes import MapAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.operand import Path

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.privacy import Erasure
from pixcore import retention as keep
from pixcore.dynamo import conditional
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound
from pixcore.messages.catalog import ErasureLine


class ErasureItem(OrgaItem):
    """pk ERASURE#<id>, sk ERASURE; `reports`: service → its lines (JSON), set once each."""

    scope = UnicodeAttribute()
    requested_by = UnicodeAttribute()
    requested_at = UTCDateTimeAttribute()
    organization_id = UnicodeAttribute(null=True)
    student_ids = UnicodeAttribute(default="[]")
    user_id = UnicodeAttribute(null=True)
    reports: MapAttribute[str, str] = MapAttribute(default=dict)


def _key(erasure_id: str) -> tuple[str, str]:
    return f"ERASURE#{erasure_id}", "ERASURE"


class DynamoErasures:
    def add(self, erasure: Erasure) -> None:
        e = erasure
        item = ErasureItem(
            *_key(e.id),
            scope=e.scope,
            requested_by=e.requested_by,
            requested_at=e.requested_at,
            organization_id=e.organization_id,
            student_ids=json.dumps(e.student_ids),
            user_id=e.user_id,
            reports={s: _lines(lines) for s, lines in e.reports.items()},
            expires_at=keep.after(e.requested_at, keep.ERASURE_RECORD_DAYS),
        )
        with conditional(Conflict("Cet effacement existe déjà.", code="ERASURE_EXISTS")):
            item.save(condition=ErasureItem.pk.does_not_exist())

    def get(self, erasure_id: str) -> Erasure:
        try:
            i = ErasureItem.get(*_key(erasure_id), consistent_read=True)
        except DoesNotExist as exc:
            raise NotFound("Effacement introuvable.", code="ERASURE_NOT_FOUND") from exc
        return Erasure(
            erasure_id,
            i.scope,  # type: ignore[arg-type]
            i.requested_by,
            i.requested_at,
            i.organization_id,
            json.loads(i.student_ids),
            i.user_id,
            {
                service: [ErasureLine.model_validate(x) for x in json.loads(text)]
                for service, text in i.reports.as_dict().items()
            },
        )

    def report(self, erasure_id: str, service: str, lines: list[ErasureLine]) -> None:
        """Idempotent: a service's report is written once; a repeated one changes nothing."""
        entry = cast(Path, ErasureItem.reports[service])
        try:
            with conditional():
                ErasureItem(*_key(erasure_id)).update(
                    actions=[entry.set(_lines(lines))],
                    condition=ErasureItem.pk.exists() & entry.does_not_exist(),
                )
        except ConcurrentUpdate:
            self.get(erasure_id)  # NotFound for an unknown erasure; else already reported


def _lines(lines: list[ErasureLine]) -> str:
    return json.dumps([line.model_dump(mode="json") for line in lines], ensure_ascii=False)
