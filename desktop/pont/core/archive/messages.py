"""Reading a whole received message: body text, HTML and attachments, for the store.

Nothing here (nor in message_headers and mail_decoding, which it builds on) raises on bad input.
Mail in the wild has mislabelled charsets, missing MIME boundaries and dates in 1970 or 2999; a
message that cannot be read perfectly is read as well as it can be, because a sync that stops on
one odd message stops for good.
"""

from __future__ import annotations

import html
import mimetypes
import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from pont.core.archive.mail_decoding import decode_bytes, decode_words
from pont.core.archive.message_headers import MessageHeaders, parse_headers


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
