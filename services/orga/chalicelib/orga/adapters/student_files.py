"""The import's stored file read as student records: SIECLE XML or ZIP, or the agricultural CSV."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, nullcontext

from chalicelib.orga.domain.imports import FileKind, Import
from chalicelib.orga.domain.student_import import StudentFileRules
from chalicelib.orga.domain.student_records import StudentRecord
from chalicelib.orga.importing.agri_csv import AGRI_CSV_RULES, read_agri_csv
from chalicelib.orga.importing.siecle import SIECLE_RULES, SiecleExport, read_siecle
from chalicelib.orga.ports import ImportFiles


class StoredStudentFiles:
    """Reads an import's file from the import files store (S3 once, into a local spool)."""

    def __init__(self, files: ImportFiles) -> None:
        self.files = files

    @contextmanager
    def open(
        self, record: Import, uai: str
    ) -> Iterator[tuple[Iterable[StudentRecord], StudentFileRules]]:
        stream = self.files.open(record.key)
        try:
            if record.file_kind is FileKind.CSV:
                records: Iterable[StudentRecord] = read_agri_csv(stream)
                rules = AGRI_CSV_RULES
            else:
                records, rules = read_siecle(stream, expected_uai=uai), SIECLE_RULES
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()
        with closing(records) if isinstance(records, SiecleExport) else nullcontext():
            yield records, rules
