"""Join and leave requests by email, and confirmations (placeholder)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage
    from pont.core.mail.accounts import Account


def handle_request(db: Database, message: InboundMessage, account: Account, now: datetime) -> str:
    return "ignored"


def handle_confirmation(
    db: Database, message: InboundMessage, account: Account, now: datetime
) -> str:
    return "ignored"
