"""Bounces recognised and scored per post (placeholder)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage
    from pont.core.mail.accounts import Account


def handle_bounce(db: Database, message: InboundMessage, account: Account, now: datetime) -> str:
    return "ignored"
