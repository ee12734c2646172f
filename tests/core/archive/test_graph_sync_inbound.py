"""Sync through Microsoft Graph sets INBOX mail aside for the group's own handling as IMAP
sync does (archive/inbound.py): a member's post to the group address, once, across syncs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import connector, make_account, make_group
from graph_archive_world import graph_account, sync
from sqlite_utils import Database

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox
from oauth_keys import SigningKey
from pont.core.archive.sync import sync_account
from pont.core.mail.accounts import get_account
from pont.core.mail.graph.client import GraphClient
from pont.core.members.groups import GroupMode, get_group, group_address, set_group_sending
from pont.core.profile.store import open_database


@pytest.fixture
def graph(
    graph_server: GraphServer, signing_key: SigningKey, mailbox: Mailbox
) -> Callable[[], GraphClient]:
    tokens = MintedTokens(signing_key, mailbox.email, granted=("Mail.Read",))
    return lambda: GraphClient(graph_server.endpoint, tokens, timeout=10)


def inbound_rows(db: Database) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in db.execute(
            "SELECT f.role, i.kind, i.message_key, i.sender_email, i.raw FROM inbound i"
            " LEFT JOIN folders f ON f.id = i.folder_id ORDER BY i.message_key"
        )
    ]


def seed(mailbox: Mailbox, address: str) -> None:
    post = (
        f"From: Carys <carys@example.net>\r\nTo: Wellbeing <{address}>\r\nSubject: Pilot\r\n"
        "Message-ID: <to-the-group@example.net>\r\n\r\nIt worked.\r\n"
    ).encode()
    personal = b"From: a@example.net\r\nSubject: personal\r\nMessage-ID: <personal@x>\r\n\r\nx\r\n"
    sent = (
        f"From: {mailbox.email}\r\nTo: {address}\r\nSubject: Mine\r\n"
        "Message-ID: <sent-to-group@x>\r\n\r\nx\r\n"
    ).encode()
    mailbox.server.deliver(address, post)
    mailbox.server.deliver(mailbox.email, personal)
    mailbox.server.append(mailbox.email, "Sent", sent)


def group_address_profile(path: Path, mailbox: Mailbox, *, through_graph: bool) -> Database:
    db = open_database(path)
    group = make_group(db)
    account = graph_account(db, mailbox) if through_graph else make_account(db, mailbox)
    set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    return db


def test_graph_sync_sets_aside_what_imap_sync_sets_aside(
    tmp_path: Path, mailbox: Mailbox, graph: Callable[[], GraphClient]
) -> None:
    db = group_address_profile(tmp_path / "graph.sqlite3", mailbox, through_graph=True)
    account = get_account(db, db.execute("SELECT id FROM accounts").fetchone()[0])
    group = get_group(db, db.execute("SELECT id FROM groups").fetchone()[0])
    seed(mailbox, group_address(mailbox.email, group))

    report = sync(db, account, graph)
    again = sync(db, account, graph)

    assert (report.set_aside, again.set_aside) == (1, 0)
    rows = inbound_rows(db)
    assert [row[:4] for row in rows] == [
        ("inbox", "group-address", "to-the-group@example.net", "carys@example.net")
    ]
    imap = group_address_profile(tmp_path / "imap.sqlite3", mailbox, through_graph=False)
    imap_account = imap.execute("SELECT id FROM accounts").fetchone()[0]
    assert sync_account(imap, imap_account, connector(mailbox)).set_aside == 1
    # the same bytes, kept whole (Graph's MIME is the message as delivered)
    assert [row[1:] for row in inbound_rows(imap)] == [row[1:] for row in rows]
    imap.close()
    db.close()
