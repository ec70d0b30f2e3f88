"""web/ in production: the template's bucket receives the site with the right content types."""

from __future__ import annotations

import boto3

from infra import resources
from infra.web_hosting import publish, site_files


def test_the_site_is_published_to_the_template_s_bucket_with_its_content_types(aws):
    s3 = boto3.client("s3")

    count = publish(s3)

    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=resources.web_bucket())["Contents"]}
    assert count == len(site_files()) == len(keys)
    assert {"index.html", "config.js", "student/index.html", "shared/operations.json"} <= keys
    for key, kind in (
        ("student/app.js", "text/javascript; charset=utf-8"),
        ("shared/styles.css", "text/css; charset=utf-8"),
        ("shared/operations.json", "application/json; charset=utf-8"),
        ("vendor/LICENSE-preact", "application/octet-stream"),
    ):
        assert s3.head_object(Bucket=resources.web_bucket(), Key=key)["ContentType"] == kind
