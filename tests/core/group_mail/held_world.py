"""Held posts to decide on: a stranger's message to the group's address, set aside as sync
sets it aside (archive/inbound.record_inbound) and held as the relay's handler holds it."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime
from typing import TYPE_CHECKING

from pont.core.archive.inbound import InboundKind, SetAside, record_inbound
from pont.core.group_mail.handling import InboundMessage
from pont.core.group_mail.held import HoldReason, hold_post
from pont.core.members.groups import group_address

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.members.groups import Group

DOMAIN = "example.org"


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    """Until condition holds or the time is up: a mail server may deliver a moment after
    its 250, as real ones do. The caller asserts what it then finds."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def stranger_address(domain: str = DOMAIN) -> str:
    return f"stranger-{uuid.uuid4().hex[:8]}@{domain}"


def stranger_post(
    account: Account,
    group: Group,
    sender: str,
    subject: str = "Can I share our event?",
    body: str = "We run a peer support evening in Aberystwyth every month.\r\n",
    *,
    name: str = "Sam Stranger",
    when: datetime | None = None,
) -> bytes:
    key = f"{uuid.uuid4().hex}@{sender.rpartition('@')[2]}"
    date = format_datetime(when) if when else "Mon, 06 May 2024 08:00:00 +0000"
    return (
        f"From: {name} <{sender}>\r\n"
        f"To: {group.name} <{group_address(account.email, group)}>\r\n"
        f"Subject: {subject}\r\n"
        f"Date: {date}\r\n"
        f"Message-ID: <{key}>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"{body}"
    ).encode()


def set_aside(db: Database, account: Account, group: Group, raw: bytes) -> InboundMessage:
    """Keep the message in `inbound` as sync does; the row as handling reads it."""
    with db.atomic():
        kept = record_inbound(
            db, account.id, SetAside(InboundKind.GROUP_ADDRESS, group.id), raw, None
        )
    assert kept, "a message with this Message-ID is set aside already"
    row = db.execute(
        "SELECT id, account_id, message_key, kind, group_id, sender_email, sender_name,"
        " subject, received, size, raw FROM inbound ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return InboundMessage(
        row[0], row[1], row[2], InboundKind(row[3]), row[4], row[5], row[6], row[7],
        datetime.fromisoformat(row[8]), row[9], bytes(row[10]),
    )  # fmt: skip


def hold(
    db: Database,
    account: Account,
    group: Group,
    raw: bytes,
    now: datetime,
    reason: HoldReason = HoldReason.NOT_A_MEMBER,
    detail: str = "",
) -> int:
    """The message set aside and held, as handling would in one transaction; its held id."""
    message = set_aside(db, account, group, raw)
    with db.atomic():
        held_id = hold_post(db, message, reason, detail, now)
        db.conn.execute(
            "UPDATE inbound SET state = 'done', outcome = 'held' WHERE id = ?", [message.id]
        )
    return held_id
