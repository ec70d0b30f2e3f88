"""botocore ships the API models of every AWS service (about 15 MiB of a 20 MiB zip). A service
keeps the models of the AWS services its IAM policy names, and drops the rest: botocore loads a
model only when a client for that service is created, and the policy refuses the others anyway."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from infra import iam

MODELS = "botocore/data/"
# Always kept: STS backs credential providers; CloudWatch Logs is written by Lambda itself.
ALWAYS = {"sts"}


def aws_services(service: str) -> set[str]:
    """The botocore service names of the AWS APIs a service's code may call."""
    prefixes = {
        action.split(":")[0]
        for statement in iam.policy(service)["Statement"]
        for action in statement["Action"]
    }
    return (prefixes - {"logs"}) | ALWAYS


def trim_models(archive: Path, keep: set[str]) -> tuple[int, int]:
    """Rewrite the zip without the other services' models; returns (files, bytes) removed."""
    trimmed = archive.with_suffix(".trimmed.zip")
    removed_files = removed_bytes = 0
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(trimmed, "w") as target:
        for info in source.infolist():
            name = info.filename
            model_of = name[len(MODELS) :].split("/", 1)[0] if name.count("/") > 2 else None
            if name.startswith(MODELS) and model_of not in keep | {None}:
                removed_files += 1
                removed_bytes += info.file_size
                continue
            target.writestr(info, source.read(info), compress_type=info.compress_type)
    shutil.move(trimmed, archive)
    return removed_files, removed_bytes
