"""Run inside an unzipped Lambda package by a clean interpreter: does everything import?"""

import importlib
import json
import sys

task, modules = sys.argv[1], json.loads(sys.argv[2])
clients = json.loads(sys.argv[3]) if len(sys.argv) > 3 else []
# sys.path[0] is this script's folder: only the package and the standard library stay.
sys.path[:] = [task] + [p for p in sys.path[1:] if p]
leaks = [p for p in sys.path[1:] if "site-packages" in p or "dist-packages" in p]
failed = {}
for name in ["app", *modules]:
    try:
        importlib.import_module(name)
    except BaseException as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
import chalice  # noqa: E402 - after the imports under test, on purpose

broken = {}
for name in clients:  # the botocore models the zip kept are enough to build these clients
    try:
        import boto3

        boto3.client(name, region_name="eu-west-3")
    except BaseException as exc:
        broken[name] = f"{type(exc).__name__}: {exc}"

app = getattr(sys.modules.get("app"), "app", None)
tops = {m.split(".")[0] for m in modules} | {"app"}
outside = sorted(
    n
    for n, m in list(sys.modules.items())
    if getattr(m, "__file__", None) and n.split(".")[0] in tops and not m.__file__.startswith(task)
)
print(
    json.dumps(
        {
            "leaks": leaks,
            "failed": failed,
            "clients": broken,
            "outside": outside[:5],
            "is_chalice_app": isinstance(app, chalice.Chalice),
            "routes": sum(len(r) for r in getattr(app, "routes", {}).values()),
            "handlers": len(getattr(app, "event_sources", [])),
        }
    )
)
