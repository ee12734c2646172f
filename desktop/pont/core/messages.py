"""Reading received mail: headers for sync's first pass, bodies and attachments for the store.

Nothing here raises on bad input. Mail in the wild has mislabelled charsets, missing MIME
boundaries and dates in 1970 or 2999; a message that cannot be read perfectly is read as well
as it can be, because a sync that stops on one odd message stops for good.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import hashlib
import html
import mimetypes
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime

from pont.core.addresses import address_key

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


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    part_index: int  # position in Message.walk() order, to find the part again
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    headers: MessageHeaders
    body_text: str  # the plain text, or text derived from the HTML when there is none
    body_html: str  # the HTML as received (decoded), '' when none
    attachments: tuple[AttachmentInfo, ...]
    size: int


# --- decoding ----------------------------------------------------------------------------


def _known_codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, charset: str | None, guess: bool = True) -> str:
    """Text from bytes labelled with charset, whatever the label's truth.

    Valid UTF-8 wins over an 8-bit label: multi-byte UTF-8 sequences almost never occur by
    chance in Latin-1 or cp1252 text, while UTF-8 labelled "iso-8859-1" is common. Then the
    label, then a guess (charset_normalizer, for bodies), then cp1252 with replacement marks.
    """
    if data.isascii():
        return data.decode("ascii")
    codec = _known_codec(charset)
    if codec is None or not codec.startswith("utf-16") and not codec.startswith("utf-32"):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if codec is not None:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    if guess:
        from charset_normalizer import from_bytes

        guesses = from_bytes(data)
        best = guesses.best()
        if best is not None:
            # Short texts fit several 8-bit charsets equally well; cp1252 is by far the
            # likeliest sender of undeclared or mislabelled 8-bit mail.
            for candidate in guesses:
                if candidate.encoding == "cp1252" and candidate.chaos <= best.chaos:
                    return str(candidate)
            return str(best)
    return data.decode("cp1252", errors="replace")


def _header_text(value: bytes) -> str:
    """A raw (unfolded) header value as text, undeclared 8-bit included."""
    try:
        return value.decode("ascii")
    except UnicodeDecodeError:
        return decode_bytes(value, None, guess=False)


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")


def _encoded_word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        if encoding in "bB":
            padded = payload + "=" * (-len(payload) % 4)
            return base64.b64decode(padded, validate=True)
        data = payload.replace("_", " ").encode("utf-8", "surrogateescape")
        return _QP_ESCAPE.sub(lambda match: bytes.fromhex(match.group(1).decode()), data)
    except (binascii.Error, ValueError):
        return None


def decode_words(text: str) -> str:
    """RFC 2047 encoded words decoded, whitespace normalised; a word that cannot be decoded
    is left as written, and unknown charsets are guessed."""
    if "=?" in text:
        pieces: list[str | tuple[bytes, str]] = []
        position = 0
        for match in _ENCODED_WORD.finditer(text):
            between = text[position : match.start()]
            follows_word = bool(pieces) and isinstance(pieces[-1], tuple)
            if between and not (follows_word and between.isspace()):
                pieces.append(between)
            position = match.end()
            charset = match.group(1).partition("*")[0]  # RFC 2231 "utf-8*cy": drop the language
            data = _encoded_word_bytes(match.group(2), match.group(3))
            previous = pieces[-1] if pieces else None
            if data is None:
                pieces.append(match.group(0))
            elif isinstance(previous, tuple) and previous[1] == charset:
                # a character's bytes may be split across two words
                pieces[-1] = (previous[0] + data, charset)
            else:
                pieces.append((data, charset))
        pieces.append(text[position:])
        text = "".join(
            piece if isinstance(piece, str) else decode_bytes(piece[0], piece[1], guess=False)
            for piece in pieces
        )
    return " ".join(text.split())


def _unfolded_fields(block: bytes) -> dict[bytes, bytes]:
    """The first value of each wanted field in a header block, unfolded, still bytes."""
    fields: dict[bytes, bytes] = {}
    current: bytes | None = None
    for line in block.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            if fields or current is not None:
                break  # the blank line that ends the headers
            continue
        if line[0] in b" \t":
            if current is not None:
                fields[current] += line
            continue
        name, colon, value = line.partition(b":")
        current = None
        if colon:
            key = name.strip().lower()
            if key in _WANTED and key not in fields:
                fields[key] = value.strip()
                current = key
    return fields


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


def _addresses(value: str) -> tuple[Address, ...]:
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
            name = decode_words(name)
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


def parse_headers(header_block: bytes) -> MessageHeaders:
    """Headers from a header block (or a whole message: parsing stops at the blank line)."""
    fields = _unfolded_fields(header_block)
    subject = decode_words(_field_text(fields, b"subject"))
    senders = _addresses(_field_text(fields, b"from"))
    sender = senders[0] if senders else None
    recipients = _addresses(_field_text(fields, b"to")) + _addresses(_field_text(fields, b"cc"))
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


# --- bodies ------------------------------------------------------------------------------

_INVISIBLE = re.compile(
    r"<(script|style|head|title)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_LINE_BREAK = re.compile(r"<br\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(p|div|h[1-6]|ul|ol|table|blockquote|pre|hr|section|article|header|footer)\b[^>]*>",
    re.IGNORECASE,
)
_ROW = re.compile(r"<(li|tr|dt|dd)\b[^>]*>", re.IGNORECASE)
_CELL = re.compile(r"</?(td|th)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


def html_to_text(markup: str) -> str:
    """Readable plain text from HTML: paragraphs and line breaks kept, entities unescaped."""
    markup = _INVISIBLE.sub("", markup)
    markup = _LINE_BREAK.sub("\n", markup)
    markup = _BLOCK.sub("\n\n", markup)
    markup = _ROW.sub("\n", markup)
    markup = _CELL.sub(" ", markup)
    markup = _TAG.sub("", markup)
    lines = (_SPACES.sub(" ", line).strip() for line in html.unescape(markup).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _part_bytes(part: Message) -> bytes:
    """A leaf part's content, transfer encoding undone; an attached message as its source."""
    try:
        if part.is_multipart():
            if part.get_content_maintype() != "message":
                return b""
            inner = part.get_payload()
            return b"".join(each.as_bytes() for each in inner if isinstance(each, Message))
        payload = part.get_payload(decode=True)
    except Exception:  # a part too broken to decode or re-serialise has no usable content
        return b""
    return payload if isinstance(payload, bytes) else b""


def _part_text(part: Message) -> str:
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return decode_bytes(_part_bytes(part), charset)


def _given_filename(part: Message, disposition: str) -> str:
    """The filename parameter of Content-Disposition (its lowercased value given), else the
    name parameter of Content-Type; '' when neither is there."""
    # Parsing both headers' parameters costs more than the rest of reading a plain part,
    # and most parts have neither (RFC 2231 forms like filename*0* contain "name" too).
    if "name" not in disposition and "name" not in str(part.get("Content-Type", "")).lower():
        return ""
    try:
        return decode_words(part.get_filename() or "")
    except Exception:  # RFC 2231 parameters in unknown charsets, stray quoting...
        return ""


def _filename(given: str, index: int, content_type: str) -> str:
    if given:
        return given
    extension = mimetypes.guess_extension(content_type) or ".bin"
    return f"part-{index}{extension}"


_HEADER_END = re.compile(rb"\r?\n\r?\n")


def _parts(raw: bytes) -> list[Message]:
    """The message's parts in walk() order; a multipart with no boundary parameter gets the
    boundary its body uses, so its parts are found rather than shown as MIME source."""
    message = BytesParser(policy=compat32).parsebytes(raw)
    if message.get_content_maintype() == "multipart" and not message.is_multipart():
        body = str(message.get_payload())
        for line in body.splitlines():
            if line.startswith("--") and line.strip("-").strip():
                boundary = line[2:].strip().encode("ascii", "surrogateescape")
                end = _HEADER_END.search(raw)
                repaired = (
                    b"Content-Type: "
                    + message.get_content_type().encode()
                    + b'; boundary="'
                    + boundary
                    + b'"\r\n\r\n'
                    + (raw[end.end() :] if end else b"")
                )
                message = BytesParser(policy=compat32).parsebytes(repaired)
                break
    return list(message.walk())


def parse_message(raw: bytes) -> ParsedMessage:
    """A whole message: headers, body text (from the HTML when there is no plain part), HTML,
    and the attachments found, by their position in walk() order."""
    headers = parse_headers(raw)
    texts: list[str] = []
    body_html = ""
    attachments: list[AttachmentInfo] = []
    try:
        parts = _parts(raw)
    except Exception:  # not even a header block: keep the bytes as the body
        return ParsedMessage(headers, decode_bytes(raw, None), "", (), len(raw))
    inside_attached: set[int] = set()
    for index, part in enumerate(parts):
        if id(part) in inside_attached:
            continue
        content_type = part.get_content_type()
        main_type = content_type.partition("/")[0]
        if main_type == "multipart" and part.is_multipart():
            continue
        disposition = str(part.get("Content-Disposition", "")).strip().lower()
        given_filename = _given_filename(part, disposition)
        if main_type == "message" and part.is_multipart():
            for inner in part.get_payload():
                if isinstance(inner, Message):
                    inside_attached.update(id(sub) for sub in inner.walk())
        is_text = main_type == "multipart" or content_type in ("text/plain", "text/html")
        if is_text and not disposition.startswith("attachment") and not given_filename:
            # multipart without a boundary cannot be split: its body is shown as text
            if content_type == "text/html":
                body_html = body_html or _part_text(part)
            else:
                texts.append(_part_text(part))
            continue
        attachments.append(
            AttachmentInfo(
                part_index=index,
                filename=_filename(given_filename, index, content_type),
                content_type=content_type,
                size=len(_part_bytes(part)),
            )
        )
    body_text = "\n\n".join(text.strip("\n") for text in texts if text.strip())
    if not body_text and body_html:
        body_text = html_to_text(body_html)
    return ParsedMessage(headers, body_text, body_html, tuple(attachments), len(raw))


def part_content(raw: bytes, part_index: int) -> bytes | None:
    """The content of the part at part_index (walk() order), None when there is no such part."""
    try:
        parts = _parts(raw)
    except Exception:
        return None
    if not 0 <= part_index < len(parts):
        return None
    return _part_bytes(parts[part_index])
