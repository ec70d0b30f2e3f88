"""What `pixcert package` checks in a service's packaged SAM template: the IAM policy generated
from infra/resources.py on every function's role, and API Gateway's own answers."""

from __future__ import annotations

from typing import Any

from infra import iam
from infra.gateway_responses import gateway_responses


def roles(sam: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in sam["Resources"].items() if v["Type"] == "AWS::IAM::Role"}


def check_sam(sam: dict[str, Any], service: str, stage: str) -> tuple[str, list[str]]:
    problems = []
    expected = iam.policy(service)
    functions = [v for v in sam["Resources"].values() if v["Type"] == "AWS::Serverless::Function"]
    found = roles(sam)
    for name, role in found.items():
        policies = role["Properties"].get("Policies", [])
        documents = [p["PolicyDocument"] for p in policies]
        if documents != [expected]:
            problems.append(f"role {name} does not hold exactly the generated policy")
        if role["Properties"].get("ManagedPolicyArns"):
            problems.append(f"role {name} has managed policies too")
    for function in functions:
        role = function["Properties"].get("Role", {})
        if role.get("Fn::GetAtt", [None])[0] not in found:
            problems.append("a function does not use one of the template's generated roles")
    api = sam["Resources"].get("RestAPI")
    if api is not None:
        body = api["Properties"]["DefinitionBody"]
        if body.get("x-amazon-apigateway-gateway-responses") != gateway_responses(stage):
            problems.append("API Gateway's own answers are not in our error format with CORS")
    statements = len(expected["Statement"])
    summary = (
        f"IAM: {len(functions)} functions, {len(found)} roles holding the generated policy "
        f"({statements} statements)" + ("; gateway responses with CORS" if api else "")
    )
    return summary, problems
