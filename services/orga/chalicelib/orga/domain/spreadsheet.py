"""CSV exports that open cleanly in Excel: `;`, UTF-8 with BOM, JJ/MM/AAAA, no formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

BOM = "\ufeff"
SEPARATOR = ";"
PARIS = ZoneInfo("Europe/Paris")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def excel_safe(value: Cell) -> str:
    """A text cell starting with = + - @ (or a tab or carriage return) could run as a formula in a
    spreadsheet: it is neutralised by a leading apostrophe. A lone character holds no formula, so
    the « - » of an untested competence stays as is; numbers we write stay numbers."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    if len(value) > 1 and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def french_date(day: date | datetime | None) -> str:
    """Dates are shown JJ/MM/AAAA; a moment is shown as its day in Paris (Europe/Paris time)."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.astimezone(PARIS) if day.tzinfo else day
    return day.strftime("%d/%m/%Y")


class CsvLines:
    """Turns rows of cells into CSV text one line at a time, so a big export can be streamed."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=SEPARATOR, lineterminator="\r\n")

    def line(self, cells: Iterable[Cell]) -> str:
        self._writer.writerow([excel_safe(cell) for cell in cells])
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text
