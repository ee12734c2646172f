"""What a sync says as it goes and when it ends, the same whichever way the mailbox is read
(IMAP or Microsoft Graph): its progress, and its report once the new messages are threaded."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pont.core.archive.message_headers import parse_headers
from pont.core.archive.messages import STRUCTURE_PROBLEM, ParsedMessage, parse_message
from pont.core.archive.sync_skips import SkippedMessage
from pont.core.archive.threads import rebuild_threads

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncProgress:
    folder: str
    done: int  # messages of this folder examined so far
    total: int  # messages of this folder to examine in this sync


@dataclass(frozen=True, slots=True)
class SyncReport:
    folders: int
    new_messages: int  # messages that arrived in the folders since the last sync
    group_messages: int  # of those, group traffic newly stored in the archive
    threads: int  # threads those group messages are in
    skipped: int = 0  # messages passed over: the server would not send them
    partly_read: int = 0  # of the group messages stored, those read only in part (marked)
    skipped_messages: tuple[SkippedMessage, ...] = ()  # which were passed over, and why
    set_aside: int = 0  # new mail kept for the group's own handling (archive/inbound.py)


def parse_fetched(raw: bytes) -> ParsedMessage:
    """A fetched message parsed for the store. parse_message is built never to raise; should
    it still (a bug), the message is stored with its headers and source, marked, rather than
    lost or stopping the sync."""
    try:
        return parse_message(raw)
    except Exception:
        log.exception("A message could not be parsed; it is stored unread")
        return ParsedMessage(parse_headers(raw), "", "", (), len(raw), (STRUCTURE_PROBLEM,))


def finish_sync(
    db: Database,
    *,
    folders: int,
    new_messages: int,
    stored_ids: Sequence[int],
    partly_read: int,
    skipped: Sequence[SkippedMessage],
    set_aside: int = 0,
) -> SyncReport:
    """Rebuild the threads of every group with messages not yet threaded, then report.

    Runs after a cut sync too, and picks up what an earlier interrupted run committed (its
    messages still have no thread), so threads never stay behind the archive.
    """
    stale = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT group_id FROM message_groups WHERE thread_id IS NULL"
        )
    ]
    if stale:
        with db.atomic():
            rebuild_threads(db, stale)
    threads = db.execute(
        "SELECT count(DISTINCT thread_id) FROM message_groups WHERE message_id IN "
        "(SELECT value FROM json_each(?))",
        [json.dumps(list(stored_ids))],
    ).fetchone()[0]
    return SyncReport(
        folders=folders,
        new_messages=new_messages,
        group_messages=len(stored_ids),
        threads=int(threads),
        skipped=len(skipped),
        partly_read=partly_read,
        skipped_messages=tuple(skipped),
        set_aside=set_aside,
    )
