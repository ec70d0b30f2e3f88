"""Contract of the import record, import lock and import files ports, fake and AWS alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.orga.adapters.dynamo_imports import DynamoImportRepository
from chalicelib.orga.adapters.memory import InMemoryImportFiles, InMemoryImportRepository
from chalicelib.orga.adapters.s3_import_files import S3ImportFiles
from chalicelib.orga.domain.imports import FileKind, Import, ImportSource, ImportStatus
from pixcore.errors import Conflict, NotFound
from pixcore.ids import new_id
from tests.integration.orga.conftest import documents_bucket

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def files(kind: str):  # noqa: ANN201
    return InMemoryImportFiles("docs") if kind == "memory" else S3ImportFiles(documents_bucket())


@pytest.fixture
def imports(kind: str, files):  # noqa: ANN001, ANN201
    return InMemoryImportRepository() if kind == "memory" else DynamoImportRepository(files)


def record(
    org: str, at: datetime = T0, status: ImportStatus = ImportStatus.QUEUED, import_id: str = ""
) -> Import:
    import_id = import_id or new_id()
    return Import(
        import_id,
        org,
        status,
        FileKind.SIECLE,
        ImportSource.UPLOAD,
        f"imports/{org}/{import_id}",
        at,
    )


def test_an_import_is_stored_once_and_read_back(imports):
    r = record(new_id())
    imports.add(r)
    assert imports.get(r.organization_id, r.id) == r
    with pytest.raises(Conflict):
        imports.add(r)
    with pytest.raises(NotFound) as missing:
        imports.get(r.organization_id, new_id())
    assert missing.value.code == "IMPORT_NOT_FOUND"


def test_a_transition_happens_only_from_the_allowed_states_and_keeps_what_it_carries(imports):
    r = record(new_id())
    imports.add(r)
    r.counts, r.errors = {"read": 3}, [{"code": "EMPTY", "message": "Rien."}]
    assert imports.transition(r, ImportStatus.RUNNING, ImportStatus.QUEUED)
    assert imports.transition(r, ImportStatus.DONE, ImportStatus.QUEUED) is False
    stored = imports.get(r.organization_id, r.id)
    assert stored.status is ImportStatus.RUNNING and stored.counts == {"read": 3}
    assert stored.errors == r.errors


def test_a_large_error_report_survives_the_round_trip(imports):
    r = record(new_id())
    imports.add(r)
    r.errors = [{"code": "INE_REQUIRED", "message": "é" * 200, "line": i} for i in range(2_000)]
    imports.transition(r, ImportStatus.FAILED, ImportStatus.QUEUED)
    assert imports.get(r.organization_id, r.id).errors == r.errors


def test_recent_imports_come_newest_first(imports):
    org, base = new_id(), new_id()[:-1]  # ids of one millisecond sort by their random part
    first, second = record(org, import_id=base + "0"), record(org, import_id=base + "1")
    imports.add(first)
    imports.add(second)
    assert [r.id for r in imports.recent(org, 5)] == [second.id, first.id]
    assert [r.id for r in imports.recent(org, 1)] == [second.id]


def test_one_import_holds_the_school_lock_until_released_or_expired(imports):
    org, a, b = new_id(), new_id(), new_id()
    assert imports.lock_holder(org) is None
    imports.lock(org, a, T0 + timedelta(minutes=15), T0)
    imports.lock(org, a, T0 + timedelta(minutes=20), T0)  # the holder extends its lease
    with pytest.raises(Conflict) as busy:
        imports.lock(org, b, T0 + timedelta(minutes=15), T0 + timedelta(minutes=1))
    assert busy.value.code == "IMPORT_IN_PROGRESS"
    assert imports.lock_holder(org) == (a, T0 + timedelta(minutes=20))
    imports.unlock(org, b)  # not the holder: nothing happens
    assert imports.lock_holder(org)[0] == a
    imports.lock(org, b, T0 + timedelta(minutes=40), T0 + timedelta(minutes=21))  # a expired
    imports.unlock(org, a)
    assert imports.lock_holder(org)[0] == b
    imports.unlock(org, b)
    assert imports.lock_holder(org) is None


def test_open_imports_are_listed_oldest_first_and_finished_ones_not(imports):
    org = new_id()
    old, recent, done = record(org, T0 - timedelta(days=400)), record(org), record(org)
    for r in (old, recent, done):
        imports.add(r)
    imports.transition(done, ImportStatus.DONE, ImportStatus.QUEUED)
    found = [r.id for r in imports.open_imports(T0 + timedelta(seconds=1), 50)]
    assert old.id in found and recent.id in found and done.id not in found
    assert found.index(old.id) < found.index(recent.id)
    assert old.id not in [r.id for r in imports.open_imports(T0 - timedelta(days=401), 50)]


def test_files_are_stored_listed_moved_and_streamed(files):
    prefix = f"inbox/{new_id()}/"
    files.put(prefix + "a.xml", b"<a/>", "application/xml")
    assert files.get(prefix + "a.xml") == b"<a/>" and files.size(prefix + "a.xml") == 4
    assert files.open(prefix + "a.xml").read() == b"<a/>"
    assert files.size(prefix + "none") is None
    with pytest.raises(NotFound):
        files.get(prefix + "none")
    files.put(prefix + "b.xml", b"<b/>")
    assert files.keys(prefix, 10) == [prefix + "a.xml", prefix + "b.xml"]
    assert files.keys(prefix, 1) == [prefix + "a.xml"]
    files.move(prefix + "a.xml", prefix + "done/a.xml")
    assert files.size(prefix + "a.xml") is None and files.get(prefix + "done/a.xml") == b"<a/>"
    with files.line_writer(prefix + "list.jsonl") as write:
        write('{"ine": "1234567890A"}')
        write('{"ine": "é"}')
    assert files.get(prefix + "list.jsonl").decode().splitlines() == [
        '{"ine": "1234567890A"}',
        '{"ine": "é"}',
    ]
    with pytest.raises(RuntimeError), files.line_writer(prefix + "broken.jsonl") as write:
        write("{}")
        raise RuntimeError("the job stopped")
    assert files.size(prefix + "broken.jsonl") is None
    files.delete(prefix + "b.xml")
    files.delete(prefix + "b.xml")
    assert files.size(prefix + "b.xml") is None
