"""The import job streams: its memory grows by a few hundred bytes per student, not kilobytes."""

from __future__ import annotations

import gc
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

from chalicelib.orga.adapters.memory import InMemoryImportFiles, InMemoryStudentRepository
from chalicelib.orga.use_cases import import_job, imports
from infra.samples.siecle_generator import write_students
from tests.unit.orga.test_imports_job import ADMIN_1, UAI, Ports

PER_STUDENT_BYTES = 300  # the INEs seen and the division of each student; was ~800


class CountingStudents(InMemoryStudentRepository):
    """Counts the writes and keeps nothing, like a real table seen from the job's memory."""

    def write_generation(self, organization_id, generation, students):  # noqa: ANN001, ANN201
        return sum(1 for _ in students)


class FilesOnDisk(InMemoryImportFiles):
    """Uploads served from disk; the lists the job writes are counted, not kept."""

    def __init__(self) -> None:
        super().__init__("docs")
        self.paths: dict[str, Path] = {}
        self.lines: dict[str, int] = {}

    def open(self, key: str):  # noqa: ANN201
        return open(self.paths[key], "rb") if key in self.paths else super().open(key)  # noqa: SIM115

    def put_lines(self, key, lines) -> None:  # noqa: ANN001
        self.lines[key] = sum(1 for _ in lines)

    @contextmanager
    def line_writer(self, key: str):  # noqa: ANN201
        count = 0

        def write(line: str) -> None:
            nonlocal count
            count += 1

        yield write
        self.lines[key] = count


def job_peak(directory: Path, count: int) -> int:
    path = directory / f"eleves-{count}.xml"
    write_students(path, count, uai=UAI, divisions=max(4, count // 30))
    ports = Ports(students=CountingStudents(), import_files=FilesOnDisk())
    record = imports.upload(
        ports, ADMIN_1, imports.Upload("org-1", b"<placeholder/>", "application/xml")
    )
    ports.import_files.paths[record.key] = path
    [message] = ports.publisher.of_type("StudentImportRequested")
    gc.collect()
    tracemalloc.start()
    try:
        done = import_job.run_import(ports, message)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert done.counts["created"] == count, done.errors[:3]
    return peak


def test_the_job_holds_a_few_hundred_bytes_per_student(tmp_path):
    small, big = job_peak(tmp_path, 1_000), job_peak(tmp_path, 11_000)
    assert (big - small) / 10_000 < PER_STUDENT_BYTES
