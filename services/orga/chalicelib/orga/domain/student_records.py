"""What a student file holds and what an import decides: records in, students or errors out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from pixcore.errors import Invalid


class StudentRecord(NamedTuple):
    """One student exactly as the file gives it: raw texts, `None` when the field is absent.

    `ine` is `None` when the file has no INE field for the student (no INE yet) and `""` when the
    field is there but empty.
    """

    line: int | None
    source_id: str | None
    ine: str | None
    last_name: str | None
    preferred_last_name: str | None
    first_name: str | None
    middle_name: str | None
    third_name: str | None
    sex_code: str | None
    birthdate: str | None
    birth_country_code: str | None
    birth_department_code: str | None
    birth_city_code: str | None
    birth_city: str | None
    mef_code: str | None
    status: str | None
    leaving_date: str | None
    division: str | None


@dataclass(frozen=True, slots=True)
class ImportedStudent:
    """A student kept by an import, with checked and normalised fields (key: organization + INE)."""

    ine: str
    last_name: str
    preferred_last_name: str | None
    first_name: str
    middle_name: str | None
    third_name: str | None
    sex: str | None
    birthdate: date
    birth_country_code: str | None
    birth_department_code: str | None
    birth_city_code: str | None
    birth_city: str | None
    mef_code: str | None
    status: str | None
    division: str
    line: int | None = None
    source_id: str | None = None

    @property
    def national_student_id(self) -> str:
        """The INE under the name Pix uses for it."""
        return self.ine


class ImportErrorCode(StrEnum):
    INVALID_FILE = "INVALID_FILE"
    ENCODING_UNKNOWN = "ENCODING_UNKNOWN"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    UAI_MISMATCHED = "UAI_MISMATCHED"
    EMPTY = "EMPTY"
    COLUMN_MISSING = "COLUMN_MISSING"
    COLUMN_DUPLICATED = "COLUMN_DUPLICATED"
    INE_REQUIRED = "INE_REQUIRED"
    INE_INVALID = "INE_INVALID"
    INE_UNIQUE = "INE_UNIQUE"
    FIELD_TOO_LONG = "FIELD_TOO_LONG"
    LAST_NAME_REQUIRED = "LAST_NAME_REQUIRED"
    FIRST_NAME_REQUIRED = "FIRST_NAME_REQUIRED"
    SEX_REQUIRED = "SEX_REQUIRED"
    SEX_INVALID = "SEX_INVALID"
    BIRTHDATE_REQUIRED = "BIRTHDATE_REQUIRED"
    BIRTHDATE_INVALID = "BIRTHDATE_INVALID"
    BIRTHDATE_IMPLAUSIBLE = "BIRTHDATE_IMPLAUSIBLE"
    NAME_CLEANED = "NAME_CLEANED"
    BIRTH_COUNTRY_REQUIRED = "BIRTH_COUNTRY_REQUIRED"
    BIRTH_COUNTRY_INVALID = "BIRTH_COUNTRY_INVALID"
    BIRTH_CITY_CODE_REQUIRED = "BIRTH_CITY_CODE_REQUIRED"
    BIRTH_CITY_CODE_INVALID = "BIRTH_CITY_CODE_INVALID"
    BIRTH_CITY_REQUIRED = "BIRTH_CITY_REQUIRED"
    DIVISION_REQUIRED = "DIVISION_REQUIRED"
    MEF_CODE_REQUIRED = "MEF_CODE_REQUIRED"
    STATUS_REQUIRED = "STATUS_REQUIRED"


class SkipReason(StrEnum):
    NO_INE = "NO_INE"
    LEFT = "LEFT"
    NO_DIVISION = "NO_DIVISION"


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing to fix, told to a school secretary: where, who, which field, what to do."""

    code: str
    message: str
    line: int | None = None
    source_id: str | None = None
    ine: str | None = None
    last_name: str | None = None
    first_name: str | None = None
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


# What only warns (the student is imported): DOMAIN's list of blocking errors is short.
WARNINGS = frozenset(
    {
        ImportErrorCode.INE_INVALID,
        ImportErrorCode.BIRTH_CITY_REQUIRED,
        ImportErrorCode.BIRTH_COUNTRY_REQUIRED,
        ImportErrorCode.BIRTH_COUNTRY_INVALID,
        ImportErrorCode.BIRTHDATE_IMPLAUSIBLE,
        ImportErrorCode.NAME_CLEANED,
    }
)


@dataclass(frozen=True)
class ImportOutcome:
    """All or nothing: either students (and no errors) or errors (and no students). A job that
    streams its file keeps only the count of students kept, not the students. Warnings are
    reported with the students they concern, who are imported all the same."""

    students: tuple[ImportedStudent, ...] = ()
    errors: tuple[ImportProblem, ...] = ()
    read: int = 0
    kept: int = 0
    skipped: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple[ImportProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """The report of the import as JSON: counts, every error and every warning."""
        return {
            "read": self.read,
            "kept": self.kept,
            "skipped": dict(self.skipped),
            "errors": [error.to_dict() for error in self.errors],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }

    @classmethod
    def rejected(cls, error: FileRejected) -> ImportOutcome:
        return cls(errors=error.as_problems())


class FileRejected(Invalid):
    """Raised by a file reader when the file as a whole cannot be imported."""

    default_code = ImportErrorCode.INVALID_FILE.value

    def __init__(
        self,
        code: ImportErrorCode,
        message: str,
        *,
        problems: tuple[ImportProblem, ...] = (),
        **details: Any,
    ) -> None:
        super().__init__(message, code=code.value, details=details)
        self.problems = problems

    def as_problems(self) -> tuple[ImportProblem, ...]:
        """What to report: the detailed problems if any (e.g. every missing column), else one."""
        if self.problems:
            return self.problems
        return (
            ImportProblem(
                code=self.code,
                message=self.message,
                line=self.details.get("line"),
                field=self.details.get("field"),
            ),
        )
