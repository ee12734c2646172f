"""A coordinator's account, a group and the bounce samples: what the bounce tests work in."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.archive.inbound import InboundKind, SetAside, record_inbound
from pont.core.mail.accounts import (
    Account,
    AccountSettings,
    Security,
    ServerSettings,
    save_account,
)
from pont.core.members.groups import Group, GroupMode, create_group, set_group_sending
from pont.core.members.members import NewMember, add_member

if TYPE_CHECKING:
    from sqlite_utils import Database

# The samples sit beside the tests, bounce_*.eml (tests/ mirrors the package: no data folders).
SAMPLES = Path(__file__).parent
COORDINATOR = "rhian.morgan@coordinator.example"
# Each sample's failed address and the post (Message-ID) it returns.
SAMPLE_FAILURES = {
    "gmail.eml": ("ffion.gone@gmail.com", "pont.20261201.gmail1@coordinator.example"),
    "exchange_online.eml": (
        "dewi.old@council.example",
        "pont.20261201.exchange1@coordinator.example",
    ),
    "postfix.eml": ("gareth.left@charity.example", "pont.20261201.postfix1@coordinator.example"),
    "exim.eml": ("sian.moved@smallorg.example", "pont.20261201.exim1@coordinator.example"),
}
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def sample(name: str) -> bytes:
    return (SAMPLES / f"bounce_{name}").read_bytes()


def coordinator_account(db: Database, email: str = COORDINATOR) -> Account:
    return save_account(
        db,
        AccountSettings(
            email=email,
            username=email,
            imap=ServerSettings("imap.coordinator.example", 993, Security.SSL),
            smtp=ServerSettings("smtp.coordinator.example", 465, Security.SSL),
        ),
    )


def bounce_group(db: Database, account: Account, *addresses: str) -> Group:
    group = create_group(db, "Wellbeing Network", "Wellbeing", "Practitioners")
    for address in addresses:
        add_member(db, group.id, NewMember(email=address))
    return set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)


def add_post(
    db: Database, group: Group, account: Account, message_key: str, to: tuple[str, ...] = ()
) -> None:
    """A post as the outbox stores it, sent in one batch to `to` (when given: else to the
    group's members), enough for a bounce to be matched to it."""
    recipients = to or tuple(
        row[0] for row in db.execute("SELECT email FROM members WHERE group_id = ?", [group.id])
    )
    with db.atomic():
        post_id = db.conn.execute(
            "INSERT INTO posts (group_id, account_id, message_key, subject, mime, mode, state,"
            " created) VALUES (?, ?, ?, 'Peer support pilot', ?, 'group-address', 'sent', ?)",
            [group.id, account.id, message_key, b"", NOW.isoformat(timespec="seconds")],
        ).lastrowid
        batch_id = db.conn.execute(
            "INSERT INTO batches (post_id, number, state) VALUES (?, 1, 'sent')", [post_id]
        ).lastrowid
        db.conn.executemany(
            "INSERT INTO batch_recipients (batch_id, email, result) VALUES (?, ?, 'accepted')",
            [(batch_id, address) for address in recipients],
        )


def set_aside_bounce(db: Database, account: Account, raw: bytes) -> bool:
    """Keep the bounce as sync does, for handle_new_mail."""
    with db.atomic():
        return record_inbound(db, account.id, SetAside(InboundKind.BOUNCE, None), raw, None)


def bounce_for(address: str, message_key: str, *, status: str = "5.1.1", number: int = 1) -> bytes:
    """A Postfix-shaped DSN saying the post message_key did not reach address."""
    action = "delayed" if status.startswith("4") else "failed"
    return (
        "Return-Path: <>\r\n"
        "From: MAILER-DAEMON@mail.coordinator.example (Mail Delivery System)\r\n"
        f"To: {COORDINATOR}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <bounce.{number}.{message_key}>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mail.coordinator.example\r\n\r\n"
        f"Final-Recipient: rfc822; {address}\r\nAction: {action}\r\nStatus: {status}\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"From: {COORDINATOR}\r\nSubject: [Wellbeing] A post\r\nMessage-ID: <{message_key}>\r\n"
        "--B--\r\n"
    ).encode()
