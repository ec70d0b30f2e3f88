"""`pixcert package`: every service packs into a zip that loads on Lambda; the checks bite."""

from __future__ import annotations

import io
import json
import platform
import sys
import zipfile
from pathlib import Path

import pytest

from infra import iam
from infra.elf import elf_dependencies
from infra.packaging import package_all
from infra.resources import SERVICES
from infra.zip_checks import check_requirements, check_wheel_tags

LAMBDA_PY311_GLIBC = (2, 26)


def a_zip(files: dict[str, str]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, text in files.items():
            zipped.writestr(name, text)
    return zipfile.ZipFile(buffer)


def wheel(*tags: str) -> str:
    return "Wheel-Version: 1.0\nRoot-Is-Purelib: false\n" + "".join(f"Tag: {t}\n" for t in tags)


@pytest.mark.packaging
@pytest.mark.xdist_group("packaging")
def test_every_service_packages_into_a_zip_that_loads_on_lambda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # WHEN the four services are packaged for the dev stage (pip reaches PyPI)
    ok = package_all(tmp_path)

    # THEN every check passed for every service, each leaving a zip and a SAM template
    printed = capsys.readouterr().out
    assert ok, printed
    for service in SERVICES:
        sam = json.loads((tmp_path / service / "sam.json").read_text())
        # every function's role holds exactly the service's generated policy, nothing else
        roles = [v for v in sam["Resources"].values() if v["Type"] == "AWS::IAM::Role"]
        assert roles and all(
            [p["PolicyDocument"] for p in r["Properties"]["Policies"]] == [iam.policy(service)]
            for r in roles
        )
        others = set(SERVICES) - {service}
        assert not any(f"pixcert-{o}-main" in json.dumps(roles) for o in others)
        # API Gateway's own 4XX/5XX answers carry CORS headers and our French error body
        answers = sam["Resources"]["RestAPI"]["Properties"]["DefinitionBody"][
            "x-amazon-apigateway-gateway-responses"
        ]
        unknown = answers["MISSING_AUTHENTICATION_TOKEN"]
        assert unknown["statusCode"] == "404"
        assert json.loads(unknown["responseTemplates"]["application/json"])["error"] == {
            "code": "NOT_FOUND",
            "message": "Ressource introuvable.",
            "details": {"request_id": "$context.requestId"},
        }
        for kind in ("DEFAULT_4XX", "DEFAULT_5XX"):
            headers = answers[kind]["responseParameters"]
            assert headers["gatewayresponse.header.Access-Control-Allow-Origin"] != "'*'"
        # each zip ships only what its service imports, and botocore's models of its AWS APIs
        with zipfile.ZipFile(tmp_path / service / "deployment.zip") as zipped:
            tops = {n.split("/")[0] for n in zipped.namelist()}
            models = {n.split("/")[2] for n in zipped.namelist() if n.startswith("botocore/data/")}
        assert models - {"_retry.json", "endpoints.json", "partitions.json"} <= {
            "dynamodb",
            "s3",
            "secretsmanager",
            "sqs",
            "sts",
            "kms",
            "sdk-default-configuration.json",
        }
        assert ("fpdf" in tops) is (service in ("certif", "jury"))
        assert ("argon2" in tops) is (service == "orga")
        assert ("jinja2" in tops) is False
        assert "lxml" not in tops or service in ("orga", "jury")  # jury: pyhanko needs it


def test_a_wheel_compiled_on_this_machine_is_reported_by_name() -> None:
    # GIVEN pillow built from its sdist here, lxml from a manylinux2014 wheel, jinja2 pure
    zipped = a_zip(
        {
            "pillow-13.0.0.dist-info/WHEEL": wheel("cp311-cp311-linux_x86_64"),
            "lxml-6.1.3.dist-info/WHEEL": wheel(
                "cp311-cp311-manylinux2014_x86_64", "cp311-cp311-manylinux_2_17_x86_64"
            ),
            "jinja2-3.1.6.dist-info/WHEEL": wheel("py3-none-any"),
        }
    )

    # WHEN the wheel tags are checked against Lambda's python3.11
    _, problems = check_wheel_tags(zipped, LAMBDA_PY311_GLIBC)

    # THEN only pillow is reported
    assert len(problems) == 1
    assert problems[0].startswith("pillow 13.0.0 was compiled on this machine")


def test_a_wheel_for_a_newer_glibc_than_lambdas_is_reported() -> None:
    zipped = a_zip({"pillow-13.0.0.dist-info/WHEEL": wheel("cp311-cp311-manylinux_2_28_x86_64")})

    _, problems = check_wheel_tags(zipped, LAMBDA_PY311_GLIBC)

    assert [p.split(" was ")[0] for p in problems] == ["pillow 13.0.0"]


def test_a_local_path_requirement_and_a_missing_one_are_reported(tmp_path: Path) -> None:
    # GIVEN a requirements.txt with a local path (chalice drops it silently) and jinja2
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("boto3>=1.34\n../common  # the kernel\njinja2>=3.1,<4\n")
    names = {"boto3-1.44.8.dist-info/WHEEL", "boto3/__init__.py"}

    # WHEN it is checked against a zip that only holds boto3
    _, problems = check_requirements(names, requirements)

    # THEN both the path and the absent jinja2 are reported
    assert len(problems) == 2
    assert "'../common'" in problems[0]
    assert problems[1] == "requirement jinja2 is not in the zip"


@pytest.mark.skipif(
    sys.platform != "linux" or platform.machine() != "x86_64",
    reason="reads this machine's own x86_64 ELF interpreter",
)
def test_the_elf_reader_finds_libc_and_its_symbol_versions() -> None:
    parsed = elf_dependencies(Path(sys.executable).resolve().read_bytes())

    assert parsed is not None
    machine, needed, versions = parsed

    assert machine == 62
    assert "libc.so.6" in needed
    assert versions and all(major == 2 for major, _ in versions)
