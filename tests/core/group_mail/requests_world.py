"""A coordinator's account and groups, and mail arriving in its INBOX the way sync sets it
aside (archive/inbound.py), without a server: for the requests and consent tests."""

from __future__ import annotations

import email.parser
import email.policy
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pont.core.archive.inbound import InboundRules, record_inbound
from pont.core.group_mail.handling import GroupMailReport, handle_new_mail
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account

if TYPE_CHECKING:
    from sqlite_utils import Database

COORDINATOR = "rhian@example.org"
CARYS = "Carys Evans <carys@example.net>"
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


def coordinator_account(db: Database, email: str = COORDINATOR) -> Account:
    return save_account(
        db,
        AccountSettings(
            email=email,
            username=email,
            display_name="Rhian Morgan",
            imap=ServerSettings("imap.example.org", 993, Security.SSL),
            smtp=ServerSettings("smtp.example.org", 465, Security.SSL),
        ),
    )


def message(
    subject: str | bytes,
    sender: str = "Carys Evans <carys@example.net>",
    to: str = COORDINATOR,
    extra: str = "",
) -> bytes:
    encoded = subject if isinstance(subject, bytes) else subject.encode()
    return (
        f"From: {sender}\r\nTo: {to}\r\nMessage-ID: <{uuid.uuid4().hex}@example.net>\r\n"
        f"Date: Thu, 03 Dec 2026 09:00:00 +0000\r\n{extra}Subject: ".encode()
        + encoded
        + b"\r\n\r\nPlease.\r\n"
    )


def arrive(db: Database, account: Account, raw: bytes) -> bool:
    """Put the message through sync's set-aside, as if it had come to the INBOX; False when
    sync would not set it aside."""
    block = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    aside = InboundRules.load(db, account.id).set_aside(block)
    if aside is None:
        return False
    with db.atomic():
        record_inbound(db, account.id, aside, raw, None)
    return True


def handle(db: Database, account: Account, now: datetime = NOW) -> GroupMailReport:
    return handle_new_mail(db, account, now)


def outcomes(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT outcome FROM inbound ORDER BY id")]


def queued(db: Database) -> list[tuple[str, str, str]]:
    """(kind, recipient, subject) of each post in the outbox, oldest first."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.default)
    found = []
    for kind, mime in db.execute("SELECT kind, mime FROM posts ORDER BY id"):
        headers = parser.parsebytes(bytes(mime))
        found.append((kind, str(headers["To"]), str(headers["Subject"])))
    return found
