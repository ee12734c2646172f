"""What sync reads from the server: the UIDs of new mail, then their headers or whole messages."""

from __future__ import annotations

import imaplib
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from imapclient.response_parser import parse_fetch_response  # type: ignore[import-untyped]

from pont.core.archive.inbound import INBOUND_FIELDS
from pont.core.archive.message_headers import HEADER_FIELDS
from pont.core.mail.server_answers import reply_text

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]

_IMAPLIB_LOG = logging.getLogger("imapclient.imaplib")  # where imapclient sends imaplib's trace

# Whole messages come in batches of at most this many bytes (by RFC822.SIZE), so a chunk of
# messages with large attachments does not sit in memory at once.
BODY_BATCH_BYTES = 16_000_000
# imaplib reads a UID SEARCH reply as one line and refuses lines over _MAXLINE (1,000,000
# bytes); searching windows of this many messages keeps the reply far below that.
SEARCH_WINDOW = 50_000

_HEADER_ITEM = (
    b"BODY.PEEK[HEADER.FIELDS ("
    + " ".join((*HEADER_FIELDS, *INBOUND_FIELDS)).upper().encode()
    + b")]"
)
_HEADER_KEY_PREFIX = b"BODY[HEADER.FIELDS"  # the reply names the item without .PEEK
_BODY_ITEM = b"BODY.PEEK[]"
_BODY_KEY = b"BODY[]"


def new_uids(
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


def fetch_headers(client: IMAPClient, uids: list[int]) -> dict[int, tuple[bytes | None, int]]:
    """uid → (the header fields matching needs, RFC822.SIZE)."""
    return _fetch(client, uids, _HEADER_ITEM, _HEADER_KEY_PREFIX)


def fetch_bodies(client: IMAPClient, uids: list[int]) -> dict[int, bytes | None]:
    """uid → the whole message (None when the server sent none), for one of body_batches."""
    return {uid: raw for uid, (raw, _) in _fetch(client, uids, _BODY_ITEM, _BODY_KEY).items()}


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
        raise imaplib.IMAP4.error(f"FETCH failed: {reply_text(data)}")
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


def body_batches(sizes: dict[int, int], max_bytes: int = BODY_BATCH_BYTES) -> Iterator[list[int]]:
    """The uids of sizes (uid → RFC822.SIZE) in batches of at most max_bytes (or one
    message), to fetch whole one batch at a time."""
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
