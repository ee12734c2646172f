"""Helpers for the tests of sync through Microsoft Graph: a Graph-read account, the archive
IMAP sync makes of the same mailbox, and what to compare the two by."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import BRYN, ELI, connector, make_account, make_group
from sqlite_utils import Database

from graph_server import message_id_for
from mailservers import HOST, Mailbox
from pont.core.archive.reading import member_post_stats
from pont.core.archive.search import search
from pont.core.archive.sync import SyncProgress, SyncReport, sync_account
from pont.core.archive.threads import list_threads
from pont.core.mail.accounts import (
    Account,
    AccountSettings,
    ReadRoute,
    Security,
    SendRoute,
    ServerSettings,
    SignInMethod,
    save_account,
)
from pont.core.mail.graph.client import GraphClient
from pont.core.members.groups import Group
from pont.core.profile.store import open_database

INBOX_COUNT = 15  # of the corpus (corpus.group_conversation)
SENT_COUNT = 2


def graph_account(db: Database, mailbox: Mailbox) -> Account:
    """The mailbox as a Microsoft account whose mail is read through Graph."""
    server = mailbox.server
    return save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            imap=ServerSettings(HOST, server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, server.smtps_port, Security.SSL),
            sign_in=SignInMethod.MICROSOFT,
            sending=SendRoute.GRAPH,
            reading=ReadRoute.GRAPH,
        ),
    )


def imap_archive(path: Path, group: Group, mailbox: Mailbox) -> tuple[Database, Group]:
    """What IMAP sync stores of the mailbox, in a second profile, for comparison."""
    database = open_database(path)
    reference_group = make_group(database)
    database.execute(
        "UPDATE groups SET list_id = ? WHERE id = ?", [group.list_id, reference_group.id]
    )
    sync_account(database, make_account(database, mailbox).id, connector(mailbox))
    return database, reference_group


def sync(
    db: Database,
    account: Account,
    graph: Callable[[], GraphClient],
    progress: Callable[[SyncProgress], None] | None = None,
    **options: Any,
) -> SyncReport:
    return sync_account(db, account.id, None, progress, graph=graph, **options)


def stored_keys(db: Database) -> list[str]:
    return sorted(row[0] for row in db.execute("SELECT message_key FROM messages"))


def places(db: Database) -> list[tuple[str, str]]:
    """(folder role, message key) of every location: Graph's numbers are its own."""
    return sorted(
        db.execute(
            "SELECT f.role, m.message_key FROM message_locations l"
            " JOIN folders f ON f.id = l.folder_id JOIN messages m ON m.id = l.message_id"
        ).fetchall()
    )


def thread_shape(db: Database, group: Group) -> list[tuple[str, int, tuple[str, ...]]]:
    return sorted(
        (thread.subject, thread.message_count, tuple(sorted(thread.message_keys)))
        for thread in list_threads(db, group.id)
    )


def archive_rows(db: Database, group: Group) -> dict[str, list[Any]]:
    """Everything the archive holds of the group's mail, without row ids and times."""
    by_key = "JOIN messages m ON m.id = {}.message_id"
    words = ("pilot", "cafe", "evening", "Aberystwyth", "funding", "review", "Cardiff")
    return {
        "messages": sorted(
            db.execute(
                "SELECT message_key, subject, sender_name, sender_email, sender_key, recipients,"
                " sent, in_reply_to, refs, list_id, body_text, body_html, size, problems"
                " FROM messages"
            ).fetchall()
        ),
        "sources": sorted(
            db.execute(f"SELECT m.message_key, s.raw FROM message_sources s {by_key.format('s')}")
        ),
        "attachments": sorted(
            db.execute(
                "SELECT m.message_key, a.part_index, a.filename, a.content_type, a.size"
                f" FROM attachments a {by_key.format('a')}"
            )
        ),
        "groups": sorted(
            db.execute(f"SELECT m.message_key, g.reason FROM message_groups g {by_key.format('g')}")
        ),
        "threads": thread_shape(db, group),
        "search": [
            [
                (hit.subject, hit.sender.email if hit.sender else "")
                for hit in search(db, group.id, w)
            ]
            for w in words
        ],
        "posts": sorted(
            (key, stats.posts, stats.last_post)
            for key, stats in member_post_stats(db, group.id).items()
        ),
    }


def expunge(mailbox: Mailbox, folder: str, message_id: str) -> None:
    with mailbox.server.imap(mailbox.email) as client:
        client.select_folder(folder)
        client.delete_messages(client.search(["HEADER", "Message-ID", message_id]))
        client.expunge()


def graph_id(mailbox: Mailbox, folder: str, message_id: str) -> str:
    """The id the test server gives the message (Graph's ids are opaque to Pont)."""
    with mailbox.server.imap(mailbox.email) as client:
        status = client.select_folder(folder, readonly=True)
        (uid,) = client.search(["HEADER", "Message-ID", message_id])
    return message_id_for(mailbox.email, folder, int(status[b"UIDVALIDITY"]), uid)


def reply(number: int, parent: str, tagged: bool = False) -> bytes:
    tag = "[Wellbeing] " if tagged else ""
    return (
        f"From: {ELI[0]} <{ELI[1]}>\r\nTo: coordinator@example.org\r\n"
        f"Subject: Re: {tag}Training day in Cardiff\r\nDate: Tue, 16 Apr 2024 10:0{number}:00 +0100"
        f"\r\nMessage-ID: <late-{number}.eli@example.org>\r\nIn-Reply-To: <{parent}>\r\n"
        f"References: <{parent}>\r\n\r\nReply {number}.\r\n"
    ).encode()


def minutes(number: int, size: int) -> bytes:
    """A group message of about size bytes."""
    return (
        f"From: {BRYN[1]}\r\nSubject: [Wellbeing] Minutes {number}\r\n"
        f"Message-ID: <minutes-{number}@example.org>\r\n\r\n".encode()
        + b"x" * size
    )
