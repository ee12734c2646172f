"""Incremental IMAP sync of the coordinator's INBOX and Sent folder into the group archive.

Each folder keeps its UIDVALIDITY and the last UID examined. New mail is read in chunks, in
two passes: the headers of every new message (to decide whether it is group traffic), then
the whole message only for group traffic not stored yet. A chunk commits in one transaction
together with the folder's new last UID, so a cut connection loses nothing and the next sync
starts exactly where the last committed chunk ended. Nothing marks mail as read: folders are
selected read-only and every fetch uses BODY.PEEK.
"""

from __future__ import annotations

import imaplib
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pont.core.archive.filing import MIN_ADDRESSED, GroupMatcher, add_location, store_message
from pont.core.archive.message_headers import MessageHeaders, matching_headers
from pont.core.archive.messages import parse_message
from pont.core.archive.sync_fetch import fetch_bodies, fetch_headers, new_uids
from pont.core.archive.sync_state import (
    SyncedFolder,
    advance_folder,
    finish_folder,
    keep_folders,
    reset_folder,
    stored_folders,
)
from pont.core.archive.threads import rebuild_threads
from pont.core.errors import ConnectionLost, ServerRefused
from pont.core.i18n import translate
from pont.core.mail.accounts import get_account
from pont.core.mail.sent_folder import locate_sent_folder
from pont.core.mail.server_answers import server_answer

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]
    from sqlite_utils import Database

log = logging.getLogger(__name__)

# UIDs per chunk: one transaction and one progress step each. Dovecot refuses command lines
# over 64 KB, and fetch() buffers the whole reply, so chunks stay well below both.
CHUNK_SIZE = 1000

# What a dropped connection looks like from imaplib: its abort (EOF, unterminated line),
# socket and TLS errors (OSError), and EOFError from a half-read literal.
_CONNECTION_ERRORS = (imaplib.IMAP4.abort, OSError, EOFError)


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
    skipped: int = 0  # messages that could not be fetched or read (see the log)


def sync_account(
    db: Database,
    account_id: int,
    connect: Callable[[], IMAPClient],
    progress: Callable[[SyncProgress], None] | None = None,
    *,
    chunk_size: int = CHUNK_SIZE,
) -> SyncReport:
    """Bring the archive up to date with the account's INBOX and Sent folder.

    connect returns a logged-in IMAPClient. Raises ConnectionLost when the server drops
    mid-way, ServerRefused when it answers NO or BAD to a command: either way what was
    committed stays, threads included, and the next sync carries on from there.
    """
    host = get_account(db, account_id).imap.host
    run = _Sync(db, account_id, host, progress or (lambda _: None), chunk_size)
    try:
        client = connect()
        try:
            run.sync_folders(client)
        finally:
            _close(client)
    except _CONNECTION_ERRORS as error:
        run.finish()
        raise ConnectionLost(host) from error
    except ServerRefused:
        run.finish()
        raise
    return run.finish()


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the connection may be gone already; nothing left to tidy
        with suppress(Exception):
            client.shutdown()


@dataclass
class _Sync:
    """One sync run: the connection-independent state and the counts for the report."""

    db: Database
    account_id: int
    host: str
    progress: Callable[[SyncProgress], None]
    chunk_size: int
    folders: int = 0
    new_messages: int = 0
    skipped: int = 0
    stored_ids: list[int] = field(default_factory=list)
    _matcher: GroupMatcher | None = None

    @property
    def matcher(self) -> GroupMatcher:
        # Loaded only when a folder has new mail: a sync with nothing new stays fast.
        if self._matcher is None:
            self._matcher = GroupMatcher.load(self.db)
        return self._matcher

    @contextmanager
    def _asking(self, what: str) -> Iterator[None]:
        """Turn the server's NO or BAD to the commands inside into ServerRefused(what)."""
        try:
            yield
        except imaplib.IMAP4.abort:  # a dropped connection: ConnectionLost, further up
            raise
        except imaplib.IMAP4.error as error:
            raise ServerRefused(self.host, what, server_answer(error)) from error

    def sync_folders(self, client: IMAPClient) -> None:
        if client.has_capability("CONDSTORE") and client.has_capability("ENABLE"):
            with self._asking(translate("Sync", "start the sync")):
                client.enable("CONDSTORE")
        # The folders of the last sync are read before the LIST that checks them: on Dovecot,
        # a SELECT of a large INBOX right after a LIST takes ~250 ms longer (measured).
        synced = {
            folder.name
            for folder in stored_folders(self.db, self.account_id)
            if self._sync_folder(client, folder)
        }
        for folder in self._listed_folders(client):
            if folder.name not in synced and self._sync_folder(client, folder):
                synced.add(folder.name)
        self.folders = len(synced)

    def _listed_folders(self, client: IMAPClient) -> list[SyncedFolder]:
        """INBOX and the Sent folder as the server lists them now, with rows to match."""
        with self._asking(translate("Sync", "list the mail folders")):
            sent = locate_sent_folder(client)
        wanted = ([(sent, "sent")] if sent is not None else []) + [("INBOX", "inbox")]
        keep_folders(self.db, self.account_id, wanted)
        return stored_folders(self.db, self.account_id)

    def _sync_folder(self, client: IMAPClient, folder: SyncedFolder) -> bool:
        """Read the folder's new mail; False when the server has no such folder (any more)."""
        try:
            status = client.select_folder(folder.name, readonly=True)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error:  # NO: renamed or deleted since it was listed
            return False
        uidvalidity = int(status[b"UIDVALIDITY"])
        uidnext = int(status[b"UIDNEXT"]) if b"UIDNEXT" in status else None
        modseq = int(status[b"HIGHESTMODSEQ"]) if b"HIGHESTMODSEQ" in status else None
        exists = int(status[b"EXISTS"]) if b"EXISTS" in status else None
        if folder.uidvalidity != uidvalidity:
            reset_folder(self.db, folder, uidvalidity)
        if uidnext is not None and uidnext - 1 <= folder.last_uid:
            self.progress(SyncProgress(folder.name, 0, 0))
            finish_folder(self.db, folder, uidnext, modseq)
            return True
        with self._asking(
            translate("Sync", "look for new mail in {folder}").format(folder=folder.name)
        ):
            uids = new_uids(client, folder.last_uid, uidnext, exists)
        self.new_messages += len(uids)
        self.progress(SyncProgress(folder.name, 0, len(uids)))
        fetching = translate("Sync", "send the new mail in {folder}").format(folder=folder.name)
        for start in range(0, len(uids), self.chunk_size):
            chunk = uids[start : start + self.chunk_size]
            with self._asking(fetching):
                fetched = fetch_headers(client, chunk)
            headers = self._read_headers(folder, chunk, fetched)
            wanted, relocated = self._sort_out(headers)
            with self._asking(fetching):
                bodies = fetch_bodies(client, {uid: headers[uid][1] for uid in wanted})
            self._store_chunk(folder, chunk, wanted, relocated, bodies)
            self.progress(SyncProgress(folder.name, start + len(chunk), len(uids)))
        finish_folder(self.db, folder, uidnext, modseq)
        return True

    def _sort_out(
        self, headers: dict[int, tuple[MessageHeaders, int]]
    ) -> tuple[dict[int, dict[int, str]], list[tuple[str, int]]]:
        """Which messages to fetch and store (uid → groups), which are stored already
        ((key, uid) to record the location of)."""
        stored = self._stored_keys(h.message_key for h, _ in headers.values())
        seen_keys: set[str] = set()
        relocated: list[tuple[str, int]] = []
        wanted: dict[int, dict[int, str]] = {}
        for uid, (message, _) in headers.items():
            key = message.message_key
            if key in stored or key in seen_keys:
                relocated.append((key, uid))
                continue
            groups = self.matcher.groups_for(message)
            if groups:
                seen_keys.add(key)
                # Now, not after storing: a reply later in this same chunk matches too.
                self.matcher.remember(key, groups)
                wanted[uid] = groups
        return wanted, relocated

    def _store_chunk(
        self,
        folder: SyncedFolder,
        uids: list[int],
        wanted: dict[int, dict[int, str]],
        relocated: list[tuple[str, int]],
        bodies: dict[int, bytes],
    ) -> None:
        # Network first, then one short write transaction: a cut connection never leaves a
        # transaction half done, and the folder's last UID moves with the chunk's messages.
        with self.db.atomic():
            for uid, groups in wanted.items():
                raw = bodies.get(uid)
                if raw is None:
                    self._skip(folder, uid, "the server sent no content")
                    continue
                # parse_message is built never to raise; should it still (a bug, or email's
                # parser recursing on absurdly nested MIME), that costs one message, not the sync.
                try:
                    parsed = parse_message(raw)
                except Exception as error:
                    self._skip(folder, uid, f"it could not be read ({error!r})")
                    continue
                self.stored_ids.append(
                    store_message(self.db, parsed, raw, groups, location=(folder.id, uid))
                )
            for key, uid in relocated:
                add_location(self.db, key, folder.id, uid)
            advance_folder(self.db, folder, uids[-1])

    def _read_headers(
        self, folder: SyncedFolder, uids: list[int], fetched: dict[int, tuple[bytes | None, int]]
    ) -> dict[int, tuple[MessageHeaders, int]]:
        """What matching needs from each message's headers, and its size, in UID order; the
        unreadable are skipped."""
        result: dict[int, tuple[MessageHeaders, int]] = {}
        for uid in uids:
            if uid not in fetched:
                continue  # expunged since the search: nothing to read
            block, size = fetched[uid]
            if block is None:
                self._skip(folder, uid, "the server sent no headers")
                continue
            result[uid] = (matching_headers(block, MIN_ADDRESSED), size)
        return result

    def _stored_keys(self, keys: Iterator[str]) -> set[str]:
        rows = self.db.execute(
            "SELECT message_key FROM messages WHERE message_key IN "
            "(SELECT value FROM json_each(?))",
            [json.dumps(list(keys))],
        )
        return {row[0] for row in rows}

    def _skip(self, folder: SyncedFolder, uid: int, why: str) -> None:
        log.warning("Skipped message UID %d in %s: %s", uid, folder.name, why)
        self.skipped += 1

    def finish(self) -> SyncReport:
        """Rebuild the threads of every group with messages not yet threaded, then report.

        Runs after a cut sync too, and picks up what an earlier interrupted run committed
        (its messages still have no thread), so threads never stay behind the archive.
        """
        stale = [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT group_id FROM message_groups WHERE thread_id IS NULL"
            )
        ]
        if stale:
            with self.db.atomic():
                rebuild_threads(self.db, stale)
        threads = self.db.execute(
            "SELECT count(DISTINCT thread_id) FROM message_groups WHERE message_id IN "
            "(SELECT value FROM json_each(?))",
            [json.dumps(self.stored_ids)],
        ).fetchone()[0]
        return SyncReport(
            folders=self.folders,
            new_messages=self.new_messages,
            group_messages=len(self.stored_ids),
            threads=int(threads),
            skipped=self.skipped,
        )
