"""The school's results: kept from the jury's publication with each student's class, exported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from chalicelib.orga.adapters.memory import memory_ports
from chalicelib.orga.use_cases.results import ResultsExport, record_publication, results_export
from pixcore.errors import Forbidden, NotFound
from pixcore.messages.catalog import CompetenceMark, PublishedResult, SessionPublished
from pixcore.principal import Principal


@dataclass
class Student:
    division: str


class Students:
    def get(self, organization_id: str, student_id: str) -> Student:
        if student_id not in {"s1": 1, "s2": 2}:
            raise NotFound()
        return Student({"s1": "3e1", "s2": "3e2"}[student_id])

    def divisions_of(self, organization_id: str, student_ids) -> dict:  # noqa: ANN001
        known = {"s1": "3e1", "s2": "3e2"}
        return {s: known.get(s) for s in student_ids}


def published(session_id: str = "1042") -> SessionPublished:
    def result(course, student, status, first, last, pix, levels):  # noqa: ANN001, ANN202
        return PublishedResult(
            course_id=course,
            candidate_id=f"c-{course}",
            student_id=student,
            status=status,
            pix=pix,
            verification_code="P-2B3C4D6F",
            first_name=first,
            last_name=last,
            birthdate=date(2011, 2, 28),
            birthplace="Ajaccio",
            competences=[
                CompetenceMark(competence=c, level=lv, pix=lv * 8) for c, lv in levels.items()
            ],
        )

    return SessionPublished(
        session_id=session_id,
        center_id="org",
        center_name="Collège Victor-Hugo",
        session_date=date(2026, 3, 10),
        published_at=datetime(2026, 4, 1, tzinfo=UTC),
        results=[
            result("101", "s1", "validated", "Zoé", "Lefèvre", 120, {"1.1": 3, "1.2": 0}),
            result("102", "s2", "rejected", "Loïc", "N'Diaye", 0, {"1.1": 2}),
            result("103", "gone", "cancelled", "Ÿvette", "Œuvray", 0, {"1.1": 1}),
        ],
    )


def test_publication_then_csv_for_the_whole_school_and_for_a_class():
    ports = memory_ports(students=Students())
    record_publication(ports, published())
    record_publication(ports, published())  # delivered twice: same rows
    admin = Principal("a", memberships={"org": "ADMIN"})
    lines = (
        "".join(results_export(ports, admin, ResultsExport("org"))).lstrip("\ufeff").splitlines()
    )
    assert len(lines) == 4
    zoe = next(line for line in lines if "Zoé" in line).split(";")
    assert zoe[:8] == ["101", "Zoé", "Lefèvre", "28/02/2011", "Ajaccio", "", "Validée", "120"]
    assert zoe[8:11] == ["3", "0", "-"]
    assert zoe[-3:] == ["1042", "Collège Victor-Hugo", "10/03/2026"]
    loic = next(line for line in lines if "Loïc" in line).split(";")
    assert loic[6:9] == ["Rejetée", "0", "0"]
    yvette = next(line for line in lines if "Ÿvette" in line).split(";")
    assert yvette[6:9] == ["Annulée", "-", "-"]
    only_3e1 = "".join(
        results_export(ports, admin, ResultsExport("org", division="3e1"))
    ).splitlines()
    assert len(only_3e1) == 2


def test_only_the_school_admins_get_the_results():
    with pytest.raises(Forbidden):
        results_export(
            memory_ports(), Principal("m", memberships={"org": "MEMBER"}), ResultsExport("org")
        )
