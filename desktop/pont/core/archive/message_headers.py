"""A received message's headers: read in full, or cheaply for sync's first pass."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses, parsedate_to_datetime

from pont.core.archive.mail_decoding import decode_bytes, decode_words, note_problem
from pont.core.members.addresses import address_key

# Sync fetches BODY.PEEK[HEADER.FIELDS (...)] with these first, decides from them whether a
# message is group traffic, and fetches the whole message only when it is.
HEADER_FIELDS: tuple[str, ...] = (
    "Message-ID",
    "Date",
    "From",
    "To",
    "Cc",
    "Subject",
    "In-Reply-To",
    "References",
    "List-Id",
)
_WANTED = frozenset(name.lower().encode() for name in HEADER_FIELDS)

# Before this, a Date header is a client with a flat clock battery, not a real date.
_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)
# Clocks drift; a date further ahead than this is a broken client, and would pin the message
# to the top of every list for years.
_FUTURE_SLACK = timedelta(days=2)

_ANGLE_ID = re.compile(r"<\s*([^<>]*?)\s*>")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    email: str  # as written; compare with address_key()

    @property
    def display(self) -> str:
        return self.name or self.email


@dataclass(frozen=True, slots=True)
class MessageHeaders:
    # Message-ID without <>, else "synthetic-" + sha256 of stable headers: the same message
    # gets the same key in any folder and any sync.
    message_key: str
    has_message_id: bool
    subject: str  # RFC 2047 decoded, whitespace normalised
    sender: Address | None
    recipients: tuple[Address, ...]  # To + Cc
    sent: datetime | None  # aware UTC; None when missing, unparseable or absurd
    in_reply_to: str  # message key or ''
    references: tuple[str, ...]  # message keys, oldest first
    list_id: str  # label inside <...>, lowercased; '' when none


def _header_text(value: bytes) -> str:
    """A raw (unfolded) header value as text, undeclared 8-bit included."""
    try:
        return value.decode("ascii")
    except UnicodeDecodeError:
        return decode_bytes(value, None, guess=False)


_LEADING_BREAKS = re.compile(rb"[\r\n]*")
_BLANK_LINE = re.compile(rb"\n\r*\n")


def _header_lines(data: bytes) -> list[bytes]:
    """The lines of the header block that data (a header block or a whole message) starts
    with, blank lines before it skipped: never the body, which may be 50 MB."""
    start = _LEADING_BREAKS.match(data)
    begin = start.end() if start else 0
    end = _BLANK_LINE.search(data, begin)
    return data[begin : end.start() if end else len(data)].split(b"\n")


def _unfolded_fields(block: bytes, wanted: frozenset[bytes] = _WANTED) -> dict[bytes, bytes]:
    """The first value of each wanted field in a header block, unfolded, still bytes."""
    fields: dict[bytes, bytes] = {}
    current: bytes | None = None
    for line in _header_lines(block):
        line = line.rstrip(b"\r")
        if not line:
            continue  # a line of carriage returns
        if line[0] in b" \t":
            if current is not None:
                fields[current] += line
            continue
        name, colon, value = line.partition(b":")
        current = None
        if colon:
            key = name.strip().lower()
            if key in wanted and key not in fields:
                fields[key] = value.strip()
                current = key
    return fields


def header_fields(block: bytes, names: frozenset[bytes]) -> dict[bytes, bytes]:
    """The first value of each of names (lowercase bytes) in a header block, unfolded, as
    bytes: for the few fields a caller checks cheaply, without parsing the whole block."""
    return _unfolded_fields(block, names)


def header_addresses(value: bytes) -> tuple[Address, ...]:
    """The addresses in one raw header value (To, Cc, Delivered-To...)."""
    return _addresses(_header_text(value))


# The forms nearly every address list takes, read without email._parseaddr (~60 µs an
# address, most of a header pass): bare "a@b", 'Name <a@b>', '"Last, First" <a@b>'.
_LIST_ITEM = re.compile(r'(?:"(?:[^"\\]|\\.)*"|<[^<>]*>|[^,"<>])+')
_NAMED = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([^"<>()]*?))\s*<([^<>\s"]+)>\s*')
_BARE = re.compile(r'\s*([^\s<>"(),;:@]+@[^\s<>"(),;:@]+)\s*')
_QUOTED_PAIR = re.compile(r"\\(.)")


def _simple_addresses(value: str) -> list[tuple[str, str]] | None:
    pairs = []
    for item in _LIST_ITEM.findall(value):
        if not item.strip():
            continue
        named = _NAMED.fullmatch(item)
        if named:
            quoted, plain, email = named.groups()
            name = _QUOTED_PAIR.sub(r"\1", quoted) if quoted is not None else plain
            pairs.append((name, email))
            continue
        bare = _BARE.fullmatch(item)
        if bare is None:
            return None
        pairs.append(("", bare.group(1)))
    return pairs


def _addresses(value: str, problems: list[str] | None = None) -> tuple[Address, ...]:
    if not value:
        return ()
    pairs = _simple_addresses(value)
    if pairs is None:
        try:
            pairs = getaddresses([value])
        except Exception:  # getaddresses is strict about some malformed lists in 3.11.x
            return ()
    result = []
    for name, email in pairs:
        email = email.strip()
        if "@" in email or email and name:
            name = decode_words(name, problems)
            if len(name) >= 2 and name[0] == name[-1] == '"':
                name = name[1:-1].strip()
            result.append(Address(name, email))
    return tuple(result)


def _message_id(value: str) -> str:
    match = _ANGLE_ID.search(value)
    found = match.group(1) if match else value
    return _WHITESPACE.sub("", found)


def _references(value: str) -> tuple[str, ...]:
    found = [_WHITESPACE.sub("", key) for key in _ANGLE_ID.findall(value)]
    if not found:
        # Some clients drop the angle brackets; an id always has an "@".
        found = [word for word in value.split() if "@" in word]
    return tuple(key for key in found if key)


def parse_date(value: str, now: datetime | None = None) -> datetime | None:
    """The Date header as aware UTC; None when missing, unreadable, before 1980 or ahead."""
    if not value:
        return None
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if sent.tzinfo is None:  # "-0000": the zone is unknown, UTC is the best guess
        sent = sent.replace(tzinfo=UTC)
    try:
        sent = sent.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    latest = (now or datetime.now(UTC)) + _FUTURE_SLACK
    return sent if _EARLIEST <= sent <= latest else None


def synthetic_key(
    date: str, sender: Address | None, recipients: tuple[Address, ...], subject: str
) -> str:
    """A key for a message without Message-ID, from what every copy of it shares.

    Only header values go in (not the body), so sync can decide de-duplication from its
    header pass; addresses are folded and sorted, so a Sent copy matches the received one.
    """
    stable = "\n".join(
        (
            _WHITESPACE.sub(" ", date).strip(),
            address_key(sender.email) if sender else "",
            ",".join(sorted(address_key(address.email) for address in recipients)),
            subject,
        )
    )
    return "synthetic-" + hashlib.sha256(stable.encode("utf-8", "surrogatepass")).hexdigest()


def _field_text(fields: dict[bytes, bytes], name: bytes) -> str:
    value = fields.get(name)
    return _header_text(value) if value else ""


def _list_id(value: str) -> str:
    match = _ANGLE_ID.search(value)
    return (match.group(1) if match else value).strip().lower()


# A message whose headers could only be read as plain ASCII (see parse_headers).
HEADERS_PROBLEM = "headers"
_NOT_PLAIN = re.compile(rb"[^\t\n\r\x20-\x7e]")


def _plain(header_block: bytes) -> bytes:
    """The header block as plain ASCII with no encoded words: what is left to read when
    reading it as written failed (a bug met by a stranger's bytes)."""
    return _NOT_PLAIN.sub(b"?", header_block).replace(b"=?", b"=_")


def parse_headers(header_block: bytes, problems: list[str] | None = None) -> MessageHeaders:
    """Headers from a header block (or a whole message: parsing stops at the blank line).
    Never raises; what had to be guessed or left as written is added to problems."""
    try:
        return _parse_headers(header_block, problems)
    except Exception:
        note_problem(problems, HEADERS_PROBLEM)
        return _parse_headers(_plain(header_block), None)


def _parse_headers(header_block: bytes, problems: list[str] | None) -> MessageHeaders:
    fields = _unfolded_fields(header_block)
    subject = decode_words(_field_text(fields, b"subject"), problems)
    senders = _addresses(_field_text(fields, b"from"), problems)
    sender = senders[0] if senders else None
    recipients = _addresses(_field_text(fields, b"to"), problems) + _addresses(
        _field_text(fields, b"cc"), problems
    )
    date = _field_text(fields, b"date")
    message_id = _message_id(_field_text(fields, b"message-id"))
    reply_to_ids = _references(_field_text(fields, b"in-reply-to"))
    return MessageHeaders(
        message_key=message_id or synthetic_key(date, sender, recipients, subject),
        has_message_id=bool(message_id),
        subject=subject,
        sender=sender,
        recipients=recipients,
        sent=parse_date(date),
        in_reply_to=reply_to_ids[0] if reply_to_ids else "",
        references=_other_references(_field_text(fields, b"references"), message_id),
        list_id=_list_id(_field_text(fields, b"list-id")),
    )


def _other_references(value: str, message_id: str) -> tuple[str, ...]:
    return tuple(key for key in _references(value) if key != message_id)


def matching_headers(header_block: bytes, min_recipients: int) -> MessageHeaders:
    """Only what tells group traffic and copies of stored mail apart, at a third of the cost of
    parse_headers: for sync's first pass over a mailbox that is mostly not group traffic.

    The key, subject, reply keys and List-Id are parse_headers'; sender and sent are left
    empty, and so are the recipients when To and Cc hold fewer than min_recipients "@"s, too
    few addresses to reach a group by. Without a Message-ID the key is made from the other
    headers, so such a message is read in full.
    """
    try:
        return _matching_headers(header_block, min_recipients)
    except Exception:  # as parse_headers: the same fallback, so the same key
        return _matching_headers(_plain(header_block), min_recipients)


def _matching_headers(header_block: bytes, min_recipients: int) -> MessageHeaders:
    fields = _unfolded_fields(header_block)
    message_id = _message_id(_field_text(fields, b"message-id"))
    if not message_id:
        return parse_headers(header_block)
    recipients: tuple[Address, ...] = ()
    if fields.get(b"to", b"").count(b"@") + fields.get(b"cc", b"").count(b"@") >= min_recipients:
        recipients = _addresses(_field_text(fields, b"to")) + _addresses(_field_text(fields, b"cc"))
    reply_to_ids = _references(_field_text(fields, b"in-reply-to"))
    return MessageHeaders(
        message_key=message_id,
        has_message_id=True,
        subject=decode_words(_field_text(fields, b"subject")),
        sender=None,
        recipients=recipients,
        sent=None,
        in_reply_to=reply_to_ids[0] if reply_to_ids else "",
        references=_other_references(_field_text(fields, b"references"), message_id),
        list_id=_list_id(_field_text(fields, b"list-id")),
    )
