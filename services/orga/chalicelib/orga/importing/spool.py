"""Rows kept on local disk instead of in memory, read back as many times as needed."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import Any

_BATCH = 1000
_IN_MEMORY_BYTES = 1024 * 1024


class RowSpool:
    """Tuples appended in batches to a temporary file (Lambda has 512 MB of /tmp); small files
    stay in memory. One reading at a time."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY_BYTES)  # noqa: SIM115
        self._batch: list[tuple[Any, ...]] = []
        self.count = 0

    def append(self, row: tuple[Any, ...]) -> None:
        self._batch.append(row)
        self.count += 1
        if len(self._batch) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            pickle.dump(self._batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._batch = []

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        self._flush()
        self._file.seek(0)
        end = self._file.seek(0, 2)
        self._file.seek(0)
        while self._file.tell() < end:
            yield from pickle.load(self._file)  # noqa: S301 - our own rows, written above

    def close(self) -> None:
        self._file.close()
