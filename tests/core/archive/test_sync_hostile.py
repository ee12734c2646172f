"""Crafted mail in the real test Dovecot: no message may stop a sync (issue 12, defect 1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from corpus import BRYN, connector, make_account, make_group, make_unreadable
from sqlite_utils import Database

from pont.core.archive import sync as sync_module
from pont.core.archive.reading import find_message
from pont.core.archive.sync import sync_account
from pont.core.archive.sync_fetch import _HEADER_ITEM as HEADER_ITEM
from pont.core.archive.sync_skips import CONNECTION_DROPPED, SkippedMessage, list_skipped
from pont.core.mail.accounts import Account
from pont.core.members.groups import Group
from pont.core.profile.store import open_database

if TYPE_CHECKING:
    from mailservers import Mailbox


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "pont.sqlite3")
    yield database
    database.close()


@pytest.fixture
def group(db: Database) -> Group:
    return make_group(db)


@pytest.fixture
def account(db: Database, mailbox: Mailbox) -> Account:
    return make_account(db, mailbox)


def mail(
    key: str, subject: bytes, body: bytes = b"Hello all.\r\n", content_type: bytes = b""
) -> bytes:
    return (
        f"From: {BRYN[0]} <{BRYN[1]}>\r\nTo: coordinator@example.org\r\n".encode()
        + b"Subject: "
        + subject
        + f"\r\nMessage-ID: <{key}>\r\nDate: Tue, 04 Mar 2025 10:00:00 +0000\r\n".encode()
        + (b"Content-Type: " + content_type + b"\r\n" if content_type else b"")
        + b"\r\n"
        + body
    )


def test_no_charset_label_stops_a_sync(
    db: Database, group: Group, account: Account, mailbox: Mailbox
) -> None:
    deliver = mailbox.server.deliver
    # Not group mail: its subject alone ended every sync in the header pass.
    deliver(mailbox.email, mail("personal@x", b"=?undefined?B?/w==?="))
    deliver(mailbox.email, mail("label@x", b"[Wellbeing] =?undefined?B?/w==?= caf=?x?q?=E9?="))
    # A group message whose text claims charset=undefined was passed over, for good.
    deliver(
        mailbox.email,
        mail(
            "body@x",
            b"[Wellbeing] Menu",
            b"Caf\xe9 on Friday\r\n",
            b"text/plain; charset=undefined",
        ),
    )
    deliver(mailbox.email, mail("punycode@x", b"[Wellbeing] =?punycode?q?=FF?= and =?idna?q?=FF?="))
    deliver(mailbox.email, mail("after@x", b"[Wellbeing] After them"))

    report = sync_account(db, account.id, connector(mailbox))

    assert (report.new_messages, report.group_messages, report.skipped) == (5, 4, 0)
    assert report.partly_read == 3  # the after@x message was read in full
    label = find_message(db, "label@x")
    assert label is not None
    assert label.subject.startswith("[Wellbeing] ") and label.problems == ("charset",)
    body = find_message(db, "body@x")
    assert body is not None
    assert body.body_text.strip() == "Café on Friday" and body.problems == ("charset",)
    punycode = find_message(db, "punycode@x")
    assert punycode is not None and punycode.problems == ("charset",)
    after = find_message(db, "after@x")
    assert after is not None and after.problems == ()
    # The marked messages keep their source whole.
    raw = db.execute("SELECT raw FROM message_sources WHERE message_id = ?", [body.id]).fetchone()[
        0
    ]
    assert raw.endswith(b"Caf\xe9 on Friday\r\n")


@pytest.mark.parametrize("headers_cached", [False, True], ids=["in-header-pass", "in-body-pass"])
def test_a_message_that_drops_the_connection_is_passed_over_and_remembered(
    db: Database, group: Group, account: Account, mailbox: Mailbox, headers_cached: bool
) -> None:
    for number in range(1, 8):
        mailbox.server.deliver(
            mailbox.email, mail(f"tip-{number}@x", f"[Wellbeing] Tip {number}".encode())
        )
    if headers_cached:
        # Dovecot then answers the header pass from its cache, and drops only on the body.
        with mailbox.server.imap(mailbox.email) as client:
            client.select_folder("INBOX", readonly=True)
            client.fetch([5], [HEADER_ITEM])
    make_unreadable(mailbox, b"tip-5@x")

    report = sync_account(db, account.id, connector(mailbox), chunk_size=4)

    assert (report.new_messages, report.group_messages, report.skipped) == (7, 6, 1)
    # Which message it was: its subject and sender when its headers could be read.
    known = ("[Wellbeing] Tip 5", BRYN[1]) if headers_cached else ("", "")
    skipped = SkippedMessage("INBOX", 5, *known, CONNECTION_DROPPED)
    assert report.skipped_messages == (skipped,)
    assert list_skipped(db, account.id) == [skipped]
    stored = sorted(row[0] for row in db.execute("SELECT message_key FROM messages"))
    assert stored == [f"tip-{n}@x" for n in (1, 2, 3, 4, 6, 7)]

    # Not fetched again: the next syncs pass it by without a word, and carry on.
    mailbox.server.deliver(mailbox.email, mail("tip-8@x", b"[Wellbeing] Tip 8"))
    again = sync_account(db, account.id, connector(mailbox))
    assert (again.new_messages, again.group_messages, again.skipped) == (1, 1, 0)


def test_a_passed_over_message_is_not_fetched_by_a_sync_that_stopped_before_storing(
    db: Database,
    group: Group,
    account: Account,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for number in range(1, 4):
        mailbox.server.deliver(
            mailbox.email, mail(f"note-{number}@x", f"[Wellbeing] Note {number}".encode())
        )
    make_unreadable(mailbox, b"note-2@x")

    def closed_before_storing(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt  # as if Pont were closed while the chunk was being stored

    with monkeypatch.context() as patch:
        patch.setattr(sync_module, "store_message", closed_before_storing)
        with pytest.raises(KeyboardInterrupt):
            sync_account(db, account.id, connector(mailbox))
    assert [s.uid for s in list_skipped(db, account.id)] == [2]
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 0

    dovecot_log = mailbox.server.dovecot.root / "dovecot.log"
    failures_before = dovecot_log.read_text().count("Permission denied")
    report = sync_account(db, account.id, connector(mailbox))
    assert (report.group_messages, report.skipped) == (2, 0)
    assert dovecot_log.read_text().count("Permission denied") == failures_before


def test_an_undefined_charset_in_an_attachment_name_or_a_part_keeps_the_rest(
    db: Database, group: Group, account: Account, mailbox: Mailbox
) -> None:
    raw = mail(
        "parts@x",
        b"[Wellbeing] Minutes",
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe minutes.\r\n"
        b"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;"
        b" filename*=undefined''%FF.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"JVBERi0xLjQK\r\n--b\r\nContent-Type: text/html; charset=undefined\r\n\r\n"
        b"<p>caf\xe9</p>\r\n--b--\r\n",
        b"multipart/mixed; boundary=b",
    )
    mailbox.server.deliver(mailbox.email, raw)

    report = sync_account(db, account.id, connector(mailbox))

    assert (report.group_messages, report.partly_read) == (1, 1)
    stored = find_message(db, "parts@x")
    assert stored is not None
    assert stored.body_text == "The minutes."
    assert [a.size for a in stored.attachments] == [9]
    assert json.loads(
        db.execute("SELECT problems FROM messages WHERE id = ?", [stored.id]).fetchone()[0]
    ) == ["charset"]


def test_a_lone_new_message_that_drops_the_connection_is_passed_over_too(
    db: Database, group: Group, account: Account, mailbox: Mailbox
) -> None:
    # Nothing else comes through in this sync: its flags, from Dovecot's index, show that
    # the server works and this message is the trouble.
    mailbox.server.deliver(mailbox.email, mail("alone@x", b"[Wellbeing] Alone"))
    make_unreadable(mailbox, b"alone@x")

    report = sync_account(db, account.id, connector(mailbox))

    assert (report.new_messages, report.group_messages, report.skipped) == (1, 0, 1)
    assert [s.uid for s in list_skipped(db, account.id)] == [1]
