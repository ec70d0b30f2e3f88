"""The message envelope: a unique id, a type, a version and when it occurred."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pixcore.errors import Invalid
from pixcore.ids import new_id


def _now() -> datetime:
    return datetime.now(UTC)


class Message(BaseModel):
    """A fact (past tense) or a command (imperative) crossing service boundaries."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    TYPE: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1

    message_id: str = Field(default_factory=new_id)
    type: str = ""
    version: int = 0
    occurred_at: datetime = Field(default_factory=_now)

    def model_post_init(self, __context: Any) -> None:
        if not self.type:
            object.__setattr__(self, "type", self.TYPE)
        if not self.version:
            object.__setattr__(self, "version", self.VERSION)

    def to_json(self) -> str:
        return self.model_dump_json()


def parse_message(body: str | bytes | dict[str, Any], catalog: dict[str, type[Message]]) -> Message:
    """Parse a message body with the class its `type` names; unknown types are invalid."""
    try:
        raw = body if isinstance(body, dict) else json.loads(body)
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        cls = catalog.get(str(raw.get("type", "")))
        if cls is None:
            raise Invalid(f"Type de message inconnu : {raw.get('type')!r}", code="UNKNOWN_MESSAGE")
        if int(raw.get("version", cls.VERSION)) > cls.VERSION:
            raise Invalid("Version de message non prise en charge.", code="UNSUPPORTED_VERSION")
        return cls.model_validate(raw)
    except ValidationError as exc:
        details = {
            "errors": exc.errors(include_url=False, include_context=False, include_input=False)
        }
        raise Invalid("Message mal formé.", code="MALFORMED_MESSAGE", details=details) from exc
    except ValueError as exc:
        raise Invalid("Message illisible.", code="MALFORMED_MESSAGE") from exc
