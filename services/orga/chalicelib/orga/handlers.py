"""Orga's message handlers: what it does when other services tell it something."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pixcore.consumer import Handler
from pixcore.logs import get_logger

if TYPE_CHECKING:
    from chalicelib.orga.bootstrap import Orga

log = get_logger("orga")


def handlers(deps: Orga) -> dict[str, Handler]:
    def on_profile_updated(message) -> None:  # noqa: ANN001
        log.info("profile.received", user_id=message.user_id, certifiable=message.certifiable)

    return {"ProfileUpdated": on_profile_updated}
