"""Incremental IMAP sync of the coordinator's INBOX and Sent folder into the group archive.

Each folder keeps its UIDVALIDITY and the last UID examined. New mail is read in chunks, in
two passes: the headers of every new message (to decide whether it is group traffic), then
the whole message only for group traffic not stored yet. A chunk commits in one transaction
together with the folder's new last UID, so a cut connection loses nothing and the next sync
starts exactly where the last committed chunk ended. Nothing marks mail as read: folders are
selected read-only and every fetch uses BODY.PEEK.

No message stops a sync. One Pont cannot read in full is stored as far as it can be read,
its source whole, and marked (messages.problems). One the server cannot send (Dovecot drops
the connection rather than answer NO) is found by connecting again and fetching halves of
what failed, tried a few times alone, then passed over and remembered (sync_skips).
"""

from __future__ import annotations

import imaplib
import logging
from collections.abc import Callable, Collection, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from pont.core.archive.filing import (
    MIN_ADDRESSED,
    GroupMatcher,
    add_location,
    sort_out,
    store_message,
)
from pont.core.archive.graph_sync import sync_through_graph
from pont.core.archive.inbound import InboundKind, InboundRules, SetAside, record_inbound
from pont.core.archive.message_headers import MessageHeaders, matching_headers, parse_headers
from pont.core.archive.messages import ParsedMessage
from pont.core.archive.spool import Spool, SpooledRaw
from pont.core.archive.sync_connection import (
    CONNECTION_ERRORS,
    Fetched,
    SyncConnection,
    asking,
)
from pont.core.archive.sync_fetch import body_batches, fetch_bodies, fetch_headers, new_uids
from pont.core.archive.sync_report import SyncProgress, SyncReport, finish_sync, parse_fetched
from pont.core.archive.sync_skips import (
    CONNECTION_DROPPED,
    NO_CONTENT,
    SkippedMessage,
    remember_skipped,
    skipped_message,
    skipped_uids,
)
from pont.core.archive.sync_state import (
    SyncedFolder,
    advance_folder,
    finish_folder,
    keep_folders,
    reset_folder,
    stored_folders,
)
from pont.core.errors import ConnectionLost, ServerRefused
from pont.core.i18n import translate
from pont.core.mail.accounts import ReadRoute, get_account
from pont.core.mail.sent_folder import locate_sent_folder

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]
    from sqlite_utils import Database

    from pont.core.mail.graph.client import GraphClient

log = logging.getLogger(__name__)

# UIDs per chunk: one transaction and one progress step each. Dovecot refuses command lines
# over 64 KB, and fetch() buffers the whole reply, so chunks stay well below both.
CHUNK_SIZE = 1000


def sync_account(
    db: Database,
    account_id: int,
    connect: Callable[[], IMAPClient] | None,
    progress: Callable[[SyncProgress], None] | None = None,
    *,
    chunk_size: int | None = None,
    graph: Callable[[], GraphClient] | None = None,
) -> SyncReport:
    """Bring the archive up to date with the account's INBOX and Sent folder.

    connect returns a logged-in IMAPClient; sync calls it again after a dropped connection.
    Raises ConnectionLost when the server cannot be reached or keeps dropping, ServerRefused
    when it answers NO or BAD to a command: either way what was committed stays, threads
    included, and the next sync carries on from there.

    The account's reading route decides: one read through Microsoft Graph is synced by
    graph_sync instead, with graph (a signed-in GraphClient) and the same progress and
    report; one that reads nothing reports nothing.
    """
    account = get_account(db, account_id)
    report_progress = progress or (lambda _: None)
    if account.reading is ReadRoute.NONE:
        return SyncReport(folders=0, new_messages=0, group_messages=0, threads=0)
    if account.reading is ReadRoute.GRAPH:
        if graph is None:
            raise TypeError("an account read through Microsoft Graph needs graph=")
        return sync_through_graph(db, account_id, graph, report_progress, chunk_size=chunk_size)
    if connect is None:
        raise TypeError("an account read over IMAP needs connect")
    host = account.imap.host
    connection = SyncConnection(host, connect)
    run = _Sync(db, account_id, connection, report_progress, chunk_size or CHUNK_SIZE)
    try:
        try:
            run.sync_folders()
        finally:
            connection.close()
    except CONNECTION_ERRORS as error:
        run.finish()
        raise ConnectionLost(host) from error
    except ServerRefused:
        run.finish()
        raise
    return run.finish()


@dataclass
class _Sync:
    """One sync run: the connection-independent state and the counts for the report."""

    db: Database
    account_id: int
    connection: SyncConnection
    progress: Callable[[SyncProgress], None]
    chunk_size: int
    folders: int = 0
    new_messages: int = 0
    partly_read: int = 0
    skipped: list[SkippedMessage] = field(default_factory=list)
    stored_ids: list[int] = field(default_factory=list)
    set_aside: int = 0

    @property
    def client(self) -> IMAPClient:
        return self.connection.client

    @cached_property
    def matcher(self) -> GroupMatcher:
        # Loaded only when a folder has new mail: a sync with nothing new stays fast.
        return GroupMatcher.load(self.db)

    @cached_property
    def inbound(self) -> InboundRules:
        return InboundRules.load(self.db, self.account_id)

    def _asking(self, what: str) -> AbstractContextManager[None]:
        """Turn the server's NO or BAD to the commands inside into ServerRefused(what)."""
        return asking(self.connection.host, what)

    def sync_folders(self) -> None:
        client = self.client
        if client.has_capability("CONDSTORE") and client.has_capability("ENABLE"):
            with self._asking(translate("Sync", "start the sync")):
                client.enable("CONDSTORE")
        # The folders of the last sync are read before the LIST that checks them: on Dovecot,
        # a SELECT of a large INBOX right after a LIST takes ~250 ms longer (measured).
        synced = {
            folder.name
            for folder in stored_folders(self.db, self.account_id)
            if self._sync_folder(folder)
        }
        for folder in self._listed_folders():
            if folder.name not in synced and self._sync_folder(folder):
                synced.add(folder.name)
        self.folders = len(synced)

    def _listed_folders(self) -> list[SyncedFolder]:
        """INBOX and the Sent folder as the server lists them now, with rows to match."""
        with self._asking(translate("Sync", "list the mail folders")):
            sent = locate_sent_folder(self.client)
        wanted = ([(sent, "sent")] if sent is not None else []) + [("INBOX", "inbox")]
        keep_folders(self.db, self.account_id, wanted)
        return stored_folders(self.db, self.account_id)

    def _sync_folder(self, folder: SyncedFolder) -> bool:
        """Read the folder's new mail; False when the server has no such folder (any more)."""
        try:
            status = self.client.select_folder(folder.name, readonly=True)
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
            uids = new_uids(self.client, folder.last_uid, uidnext, exists)
        self.new_messages += len(uids)
        self.progress(SyncProgress(folder.name, 0, len(uids)))
        passed_over = skipped_uids(self.db, folder.id, folder.last_uid)
        for start in range(0, len(uids), self.chunk_size):
            chunk = uids[start : start + self.chunk_size]
            to_read = [uid for uid in chunk if uid not in passed_over]
            fetched = self._fetch(folder, to_read, fetch_headers, {})
            headers = self._read_headers(folder, to_read, fetched)
            wanted, relocated = self._sort_out(headers)
            aside = self._set_aside(folder, headers, fetched)
            for uid, found in aside.items():
                if found.kind is InboundKind.BOUNCE:
                    # A bounce quotes the post it returns (its [Tag], its References), so
                    # filing would take it for group traffic: it goes to the bounces only.
                    wanted.pop(uid, None)
            spool = Spool()
            try:
                sizes = {uid: headers[uid][1] for uid in (*wanted, *aside)}
                bodies = self._fetch_bodies(folder, spool, sizes, fetched, parse=wanted.keys())
                self._store_chunk(folder, chunk, wanted, relocated, bodies, aside)
            finally:
                spool.close()
            self.progress(SyncProgress(folder.name, start + len(chunk), len(uids)))
        finish_folder(self.db, folder, uidnext, modseq)
        return True

    def _fetch_bodies(
        self,
        folder: SyncedFolder,
        spool: Spool,
        sizes: dict[int, int],
        header_blocks: Mapping[int, tuple[bytes | None, int]],
        parse: Collection[int],
    ) -> dict[int, tuple[ParsedMessage | None, bytes | SpooledRaw]]:
        """The messages of sizes (uid → size) fetched whole, a batch at a time, those in parse
        parsed as they come (the rest are only set aside: parsing a bounce for an archive it
        never enters was most of the time a sync of 1,000 bounces took) and every source
        spooled: a chunk's messages are never all in memory."""
        bodies: dict[int, tuple[ParsedMessage | None, bytes | SpooledRaw]] = {}
        for batch in body_batches(sizes):
            fetched = self._fetch(folder, batch, fetch_bodies, header_blocks)
            for uid in batch:
                raw = fetched.pop(uid, None)
                if raw is None:
                    if uid not in self._passed_over(folder):
                        self._skip(folder, uid, NO_CONTENT, header_blocks.get(uid))
                    continue
                bodies[uid] = (parse_fetched(raw) if uid in parse else None, spool.keep(raw))
                del raw  # a 50 MB message leaves memory before the next one comes
        return bodies

    def _fetch(
        self,
        folder: SyncedFolder,
        uids: list[int],
        fetch: Callable[[IMAPClient, list[int]], dict[int, Fetched]],
        header_blocks: Mapping[int, tuple[bytes | None, int]],
    ) -> dict[int, Fetched]:
        """fetch through dropped connections; a message that drops it each time is passed
        over (header_blocks gives its headers, when read, to say which it was)."""
        what = translate("Sync", "send the new mail in {folder}").format(folder=folder.name)
        return self.connection.fetch(
            folder,
            uids,
            fetch,
            what,
            lambda uid: self._skip(folder, uid, CONNECTION_DROPPED, header_blocks.get(uid)),
        )

    def _sort_out(
        self, headers: dict[int, tuple[MessageHeaders, int]]
    ) -> tuple[dict[int, dict[int, str]], list[tuple[str, int]]]:
        """Which messages to fetch and store (uid → groups), which are stored already
        ((key, uid) to record the location of)."""
        return sort_out(self.db, self.matcher, {uid: h for uid, (h, _) in headers.items()})

    def _set_aside(
        self,
        folder: SyncedFolder,
        headers: Mapping[int, tuple[MessageHeaders, int]],
        fetched: Mapping[int, tuple[bytes | None, int]],
    ) -> dict[int, SetAside]:
        """The INBOX's new mail for the group's own handling (archive/inbound.py)."""
        if folder.role != "inbox":
            return {}
        aside = {}
        for uid in headers:
            block = fetched[uid][0]
            found = self.inbound.set_aside(block) if block else None
            if found is not None:
                aside[uid] = found
        return aside

    def _store_chunk(
        self,
        folder: SyncedFolder,
        uids: list[int],
        wanted: dict[int, dict[int, str]],
        relocated: list[tuple[str, int]],
        bodies: dict[int, tuple[ParsedMessage | None, bytes | SpooledRaw]],
        aside: Mapping[int, SetAside],
    ) -> None:
        # Network first, then one short write transaction: a cut connection never leaves a
        # transaction half done, and the folder's last UID moves with the chunk's messages.
        with self.db.atomic():
            for uid, groups in wanted.items():
                parsed, raw = bodies.get(uid, (None, b""))
                if parsed is None:
                    continue  # passed over, and counted, as it was fetched
                self.stored_ids.append(
                    store_message(self.db, parsed, raw, groups, location=(folder.id, uid))
                )
                if parsed.problems:
                    self.partly_read += 1
            for key, uid in relocated:
                add_location(self.db, key, folder.id, uid)
            for uid, found in aside.items():
                if uid in bodies:
                    raw = bodies[uid][1]
                    if record_inbound(self.db, self.account_id, found, raw, (folder.id, uid)):
                        self.set_aside += 1
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
                self._skip(folder, uid, NO_CONTENT, fetched[uid])
                continue
            result[uid] = (matching_headers(block, MIN_ADDRESSED), size)
        return result

    def _passed_over(self, folder: SyncedFolder) -> set[int]:
        return {s.uid for s in self.skipped if s.folder == folder.name}

    def _skip(
        self,
        folder: SyncedFolder,
        uid: int,
        reason: str,
        header_block: tuple[bytes | None, int] | None,
    ) -> None:
        """Pass the message over, remembered; header_block, from the header pass (when it
        came), says which message it was."""
        log.warning("Passed over message UID %d in %s: %s", uid, folder.name, reason)
        block = header_block[0] if header_block else None
        headers = parse_headers(block) if block else None
        skipped = skipped_message(folder.name, uid, reason, headers)
        self.skipped.append(skipped)
        remember_skipped(self.db, folder.id, skipped)

    def finish(self) -> SyncReport:
        """Thread what was stored (and what an interrupted run left unthreaded), then report."""
        return finish_sync(
            self.db,
            folders=self.folders,
            new_messages=self.new_messages,
            stored_ids=self.stored_ids,
            partly_read=self.partly_read,
            skipped=self.skipped,
            set_aside=self.set_aside,
        )
