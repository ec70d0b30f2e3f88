"""Structured JSON logs carrying ids only, never personal data."""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import Any

_configured = False


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class StructuredLogger:
    def __init__(self, name: str) -> None:
        self._logger = logging.getLogger(name)

    def _log(self, level: int, event: str, exc_info: bool = False, **fields: Any) -> None:
        self._logger.log(level, event, extra={"fields": fields}, exc_info=exc_info)

    def info(self, event: str, **fields: Any) -> None:
        self._log(logging.INFO, event, **fields)

    def warning(self, event: str, exc_info: bool = False, **fields: Any) -> None:
        self._log(logging.WARNING, event, exc_info=exc_info, **fields)

    def error(self, event: str, exc_info: bool = False, **fields: Any) -> None:
        self._log(logging.ERROR, event, exc_info=exc_info, **fields)


def level() -> int:
    """`PIXCERT_LOG_LEVEL` (DEBUG, INFO, WARNING, ERROR; INFO when unset or unknown)."""
    name = os.environ.get("PIXCERT_LOG_LEVEL", "INFO").strip().upper()
    found = logging.getLevelName(name)
    return found if isinstance(found, int) else logging.INFO


def get_logger(name: str) -> StructuredLogger:
    global _configured
    if not _configured:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_JsonFormatter())
        root = logging.getLogger("pixcert")
        root.addHandler(handler)
        root.setLevel(level())
        root.propagate = False
        _configured = True
    return StructuredLogger(f"pixcert.{name}")


def log_to_file(path: str) -> None:
    """Send this process's structured logs to a file (the demo keeps its output for people)."""
    get_logger("logs")
    root = logging.getLogger("pixcert")
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(_JsonFormatter())
    root.addHandler(handler)
