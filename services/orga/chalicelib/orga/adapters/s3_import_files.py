"""Student files in orga's documents bucket: uploads, the inbox, and the active student lists."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from pixcore.aws import client
from pixcore.storage import S3DocumentStore

_SPOOL_BYTES = 8 * 1024 * 1024


class S3ImportFiles(S3DocumentStore):
    def size(self, key: str) -> int | None:
        try:
            return int(client("s3").head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except client("s3").exceptions.ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def keys(self, prefix: str, limit: int) -> list[str]:
        found: list[str] = []
        pages = (
            client("s3")
            .get_paginator("list_objects_v2")
            .paginate(Bucket=self.bucket, Prefix=prefix)
        )
        for page in pages:
            found.extend(obj["Key"] for obj in page.get("Contents", []))
            if len(found) >= limit:
                break
        return found[:limit]

    def move(self, source: str, target: str) -> None:
        s3 = client("s3")
        s3.copy({"Bucket": self.bucket, "Key": source}, self.bucket, target)
        s3.delete_object(Bucket=self.bucket, Key=source)

    def put_lines(self, key: str, lines: Iterable[str]) -> None:
        with self.line_writer(key) as write:
            for line in lines:
                write(line)

    @contextmanager
    def line_writer(self, key: str) -> Iterator[Callable[[str], None]]:
        """Spooled to a temporary file past a few MB, uploaded in parts at the end."""
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:

            def write(line: str) -> None:
                spool.write(f"{line}\n".encode())

            yield write
            spool.seek(0)
            client("s3").upload_fileobj(
                spool, self.bucket, key, ExtraArgs={"ContentType": "application/x-ndjson"}
            )
