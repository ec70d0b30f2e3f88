"""The académie figures' counters (season totals and weeks), the facts already counted and the
verification throttle in jury's table: every count goes with its fact in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.transactions import TransactWrite

from chalicelib.jury.adapters.tables import JuryItem
from chalicelib.jury.domain.stats import (
    FIGURE_NAMES,
    NATIONAL,
    WEEK_FIGURE_NAMES,
    Deltas,
    Figures,
    School,
    SessionTally,
    WeekFigures,
    weekly,
)
from pixcore.dynamo import conditional, connection
from pixcore.errors import ConcurrentUpdate


class SchoolItem(JuryItem):
    academie = UnicodeAttribute()
    sector = UnicodeAttribute()
    is_certification_center = BooleanAttribute()


class FactItem(JuryItem):
    pass


class TallyItem(JuryItem):
    center_id = UnicodeAttribute()
    revision = NumberAttribute()
    counted = BooleanAttribute()
    finalized = BooleanAttribute()
    candidates = NumberAttribute()


class CounterItem(JuryItem):
    schools = NumberAttribute(null=True)
    certification_centers = NumberAttribute(null=True)
    schools_with_sessions = NumberAttribute(null=True)
    sessions_created = NumberAttribute(null=True)
    sessions_finalized = NumberAttribute(null=True)
    candidates_enrolled = NumberAttribute(null=True)
    candidates_took_part = NumberAttribute(null=True)
    certified = NumberAttribute(null=True)
    schools_with_active_students = NumberAttribute(null=True)


class WeekCounterItem(JuryItem):
    sessions_created = NumberAttribute(null=True)
    sessions_finalized = NumberAttribute(null=True)
    candidates_enrolled = NumberAttribute(null=True)
    certified = NumberAttribute(null=True)


class ThrottleItem(JuryItem):
    hits = NumberAttribute(null=True)


class _AlreadyCounted(Exception):
    pass


def _counter_key(academie: str, sector: str) -> tuple[str, str]:
    return f"COUNTERS#{academie}", f"SECTOR#{sector}"


# The weeks of an académie under one key, in order (ISO week names sort as the weeks do), so
# the dashboard reads its season in one Query.
def _week_key(academie: str, week: str, sector: str) -> tuple[str, str]:
    return f"WEEKS#{academie}", f"WEEK#{week}#SECTOR#{sector}"


def _update(transaction: TransactWrite, item: JuryItem, deltas: Deltas) -> None:
    cls = type(item)
    actions: list[Any] = [getattr(cls, name).add(d) for name, d in deltas.items()]
    transaction.update(item, actions=actions)


def _add_counts(transaction: TransactWrite, school: School, deltas: Deltas, week: str) -> None:
    for academie in (school.academie, NATIONAL):
        if deltas:
            _update(transaction, CounterItem(*_counter_key(academie, school.sector)), deltas)
        if weekly(deltas):
            item = WeekCounterItem(*_week_key(academie, week, school.sector))
            _update(transaction, item, weekly(deltas))


class DynamoStats:
    def save_school(self, school: School) -> None:
        SchoolItem(
            f"STATSCHOOL#{school.organization_id}",
            "SCHOOL",
            academie=school.academie,
            sector=school.sector,
            is_certification_center=school.is_certification_center,
        ).save()

    def school(self, organization_id: str) -> School | None:
        try:
            i = SchoolItem.get(f"STATSCHOOL#{organization_id}", "SCHOOL")
        except SchoolItem.DoesNotExist:
            return None
        return School(organization_id, i.academie, i.sector, i.is_certification_center)

    def count_once(self, fact: str, school: School, deltas: Deltas, week: str) -> bool:
        try:
            with conditional(_AlreadyCounted()), TransactWrite(connection=connection()) as t:
                t.save(FactItem(f"FACT#{fact}", "FACT"), condition=FactItem.pk.does_not_exist())
                _add_counts(t, school, deltas, week)
        except _AlreadyCounted:
            return False
        return True

    def session_tally(self, session_id: str) -> SessionTally | None:
        try:
            i = TallyItem.get(f"TALLY#{session_id}", "TALLY", consistent_read=True)
        except TallyItem.DoesNotExist:
            return None
        return SessionTally(
            session_id,
            i.center_id,
            int(i.revision),
            i.counted,
            i.finalized,
            int(i.candidates),
            int(i.version or 0),
        )

    def save_tally(self, tally: SessionTally, school: School, deltas: Deltas, week: str) -> None:
        item = TallyItem(
            f"TALLY#{tally.session_id}",
            "TALLY",
            center_id=tally.center_id,
            revision=tally.revision,
            counted=tally.counted,
            finalized=tally.finalized,
            candidates=tally.candidates,
            version=tally.version + 1,
        )
        expected = (
            TallyItem.pk.does_not_exist()
            if tally.version == 0
            else TallyItem.version == tally.version
        )
        with conditional(ConcurrentUpdate()), TransactWrite(connection=connection()) as t:
            t.save(item, condition=expected)
            _add_counts(t, school, deltas, week)

    def figures(self, academie: str) -> dict[str, Figures]:
        found = {}
        for i in CounterItem.query(f"COUNTERS#{academie}"):
            values = {n: int(getattr(i, n) or 0) for n in FIGURE_NAMES}
            found[i.sk.removeprefix("SECTOR#")] = Figures(**values)
        return found

    def weeks(self, academie: str) -> dict[str, dict[str, WeekFigures]]:
        found: dict[str, dict[str, WeekFigures]] = {}
        for i in WeekCounterItem.query(f"WEEKS#{academie}"):
            week, _, sector = i.sk.removeprefix("WEEK#").partition("#SECTOR#")
            values = {n: int(getattr(i, n) or 0) for n in WEEK_FIGURE_NAMES}
            found.setdefault(week, {})[sector] = WeekFigures(**values)
        return found


class DynamoThrottle:
    def hit(self, key: str, window_seconds: int, at: datetime) -> int:
        window = int(at.timestamp()) // window_seconds
        item = ThrottleItem(f"THROTTLE#{key}#{window}", "THROTTLE")
        item.update(
            actions=[
                ThrottleItem.hits.add(1),
                ThrottleItem.expires_at.set((window + 2) * window_seconds),
            ]
        )
        return int(item.hits or 0)
