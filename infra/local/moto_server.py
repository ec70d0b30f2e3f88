"""A moto server in its own process on loopback, and the template deployed into it."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path

from infra import resources
from infra.local.retention import apply_retention
from infra.template import build, render

STACK_NAME = "pixcert-local"
LOCAL_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-west-3",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class MotoServer:
    def __init__(self, port: int | None = None, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port or free_port(host)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, log_path: Path | None = None) -> None:
        out = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "infra.local.moto_main", "-H", self.host, "-p", str(self.port)],
            stdout=out,
            stderr=out,
            env={**os.environ, **LOCAL_CREDENTIALS},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/moto-api/", timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("the moto server exited at start") from None
                time.sleep(0.1)
        raise RuntimeError("the moto server did not answer within 30 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def point_here(self) -> None:
        """Every boto3/PynamoDB client created from now on talks to this server."""
        os.environ.update(LOCAL_CREDENTIALS)
        os.environ["AWS_ENDPOINT_URL"] = self.url


def deploy_template(signing_key: str | None = None) -> dict[str, str]:
    """Create the stack from infra/template.yaml, as in production; returns its outputs."""
    with warnings.catch_warnings():  # in-process moto (tests) warns for each secret it skips
        warnings.filterwarnings("ignore", "Tried to parse AWS::SecretsManager::Secret")
        return _deploy_template(signing_key)


def _deploy_template(signing_key: str | None) -> dict[str, str]:
    from pixcore import aws

    cfn = aws.client("cloudformation")
    cfn.create_stack(
        StackName=STACK_NAME,
        TemplateBody=render(),
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "local"}],
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        stack = cfn.describe_stacks(StackName=STACK_NAME)["Stacks"][0]
        if stack["StackStatus"] == "CREATE_COMPLETE":
            create_secrets(signing_key)
            apply_bucket_cors()
            apply_retention()
            return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
        if stack["StackStatus"].endswith("FAILED") or "ROLLBACK" in stack["StackStatus"]:
            raise RuntimeError(f"stack creation failed: {stack['StackStatus']}")
        time.sleep(0.2)
    raise RuntimeError("stack creation timed out")


def apply_bucket_cors() -> None:
    """moto's CloudFormation skips a bucket's CorsConfiguration: put the template's rules (the
    browser's presigned uploads need them), with the local stage's origins."""
    from pixcore import aws

    template = build()
    origins = template["Mappings"]["StageSettings"]["local"]["WebOrigins"]
    s3 = aws.client("s3")
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        if resource["Type"] != "AWS::S3::Bucket" or "CorsConfiguration" not in props:
            continue
        rules = [
            {
                "ID": rule["Id"],
                "AllowedMethods": rule["AllowedMethods"],
                "AllowedOrigins": origins,
                "AllowedHeaders": rule["AllowedHeaders"],
                "ExposeHeaders": rule["ExposedHeaders"],
                "MaxAgeSeconds": rule["MaxAge"],
            }
            for rule in props["CorsConfiguration"]["CorsRules"]
        ]
        s3.put_bucket_cors(Bucket=props["BucketName"], CORSConfiguration={"CORSRules": rules})


def create_secrets(token_key: str | None = None) -> None:
    """moto's CloudFormation skips AWS::SecretsManager::Secret: create the template's secrets
    the way it would, each with a generated value (`token_key` fixes the token signing key)."""
    from pixcore import aws

    manager = aws.client("secretsmanager")
    for secret in resources.SECRETS:
        value = token_key if token_key and secret == resources.TOKEN_KEY_SECRET else None
        manager.create_secret(Name=secret, SecretString=value or local_value(secret))


def local_value(secret: str) -> str:
    """A random key; the attestation key is a self-signed PEM bundle when jury's helper is here."""
    if secret == resources.ATTESTATION_KEY_SECRET:
        try:
            from infra.local.attestation_key import local_bundle  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            return local_bundle()
    return secrets.token_urlsafe(48)


def check_resources() -> None:
    """The names the services expect are the names the template created."""
    from pixcore import aws

    sqs = aws.client("sqs")
    for service in resources.SERVICES:
        sqs.get_queue_url(QueueName=resources.queue(service))
