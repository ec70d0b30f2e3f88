"""Reading the active student list orga wrote for an import: the one object its message points
to, streamed line by line, each line bounded."""

from __future__ import annotations

from collections.abc import Iterator

from pixcore.aws import client
from pixcore.errors import NotFound

MAX_LINE_BYTES = 64 * 1024


class S3StudentLists:
    def lines(self, bucket: str, key: str) -> Iterator[str]:
        s3 = client("s3")
        try:
            body = s3.get_object(Bucket=bucket, Key=key)["Body"]
        except s3.exceptions.NoSuchKey as exc:
            raise NotFound("Liste d'élèves introuvable.", code="DOCUMENT_NOT_FOUND") from exc
        for raw in body.iter_lines(chunk_size=64 * 1024):
            if len(raw) > MAX_LINE_BYTES:
                continue
            yield raw.decode("utf-8")
