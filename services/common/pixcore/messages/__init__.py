"""The message catalog: every message services exchange, and who consumes it."""

from pixcore.messages.base import Message, parse_message
from pixcore.messages.catalog import CATALOG, CONSUMERS, consumers_of

__all__ = ["CATALOG", "CONSUMERS", "Message", "consumers_of", "parse_message"]
