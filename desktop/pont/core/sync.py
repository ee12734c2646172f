"""Incremental IMAP sync of the coordinator's INBOX and Sent folder into the group archive.

Each folder keeps its UIDVALIDITY and the last UID examined. New mail is read in chunks, in
two passes: the headers of every new message (to decide whether it is group traffic), then
the whole message only for group traffic not stored yet. A chunk commits in one transaction
together with the folder's new last UID, so a cut connection loses nothing and the next sync
starts exactly where the last committed chunk ended. Nothing marks mail as read: folders are
selected read-only and every fetch uses BODY.PEEK.
"""

from __future__ import annotations

import ast
import imaplib
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from imapclient.response_parser import parse_fetch_response  # type: ignore[import-untyped]

from pont.core.accounts import get_account
from pont.core.archive import (
    MIN_ADDRESSED,
    GroupMatcher,
    add_location,
    rebuild_threads,
    store_message,
)
from pont.core.errors import ConnectionLost, ServerRefused
from pont.core.i18n import translate
from pont.core.messages import HEADER_FIELDS, MessageHeaders, matching_headers, parse_message

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]
    from sqlite_utils import Database

log = logging.getLogger(__name__)
_IMAPLIB_LOG = logging.getLogger("imapclient.imaplib")  # where imapclient sends imaplib's trace

# UIDs per chunk: one transaction and one progress step each. Dovecot refuses command lines
# over 64 KB, and fetch() buffers the whole reply, so chunks stay well below both.
CHUNK_SIZE = 1000
# Whole messages come in batches of at most this many bytes (by RFC822.SIZE), so a chunk of
# messages with large attachments does not sit in memory at once.
BODY_BATCH_BYTES = 16_000_000
# imaplib reads a UID SEARCH reply as one line and refuses lines over _MAXLINE (1,000,000
# bytes); searching windows of this many messages keeps the reply far below that.
SEARCH_WINDOW = 50_000

# Where providers keep sent mail when the server does not flag it \Sent (RFC 6154).
SENT_FOLDER_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "[Gmail]/Sent Mail",
    "INBOX.Sent",
    "INBOX/Sent",
)

_HEADER_ITEM = b"BODY.PEEK[HEADER.FIELDS (" + " ".join(HEADER_FIELDS).upper().encode() + b")]"
_HEADER_KEY_PREFIX = b"BODY[HEADER.FIELDS"  # the reply names the item without .PEEK
_BODY_ITEM = b"BODY.PEEK[]"
_BODY_KEY = b"BODY[]"

# What a dropped connection looks like from imaplib: its abort (EOF, unterminated line),
# socket and TLS errors (OSError), and EOFError from a half-read literal.
_CONNECTION_ERRORS = (imaplib.IMAP4.abort, OSError, EOFError)

# A (flags, delimiter, name) row of imapclient's list_folders().
FolderListing = Sequence[tuple[Sequence[bytes], Any, str]]


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


def find_sent_folder(listing: FolderListing) -> str | None:
    """The Sent folder: the one flagged \\Sent, else the first of the usual names found."""
    usable = [
        (flags, name)
        for flags, _, name in listing
        if not {flag.lower() for flag in flags} & {b"\\noselect", b"\\nonexistent"}
    ]
    for flags, name in usable:
        if any(flag.lower() == b"\\sent" for flag in flags):
            return name
    by_name = {name.casefold(): name for _, name in usable}
    for candidate in SENT_FOLDER_NAMES:
        if candidate.casefold() in by_name:
            return by_name[candidate.casefold()]
    return None


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
class _Folder:
    id: int
    name: str
    role: str
    uidvalidity: int | None
    last_uid: int


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
            folder.name for folder in self._stored_folders() if self._sync_folder(client, folder)
        }
        for folder in self._listed_folders(client):
            if folder.name not in synced and self._sync_folder(client, folder):
                synced.add(folder.name)
        self.folders = len(synced)

    def _stored_folders(self) -> list[_Folder]:
        """The folders Pont read last time, Sent first.

        Sent goes first because the coordinator's posts there are what members reply to:
        known first, the replies in INBOX then match as group traffic by their References.
        """
        rows = self.db.execute(
            "SELECT id, name, role, uidvalidity, last_uid FROM folders WHERE account_id = ?"
            " ORDER BY role = 'inbox'",
            [self.account_id],
        ).fetchall()
        return [_Folder(*row) for row in rows]

    def _listed_folders(self, client: IMAPClient) -> list[_Folder]:
        """INBOX and the Sent folder as the server lists them now, with rows to match."""
        with self._asking(translate("Sync", "list the mail folders")):
            listing = client.list_folders()
            sent = find_sent_folder(listing)
            if sent is None and client.has_capability("SPECIAL-USE"):
                sent = find_sent_folder(_special_use_listing(client))
        wanted = ([(sent, "sent")] if sent is not None else []) + [("INBOX", "inbox")]
        with self.db.atomic():
            # A folder Pont no longer reads (renamed, or a different Sent) takes its
            # locations with it; the messages stay in the archive.
            self.db.execute(
                "DELETE FROM folders WHERE account_id = ? AND name NOT IN "
                "(SELECT value FROM json_each(?))",
                [self.account_id, json.dumps([name for name, _ in wanted])],
            )
            for name, role in wanted:
                self.db.execute(
                    "INSERT INTO folders (account_id, name, role) VALUES (?, ?, ?) "
                    "ON CONFLICT (account_id, name) DO UPDATE SET role = excluded.role",
                    [self.account_id, name, role],
                )
        return self._stored_folders()

    def _sync_folder(self, client: IMAPClient, folder: _Folder) -> bool:
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
            self._reset_folder(folder, uidvalidity)
        if uidnext is not None and uidnext - 1 <= folder.last_uid:
            self.progress(SyncProgress(folder.name, 0, 0))
            self._finish_folder(folder, uidnext, modseq)
            return True
        with self._asking(
            translate("Sync", "look for new mail in {folder}").format(folder=folder.name)
        ):
            uids = _new_uids(client, folder.last_uid, uidnext, exists)
        self.new_messages += len(uids)
        self.progress(SyncProgress(folder.name, 0, len(uids)))
        fetching = translate("Sync", "send the new mail in {folder}").format(folder=folder.name)
        for start in range(0, len(uids), self.chunk_size):
            chunk = uids[start : start + self.chunk_size]
            with self._asking(fetching):
                fetched = _fetch(client, chunk, _HEADER_ITEM, _HEADER_KEY_PREFIX)
            headers = self._read_headers(folder, chunk, fetched)
            wanted, relocated = self._sort_out(headers)
            with self._asking(fetching):
                bodies = self._fetch_bodies(client, {uid: headers[uid][1] for uid in wanted})
            self._store_chunk(folder, chunk, wanted, relocated, bodies)
            self.progress(SyncProgress(folder.name, start + len(chunk), len(uids)))
        self._finish_folder(folder, uidnext, modseq)
        return True

    def _reset_folder(self, folder: _Folder, uidvalidity: int) -> None:
        """A new UIDVALIDITY means the old UIDs name nothing: read the folder again from the
        start. The archive keeps its messages; dedup by message key re-links them."""
        with self.db.atomic():
            self.db.execute("DELETE FROM message_locations WHERE folder_id = ?", [folder.id])
            self.db.execute(
                "UPDATE folders SET uidvalidity = ?, last_uid = 0, highest_modseq = NULL "
                "WHERE id = ?",
                [uidvalidity, folder.id],
            )
        folder.uidvalidity = uidvalidity
        folder.last_uid = 0

    def _finish_folder(self, folder: _Folder, uidnext: int | None, modseq: int | None) -> None:
        # Every UID below UIDNEXT at select time was in the search, so the next sync can
        # skip straight past them even when the newest were expunged meanwhile.
        if uidnext is not None:
            folder.last_uid = max(folder.last_uid, uidnext - 1)
        with self.db.atomic():
            self.db.execute(
                "UPDATE folders SET last_uid = ?, highest_modseq = ?, synced = ? WHERE id = ?",
                [folder.last_uid, modseq, _now(), folder.id],
            )

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
        folder: _Folder,
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
            folder.last_uid = max(folder.last_uid, uids[-1])
            self.db.execute(
                "UPDATE folders SET last_uid = ?, synced = ? WHERE id = ?",
                [folder.last_uid, _now(), folder.id],
            )

    def _read_headers(
        self, folder: _Folder, uids: list[int], fetched: dict[int, tuple[bytes | None, int]]
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

    def _fetch_bodies(self, client: IMAPClient, sizes: dict[int, int]) -> dict[int, bytes]:
        bodies: dict[int, bytes] = {}
        for batch in _batches(sizes, BODY_BATCH_BYTES):
            for uid, (raw, _) in _fetch(client, batch, _BODY_ITEM, _BODY_KEY).items():
                if raw is not None:
                    bodies[uid] = raw
        return bodies

    def _stored_keys(self, keys: Iterator[str]) -> set[str]:
        rows = self.db.execute(
            "SELECT message_key FROM messages WHERE message_key IN "
            "(SELECT value FROM json_each(?))",
            [json.dumps(list(keys))],
        )
        return {row[0] for row in rows}

    def _skip(self, folder: _Folder, uid: int, why: str) -> None:
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


def _new_uids(
    client: IMAPClient, last_uid: int, uidnext: int | None, exists: int | None
) -> list[int]:
    """UIDs above last_uid, ascending. "n:*" always matches the newest message, even one
    below n, hence the filter."""
    above = ["UID", f"{last_uid + 1}:*"]
    if uidnext is None or exists is None:
        return sorted({int(uid) for uid in client.search(above) if uid > last_uid})
    # UIDs ascend with sequence numbers, so the new messages are the last ones, at most
    # UIDNEXT - 1 - last_uid of them. The windows are of sequence numbers, not UIDs: UIDs can
    # be sparse, and a folder whose UIDs start at 4,000,000,000 would take 80,000 searches.
    # Last window first: an expunge meanwhile moves messages down, into windows still to come.
    first = max(1, exists - (uidnext - 1 - last_uid) + 1)
    found: set[int] = set()
    for high in range(exists, first - 1, -SEARCH_WINDOW):
        low = max(first, high - SEARCH_WINDOW + 1)
        found.update(int(uid) for uid in client.search([f"{low}:{high}", *above]))
    return sorted(uid for uid in found if uid > last_uid)


def _fetch(
    client: IMAPClient, uids: list[int], item: bytes, key_prefix: bytes
) -> dict[int, tuple[bytes | None, int]]:
    """UID FETCH of item and RFC822.SIZE: uid → (the item's content, the size).

    imapclient's fetch() runs every reply through its tokenizer, which on loopback costs more
    than the server does; sync's replies have one well-known shape, read directly here, and
    anything else goes to imapclient's parser after all. Only uids asked for are returned.
    """
    items = f"({item.decode()} RFC822.SIZE)"
    imap = client._imap
    debug = imap.debug
    if not _IMAPLIB_LOG.isEnabledFor(logging.DEBUG):
        # imapclient turns imaplib's tracing on and sends it to a logger: imaplib formats the
        # repr of every reply line and literal even when the log drops it (~15 µs a message).
        imap.debug = 0
    try:
        typ, data = imap.uid("FETCH", ",".join(map(str, uids)), items)
    finally:
        imap.debug = debug
    if typ != "OK":  # NO (imaplib raises on BAD itself)
        raise imaplib.IMAP4.error(f"FETCH failed: {_reply_text(data)}")
    wanted = set(uids)
    return {
        uid: value for uid, value in parse_fetch_reply(data, key_prefix).items() if uid in wanted
    }


_FETCH_UID = re.compile(rb"[( ]UID (\d+)")
_FETCH_SIZE = re.compile(rb"[( ]RFC822\.SIZE (\d+)")


def parse_fetch_reply(data: list[Any], key_prefix: bytes) -> dict[int, tuple[bytes | None, int]]:
    """imaplib's FETCH reply → uid → (content of the item whose name starts with key_prefix,
    RFC822.SIZE). The usual shape, (b'7 (UID 9 RFC822.SIZE 512 BODY[...] {80}', literal)
    then b')', is read with two regexes; any other goes through imapclient's parser."""
    result: dict[int, tuple[bytes | None, int]] = {}
    for element in data:
        if element == b")":
            continue
        if not isinstance(element, tuple):
            return _parse_fetch_slowly(data, key_prefix)
        prefix, literal = element
        uid = _FETCH_UID.search(prefix)
        size = _FETCH_SIZE.search(prefix)
        named = prefix[: prefix.rfind(b"{")].rstrip()
        if uid is None or size is None or key_prefix not in named or not named.endswith(b"]"):
            return _parse_fetch_slowly(data, key_prefix)
        result[int(uid[1])] = (literal, int(size[1]))
    return result


def _parse_fetch_slowly(data: list[Any], key_prefix: bytes) -> dict[int, tuple[bytes | None, int]]:
    result: dict[int, tuple[bytes | None, int]] = {}
    for uid, item in parse_fetch_response(data, normalise_times=False, uid_is_key=True).items():
        content = next((v for k, v in item.items() if k.startswith(key_prefix)), None)
        size = item.get(b"RFC822.SIZE", 0)
        result[int(uid)] = (content if isinstance(content, bytes) else None, int(size))
    return result


# Dovecot ends each reply with its timing, "(0.001 + 0.000 secs)."
_TIMING = re.compile(r"\s*\(\d+\.\d+ \+ \d+\.\d+(?: \+ \d+\.\d+)? secs\)")
_RESPONSE_CODE = re.compile(r"^\[[^\]]*\]\s*")  # RFC 3501 "[TRYCREATE]", "[SERVERBUG]"...
ANSWER_LENGTH = 160


def server_answer(error: Exception) -> str:
    """The server's own words from an imaplib or imapclient NO/BAD error, short and on one line.

    imaplib says "UID command error: BAD [b'...']", imapclient "select failed: ...", and its
    search() "b'...'" followed by advice of its own.
    """
    text = str(error)
    name, marker, rest = text.partition(" command error: ")
    if marker and " " not in name.strip():
        text = _reply_text(_literal(rest.partition(" ")[2]))
    else:
        command, marker, rest = text.partition(" failed: ")
        if marker and " " not in command.strip():
            text = rest
        elif text.startswith(("b'", 'b"')):
            text = _reply_text(_literal(text.split("\n")[0]))
    text = _RESPONSE_CODE.sub("", _TIMING.sub("", " ".join(text.split()))).strip(" .")
    if len(text) > ANSWER_LENGTH:
        text = text[: ANSWER_LENGTH - 1].rstrip() + "…"
    return text or translate("Sync", "no reason given")


def _literal(text: str) -> Any:
    """A Python literal as imaplib writes replies into its messages (b'...', [b'...']), or the
    text itself when it is none."""
    if text[:2] in ("b'", 'b"', "[b"):
        try:
            return ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            pass
    return text


def _reply_text(data: Any) -> str:
    """imaplib's reply data (bytes, a list of them, or text) as one line of text."""
    if isinstance(data, list | tuple):
        return " ".join(_reply_text(item) for item in data)
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return str(data)


def _batches(sizes: dict[int, int], max_bytes: int) -> Iterator[list[int]]:
    batch: list[int] = []
    total = 0
    for uid, size in sizes.items():
        if batch and total + size > max_bytes:
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        yield batch


def _special_use_listing(client: IMAPClient) -> FolderListing:
    """LIST "" "*" RETURN (SPECIAL-USE): for servers that flag special folders only when
    asked (RFC 6154 §2). imapclient has no call for the extended LIST, hence its internals."""
    typ, data = client._imap._simple_command("LIST", '""', '"*"', "RETURN", "(SPECIAL-USE)")
    client._checkok("list", typ, data)
    typ, data = client._imap._untagged_response(typ, data, "LIST")
    listing: FolderListing = client._proc_folder_list(data)
    return listing


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
