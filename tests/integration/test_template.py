"""infra/template.yaml: generated, in sync, valid for cfn-lint, complete."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from infra import chalice_config, resources
from infra.template import TEMPLATE_PATH, build, render


def test_committed_template_and_configs_match_their_generator():
    assert TEMPLATE_PATH.read_text() == render(), "run `make template`"
    for service in resources.SERVICES:
        assert chalice_config.path(service).read_text() == chalice_config.render(service)
        assert chalice_config.policy_path(service).read_text() == chalice_config.render_policy(
            service
        )


def test_chalice_guesses_no_policy_each_service_has_its_own():
    for service in resources.SERVICES:
        config = chalice_config.config(service)
        assert config["autogen_policy"] is False
        assert config["iam_policy_file"] == "policy.json"


def test_cfn_lint_passes():
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run([str(cfn_lint), str(TEMPLATE_PATH)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_queue_has_a_dead_letter_queue_after_five_receives():
    res = build()["Resources"]
    queues = {
        k: v
        for k, v in res.items()
        if v["Type"] == "AWS::SQS::Queue" and "RedrivePolicy" in v["Properties"]
    }
    assert len(queues) == 4
    for queue in queues.values():
        assert queue["Properties"]["RedrivePolicy"]["maxReceiveCount"] == 5


def test_tables_are_on_demand_encrypted_recoverable():
    tables = [
        v["Properties"]
        for v in build()["Resources"].values()
        if v["Type"] == "AWS::DynamoDB::Table"
    ]
    assert len(tables) == 8
    for t in tables:
        assert t["BillingMode"] == "PAY_PER_REQUEST"
        assert t["SSESpecification"]["SSEEnabled"]
        assert t["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]


def test_buckets_are_private_encrypted_versioned_and_session_documents_kept_two_years():
    buckets = {
        v["Properties"]["BucketName"]: v["Properties"]
        for v in build()["Resources"].values()
        if v["Type"] == "AWS::S3::Bucket"
    }
    for name in ("pixcert-orga-documents", "pixcert-certif-documents", "pixcert-jury-documents"):
        b = buckets[name]
        assert b["VersioningConfiguration"]["Status"] == "Enabled"
        assert all(b["PublicAccessBlockConfiguration"].values())
        assert b["BucketEncryption"]
        rules = {r["Id"]: r for r in b["LifecycleConfiguration"]["Rules"]}
        if name != "pixcert-orga-documents":  # orga's rules: tests/integration/test_retention.py
            assert rules["session-documents-two-years"]["ExpirationInDays"] == 730


def test_the_template_is_yaml_with_a_stage_parameter():
    doc = yaml.safe_load(TEMPLATE_PATH.read_text())
    assert doc["Parameters"]["Stage"]["AllowedValues"] == ["local", "dev", "prod"]


def test_document_buckets_accept_presigned_requests_from_the_stages_web_origins_only():
    template = build()
    origins = template["Mappings"]["StageSettings"]
    assert "*" not in origins["prod"]["WebOrigins"]
    assert all(o.startswith("https://") for o in origins["prod"]["WebOrigins"])
    buckets = [
        v["Properties"]
        for v in template["Resources"].values()
        if v["Type"] == "AWS::S3::Bucket" and "documents" in v["Properties"]["BucketName"]
    ]
    assert len(buckets) == 3
    for bucket in buckets:
        [rule] = bucket["CorsConfiguration"]["CorsRules"]
        assert "PUT" in rule["AllowedMethods"]
        assert rule["AllowedOrigins"] == {
            "Fn::FindInMap": ["StageSettings", {"Ref": "Stage"}, "WebOrigins"]
        }


def test_signing_keys_are_generated_secrets_not_parameters():
    resources_ = build()["Resources"].values()
    secrets = [v["Properties"] for v in resources_ if v["Type"] == "AWS::SecretsManager::Secret"]
    assert [s["Name"] for s in secrets] == list(resources.SECRETS)
    assert all(s["GenerateSecretString"]["PasswordLength"] >= 32 for s in secrets)
    assert not [v for v in resources_ if v["Type"] == "AWS::SSM::Parameter"]
    assert "TokenSigningKeyValue" not in build()["Parameters"]


def cors_allows(rules: list[dict], origin: str, method: str) -> bool:
    """S3's CORS matching: a rule whose origins (`*` wildcards) and methods both match."""
    from fnmatch import fnmatchcase

    return any(
        method in rule["AllowedMethods"]
        and any(fnmatchcase(origin, pattern) for pattern in rule["AllowedOrigins"])
        for rule in rules
    )


def test_per_stage_the_upload_bucket_lets_its_web_apps_put_and_no_other_origin():
    # moto neither applies a bucket's CORS rules from CloudFormation nor honours them (its server
    # answers every preflight): the rules are read here, resolved for each stage.
    template = build()
    bucket = next(
        v["Properties"]
        for v in template["Resources"].values()
        if v["Properties"].get("BucketName") == resources.documents_bucket("orga")
    )
    for stage, settings in template["Mappings"]["StageSettings"].items():
        rules = [
            {**rule, "AllowedOrigins": settings["WebOrigins"]}
            for rule in bucket["CorsConfiguration"]["CorsRules"]
        ]
        for origin in resources.WEB_ORIGINS[stage]:
            assert cors_allows(rules, origin, "PUT")
        assert not cors_allows(rules, "https://evil.example", "PUT"), stage
        assert not cors_allows(rules, resources.WEB_ORIGINS[stage][0], "DELETE")
    assert not cors_allows(
        [{"AllowedMethods": ["PUT"], "AllowedOrigins": ["https://pixcert.fr"]}],
        "http://127.0.0.1:8000",
        "PUT",
    )
