"""The student import rules: which students are kept, what is wrong with them, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import Any

from .birthplace import Birthplace, FieldError, birthplace_of
from .import_messages import WARNING_HINT, describe, problem_for, text_or_none
from .student_fields import (
    FIELD_LIMITS,
    NAME_FIELDS,
    clean_name,
    is_plausible_birthdate,
    is_valid_ine,
    normalize_ine,
    parse_birthdate,
    sex_from_code,
)
from .student_records import (
    ImportedStudent,
    ImportErrorCode,
    ImportOutcome,
    ImportProblem,
    SkipReason,
    StudentRecord,
)

E = ImportErrorCode
_text = text_or_none


@dataclass(frozen=True)
class StudentFileRules:
    """How one kind of student file is judged: what it may leave out, how it names its fields."""

    fields: Mapping[str, str]
    fix_hint: str
    sex_required: bool = True
    division_required: bool = False
    codes_required: bool = False


def skip_reason(record: StudentRecord, rules: StudentFileRules) -> SkipReason | None:
    """A student is skipped silently when the file has no INE for them yet, when they have left
    (a leaving date is set) or, in SIECLE, when they are in no division (`Inactifs` is none)."""
    if record.ine is None:
        return SkipReason.NO_INE
    if _text(record.leaving_date) is not None:
        return SkipReason.LEFT
    if not rules.division_required and _text(record.division) is None:
        return SkipReason.NO_DIVISION
    return None


def check_student(
    record: StudentRecord, rules: StudentFileRules, today: date | None = None
) -> tuple[ImportedStudent | None, list[ImportProblem], list[ImportProblem]]:
    """A kept student needs an INE, names, a real birthdate, a sex when the file requires it, and
    the commune code when born in France; every field within its length. Those are errors, and
    every error of the student is reported, not only the first. What only warns (the student is
    imported): an INE of an unusual shape, a birthdate before 1900 or in the future, a missing or
    unknown birth country, a foreign-born student without a birth city, invisible characters
    removed from a name. Returns the student (None on error), the errors and the warnings."""
    # One pass over the texts, few calls: this runs for each of 100,000 students.
    values = [(value.strip() or None) if value else None for value in record[3:]]
    errors: list[FieldError] = []
    warnings: list[FieldError] = []
    for attribute, value in zip(_FIELDS, values, strict=True):
        if value is not None and len(value) > FIELD_LIMITS.get(attribute, 1 << 30):
            errors.append(FieldError(E.FIELD_TOO_LONG, attribute, str(len(value))))
    ine = (record.ine or "").strip().upper()
    if len(ine) > FIELD_LIMITS["ine"]:
        errors.append(FieldError(E.FIELD_TOO_LONG, "ine", str(len(ine))))
    if errors:  # a field of megabytes is not checked any further
        return None, [_problem(record, rules, e) for e in errors], []
    for i in _NAME_POSITIONS:
        text = values[i]
        if text is not None and (cleaned := clean_name(text)) != text:
            warnings.append(FieldError(E.NAME_CLEANED, _FIELDS[i]))
            values[i] = cleaned or None
    (
        last_name,
        preferred_last_name,
        first_name,
        middle_name,
        third_name,
        sex_code,
        birth_text,
        country,
        department,
        city_code,
        city,
        mef_code,
        status,
        _,
        division,
    ) = values
    if not ine:
        errors.append(FieldError(E.INE_REQUIRED, "ine"))
    elif not is_valid_ine(ine):
        warnings.append(FieldError(E.INE_INVALID, "ine", ine))
    if last_name is None:
        errors.append(FieldError(E.LAST_NAME_REQUIRED, "last_name"))
    if first_name is None:
        errors.append(FieldError(E.FIRST_NAME_REQUIRED, "first_name"))
    sex = None
    if sex_code is None:
        if rules.sex_required:
            errors.append(FieldError(E.SEX_REQUIRED, "sex_code"))
    elif (sex := sex_from_code(sex_code)) is None:
        errors.append(FieldError(E.SEX_INVALID, "sex_code", sex_code))
    birthdate = None
    if birth_text is None:
        errors.append(FieldError(E.BIRTHDATE_REQUIRED, "birthdate"))
    elif (birthdate := parse_birthdate(birth_text)) is None:
        errors.append(FieldError(E.BIRTHDATE_INVALID, "birthdate", birth_text))
    elif not is_plausible_birthdate(birthdate, today):
        warnings.append(FieldError(E.BIRTHDATE_IMPLAUSIBLE, "birthdate", birth_text))
    birthplace, place_warning = birthplace_of(country, department, city_code, city)
    if type(birthplace) is FieldError:
        errors.append(birthplace)
    if place_warning is not None:
        warnings.append(place_warning)
    if rules.division_required and division is None:
        errors.append(FieldError(E.DIVISION_REQUIRED, "division"))
    if rules.codes_required and mef_code is None:
        errors.append(FieldError(E.MEF_CODE_REQUIRED, "mef_code"))
    if rules.codes_required and status is None:
        errors.append(FieldError(E.STATUS_REQUIRED, "status"))
    found = [_problem(record, rules, w, WARNING_HINT) for w in warnings]
    if errors:
        return None, [_problem(record, rules, error) for error in errors], found
    if (
        not isinstance(birthplace, Birthplace)
        or last_name is None
        or first_name is None
        or birthdate is None
        or division is None  # not kept, and not an error: `skip_reason` says why
    ):
        return None, [], []
    return (
        ImportedStudent(
            ine,
            last_name,
            preferred_last_name,
            first_name,
            middle_name,
            third_name,
            sex,
            birthdate,
            *birthplace,
            mef_code,
            status,
            division,
            record.line,
            record.source_id,
        ),
        [],
        found,
    )


_FIELDS = StudentRecord._fields[3:]
_NAME_POSITIONS = tuple(_FIELDS.index(name) for name in (*NAME_FIELDS, "birth_city", "division"))


def _problem(
    record: StudentRecord, rules: StudentFileRules, error: FieldError, hint: str | None = None
) -> ImportProblem:
    field = rules.fields.get(error.attribute, error.attribute)
    if error.code is E.FIELD_TOO_LONG:
        limit = FIELD_LIMITS.get(error.attribute, 0)
        values = {"length": error.value or "", "limit": str(limit)}
    else:
        values = {} if error.value is None else {"value": error.value}
    return problem_for(record, error.code, field, hint or rules.fix_hint, **values)


def decide_import(
    records: Iterable[StudentRecord], rules: StudentFileRules, *, today: date | None = None
) -> ImportOutcome:
    """Keep the students who are not skipped, check each of them, and refuse two kept students
    sharing one INE (both are reported, twins included). All errors of the file are collected;
    if there is any, nothing is imported. A file with nobody to import is refused as EMPTY."""
    records = _reiterable(records)
    outcome = screen_import(records, rules, today=today)
    if not outcome.ok:
        return outcome
    return replace(outcome, students=tuple(kept_students(records, rules, today=today)))


def screen_import(
    records: Iterable[StudentRecord], rules: StudentFileRules, *, today: date | None = None
) -> ImportOutcome:
    """What `decide_import` decides, without holding the students: the counts and every error.
    Only the INEs are kept in memory; `records` is read a second time when some INE is shared,
    to name every student who has it."""
    records = _reiterable(records)
    read = kept = 0
    skipped = dict.fromkeys(SkipReason, 0)
    problems: list[ImportProblem] = []
    warnings: list[ImportProblem] = []
    seen: set[str] = set()
    shared: dict[str, list[Any]] = {}
    for record in records:
        read += 1
        reason = skip_reason(record, rules)
        if reason is not None:
            skipped[reason] += 1
            continue
        student, found, warned = check_student(record, rules, today)
        warnings.extend(warned)
        if student is not None:
            kept += 1
            ine = student.ine
        else:
            problems.extend(found)
            ine = normalize_ine(record.ine or "")[: FIELD_LIMITS["ine"]]
        if ine:
            size = len(seen)
            seen.add(ine)
            if len(seen) == size:
                shared.setdefault(ine, [])
    del seen
    if shared:
        _gather_shared(records, rules, today, shared)
        problems.extend(_shared_ine_problems(shared, rules))
    counts = MappingProxyType({reason.value: n for reason, n in skipped.items()})
    warned_all = tuple(warnings)
    if problems:
        problems.sort(key=lambda problem: problem.line or 0)
        return ImportOutcome(errors=tuple(problems), read=read, skipped=counts, warnings=warned_all)
    if not kept:
        return ImportOutcome(errors=(_empty_problem(read),), read=read, skipped=counts)
    return ImportOutcome(read=read, kept=kept, skipped=counts, warnings=warned_all)


def kept_students(
    records: Iterable[StudentRecord], rules: StudentFileRules, *, today: date | None = None
) -> Iterator[ImportedStudent]:
    """The students an import keeps, in file order, one at a time (for a file that
    `screen_import` found without errors)."""
    for record in records:
        if skip_reason(record, rules) is None:
            student, _, _ = check_student(record, rules, today)
            if student is not None:
                yield student


def _reiterable(records: Iterable[StudentRecord]) -> Iterable[StudentRecord]:
    return list(records) if iter(records) is records else records


def _gather_shared(
    records: Iterable[StudentRecord],
    rules: StudentFileRules,
    today: date | None,
    shared: dict[str, list[Any]],
) -> None:
    for record in records:
        if skip_reason(record, rules) is not None:
            continue
        student, _, _ = check_student(record, rules, today)
        ine = student.ine if student is not None else normalize_ine(record.ine or "")[:20]
        if ine in shared:
            shared[ine].append(student or record)


def _shared_ine_problems(
    shared: Mapping[str, list[Any]], rules: StudentFileRules
) -> Iterable[ImportProblem]:
    field = rules.fields.get("ine", "ine")
    for ine, group in shared.items():
        for who in group:
            others = ", ".join(describe(other) for other in group if other is not who)
            yield problem_for(who, E.INE_UNIQUE, field, rules.fix_hint, value=ine, others=others)


def _empty_problem(read: int) -> ImportProblem:
    detail = (
        "aucun élève"
        if read == 0
        else "aucun élève à la fois doté d'un INE, inscrit dans une division et sans date de sortie"
    )
    return ImportProblem(
        code=E.EMPTY.value,
        message=f"Le fichier ne contient {detail} : il n'y a rien à importer. Vérifiez que "
        "l'export a été fait pour l'année en cours et pour tout l'établissement.",
    )
