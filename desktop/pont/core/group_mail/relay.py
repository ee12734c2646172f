"""A member's post to the group address, passed on to the other members (placeholder)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage
    from pont.core.mail.accounts import Account


def handle_group_address(
    db: Database, message: InboundMessage, account: Account, now: datetime
) -> str:
    return "ignored"


def queue_relay(db: Database, message: InboundMessage, account: Account, now: datetime) -> int:
    """Queue the member's post for every other active member (in the caller's transaction);
    the outbox post's id. Built by relay_message. (Lands with the relay helper's work.)"""
    raise NotImplementedError
