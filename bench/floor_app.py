"""Bench-only floor: one GetItem + one PutItem on the engine table, behind the same gateway."""

from __future__ import annotations

import json

from chalice import Chalice, Response
from pynamodb.attributes import NumberAttribute

app = Chalice(app_name="pixcert-bench-floor")


def _item_class() -> type:
    from chalicelib.engine.adapters.tables import EngineItem

    class FloorItem(EngineItem):
        counter = NumberAttribute(default=0)

    return FloorItem


FloorItem = None


@app.route("/touch/{key}", methods=["POST"])
def touch(key: str) -> Response:
    global FloorItem
    if FloorItem is None:
        FloorItem = _item_class()
    try:
        item = FloorItem.get(f"FLOOR#{key}", "STATE", consistent_read=True)
    except FloorItem.DoesNotExist:
        item = FloorItem(f"FLOOR#{key}", "STATE")
    item.counter = (item.counter or 0) + 1
    item.save()
    return Response(
        json.dumps({"counter": item.counter}),
        status_code=200,
        headers={"Content-Type": "application/json"},
    )
