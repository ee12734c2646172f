"""Sync against the real test Dovecot: a group's conversations as real clients write them."""

from __future__ import annotations

import imaplib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from corpus import (
    ANN,
    BRYN,
    CARYS,
    DEV,
    ELI,
    Seeded,
    connector,
    group_conversation,
    group_messages,
    make_account,
    make_group,
    posts_by_member,
    seed,
)
from sqlite_utils import Database

from mailservers import HOST, DropProxy
from pont.core.archive import sync_connection, sync_fetch, sync_report
from pont.core.archive.reading import member_post_stats
from pont.core.archive.search import SNIPPET_START, search
from pont.core.archive.sync import SyncProgress, SyncReport, sync_account
from pont.core.archive.sync_fetch import parse_fetch_reply
from pont.core.archive.threads import list_threads
from pont.core.errors import ConnectionLost, ServerRefused
from pont.core.mail.accounts import Account
from pont.core.mail.sent_folder import find_sent_folder
from pont.core.mail.server_answers import server_answer
from pont.core.members.addresses import address_key
from pont.core.members.groups import Group
from pont.core.profile.store import open_database

if TYPE_CHECKING:
    # Only for annotations: imported at run time, "conftest" can name tests/core's conftest.
    from mailservers import Mailbox

# --- choosing the Sent folder (no server needed) -------------------------------------------

NO_FLAGS: tuple[bytes, ...] = (b"\\HasNoChildren",)


def listing(*folders: tuple[str, tuple[bytes, ...]]) -> list[tuple[tuple[bytes, ...], bytes, str]]:
    return [(flags, b"/", name) for name, flags in folders]


@pytest.mark.parametrize(
    ("provider", "folders", "expected"),
    [
        (
            "Dovecot",
            listing(("INBOX", NO_FLAGS), ("Sent", (b"\\Sent",)), ("Trash", (b"\\Trash",))),
            "Sent",
        ),
        (
            "Gmail in German, flagged",
            listing(
                ("INBOX", NO_FLAGS),
                ("[Google Mail]", (b"\\Noselect", b"\\HasChildren")),
                ("[Google Mail]/Gesendet", (b"\\HasNoChildren", b"\\Sent")),
                ("[Google Mail]/Alle Nachrichten", (b"\\All",)),
            ),
            "[Google Mail]/Gesendet",
        ),
        (
            "Gmail without SPECIAL-USE flags",
            listing(
                ("INBOX", NO_FLAGS), ("[Gmail]", (b"\\Noselect",)), ("[Gmail]/Sent Mail", NO_FLAGS)
            ),
            "[Gmail]/Sent Mail",
        ),
        (
            "Outlook",
            listing(("Inbox", NO_FLAGS), ("Sent Items", NO_FLAGS), ("Deleted Items", NO_FLAGS)),
            "Sent Items",
        ),
        ("iCloud", listing(("INBOX", NO_FLAGS), ("Sent Messages", NO_FLAGS)), "Sent Messages"),
        (
            "Courier",
            listing(
                ("INBOX", (b"\\HasChildren",)), ("INBOX.Sent", NO_FLAGS), ("INBOX.Drafts", NO_FLAGS)
            ),
            "INBOX.Sent",
        ),
        ("Cyrus", listing(("INBOX", NO_FLAGS), ("INBOX/Sent", NO_FLAGS)), "INBOX/Sent"),
        ("lower-case name", listing(("INBOX", NO_FLAGS), ("sent", NO_FLAGS)), "sent"),
        (
            "the flag beats the name",
            listing(("Sent", NO_FLAGS), ("Gesendete Objekte", (b"\\sent",))),
            "Gesendete Objekte",
        ),
        (
            "usual names in order",
            listing(("Sent Messages", NO_FLAGS), ("Sent Items", NO_FLAGS)),
            "Sent Items",
        ),
        ("nothing that looks sent", listing(("INBOX", NO_FLAGS), ("Archive", NO_FLAGS)), None),
        ("not selectable", listing(("INBOX", NO_FLAGS), ("Sent", (b"\\NonExistent",))), None),
    ],
)
def test_find_sent_folder(
    provider: str, folders: list[tuple[tuple[bytes, ...], bytes, str]], expected: str | None
) -> None:
    assert find_sent_folder(folders) == expected, provider


# --- end to end ---------------------------------------------------------------------------


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


@pytest.fixture
def corpus(mailbox: Mailbox, group: Group) -> list[Seeded]:
    messages = group_conversation(group, mailbox.email)
    seed(mailbox, messages)
    return messages


def stored_keys(db: Database) -> list[str]:
    return sorted(row[0] for row in db.execute("SELECT message_key FROM messages"))


def locations(db: Database) -> list[tuple[str, str, int]]:
    return sorted(
        db.execute(
            "SELECT f.name, m.message_key, l.uid FROM message_locations l"
            " JOIN folders f ON f.id = l.folder_id JOIN messages m ON m.id = l.message_id"
        ).fetchall()
    )


def thread_shape(db: Database, group: Group) -> list[tuple[str, int, tuple[str, ...]]]:
    return sorted(
        (thread.subject, thread.message_count, tuple(sorted(thread.message_keys)))
        for thread in list_threads(db, group.id)
    )


def unseen_count(mailbox: Mailbox, folder: str) -> int:
    with mailbox.server.imap(mailbox.email) as client:
        client.select_folder(folder, readonly=True)
        return len(client.search(["UNSEEN"]))


def test_sync_archives_the_group_and_nothing_else(
    db: Database, group: Group, account: Account, mailbox: Mailbox, corpus: list[Seeded]
) -> None:
    unseen_before = unseen_count(mailbox, "INBOX")
    assert unseen_before == 15
    steps: list[SyncProgress] = []

    report = sync_account(db, account.id, connector(mailbox), steps.append, chunk_size=4)

    expected = group_messages(corpus)
    assert report == SyncReport(
        folders=2,
        new_messages=len(corpus),
        group_messages=len(expected),
        threads=4,
        skipped=0,
    )
    # Progress: Sent first (the coordinator's posts), then INBOX in chunks of four.
    assert steps[:2] == [SyncProgress("Sent", 0, 2), SyncProgress("Sent", 2, 2)]
    assert steps[2:] == [SyncProgress("INBOX", done, 15) for done in (0, 4, 8, 12, 15)]
    assert unseen_count(mailbox, "INBOX") == unseen_before  # nothing marked as read

    # Only group traffic left content: no personal message, no source, no attachment.
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == len(expected)
    assert db.execute("SELECT count(*) FROM message_sources").fetchone()[0] == len(expected)
    keys = set(stored_keys(db))
    for message in corpus:
        if message.message_id:
            assert (message.message_id in keys) == message.group, message.name
    for word in ("umbrella", "parcel", "station", "Sichuan"):
        assert not search(db, group.id, word), word
        assert not db.execute(
            "SELECT 1 FROM messages WHERE body_text LIKE ? OR subject LIKE ?",
            [f"%{word}%", f"%{word}%"],
        ).fetchone()

    # The coordinator's post is one message in two places.
    post_locations = [row for row in locations(db) if row[1].startswith("pilot-post")]
    assert [folder for folder, _, _ in post_locations] == ["INBOX", "Sent"]

    # Thread subjects lose the tag and the Re:s.
    threads = {thread.subject: thread for thread in list_threads(db, group.id)}
    pilot = threads["Peer support pilot: first results"]
    assert pilot.message_count == 4  # the Apple reply without the tag came in by References
    assert {person.email for person in pilot.participants} == {
        mailbox.email,
        ANN[1],
        BRYN[1],
        CARYS[1],
    }
    funding = threads["Funding round for community projects"]
    assert funding.message_count == 5
    notes = threads["Meeting notes, April"]
    assert notes.message_count == 2  # no Message-ID: threaded by subject
    assert any(key.startswith("synthetic-") for key in notes.message_keys)
    assert threads["Training day in Cardiff"].message_count == 1

    stats = member_post_stats(db, group.id)
    for member_key, posts in posts_by_member(corpus).items():
        assert stats[member_key].posts == posts, member_key
    assert stats[address_key(DEV[1])].last_post is not None  # not the year 2099
    assert stats[address_key(DEV[1])].last_post.year == 2024

    # Faulty mail reads as well as it can.
    body, html = db.execute(
        "SELECT body_text, body_html FROM messages WHERE message_key = ?",
        ["html-only.bryn@council.example.org"],
    ).fetchone()
    assert "match-fund" in body and "£5,000" in body and "tracker.example.com" in html
    wrong_label = db.execute(
        "SELECT body_text FROM messages WHERE message_key = ?",
        ["funding-reply.eli@agecymru.example.org"],
    ).fetchone()[0]
    assert "Siân from the café project" in wrong_label
    outlook = db.execute(
        "SELECT body_text FROM messages WHERE message_key = ?",
        ["DB9PR0701MB@eurprd07.prod.outlook.example.com"],
    ).fetchone()[0]
    assert "Great news – we saw" in outlook
    broken = db.execute(
        "SELECT body_text FROM messages WHERE message_key = ?",
        ["broken-mime.ann@mind.example.org"],
    ).fetchone()[0]
    assert "review the bid" in broken
    assert (
        db.execute(
            "SELECT sent FROM messages WHERE message_key = ?",
            ["funding-clock.dev@shelter.example.org"],
        ).fetchone()[0]
        is None
    )

    hits = search(db, group.id, "cafe")  # diacritics folded
    assert [hit.subject for hit in hits] == ["Re: [Wellbeing] Funding round for community projects"]
    assert SNIPPET_START in hits[0].snippet
    assert {hit.sender.email for hit in search(db, group.id, "evening") if hit.sender} == {
        BRYN[1],
        CARYS[1],
    }
    assert [hit.subject for hit in search(db, group.id, "Aberystwyth")] == [
        "[Wellbeing] Meeting notes, April"
    ]


def test_resync_with_nothing_new_is_quick_and_then_picks_up_new_mail(
    db: Database, group: Group, account: Account, mailbox: Mailbox, corpus: list[Seeded]
) -> None:
    sync_account(db, account.id, connector(mailbox))
    keys, places = stored_keys(db), locations(db)
    steps: list[SyncProgress] = []

    started = time.perf_counter()
    report = sync_account(db, account.id, connector(mailbox), steps.append)
    elapsed = time.perf_counter() - started

    assert report == SyncReport(folders=2, new_messages=0, group_messages=0, threads=0)
    assert steps == [SyncProgress("Sent", 0, 0), SyncProgress("INBOX", 0, 0)]
    assert elapsed < 0.5
    assert (stored_keys(db), locations(db)) == (keys, places)

    reply = (
        f"From: Eli Price <{ELI[1]}>\r\nTo: {mailbox.email}\r\n"
        "Subject: Re: [Wellbeing] Training day in Cardiff\r\n"
        "Date: Tue, 16 Apr 2024 10:00:00 +0100\r\nMessage-ID: <late.eli@agecymru.example.org>\r\n"
        "In-Reply-To: <training.carys@phw.example.org>\r\n\r\nTwo places for us please.\r\n"
    ).encode()
    mailbox.server.deliver(mailbox.email, reply)
    report = sync_account(db, account.id, connector(mailbox))
    assert report == SyncReport(folders=2, new_messages=1, group_messages=1, threads=1)
    training = next(t for t in list_threads(db, group.id) if "Training" in t.subject)
    assert training.message_count == 2


def test_new_mail_is_found_in_search_windows_of_any_size(
    db: Database,
    group: Group,
    account: Account,
    mailbox: Mailbox,
    corpus: list[Seeded],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_fetch, "SEARCH_WINDOW", 4)  # INBOX's 15 in four searches
    report = sync_account(db, account.id, connector(mailbox))
    assert (report.new_messages, report.group_messages) == (
        len(corpus),
        len(group_messages(corpus)),
    )
    mailbox.server.deliver(
        mailbox.email, b"Subject: late\r\nMessage-ID: <late@example.org>\r\n\r\nx\r\n"
    )
    assert sync_account(db, account.id, connector(mailbox)).new_messages == 1


@pytest.fixture
def reference(tmp_path: Path, group: Group, mailbox: Mailbox) -> Iterator[tuple[Database, Group]]:
    """What an uninterrupted sync stores, in a second profile, for comparison."""
    database = open_database(tmp_path / "reference.sqlite3")
    reference_group = make_group(database)
    database.execute(
        "UPDATE groups SET list_id = ? WHERE id = ?", [group.list_id, reference_group.id]
    )
    sync_account(database, make_account(database, mailbox).id, connector(mailbox), chunk_size=2)
    yield database, reference_group
    database.close()


def test_a_cut_connection_loses_nothing_and_duplicates_nothing(
    db: Database,
    group: Group,
    account: Account,
    mailbox: Mailbox,
    corpus: list[Seeded],
    reference: tuple[Database, Group],
    drop_proxy: DropProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A sync that gives up at the first drop, as one does after MAX_RECONNECTS of them.
    monkeypatch.setattr(sync_connection, "MAX_RECONNECTS", 0)
    # Each connection is cut after drop_after bytes; every attempt commits a little more.
    drop_proxy.drop_after = 6_000
    cuts = 0
    for _ in range(40):
        before = db.execute("SELECT sum(last_uid) FROM folders").fetchone()[0]
        try:
            sync_account(db, account.id, connector(mailbox, drop_proxy.port), chunk_size=2)
            break
        except ConnectionLost:
            cuts += 1
            after = db.execute("SELECT sum(last_uid) FROM folders").fetchone()[0]
            if after == before:  # not even one chunk fits: let more through
                drop_proxy.drop_after *= 2
            # Whatever was committed is consistent, threads included.
            assert (
                db.execute(
                    "SELECT count(*) FROM message_groups WHERE thread_id IS NULL"
                ).fetchone()[0]
                == 0
            )
    else:
        pytest.fail("the sync never completed")
    assert cuts >= 3
    assert drop_proxy.dropped >= cuts

    reference_db, reference_group = reference
    assert stored_keys(db) == stored_keys(reference_db)
    assert locations(db) == locations(reference_db)
    assert thread_shape(db, group) == thread_shape(reference_db, reference_group)


def test_a_sync_connects_again_after_drops_and_finishes(
    db: Database,
    group: Group,
    account: Account,
    mailbox: Mailbox,
    corpus: list[Seeded],
    reference: tuple[Database, Group],
    drop_proxy: DropProxy,
) -> None:
    drop_proxy.drop_after = 6_000  # every connection, the first and each one after a drop

    report = sync_account(db, account.id, connector(mailbox, drop_proxy.port), chunk_size=2)

    assert drop_proxy.dropped >= 3
    assert (report.skipped, report.group_messages) == (0, len(group_messages(corpus)))
    reference_db, reference_group = reference
    assert stored_keys(db) == stored_keys(reference_db)
    assert locations(db) == locations(reference_db)
    assert thread_shape(db, group) == thread_shape(reference_db, reference_group)


def test_a_new_uidvalidity_relinks_without_duplicates(
    db: Database, group: Group, account: Account, mailbox: Mailbox, corpus: list[Seeded]
) -> None:
    sync_account(db, account.id, connector(mailbox))
    keys, places = stored_keys(db), locations(db)
    threads = thread_shape(db, group)
    mailbox.server.set_uidvalidity(mailbox.email, "INBOX", 777)

    report = sync_account(db, account.id, connector(mailbox))

    inbox_count = sum(1 for message in corpus if message.folder == "INBOX")
    assert report == SyncReport(folders=2, new_messages=inbox_count, group_messages=0, threads=0)
    assert db.execute(
        "SELECT uidvalidity, last_uid FROM folders WHERE name = 'INBOX'"
    ).fetchone() == (777, inbox_count)
    assert (stored_keys(db), locations(db), thread_shape(db, group)) == (keys, places, threads)


def test_a_message_the_parser_fails_on_is_stored_unread_and_marked(
    db: Database,
    group: Group,
    account: Account,
    mailbox: Mailbox,
    corpus: list[Seeded],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_parse = sync_report.parse_message

    def parse_or_fail(raw: bytes):  # type: ignore[no-untyped-def]
        if b"Message-ID: <html-only.bryn" in raw:
            raise RecursionError("maximum recursion depth exceeded")
        return real_parse(raw)

    monkeypatch.setattr(sync_report, "parse_message", parse_or_fail)
    report = sync_account(db, account.id, connector(mailbox), chunk_size=3)

    assert (report.skipped, report.partly_read) == (0, 1)
    assert report.group_messages == len(group_messages(corpus))
    subject, problems, size, raw = db.execute(
        "SELECT m.subject, m.problems, m.size, s.raw FROM messages m"
        " JOIN message_sources s ON s.message_id = m.id WHERE m.message_key = ?",
        ["html-only.bryn@council.example.org"],
    ).fetchone()
    assert subject == "Re: [Wellbeing] Funding round for community projects"  # headers read
    assert problems == '["structure"]'
    assert size == len(raw) and b"html-only.bryn" in raw  # the source kept whole
    assert "funding-clock.dev@shelter.example.org" in stored_keys(db)  # later in the folder


# --- the server refusing a command ---------------------------------------------------------


def test_a_command_the_server_refuses_ends_the_sync_with_a_sentence(
    db: Database, group: Group, account: Account, mailbox: Mailbox
) -> None:
    # Dovecot answers BAD to a command line over 64 KB. Sync's chunks of 1,000 UIDs stay far
    # below that; one chunk of 6,100 ten-digit UIDs does not: a real refusal, mid-sync.
    server = mailbox.server
    server.append(
        mailbox.email,
        "Sent",
        b"From: me@example.org\r\nTo: ann.jones@mind.example.org\r\n"
        b"Subject: [Wellbeing] Before the refusal\r\nMessage-ID: <before@example.org>\r\n"
        b"\r\nKept.\r\n",
    )
    with server.imap(mailbox.email) as client:
        client.select_folder("INBOX")  # Dovecot sets up the folder
    # UIDs from 4,000,000,000 on: ten digits each, and a first sync must not search them all.
    server.dovecot.doveadm(
        "mailbox", "update", "-u", mailbox.email, "--min-next-uid", "4000000000", "INBOX"
    )
    new = server.dovecot.root / "home" / mailbox.email / "Maildir" / "new"
    new.mkdir(exist_ok=True)
    original = new.parent / "original"
    original.write_bytes(b"Subject: personal\r\nMessage-ID: <same@example.org>\r\n\r\nx\r\n")
    shutil.chown(original, "dovecot", "dovecot")
    for n in range(6100):
        os.link(
            original, new / f"1700000000.M{n}P1.test"
        )  # hard links: fast, and Dovecot minds not
    shutil.chown(new, "dovecot", "dovecot")

    with pytest.raises(ServerRefused) as refused:
        sync_account(db, account.id, connector(mailbox), chunk_size=6100)

    message = str(refused.value)
    assert message.startswith(
        f"{HOST} refused to send the new mail in INBOX (its answer: Error in IMAP command "
        "UID FETCH: Too long argument). Everything received so far is kept."
    ), message
    # What came before is kept, threaded; the next sync carries on.
    assert stored_keys(db) == ["before@example.org"]
    assert [thread.message_count for thread in list_threads(db, group.id)] == [1]
    report = sync_account(db, account.id, connector(mailbox))
    assert (report.new_messages, report.group_messages) == (6100, 0)


def test_the_server_answer_is_read_out_of_each_kind_of_error(mailbox: Mailbox) -> None:
    with mailbox.server.imap(mailbox.email) as client:
        with pytest.raises(imaplib.IMAP4.error) as by_imapclient:
            client.select_folder("Gone")
        client.select_folder("INBOX", readonly=True)
        with pytest.raises(imaplib.IMAP4.error) as by_imaplib:
            client._imap.uid("FETCH", "0:x", "(FLAGS)")
        with pytest.raises(imaplib.IMAP4.error) as by_search:
            client.search(["NO-SUCH-KEY"])
    assert [server_answer(error.value) for error in (by_imapclient, by_imaplib, by_search)] == [
        "Mailbox doesn't exist: Gone",
        "Error in IMAP command UID FETCH: Invalid uidset",
        "Error in IMAP command UID SEARCH: Unknown argument NO-SUCH-KEY",
    ]


def test_a_refused_fetch_and_a_long_answer_read_as_one_short_line() -> None:
    # Dovecot cuts the connection rather than answer NO to a FETCH it cannot serve, so this
    # is the shape sync gives a NO from other servers, not one provoked here.
    refused = imaplib.IMAP4.error(
        "FETCH failed: [SERVERBUG] Internal error occurred.  Refer to server log. " + "x" * 300
    )
    answer = server_answer(refused)
    assert answer.startswith("Internal error occurred. Refer to server log. xxx")
    assert len(answer) == 160 and answer.endswith("…")
    assert server_answer(imaplib.IMAP4.error("LIST command error: NO []")) == "no reason given"


# --- reading FETCH replies ----------------------------------------------------------------

HEADERS = b"Subject: Hi\r\nMessage-ID: <a@b>\r\n\r\n"


def test_fetch_reply_in_the_usual_shape() -> None:
    data = [
        (b"1 (UID 7 RFC822.SIZE 900 BODY[HEADER.FIELDS (SUBJECT MESSAGE-ID)] {34}", HEADERS),
        b")",
        (b"2 (UID 9 RFC822.SIZE 12 BODY[HEADER.FIELDS (SUBJECT MESSAGE-ID)] {0}", b""),
        b")",
    ]
    assert parse_fetch_reply(data, b"BODY[HEADER.FIELDS") == {
        7: (HEADERS, 900),
        9: (b"", 12),
    }


def test_fetch_reply_in_other_shapes_goes_through_imapclient() -> None:
    data = [
        # UID after the literal, as some servers order items
        (b"1 (RFC822.SIZE 900 BODY[HEADER.FIELDS (SUBJECT MESSAGE-ID)] {34}", HEADERS),
        b" UID 7)",
        # an unsolicited flag change in the middle of the reply
        b"5 (FLAGS (\\Seen) UID 12)",
        # the item as NIL: nothing to read
        b"2 (UID 9 RFC822.SIZE 12 BODY[HEADER.FIELDS (SUBJECT MESSAGE-ID)] NIL)",
    ]
    assert parse_fetch_reply(data, b"BODY[HEADER.FIELDS") == {
        7: (HEADERS, 900),
        12: (None, 0),
        9: (None, 12),
    }
