"""Sync through Microsoft Graph when things go wrong: Graph asking to wait, a sync stopped
or cut mid-way, messages Graph no longer has or will not send. No message stops a sync, and
the sync after loses nothing and duplicates nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from corpus import Seeded, group_conversation, group_messages, make_group, seed
from graph_archive_world import (
    INBOX_COUNT,
    SENT_COUNT,
    archive_rows,
    graph_account,
    graph_id,
    imap_archive,
    minutes,
    places,
    stored_keys,
    sync,
)
from sqlite_utils import Database

from graph_server import GraphServer, MintedTokens
from mailservers import HOST, DropProxy, Mailbox
from oauth_keys import SigningKey
from pont.core.archive.graph_sync import sync_through_graph
from pont.core.archive.sync import SyncProgress
from pont.core.archive.sync_skips import NO_CONTENT, list_skipped
from pont.core.errors import GraphRefused, GraphSyncStateLost, GraphUnreachable
from pont.core.mail.accounts import Account
from pont.core.mail.graph import client as graph_client
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


def test_graph_asking_to_wait_mid_sync_is_waited_for(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    corpus: list[Seeded],
    imap_reference: tuple[Database, Group],
) -> None:
    graph_server.faults.inject(429, "ApplicationThrottled", retry_after="1", path="/$value")
    graph_server.faults.inject(
        429, "ApplicationThrottled", retry_after="1", path="inbox/messages/delta"
    )

    report = sync(db, account, graph)

    assert report.group_messages == len(group_messages(corpus))
    assert [status for _, status in graph_server.answers].count(429) == 2
    reference_db, reference_group = imap_reference
    assert archive_rows(db, group) == archive_rows(reference_db, reference_group)


def test_a_sync_stopped_between_chunks_loses_nothing_and_duplicates_nothing(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    corpus: list[Seeded],
    imap_reference: tuple[Database, Group],
) -> None:
    def closed_after(step: SyncProgress) -> None:
        if step.folder == "Inbox" and step.done == 6:
            raise KeyboardInterrupt  # as if Pont were closed there

    with pytest.raises(KeyboardInterrupt):
        sync(db, account, graph, closed_after, chunk_size=3)
    assert db.execute("SELECT count(*) FROM graph_messages").fetchone()[0] >= SENT_COUNT + 3
    fetched = graph_server.count("/$value")

    report = sync(db, account, graph, chunk_size=3)

    examined = db.execute("SELECT count(*) FROM graph_messages").fetchone()[0]
    assert examined == len(corpus)
    # What the stopped sync recorded as examined was not fetched again.
    assert graph_server.count("/$value") - fetched == report.new_messages < INBOX_COUNT
    reference_db, reference_group = imap_reference
    assert archive_rows(db, group) == archive_rows(reference_db, reference_group)
    assert places(db) == places(reference_db)


def test_connections_cut_mid_sync_lose_nothing_and_duplicate_nothing(
    tmp_path: Path,
    db: Database,
    group: Group,
    account: Account,
    tokens: MintedTokens,
    graph_server: GraphServer,
    mailbox: Mailbox,
    corpus: list[Seeded],
) -> None:
    # Group mail of growing size among the rest: a cut connection stops the sync at each.
    for number, size in enumerate((6_000, 9_000, 14_000, 21_000, 32_000)):
        mailbox.server.deliver(mailbox.email, minutes(number, size))
    reference_db, reference_group = imap_archive(tmp_path / "imap.sqlite3", group, mailbox)
    # A proxy cuts every connection once drop_after bytes came back; Graph's links name it.
    proxy = DropProxy(graph_server.port, drop_after=5_000)
    graph_server.endpoint = f"https://{HOST}:{proxy.port}/v1.0"

    def through_proxy() -> GraphClient:
        return GraphClient(graph_server.endpoint, tokens, timeout=10)

    cuts = stored_between = 0
    try:
        for _ in range(40):
            before = db.execute("SELECT count(*) FROM graph_messages").fetchone()[0]
            try:
                sync_through_graph(db, account.id, through_proxy, print, chunk_size=2, page_size=3)
                break
            # The test server's next links serve once: a page cut in flight is 410 next time.
            except (GraphUnreachable, GraphSyncStateLost):
                cuts += 1
                after = db.execute("SELECT count(*) FROM graph_messages").fetchone()[0]
                stored_between += before < after
                if after == before:  # not even a chunk came through: let more through
                    proxy.drop_after = int((proxy.drop_after or 0) * 1.5)
                # What was committed is consistent, threads included.
                assert not db.execute(
                    "SELECT 1 FROM message_groups WHERE thread_id IS NULL"
                ).fetchone()
        else:
            pytest.fail("the sync never completed")
    finally:
        proxy.close()
    assert cuts >= 3 and stored_between >= 2  # cut between chunks, not only while listing
    assert db.execute("SELECT count(*) FROM graph_messages").fetchone()[0] == len(corpus) + 5
    assert archive_rows(db, group) == archive_rows(reference_db, reference_group)
    assert places(db) == places(reference_db)
    reference_db.close()


def test_a_message_graph_no_longer_has_is_passed_by(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    mailbox: Mailbox,
    corpus: list[Seeded],
) -> None:
    # Deleted between the delta page that listed it and its $value: 404.
    gone = graph_id(mailbox, "INBOX", "training.carys@phw.example.org")
    graph_server.faults.inject(404, "ErrorItemNotFound", path=gone)

    report = sync(db, account, graph)

    assert (report.new_messages, report.skipped) == (len(corpus), 0)
    assert report.group_messages == len(group_messages(corpus)) - 1
    assert "training.carys@phw.example.org" not in stored_keys(db)
    assert list_skipped(db, account.id) == []


def test_a_message_graph_refuses_is_passed_over_and_remembered(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    mailbox: Mailbox,
    corpus: list[Seeded],
) -> None:
    refused = graph_id(mailbox, "INBOX", "training.carys@phw.example.org")
    graph_server.faults.inject(500, "ErrorInternalServerError", path=refused, times=10)

    report = sync(db, account, graph, chunk_size=4)

    assert (report.skipped, report.group_messages) == (1, len(group_messages(corpus)) - 1)
    (skipped,) = report.skipped_messages
    assert (skipped.folder, skipped.reason) == ("Inbox", NO_CONTENT)
    assert list_skipped(db, account.id) == [skipped]
    assert report.threads == 3
    # Not asked for again: the next syncs pass it by.
    asked = graph_server.count(refused)
    assert sync(db, account, graph).new_messages == 0
    assert graph_server.count(refused) == asked == 1


def test_a_message_too_large_to_read_is_passed_over(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(graph_client, "MESSAGE_LIMIT", 50_000)  # Exchange's is 150 MB
    for number, size in ((1, 10), (2, 80_000), (3, 10)):
        mailbox.server.deliver(mailbox.email, minutes(number, size))

    report = sync(db, account, graph)

    assert (report.new_messages, report.group_messages, report.skipped) == (3, 2, 1)
    assert [s.uid for s in list_skipped(db, account.id)] == [2]
    assert stored_keys(db) == ["minutes-1@example.org", "minutes-3@example.org"]


def test_graph_refusing_every_message_ends_the_sync_and_passes_nothing_over(
    db: Database,
    group: Group,
    account: Account,
    graph: Callable[[], GraphClient],
    graph_server: GraphServer,
    corpus: list[Seeded],
) -> None:
    graph_server.faults.inject(500, "ErrorInternalServerError", path="/$value", times=1000)

    with pytest.raises(GraphRefused):
        sync(db, account, graph)

    assert list_skipped(db, account.id) == []
    graph_server.faults.injected.clear()
    report = sync(db, account, graph)
    assert (report.skipped, report.group_messages) == (0, len(group_messages(corpus)))
