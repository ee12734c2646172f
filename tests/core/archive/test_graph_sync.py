"""Sync through Microsoft Graph (the Graph-shaped test server over the real test Dovecot):
the same archive as IMAP sync makes of the same mailbox, read incrementally by delta links."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from corpus import (
    BRYN,
    Seeded,
    connector,
    group_conversation,
    group_messages,
    make_account,
    make_group,
    seed,
)
from graph_archive_world import (
    INBOX_COUNT,
    archive_rows,
    expunge,
    graph_account,
    imap_archive,
    places,
    reply,
    stored_keys,
    sync,
)
from sqlite_utils import Database

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox
from oauth_keys import SigningKey
from pont.core.archive.graph_sync import sync_through_graph
from pont.core.archive.sync import SyncProgress, SyncReport, sync_account
from pont.core.archive.threads import list_threads
from pont.core.mail.accounts import Account
from pont.core.mail.graph.client import GraphClient
from pont.core.members.groups import Group
from pont.core.profile.store import open_database


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
    return graph_account(db, mailbox)


@pytest.fixture
def tokens(signing_key: SigningKey, mailbox: Mailbox) -> MintedTokens:
    return MintedTokens(signing_key, mailbox.email, granted=("Mail.Read",))


@pytest.fixture
def graph(graph_server: GraphServer, tokens: MintedTokens) -> Callable[[], GraphClient]:
    return lambda: GraphClient(graph_server.endpoint, tokens, timeout=10)


@pytest.fixture
def corpus(mailbox: Mailbox, group: Group) -> list[Seeded]:
    messages = group_conversation(group, mailbox.email)
    seed(mailbox, messages)
    return messages


@pytest.fixture
def imap_reference(
    tmp_path: Path, group: Group, mailbox: Mailbox, corpus: list[Seeded]
) -> Iterator[tuple[Database, Group]]:
    database, reference_group = imap_archive(tmp_path / "imap.sqlite3", group, mailbox)
    yield database, reference_group
    database.close()


def test_graph_sync_files_the_same_archive_as_imap_sync(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    mailbox: Mailbox,
    corpus: list[Seeded],
    imap_reference: tuple[Database, Group],
) -> None:
    steps: list[SyncProgress] = []

    report = sync(db, account, graph, steps.append, chunk_size=4)

    reference_db, reference_group = imap_reference
    assert report == SyncReport(
        folders=2,
        new_messages=len(corpus),
        group_messages=len(group_messages(corpus)),
        threads=4,
        partly_read=reference_db.execute(
            "SELECT count(*) FROM messages WHERE problems != '[]'"
        ).fetchone()[0],
    )
    # Progress as IMAP sync gives it: Sent Items first, then Inbox in chunks of four.
    assert steps[:2] == [SyncProgress("Sent Items", 0, 2), SyncProgress("Sent Items", 2, 2)]
    assert steps[2:] == [SyncProgress("Inbox", done, INBOX_COUNT) for done in (0, 4, 8, 12, 15)]
    # Every new message was fetched once; nothing else was asked but the delta pages.
    assert graph_server.count("/$value") == len(corpus)
    assert sorted(path for _, path in graph_server.requests if not path.endswith("/$value")) == [
        "/v1.0/me/mailFolders/inbox/messages/delta",
        "/v1.0/me/mailFolders/sentitems/messages/delta",
    ]
    assert archive_rows(db, group) == archive_rows(reference_db, reference_group)
    assert places(db) == places(reference_db)


def test_a_second_graph_sync_fetches_only_new_mail(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    mailbox: Mailbox,
    corpus: list[Seeded],
) -> None:
    sync(db, account, graph)
    keys, where = stored_keys(db), places(db)
    fetched = graph_server.count("/$value")

    steps: list[SyncProgress] = []
    report = sync(db, account, graph, steps.append)

    assert report == SyncReport(folders=2, new_messages=0, group_messages=0, threads=0)
    assert steps == [SyncProgress("Sent Items", 0, 0), SyncProgress("Inbox", 0, 0)]
    assert graph_server.count("/$value") == fetched
    assert graph_server.count("/messages/delta") == 4
    assert (stored_keys(db), places(db)) == (keys, where)

    mailbox.server.deliver(mailbox.email, reply(1, "training.carys@phw.example.org"))
    mailbox.server.deliver(
        mailbox.email, b"Subject: personal\r\nMessage-ID: <personal@x>\r\n\r\nx\r\n"
    )
    report = sync(db, account, graph)

    assert report == SyncReport(folders=2, new_messages=2, group_messages=1, threads=1)
    assert graph_server.count("/$value") == fetched + 2
    training = next(t for t in list_threads(db, group.id) if "Training" in t.subject)
    assert training.message_count == 2


def test_a_message_deleted_in_the_mailbox_leaves_its_folder_not_the_archive(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    mailbox: Mailbox,
    corpus: list[Seeded],
) -> None:
    sync(db, account, graph)
    keys = stored_keys(db)
    expunge(mailbox, "INBOX", "training.carys@phw.example.org")
    expunge(mailbox, "Sent", "pilot-post.1712045700@pont.localhost")

    report = sync(db, account, graph)

    assert report == SyncReport(folders=2, new_messages=0, group_messages=0, threads=0)
    assert stored_keys(db) == keys  # the archive keeps the group's history
    gone = {
        ("inbox", "training.carys@phw.example.org"),
        ("sent", "pilot-post.1712045700@pont.localhost"),
    }
    assert not gone & set(places(db))
    assert ("inbox", "pilot-post.1712045700@pont.localhost") in places(db)
    # Graph's ids of what left are forgotten with their locations.
    assert (
        db.execute(
            "SELECT count(*) FROM graph_messages g LEFT JOIN message_locations l"
            " ON l.folder_id = g.folder_id AND l.uid = g.uid WHERE l.uid IS NULL"
        ).fetchone()[0]
        == len(corpus) - len(group_messages(corpus)) - 1
    )  # the Inbox copy of a post


def test_delta_pages_of_any_size_give_the_same_archive(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    mailbox: Mailbox,
    corpus: list[Seeded],
    imap_reference: tuple[Database, Group],
) -> None:
    report = sync_through_graph(db, account.id, graph, lambda _: None, chunk_size=3, page_size=2)

    assert report.group_messages == len(group_messages(corpus))
    assert graph_server.count("/messages/delta") == 1 + 8  # Sent: one page; Inbox: eight
    reference_db, reference_group = imap_reference
    assert archive_rows(db, group) == archive_rows(reference_db, reference_group)


def test_a_reply_listed_before_its_parent_is_still_group_traffic(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    mailbox: Mailbox,
) -> None:
    # Graph promises no order: here the untagged replies come first, the tagged post last.
    deliver = mailbox.server.deliver
    deliver(mailbox.email, reply(2, "late-1.eli@example.org"))
    deliver(mailbox.email, reply(1, "first.eli@example.org"))
    deliver(mailbox.email, b"Subject: personal\r\nMessage-ID: <p@x>\r\nReferences: <q@x>\r\n\r\n")
    deliver(
        mailbox.email,
        f"From: {BRYN[1]}\r\nSubject: [Wellbeing] Training day in Cardiff\r\n"
        "Message-ID: <first.eli@example.org>\r\n\r\nWho is coming?\r\n".encode(),
    )

    report = sync(db, account, graph, chunk_size=2)

    assert (report.new_messages, report.group_messages, report.threads) == (4, 3, 1)
    assert stored_keys(db) == [
        "first.eli@example.org",
        "late-1.eli@example.org",
        "late-2.eli@example.org",
    ]
    # The personal reply is examined once, and not fetched again by the next sync.
    assert db.execute("SELECT count(*) FROM graph_messages").fetchone()[0] == 4
    assert sync(db, account, graph).new_messages == 0


def test_an_expired_delta_link_reads_the_folder_again_without_duplicates(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    mailbox: Mailbox,
    corpus: list[Seeded],
) -> None:
    sync(db, account, graph)
    keys = stored_keys(db)
    fetched = graph_server.count("/$value")
    graph_server.forget_delta_states()  # Graph answers 410 SyncStateNotFound to the old links
    mailbox.server.deliver(mailbox.email, reply(1, "training.carys@phw.example.org"))
    expunge(mailbox, "INBOX", "training.carys@phw.example.org")

    report = sync(db, account, graph)

    assert report == SyncReport(folders=2, new_messages=1, group_messages=1, threads=1)
    assert [status for _, status in graph_server.answers].count(410) == 2
    assert graph_server.count("/$value") == fetched + 1  # only the new message
    assert stored_keys(db) == sorted([*keys, "late-1.eli@example.org"])
    # The folder listed whole: what it no longer holds lost its location.
    assert ("inbox", "training.carys@phw.example.org") not in places(db)
    assert ("inbox", "late-1.eli@example.org") in places(db)
    assert sync(db, account, graph).new_messages == 0


def test_an_account_read_over_imap_or_not_at_all_is_not_read_through_graph(
    db: Database,
    group: Group,
    mailbox: Mailbox,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    corpus: list[Seeded],
) -> None:
    imap_account = make_account(db, mailbox)
    report = sync_account(db, imap_account.id, connector(mailbox), graph=graph)
    assert report.group_messages == len(group_messages(corpus))
    assert graph_server.requests == []

    db.execute("UPDATE accounts SET reading = 'none' WHERE id = ?", [imap_account.id])
    assert sync_account(db, imap_account.id, None, graph=graph) == SyncReport(0, 0, 0, 0)
    assert graph_server.requests == []


def test_switching_an_account_from_imap_to_graph_and_back_keeps_one_archive(
    db: Database,
    group: Group,
    mailbox: Mailbox,
    graph: Callable[[], GraphClient],
    corpus: list[Seeded],
) -> None:
    account = make_account(db, mailbox)
    sync_account(db, account.id, connector(mailbox))
    keys, where = stored_keys(db), places(db)
    # On Exchange, IMAP and Graph both call it Sent Items: one folder row, read both ways.
    db.execute("UPDATE folders SET name = 'Sent Items' WHERE name = 'Sent'")

    db.execute("UPDATE accounts SET reading = 'graph' WHERE id = ?", [account.id])
    report = sync_account(db, account.id, None, graph=graph)
    assert (report.new_messages, report.group_messages) == (len(corpus), 0)
    assert (stored_keys(db), places(db)) == (keys, where)

    db.execute("UPDATE accounts SET reading = 'imap' WHERE id = ?", [account.id])
    db.execute("UPDATE folders SET name = 'Sent' WHERE name = 'Sent Items'")
    report = sync_account(db, account.id, connector(mailbox))
    # (Dovecot opens Graph's "Inbox" as INBOX, so IMAP sync reads it once more before it
    # lists the folders and keeps its own.)
    assert report.group_messages == 0
    assert (stored_keys(db), places(db)) == (keys, where)
    assert db.execute("SELECT count(*) FROM graph_messages").fetchone()[0] == 0
