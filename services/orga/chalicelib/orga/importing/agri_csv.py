"""Reading the student CSV of agricultural schools (`;`, UTF-8 or ISO-8859-15) into records."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from pixcore.text import fold

from ..domain.student_import import StudentFileRules, decide_import
from ..domain.student_records import (
    FileRejected,
    ImportErrorCode,
    ImportOutcome,
    ImportProblem,
    StudentRecord,
)
from .payload import ReadLimits, Source, open_payload
from .xml_prolog import UTF8_BOM

CSV_LIMITS = ReadLimits(max_file_bytes=32 * 1024 * 1024)

# (record field, column header, the column must be present)
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("ine", "Identifiant unique*", True),
    ("first_name", "Premier prénom*", True),
    ("middle_name", "Deuxième prénom", False),
    ("third_name", "Troisième prénom", False),
    ("last_name", "Nom de famille*", True),
    ("preferred_last_name", "Nom d'usage", False),
    ("sex_code", "Code sexe", False),
    ("birthdate", "Date de naissance (jj/mm/aaaa)*", True),
    ("birth_city_code", "Code commune naissance**", True),
    ("birth_city", "Libellé commune naissance**", True),
    ("birth_department_code", "Code département naissance*", True),
    ("birth_country_code", "Code pays naissance*", True),
    ("status", "Statut*", True),
    ("mef_code", "Code MEF*", True),
    ("division", "Division*", True),
)
AGRI_CSV_RULES = StudentFileRules(
    fields={attribute: header for attribute, header, _ in COLUMNS},
    fix_hint="Corrigez cette ligne du fichier, puis importez-le de nouveau.",
    sex_required=False,
    division_required=True,
    codes_required=True,
)
_INVALID = ImportErrorCode.INVALID_FILE
_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def import_agri_csv(
    source: Source, *, today: date | None = None, limits: ReadLimits = CSV_LIMITS
) -> ImportOutcome:
    """Read the CSV and decide the import, with the same guarantees as SIECLE: every error at
    once, all or nothing."""
    try:
        records = read_agri_csv(source, limits=limits)
    except FileRejected as rejected:
        return ImportOutcome.rejected(rejected)
    return decide_import(records, AGRI_CSV_RULES, today=today)


def decode(data: bytes) -> str:
    """The file is read as UTF-8 (with or without BOM) when it is valid UTF-8, else as
    ISO-8859-15. Spreadsheets on French Windows save « CSV » in Windows-1252, which only differs
    by using bytes 0x80–0x9F (œ, €, ’…) that ISO-8859-15 leaves to control characters: a file
    with such bytes is read as Windows-1252."""
    try:
        return data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _C1_BYTES.search(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode("iso8859-15")


def read_agri_csv(source: Source, *, limits: ReadLimits = CSV_LIMITS) -> list[StudentRecord]:
    """The records of the file, in order; `FileRejected` if it cannot be read as a whole."""
    with open_payload(source, suffix=".csv", limits=limits) as stream:
        text = decode(stream.read())
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = next(rows, None)
    if header is None or not any(cell.strip() for cell in header):
        raise FileRejected(
            _INVALID, "Le fichier est vide : il doit commencer par la ligne d'en-tête des colonnes."
        )
    positions = _column_positions(header)
    records = []
    width = len(header)
    for cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        cells = cells + [""] * (width - len(cells))
        values = {attribute: cells[index] for attribute, index in positions.items()}
        values["ine"] = values["ine"] or ""
        records.append(
            StudentRecord(
                line=rows.line_num,
                source_id=None,
                leaving_date=None,
                **{attribute: values.get(attribute) for attribute, _, _ in COLUMNS},
            )
        )
    return records


def _column_positions(header: list[str]) -> dict[str, int]:
    """Columns are found by name, whatever their order, ignoring case, accents, spaces and the
    asterisks; every required column must be there once. Unknown columns are ignored."""
    if len(header) == 1 and ("," in header[0] or "\t" in header[0]):
        raise FileRejected(
            _INVALID,
            "Les colonnes du fichier doivent être séparées par des points-virgules (;). "
            "Enregistrez-le au format « CSV (séparateur : point-virgule) » et réessayez.",
        )
    by_key: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        by_key.setdefault(fold(name.removeprefix("\ufeff")), []).append(index)
    positions: dict[str, int] = {}
    problems: list[ImportProblem] = []
    for attribute, name, required in COLUMNS:
        found = by_key.get(fold(name), [])
        if len(found) > 1:
            problems.append(
                _column_problem(
                    ImportErrorCode.COLUMN_DUPLICATED,
                    name,
                    f"La colonne « {name} » apparaît plusieurs fois.",
                )
            )
        elif found:
            positions[attribute] = found[0]
        elif required:
            problems.append(
                _column_problem(
                    ImportErrorCode.COLUMN_MISSING,
                    name,
                    f"La colonne « {name} » est absente de l'en-tête.",
                )
            )
    if problems:
        raise FileRejected(_INVALID, problems[0].message, problems=tuple(problems))
    return positions


def _column_problem(code: ImportErrorCode, name: str, what: str) -> ImportProblem:
    return ImportProblem(
        code=code.value,
        message=f"{what} Utilisez le modèle de fichier fourni par Pix, sans renommer ni supprimer "
        "de colonne.",
        line=1,
        field=name,
    )
