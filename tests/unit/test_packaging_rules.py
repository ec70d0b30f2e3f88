"""The packaging checks that need no PyPI: locked requirements, the import graph, the SAM check and
the trimming of botocore's models."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from infra import iam
from infra.gateway_responses import gateway_responses
from infra.import_graph import service_imports
from infra.resources import SERVICES
from infra.sam_checks import check_sam
from infra.zip_checks import requirement_names
from infra.zip_trim import aws_services, trim_models

ROOT = Path(__file__).resolve().parents[2]


def test_a_locked_requirements_file_names_its_distributions_not_its_hashes(tmp_path):
    lock = tmp_path / "requirements.txt"
    lock.write_text(
        "boto3==1.44.8 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n    # via -r in\n"
        "pynamodb==6.1.0 \\\n    --hash=sha256:cc\n../common\n"
    )
    assert requirement_names(lock) == (["boto3", "pynamodb"], ["../common"])


def test_every_lambda_requirement_is_pinned_and_hashed():
    for service in SERVICES:
        lock = ROOT / "services" / service / "requirements.txt"
        names, dropped = requirement_names(lock)
        blocks = lock.read_text().replace("\\\n", " ").splitlines()
        pinned = [b for b in blocks if b and not b.lstrip().startswith("#")]
        assert not dropped and len(pinned) == len(names)
        assert all("==" in b and "--hash=sha256:" in b for b in pinned), service
        declared, _ = requirement_names(lock.with_suffix(".in"))
        assert {d.lower() for d in declared} <= {n.lower() for n in names}, service


def test_each_service_imports_its_own_third_party_packages_only():
    graphs = {s: service_imports(ROOT / "services" / s) for s in SERVICES}
    assert "lxml" in graphs["orga"].third_party
    assert all("lxml" not in graphs[s].third_party for s in ("certif", "engine"))
    assert all("jinja2" not in g.third_party for g in graphs.values())
    assert "chalicelib.orga.importing.siecle" in graphs["orga"].modules
    assert not any(m.startswith("chalicelib.orga") for m in graphs["certif"].modules)


def sam(service: str) -> dict:
    role = {
        "Type": "AWS::IAM::Role",
        "Properties": {"Policies": [{"PolicyDocument": iam.policy(service)}]},
    }
    return {
        "Resources": {
            "ApiRole": role,
            "ApiHandler": {
                "Type": "AWS::Serverless::Function",
                "Properties": {"Role": {"Fn::GetAtt": ["ApiRole", "Arn"]}},
            },
            "RestAPI": {
                "Type": "AWS::Serverless::Api",
                "Properties": {
                    "DefinitionBody": {
                        "x-amazon-apigateway-gateway-responses": gateway_responses("dev")
                    }
                },
            },
        }
    }


def test_the_sam_check_wants_the_generated_policy_on_every_role():
    assert check_sam(sam("certif"), "certif", "dev")[1] == []
    widened = copy.deepcopy(sam("certif"))
    widened["Resources"]["ApiRole"]["Properties"]["Policies"][0]["PolicyDocument"] = iam.policy(
        "orga"
    )
    assert check_sam(widened, "certif", "dev")[1] == [
        "role ApiRole does not hold exactly the generated policy"
    ]
    bare = copy.deepcopy(sam("certif"))
    del bare["Resources"]["RestAPI"]["Properties"]["DefinitionBody"][
        "x-amazon-apigateway-gateway-responses"
    ]
    assert len(check_sam(bare, "certif", "dev")[1]) == 1


def test_a_zip_keeps_the_botocore_models_of_the_apis_its_policy_names(tmp_path):
    archive = tmp_path / "deployment.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name in (
            "botocore/data/endpoints.json",
            "botocore/data/sqs/2012-11-05/service-2.json.gz",
            "botocore/data/ec2/2016-11-15/service-2.json.gz",
            "botocore/client.py",
        ):
            zipped.writestr(name, "x" * 10)
    archive.write_bytes(buffer.getvalue())
    assert aws_services("engine") == {"dynamodb", "s3", "secretsmanager", "sqs", "sts"}
    assert trim_models(archive, aws_services("engine")) == (1, 10)
    with zipfile.ZipFile(archive) as zipped:
        assert sorted(zipped.namelist()) == [
            "botocore/client.py",
            "botocore/data/endpoints.json",
            "botocore/data/sqs/2012-11-05/service-2.json.gz",
        ]


def _pins(lock: Path) -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for block in lock.read_text().replace("\\\n", " ").splitlines():
        head = block.split("--hash")[0].split(";")[0].strip()
        if "==" in head and not head.startswith("#"):
            name, version = head.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_the_locks_satisfy_what_they_were_compiled_from():
    """A requirement added to pyproject.toml or a requirements.in without `make lock` fails."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    sources = {
        ROOT / "requirements-dev.lock": project["dependencies"]
        + project["optional-dependencies"]["dev"]
    }
    for service in SERVICES:
        folder = ROOT / "services" / service
        lines = (folder / "requirements.in").read_text().splitlines()
        sources[folder / "requirements.txt"] = [
            line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()
        ]
    for lock, wanted in sources.items():
        pins = _pins(lock)
        for text in wanted:
            requirement = Requirement(text)
            version = pins.get(canonicalize_name(requirement.name))
            assert version is not None, f"{requirement.name} is not in {lock.name}: make lock"
            assert requirement.specifier.contains(version, prereleases=True), (lock, text)
