"""Opening an uploaded student file: bytes or stream, plain or zipped, always read within bounds."""

from __future__ import annotations

import io
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Protocol

from ..domain.student_records import FileRejected, ImportErrorCode

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_MB = 1024 * 1024
_SPOOL_IN_MEMORY = 16 * _MB
_BROKEN_ARCHIVE = (zipfile.BadZipFile, zlib.error, EOFError)


class Readable(Protocol):
    """Anything with `read`: an open file, an HTTP body, an S3 download, a zip entry."""

    def read(self, size: int = -1, /) -> bytes: ...


Source = Readable | bytes | bytearray | memoryview


@dataclass(frozen=True)
class ReadLimits:
    """Bounds against huge uploads and zip bombs; a real 100,000-student export is about 100 MB."""

    max_file_bytes: int = 512 * _MB
    max_archive_bytes: int = 128 * _MB
    max_ratio: int = 200
    ratio_checked_above: int = 1 * _MB


DEFAULT_LIMITS = ReadLimits()


def _rejected(message: str) -> FileRejected:
    return FileRejected(ImportErrorCode.INVALID_FILE, message)


def _too_large(limit: int) -> FileRejected:
    return FileRejected(
        ImportErrorCode.FILE_TOO_LARGE,
        f"Le fichier dépasse la taille maximale acceptée ({limit // _MB} Mo). Pour un très gros "
        "établissement, contactez le support.",
        limit=limit,
    )


class BoundedReader(io.RawIOBase):
    """Reads at most `limit` bytes from `raw`, then refuses; turns broken archives into errors."""

    def __init__(self, raw: Readable, limit: int, head: bytes = b"") -> None:
        self._raw, self._limit, self._head, self._count = raw, limit, head, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data, self._head = self._head + self._read_raw(-1), b""
        elif self._head:
            data, self._head = self._head[:size], self._head[size:]
        else:
            data = self._read_raw(size)
        self._count += len(data)
        if self._count > self._limit:
            raise _too_large(self._limit)
        return data

    def _read_raw(self, size: int) -> bytes:
        if size < 0:  # read to the end, but never more than the limit allows
            chunks, total = [], self._count
            while total <= self._limit and (chunk := self._read_raw(_MB)):
                chunks.append(chunk)
                total += len(chunk)
            return b"".join(chunks)
        try:
            return self._raw.read(size)
        except _BROKEN_ARCHIVE as error:  # other I/O errors are transient: they propagate
            raise _rejected("L'archive ZIP est endommagée ou incomplète.") from error

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peek(stream: Readable, size: int) -> tuple[bytes, BoundedReader]:
    """The first `size` bytes of a stream and a stream that still yields them."""
    chunks, left = [], size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    head = b"".join(chunks)
    return head, BoundedReader(stream, 1 << 62, head)


def is_zip(head: bytes) -> bool:
    """A zip is recognised by its content (magic number), never by its file name."""
    return head[:4] in ZIP_MAGICS


@contextmanager
def open_payload(
    source: Source, *, suffix: str, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[Readable]:
    """The file to read, as a bounded stream: the source itself, or its single `suffix` entry
    when the source is a zip (ignoring directories, `__MACOSX/` and hidden files)."""
    raw = io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source
    head, stream = peek(raw, 4)
    if not is_zip(head):
        yield BoundedReader(stream, limits.max_file_bytes)
        return
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
        _copy(BoundedReader(stream, limits.max_archive_bytes), spool)
        spool.seek(0)
        try:
            archive = zipfile.ZipFile(spool)
        except _BROKEN_ARCHIVE as error:
            raise _rejected("L'archive ZIP est illisible ou incomplète.") from error
        with archive:
            entry = _single_entry(archive, suffix, limits)
            try:
                inner = archive.open(entry)
            except (NotImplementedError, RuntimeError, zipfile.BadZipFile) as error:
                raise _rejected(
                    "Le fichier de l'archive ZIP ne peut pas être lu (archive chiffrée ou "
                    "compression non prise en charge)."
                ) from error
            with inner:
                yield BoundedReader(inner, min(entry.file_size, limits.max_file_bytes))


def _copy(source: Readable, target: IO[bytes]) -> None:
    while chunk := source.read(1 * _MB):
        target.write(chunk)


def _is_junk(name: str) -> bool:
    parts = name.split("/")
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts if part)


def _single_entry(archive: zipfile.ZipFile, suffix: str, limits: ReadLimits) -> zipfile.ZipInfo:
    """The archive must hold exactly one file of the expected kind, of a sane size and ratio."""
    candidates = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not _is_junk(info.filename)
        and info.filename.lower().endswith(suffix)
    ]
    if len(candidates) != 1:
        found = "aucun" if not candidates else f"{len(candidates)}"
        raise _rejected(
            f"L'archive ZIP doit contenir un seul fichier {suffix} ; elle en contient {found}. "
            "Déposez directement le fichier exporté, ou une archive qui ne contient que lui."
        )
    entry = candidates[0]
    if entry.file_size > limits.max_file_bytes:
        raise _too_large(limits.max_file_bytes)
    if entry.file_size > limits.ratio_checked_above and entry.file_size > limits.max_ratio * max(
        entry.compress_size, 1
    ):
        raise _rejected("L'archive ZIP est anormalement compressée et a été refusée par sécurité.")
    return entry
