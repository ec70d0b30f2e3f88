"""Document storage on S3 (moto locally); the port is `pixcore.ports.DocumentStore`."""

from __future__ import annotations

from pixcore.aws import client
from pixcore.errors import NotFound


class S3DocumentStore:
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket

    def put(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        client("s3").put_object(Bucket=self.bucket, Key=key, Body=body, ContentType=content_type)

    def get(self, key: str) -> bytes:
        try:
            return client("s3").get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except client("s3").exceptions.NoSuchKey as exc:
            raise NotFound("Document introuvable.", code="DOCUMENT_NOT_FOUND") from exc

    def open(self, key: str):  # noqa: ANN201 - a botocore streaming body
        try:
            return client("s3").get_object(Bucket=self.bucket, Key=key)["Body"]
        except client("s3").exceptions.NoSuchKey as exc:
            raise NotFound("Document introuvable.", code="DOCUMENT_NOT_FOUND") from exc

    def exists(self, key: str) -> bool:
        response = client("s3").list_objects_v2(Bucket=self.bucket, Prefix=key, MaxKeys=1)
        return any(obj["Key"] == key for obj in response.get("Contents", []))

    def delete(self, key: str) -> None:
        client("s3").delete_object(Bucket=self.bucket, Key=key)

    def under(self, prefix: str) -> list[str]:
        """Every key under a prefix (an erasure finds the documents of a session this way)."""
        pages = (
            client("s3")
            .get_paginator("list_objects_v2")
            .paginate(Bucket=self.bucket, Prefix=prefix)
        )
        return [obj["Key"] for page in pages for obj in page.get("Contents", [])]

    def presigned_get(self, key: str, expires_in: int = 300, filename: str | None = None) -> str:
        params = {"Bucket": self.bucket, "Key": key}
        if filename:
            params["ResponseContentDisposition"] = f'attachment; filename="{filename}"'
        return client("s3").generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expires_in
        )

    def presigned_put(
        self, key: str, expires_in: int = 900, content_type: str | None = None
    ) -> str:
        params = {"Bucket": self.bucket, "Key": key}
        if content_type:
            params["ContentType"] = content_type
        return client("s3").generate_presigned_url(
            "put_object", Params=params, ExpiresIn=expires_in
        )
