"""Reading a SIECLE export (ElevesSansAdresses.xml, or a zip holding it), streamed, into records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lxml import etree

from ..domain.student_import import StudentFileRules, decide_import
from ..domain.student_records import FileRejected, ImportOutcome, StudentRecord
from ..domain.uai import normalize_uai
from .payload import DEFAULT_LIMITS, ReadLimits, Source, open_payload, peek
from .siecle_errors import not_siecle, syntax_error, uai_error
from .spool import RowSpool
from .xml_prolog import PROLOG_PEEK, check_prolog

SIECLE_RULES = StudentFileRules(
    fields={
        "ine": "ID_NATIONAL",
        "last_name": "NOM_DE_FAMILLE",
        "first_name": "PRENOM",
        "sex_code": "CODE_SEXE",
        "birthdate": "DATE_NAISS",
        "birth_country_code": "CODE_PAYS",
        "birth_city_code": "CODE_COMMUNE_INSEE_NAISS",
        "birth_city": "VILLE_NAISS",
        "division": "STRUCTURES_ELEVE",
        "mef_code": "CODE_MEF",
        "status": "CODE_STATUT",
    },
    fix_hint="Corrigez la fiche de l'élève dans SIECLE, puis exportez et importez de nouveau le "
    "fichier.",
)
_INACTIVE = "inactifs"


@dataclass
class SiecleExport:
    """What a SIECLE file says: the school's UAI and its students, each with their division. The
    students wait in a local spool, not in memory; close the export to delete it."""

    uai: str
    rows: RowSpool = field(repr=False)
    divisions: dict[str | None, str] = field(repr=False)

    def __len__(self) -> int:
        return self.rows.count

    def __iter__(self) -> Iterator[StudentRecord]:
        return self.records()

    def records(self) -> Iterator[StudentRecord]:
        """The students in file order, each joined to its division; may be read again."""
        new, divisions = tuple.__new__, self.divisions
        for row in self.rows:  # rows hold every field but the division
            yield new(StudentRecord, (*row, divisions.get(row[1])))

    def close(self) -> None:
        self.rows.close()

    def __enter__(self) -> SiecleExport:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


# Streamed, and blind to anything a hostile file could ask for: no DTD, no entity, no network.
PARSER_OPTIONS: dict[str, Any] = {
    "events": ("end",),
    "tag": ("UAJ", "ELEVE", "STRUCTURES_ELEVE"),
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def import_siecle(
    source: Source,
    *,
    expected_uai: str,
    today: date | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportOutcome:
    """Read the file and decide the import; a file that cannot be imported gives one error."""
    try:
        export = read_siecle(source, expected_uai=expected_uai, limits=limits)
    except FileRejected as rejected:
        return ImportOutcome.rejected(rejected)
    with export:
        return decide_import(export, SIECLE_RULES, today=today)


def read_siecle(
    source: Source, *, expected_uai: str, limits: ReadLimits = DEFAULT_LIMITS
) -> SiecleExport:
    """Stream the export (XML or zip), refusing a hostile or foreign file (`FileRejected`) before
    reading students: no DTD, no entity, nothing fetched, and the UAI must be the school's."""
    with open_payload(source, suffix=".xml", limits=limits) as stream:
        head, stream = peek(stream, PROLOG_PEEK)
        check_prolog(head)
        context = etree.iterparse(stream, **PARSER_OPTIONS)
        rows = RowSpool()
        try:
            uai, divisions = _read(context, normalize_uai(expected_uai), rows)
            return SiecleExport(uai, rows, divisions)
        except etree.XMLSyntaxError as error:
            rows.close()
            raise syntax_error(error) from None
        except BaseException:
            rows.close()
            raise


def _read(context: Any, expected_uai: str, rows: RowSpool) -> tuple[str, dict[str | None, str]]:
    """The school's UAI and each student's division; the students go to `rows`."""
    uai: str | None = None
    divisions: dict[str | None, str] = {}
    same = _Pool()  # thousands of students share a division name: keep one copy
    for _, elem in context:
        tag = elem.tag
        if uai is None:
            uai = _check_start(elem, expected_uai)
        elif tag == "ELEVE":
            if elem.getparent().tag == "ELEVES":
                # Direct children only: last year's schooling nests homonymous fields.
                v = {child.tag: child.text for child in elem}
                g = v.get
                ine = (v["ID_NATIONAL"] or "") if "ID_NATIONAL" in v else None
                rows.append(
                    (
                        elem.sourceline,
                        elem.get("ELEVE_ID"),
                        ine,
                        g("NOM_DE_FAMILLE"),
                        g("NOM_USAGE"),
                        g("PRENOM"),
                        g("PRENOM2"),
                        g("PRENOM3"),
                        g("CODE_SEXE"),
                        g("DATE_NAISS"),
                        g("CODE_PAYS"),
                        g("CODE_DEPARTEMENT_NAISS"),
                        g("CODE_COMMUNE_INSEE_NAISS"),
                        g("VILLE_NAISS"),
                        g("CODE_MEF"),
                        g("CODE_STATUT"),
                        g("DATE_SORTIE"),
                    )
                )
        elif tag == "STRUCTURES_ELEVE":
            division = _division(elem)
            if division is not None:
                divisions[elem.get("ELEVE_ID")] = same[division]
        elem.clear(keep_tail=False)
        while elem.getprevious() is not None:
            del elem.getparent()[0]
    if uai is None:
        root = context.root
        if root is None or root.tag != "BEE_ELEVES":
            raise not_siecle()
        raise uai_error(None, expected_uai)
    return uai, divisions


class _Pool(dict[Any, Any]):
    def __missing__(self, key: Any) -> Any:
        self[key] = key
        return key


def _check_start(elem: Any, expected_uai: str) -> str:
    """The file must be a SIECLE export whose PARAMETRES/UAJ, read first, is the school's."""
    if elem.getroottree().getroot().tag != "BEE_ELEVES":
        raise not_siecle()
    if elem.tag != "UAJ" or elem.getparent().tag != "PARAMETRES":
        raise uai_error(None, expected_uai)
    uai = normalize_uai(elem.text or "")
    if uai != expected_uai:
        raise uai_error(uai, expected_uai)
    return uai


def _division(elem: Any) -> str | None:
    """The division is the structure of type D, except the pseudo-division `Inactifs`."""
    for structure in elem:
        code = kind = None
        for child in structure:
            if child.tag == "CODE_STRUCTURE":
                code = child.text
            elif child.tag == "TYPE_STRUCTURE":
                kind = child.text
        code = (code or "").strip()
        if kind and kind.strip() == "D" and code and code.casefold() != _INACTIVE:
            return code
    return None
