"""Sync sets aside the INBOX mail that is for the group's own handling, once each, against
the real test Dovecot: mail to a group's address, bounces, requests, confirmations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus import ANN, BRYN, connector, make_account, make_group
from sqlite_utils import Database

from pont.core.archive.inbound import InboundKind, InboundRules
from pont.core.archive.sync import sync_account
from pont.core.members.groups import GroupMode, group_address, set_group_sending
from pont.core.profile.store import open_database

if TYPE_CHECKING:
    from pathlib import Path

    from mailservers import Mailbox


def _message(sender: tuple[str, str], to: str, subject: str, key: str, extra: str = "") -> bytes:
    head = (
        f"From: {sender[0]} <{sender[1]}>\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <{key}>\r\n{extra}"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    )
    return head.encode() + b"Hello all\r\n"


BOUNCE = (
    b"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
    b"To: {coordinator}\r\nSubject: Undelivered Mail Returned to Sender\r\n"
    b"Date: Mon, 07 Dec 2026 10:01:00 +0000\r\nMessage-ID: <dsn.1@mx.example.net>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
    b"--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n"
    b"\r\nFinal-Recipient: rfc822; gone@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n"
    b"\r\n--b1--\r\n"
)


def _kinds(db: Database) -> dict[str, tuple[str, int | None]]:
    return {
        key: (kind, group_id)
        for key, kind, group_id in db.execute(
            "SELECT message_key, kind, group_id FROM inbound ORDER BY id"
        )
    }


def test_sync_sets_aside_group_mail_once_and_nothing_else(tmp_path: Path, mailbox: Mailbox) -> None:
    db: Database = open_database(tmp_path / "pont.sqlite3")
    group = make_group(db)
    account = make_account(db, mailbox)
    group = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS)
    address = group_address(mailbox.email, group)
    server = mailbox.server
    deliveries = {
        "to-group@x": _message(ANN, f"Wellbeing <{address}>", "Ideas for spring", "to-group@x"),
        "cc-group@x": _message(
            BRYN, mailbox.email, "Re: ideas", "cc-group@x", f"Cc: {address}\r\n"
        ),
        "leave@x": _message(BRYN, mailbox.email, "Leave Wellbeing Network", "leave@x"),
        "confirm@x": _message(ANN, mailbox.email, "Re: Confirm " + "ab12" * 6, "confirm@x"),
        "personal@x": _message(ANN, mailbox.email, "Lift to the station", "personal@x"),
        "receipt@x": _message(
            ANN, f"<{address}>", "[Wellbeing] Spring", "receipt@x", "X-Pont-Batch: 1 abc\r\n"
        ),
    }
    for raw in deliveries.values():
        server.deliver(mailbox.email, raw, sender=ANN[1])
    server.deliver(
        mailbox.email, BOUNCE.replace(b"{coordinator}", mailbox.email.encode()), sender=""
    )

    first = sync_account(db, account.id, connector(mailbox))

    assert _kinds(db) == {
        "to-group@x": (InboundKind.GROUP_ADDRESS, group.id),
        "cc-group@x": (InboundKind.GROUP_ADDRESS, group.id),
        "leave@x": (InboundKind.REQUEST, None),
        "confirm@x": (InboundKind.CONFIRMATION, None),
        "dsn.1@mx.example.net": (InboundKind.BOUNCE, None),
    }
    assert first.set_aside == 5
    stored = db.execute("SELECT raw FROM inbound WHERE message_key = 'to-group@x'").fetchone()[0]
    assert stored.endswith(b"Hello all\r\n")

    db.execute("UPDATE folders SET last_uid = 0, uidvalidity = NULL")  # read it all again
    again = sync_account(db, account.id, connector(mailbox))
    assert again.set_aside == 0
    assert db.execute("SELECT count(*) FROM inbound").fetchone()[0] == 5


def test_copy_all_groups_have_no_address_to_set_aside(tmp_path: Path, mailbox: Mailbox) -> None:
    db: Database = open_database(tmp_path / "pont.sqlite3")
    group = make_group(db)
    make_account(db, mailbox)
    rules = InboundRules.load(db, 1)
    sub_address = group_address(mailbox.email, group)
    block = f"From: {ANN[1]}\r\nTo: {sub_address}\r\nSubject: hi\r\n\r\n".encode()
    assert rules.set_aside(block) is None
    # An address the coordinator typed (an alias) counts in either mode.
    db.execute("UPDATE groups SET address = 'wellbeing@aliases.example.org'")
    rules = InboundRules.load(db, 1)
    aliased = block.replace(sub_address.encode(), b"Wellbeing@Aliases.example.org")
    found = rules.set_aside(aliased)
    assert found is not None and found.kind is InboundKind.GROUP_ADDRESS
