"""Incremental sync of a mailbox read through Microsoft Graph into the same archive IMAP sync
fills: delta queries on Sent Items and Inbox say what changed, and each new message's MIME
(/messages/{id}/$value) goes through the same sorting out, parsing, storing and threading.

A folder's round of delta pages is listed first (message ids only), then its new messages are
fetched, a chunk at a time, each chunk stored in one transaction with the Graph ids it
examined (graph_sync_state). The round's delta link is written in the transaction of its last
chunk: a sync cut anywhere lists the round again next time, and passes by the ids it examined
already, so nothing is fetched or stored twice and nothing is missed.

Graph does not promise the order a round lists messages in. IMAP sync meets a reply after its
parent (UIDs ascend as mail arrives); here a reply may come first, so one that is not group
traffic yet but replies to something is looked at again when the round's other messages are
known (_Round.unsettled), and only then recorded as examined.

No message stops a sync: one Graph no longer has (404) is passed by as expunged mail is; one
it will not send is passed over and remembered (sync_skips) once a message after it has come,
which shows Graph itself works (else it is asked for again next time); one Pont cannot read
in full is stored as far as it can be read, marked.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import TYPE_CHECKING

from pont.core.archive.filing import (
    MIN_ADDRESSED,
    GroupMatcher,
    add_location,
    sort_out,
    store_message,
)
from pont.core.archive.graph_sync_state import (
    delta_link,
    examined_ids,
    finish_round,
    forget_delta_link,
    keep_only_ids,
    record_examined,
    remove_ids,
    take_folder_for_graph,
)
from pont.core.archive.inbound import InboundKind, InboundRules, SetAside, record_inbound
from pont.core.archive.message_headers import MessageHeaders, matching_headers
from pont.core.archive.spool import Spool, SpooledRaw
from pont.core.archive.sync_report import SyncProgress, SyncReport, finish_sync, parse_fetched
from pont.core.archive.sync_skips import (
    NO_CONTENT,
    SkippedMessage,
    remember_skipped,
    skipped_message,
)
from pont.core.archive.sync_state import SyncedFolder, advance_folder, keep_folders, stored_folders
from pont.core.errors import (
    GraphAnswerUnreadable,
    GraphItemGone,
    GraphRefused,
    GraphSyncStateLost,
    PontError,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.graph.client import GraphClient

log = logging.getLogger(__name__)

# The folders read, as (name in the archive, role, Graph's well-known name). Sent first, as
# in IMAP sync: the coordinator's posts known first, replies in Inbox match by References.
GRAPH_FOLDERS = (("Sent Items", "sent", "sentitems"), ("Inbox", "inbox", "inbox"))
# New messages per chunk: one transaction and one progress step each.
CHUNK_SIZE = 200
# Exchange Online serves a mailbox at most 4 requests at once.
FETCHES_AT_ONCE = 4
# Graph refusing one message is that message; refusing this many in a row is Graph itself,
# and ends the sync rather than pass over mail that is fine.
REFUSED_IN_A_ROW = 10


def sync_through_graph(
    db: Database,
    account_id: int,
    graph: Callable[[], GraphClient],
    progress: Callable[[SyncProgress], None],
    *,
    chunk_size: int | None = None,
    page_size: int | None = None,
) -> SyncReport:
    """Bring the archive up to date with the account's Inbox and Sent Items through Graph.

    graph returns a GraphClient signed in to the mailbox (closed when the sync ends). A
    PontError from it (the connection lost, Graph refusing, a sign-in to renew) ends the
    sync: what was committed stays, threads included, and the next sync carries on from there.
    """
    client = graph()
    pool = ThreadPoolExecutor(FETCHES_AT_ONCE, thread_name_prefix="pont-graph")
    run = _GraphSync(db, account_id, client, progress, chunk_size or CHUNK_SIZE, page_size, pool)
    try:
        try:
            run.sync_folders()
        finally:
            pool.shutdown()
            client.close()
    except PontError:
        run.finish()
        raise
    return run.finish()


class _Gone:
    """What fetching a message Graph no longer has gives (404): passed by, as expunged mail."""


GONE = _Gone()
# Graph will not send the message: an error of its own, or one too large to read.
_Refusal = (GraphRefused, GraphAnswerUnreadable)
# What fetching a message gives: its MIME, GONE, or Graph's refusal to send it.
_Answer = bytes | _Gone | GraphRefused | GraphAnswerUnreadable


@dataclass
class _Round:
    """One round of a folder's delta pages: what it listed, and what is still to settle."""

    added: list[str]  # ids listed as new or changed, each once, in the round's order
    removed: set[str]  # ids that left the folder
    link: str  # the delta link the round ended with
    whole: bool  # listed from no link: every message of the folder is in added
    # Examined, not group traffic (yet), but replying to something: uid → (id, headers).
    unsettled: dict[int, tuple[str, MessageHeaders]] = field(default_factory=dict)


@dataclass
class _Fetched:
    """Messages fetched, each under the folder's next number, waiting to be sorted out and
    stored. Close it when done (its spool holds the whole messages)."""

    numbered: int = 0  # how many of the folder's numbers were given out
    ids: dict[int, str] = field(default_factory=dict)  # uid → Graph id, to record examined
    headers: dict[int, MessageHeaders] = field(default_factory=dict)  # uid → for sorting out
    sources: dict[int, bytes | SpooledRaw] = field(default_factory=dict)  # uid → MIME
    aside: dict[int, SetAside] = field(default_factory=dict)  # uid → for the group's handling
    skipped: list[SkippedMessage] = field(default_factory=list)
    spool: Spool = field(default_factory=Spool)

    def close(self) -> None:
        self.spool.close()


@dataclass
class _GraphSync:
    """One sync run through Graph: its client, and the counts for the report."""

    db: Database
    account_id: int
    client: GraphClient
    progress: Callable[[SyncProgress], None]
    chunk_size: int
    page_size: int | None  # messages a delta page may carry; None for the client's own
    pool: ThreadPoolExecutor
    refused_in_a_row: int = 0
    # Refused by Graph, (id, uid): passed over once a later message has come, else not.
    held: list[tuple[str, int]] = field(default_factory=list)
    folders: int = 0
    new_messages: int = 0
    partly_read: int = 0
    skipped: list[SkippedMessage] = field(default_factory=list)
    stored_ids: list[int] = field(default_factory=list)
    set_aside: int = 0

    @cached_property
    def matcher(self) -> GroupMatcher:
        # Loaded only when a folder has new mail: a sync with nothing new stays fast.
        return GroupMatcher.load(self.db)

    @cached_property
    def inbound(self) -> InboundRules:
        return InboundRules.load(self.db, self.account_id)

    def sync_folders(self) -> None:
        keep_folders(self.db, self.account_id, [(name, role) for name, role, _ in GRAPH_FOLDERS])
        well_known = {name: graph_name for name, _, graph_name in GRAPH_FOLDERS}
        for folder in stored_folders(self.db, self.account_id):
            self._sync_folder(folder, well_known[folder.name])
            self.folders += 1

    def _sync_folder(self, folder: SyncedFolder, graph_name: str) -> None:
        take_folder_for_graph(self.db, folder)
        round_ = self._list_round(folder, graph_name)
        known = examined_ids(self.db, folder, round_.added)
        new = [graph_id for graph_id in round_.added if graph_id not in known]
        self.new_messages += len(new)
        self.progress(SyncProgress(folder.name, 0, len(new)))
        for start in range(0, len(new), self.chunk_size):
            chunk = new[start : start + self.chunk_size]
            self._store_chunk(folder, round_, chunk)
            self.progress(SyncProgress(folder.name, start + len(chunk), len(new)))
        self._finish_round(folder, round_)

    def _list_round(self, folder: SyncedFolder, graph_name: str) -> _Round:
        link = delta_link(self.db, folder)
        try:
            return self._listed(graph_name, link)
        except GraphSyncStateLost:
            # As Graph documents for a 410: start the folder again (once; a second 410 ends
            # the sync). The ids examined stay known, so only what is new is fetched.
            log.warning("Graph no longer knows %s's sync state; listing it whole", folder.name)
            if link:
                forget_delta_link(self.db, folder)
            return self._listed(graph_name, "")

    def _listed(self, graph_name: str, link: str) -> _Round:
        added: dict[str, None] = {}
        removed: set[str] = set()
        final = ""
        paging = {} if self.page_size is None else {"page_size": self.page_size}
        for page in self.client.delta(graph_name, link, **paging):
            for graph_id in page.removed:
                added.pop(graph_id, None)
                removed.add(graph_id)
            for graph_id in page.added:
                removed.discard(graph_id)
                added[graph_id] = None
            final = page.delta_link or final
        return _Round(list(added), removed, final, whole=not link)

    def _store_chunk(self, folder: SyncedFolder, round_: _Round, graph_ids: list[str]) -> None:
        """Fetch, sort out and store the messages in one transaction, with the ids examined
        and the folder's last number; replies not (yet) group traffic wait in round_."""
        fetched = self._fetch(folder, graph_ids, inbox=folder.role == "inbox")
        try:
            wanted, relocated = sort_out(self.db, self.matcher, fetched.headers)
            settled = {*wanted, *(uid for _, uid in relocated)}
            for uid, headers in fetched.headers.items():
                if uid not in settled and (headers.in_reply_to or headers.references):
                    round_.unsettled[uid] = (fetched.ids[uid], headers)
            with self.db.atomic():
                self._store(folder, fetched, wanted, relocated)
                record_examined(
                    self.db,
                    folder,
                    [(i, uid) for uid, i in fetched.ids.items() if uid not in round_.unsettled],
                )
                advance_folder(self.db, folder, folder.last_uid + fetched.numbered)
        finally:
            fetched.close()

    def _finish_round(self, folder: SyncedFolder, round_: _Round) -> None:
        """Look again at the replies that were not group traffic when met: their parent may
        have come later in the round. Then store those that are now, record the rest as
        examined, apply the removals, and keep the round's delta link: one transaction."""
        waiting = {uid: headers for uid, (_, headers) in round_.unsettled.items()}
        wanted: dict[int, dict[int, str]] = {}
        relocated: list[tuple[str, int]] = []
        while waiting:
            found, copies = sort_out(self.db, self.matcher, waiting)
            if not found and not copies:
                break
            wanted.update(found)
            relocated += copies
            for uid in [*found, *(uid for _, uid in copies)]:
                del waiting[uid]
        again = {round_.unsettled[uid][0]: uid for uid in wanted}
        fetched = self._fetch(folder, list(again), again)
        examined = [(i, uid) for uid, (i, _) in round_.unsettled.items() if uid not in wanted]
        examined += [(i, uid) for uid, i in fetched.ids.items()]  # came, or passed over
        try:
            with self.db.atomic():
                self._store(folder, fetched, wanted, relocated)
                record_examined(self.db, folder, examined)
                remove_ids(self.db, folder, round_.removed)
                if round_.whole:
                    keep_only_ids(self.db, folder, round_.added)
                finish_round(self.db, folder, round_.link)
        finally:
            fetched.close()
        # Refused with nothing come after them: asked for again next time, as Graph itself
        # may have been failing (their ids are not recorded as examined).
        self.held.clear()

    def _store(
        self,
        folder: SyncedFolder,
        fetched: _Fetched,
        wanted: dict[int, dict[int, str]],
        relocated: list[tuple[str, int]],
    ) -> None:
        """Store the wanted messages fetched, locate the copies, remember what was passed
        over: in the caller's transaction."""
        for uid, groups in wanted.items():
            source = fetched.sources.get(uid)
            if source is None:
                continue  # gone, or passed over (and counted) as it was fetched
            parsed = parse_fetched(source if isinstance(source, bytes) else _whole(source))
            self.stored_ids.append(
                store_message(self.db, parsed, source, groups, location=(folder.id, uid))
            )
            if parsed.problems:
                self.partly_read += 1
        for key, uid in relocated:
            add_location(self.db, key, folder.id, uid)
        for uid, found in fetched.aside.items():
            source = fetched.sources.get(uid)
            if source is not None and record_inbound(
                self.db, self.account_id, found, source, (folder.id, uid)
            ):
                self.set_aside += 1
        for skipped in fetched.skipped:
            remember_skipped(self.db, folder.id, skipped)

    def _fetch(
        self,
        folder: SyncedFolder,
        graph_ids: list[str],
        numbered: Mapping[str, int] | None = None,
        *,
        inbox: bool = False,
    ) -> _Fetched:
        """Fetch the messages, FETCHES_AT_ONCE at a time, each under the number numbered gives
        it (examined before) or else the folder's next; one Graph no longer has gets none.
        inbox: also note which are for the group's own handling (archive/inbound.py), as IMAP
        sync does for its INBOX."""
        fetched = _Fetched()
        try:
            for graph_id, answer in self._fetch_in_order(graph_ids):
                if isinstance(answer, _Gone):
                    continue
                fetched.numbered += 1
                uid = numbered[graph_id] if numbered else folder.last_uid + fetched.numbered
                if isinstance(answer, _Refusal) or not answer:
                    self._hold(graph_id, uid, answer)
                    continue
                self.refused_in_a_row = 0
                for held_id, held_uid in self.held:
                    fetched.ids[held_uid] = held_id
                    fetched.skipped.append(self._skip(folder, held_uid))
                self.held.clear()
                fetched.ids[uid] = graph_id
                found = self.inbound.set_aside(answer) if inbox else None
                if found is not None:
                    fetched.aside[uid] = found
                if found is None or found.kind is not InboundKind.BOUNCE:
                    # A bounce quotes the post it returns ([Tag], References): it goes to the
                    # bounces only, never into the conversations (as in sync.py).
                    fetched.headers[uid] = matching_headers(answer, MIN_ADDRESSED)
                fetched.sources[uid] = fetched.spool.keep(answer)
                del answer  # a 50 MB message leaves memory before the next one comes
        except BaseException:
            fetched.close()
            raise
        return fetched

    def _fetch_in_order(self, graph_ids: list[str]) -> Iterator[tuple[str, _Answer]]:
        """(id, what _fetch_one gives) in the order of graph_ids, FETCHES_AT_ONCE requests
        in flight: no more messages wait in memory than that."""
        ahead: deque[tuple[str, Future[_Answer]]] = deque()
        waiting = iter(graph_ids)
        for graph_id in islice(waiting, FETCHES_AT_ONCE):
            ahead.append((graph_id, self.pool.submit(self._fetch_one, graph_id)))
        while ahead:
            graph_id, future = ahead.popleft()
            following = next(waiting, None)
            if following is not None:
                ahead.append((following, self.pool.submit(self._fetch_one, following)))
            yield graph_id, future.result()

    def _fetch_one(self, graph_id: str) -> _Answer:
        """The message's MIME; GONE when Graph no longer has it, its refusal when it will
        not send it. Anything else (a lost connection, a sign-in to renew) ends the sync."""
        try:
            return self.client.message_mime(graph_id)
        except GraphItemGone:
            return GONE
        except _Refusal as refusal:
            return refusal

    def _hold(self, graph_id: str, uid: int, refusal: _Answer) -> None:
        """Graph refused the message (or sent nothing): hold it, to pass over once a later
        one comes. A run of REFUSED_IN_A_ROW refusals ends the sync instead."""
        self.refused_in_a_row += 1
        if self.refused_in_a_row >= REFUSED_IN_A_ROW and isinstance(refusal, _Refusal):
            raise refusal
        self.held.append((graph_id, uid))

    def _skip(self, folder: SyncedFolder, uid: int) -> SkippedMessage:
        log.warning("Passed over message %d in %s: Graph would not send it", uid, folder.name)
        skipped = skipped_message(folder.name, uid, NO_CONTENT, None)
        self.skipped.append(skipped)
        return skipped

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


def _whole(source: SpooledRaw) -> bytes:
    return b"".join(source.slices())
