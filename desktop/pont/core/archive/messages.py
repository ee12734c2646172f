"""Reading a whole received message: body text, HTML and attachments, for the store.

Nothing here (nor in message_headers and mail_decoding, which it builds on) raises on bad input.
Mail in the wild has mislabelled charsets, missing MIME boundaries and dates in 1970 or 2999; a
message that cannot be read perfectly is read as well as it can be, because a sync that stops on
one odd message stops for good.
"""

from __future__ import annotations

import binascii
import html
import mimetypes
import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from pont.core.archive.mail_decoding import decode_bytes, decode_words, note_problem
from pont.core.archive.message_headers import MessageHeaders, parse_headers
from pont.core.archive.set_aside import SetAside

# Of a message's text and of its HTML the archive keeps this many characters, for reading
# and search (the reader shows a tenth of it); its source is kept whole. A 50 MB text
# would otherwise be held several times over while it is decoded, stored and indexed.
TEXT_LIMIT = 1_000_000
# Of a large part's encoded content, about this much is decoded for its text.
_ENCODED_LIMIT = 4 * TEXT_LIMIT
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")

# What a message may be marked with besides mail_decoding's charset problems.
STRUCTURE_PROBLEM = "structure"  # the MIME structure could not be read: the body is the source
PART_PROBLEM = "part"  # a part's content could not be decoded: it is left out


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
    # Why the message could not be read exactly ('charset', 'structure'...), each once, in
    # the order met; () for a message read in full. Stored, so the reader can say so.
    problems: tuple[str, ...] = ()


_HIDDEN_START = re.compile(r"<!--|<(script|style|head|title)\b", re.IGNORECASE)
_HIDDEN_END = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("script", "style", "head", "title")
}
_LINE_BREAK = re.compile(r"<br\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(p|div|h[1-6]|ul|ol|table|blockquote|pre|hr|section|article|header|footer)\b[^>]*>",
    re.IGNORECASE,
)
_ROW = re.compile(r"<(li|tr|dt|dd)\b[^>]*>", re.IGNORECASE)
_CELL = re.compile(r"</?(td|th)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# Beyond ten digits a character reference names no character; html.unescape would still
# turn all of them into an int, which Python refuses past 4,300 digits.
_HUGE_REFERENCE = re.compile(r"&#0*[0-9]{10,};?")


def _without_hidden(markup: str) -> str:
    """markup without comments and the content of script, style, head and title.

    One pass, however the markup is broken: an unclosed comment runs to the end (as in a
    browser); an element whose end tag never comes keeps its content, and once one is
    known not to close, its end tag is not looked for again.
    """
    kept: list[str] = []
    unclosed: set[str] = set()
    position = 0
    while (found := _HIDDEN_START.search(markup, position)) is not None:
        kept.append(markup[position : found.start()])
        name = found.group(1)
        if name is None:
            end = markup.find("-->", found.end())
            position = len(markup) if end < 0 else end + 3
            continue
        name = name.lower()
        closing = None if name in unclosed else _HIDDEN_END[name].search(markup, found.end())
        if closing is None:
            unclosed.add(name)
            kept.append(found.group(0))
            position = found.end()
        else:
            position = closing.end()
    kept.append(markup[position:])
    return "".join(kept)


def _replace_tags(pattern: re.Pattern[str], replacement: str, markup: str) -> str:
    """pattern (which ends in [^>]*>) replaced only up to the last ">": after it no tag can
    end, and each "<" there would make the regex scan to the end in vain (quadratic)."""
    end = markup.rfind(">") + 1
    if end == 0:
        return markup
    return pattern.sub(replacement, markup[:end]) + markup[end:]


def html_to_text(markup: str) -> str:
    """Readable plain text from HTML: paragraphs and line breaks kept, entities unescaped.
    Linear in the length of markup, however it is broken."""
    markup = _without_hidden(markup)
    markup = _replace_tags(_LINE_BREAK, "\n", markup)
    markup = _replace_tags(_BLOCK, "\n\n", markup)
    markup = _replace_tags(_ROW, "\n", markup)
    markup = _replace_tags(_CELL, " ", markup)
    markup = _replace_tags(_TAG, "", markup)
    markup = html.unescape(_HUGE_REFERENCE.sub("\ufffd", markup))
    lines: list[str] = []
    for line in markup.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        # At most one blank line in a row, none at the start.
        if line or lines and lines[-1]:
            lines.append(line)
    return "\n".join(lines).strip()


def _payload_text(part: Message) -> str:
    """A leaf part's payload as the parser left it. Not get_payload(), which decodes 8-bit
    text with the part's charset label, and raises on some ("undefined")."""
    payload = getattr(part, "_payload", "")
    return payload if isinstance(payload, str) else ""


def _part_bytes(part: Message, problems: list[str] | None = None) -> bytes:
    """A leaf part's content, transfer encoding undone; an attached message as its source."""
    try:
        if part.is_multipart():
            if part.get_content_maintype() != "message":
                return b""
            inner = part.get_payload()
            return b"".join(each.as_bytes() for each in inner if isinstance(each, Message))
        payload = part.get_payload(decode=True)
    except Exception:  # a part too broken to decode or re-serialise has no usable content
        note_problem(problems, PART_PROBLEM)
        return b""
    return payload if isinstance(payload, bytes) else b""


def _transfer_encoding(part: Message) -> str:
    return str(part.get("Content-Transfer-Encoding", "")).strip().lower()


def _content(
    part: Message, aside: SetAside, problems: list[str] | None = None, prefix: int | None = None
) -> bytes:
    """A part's content as _part_bytes gives it, with its set-aside runs back. Restored as
    bytes and decoded once: the content is never held as a str as well. With prefix, only
    about the first prefix bytes of a part with set-aside runs are restored and decoded."""
    payload = _payload_text(part)
    if part.is_multipart() or not aside.has_runs(payload):
        return aside.restore_bytes(_part_bytes(part, problems))
    encoded = payload.encode("ascii", "surrogateescape")
    data = aside.restore_bytes(encoded) if prefix is None else aside.restore_prefix(encoded, prefix)
    encoding = _transfer_encoding(part)
    try:
        if encoding == "base64":
            if prefix is not None:  # whole groups of four: the cut may have split one
                digits = _NOT_BASE64.sub(b"", data)
                data = digits[: len(digits) // 4 * 4]
            return binascii.a2b_base64(data)
        if encoding == "quoted-printable":
            return binascii.a2b_qp(data)
    except (binascii.Error, ValueError):  # as email does with broken base64: the text as is
        note_problem(problems, PART_PROBLEM)
    return data


def _part_text(part: Message, aside: SetAside, problems: list[str]) -> str:
    """A text part's text, at most TEXT_LIMIT characters of it."""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    data = _content(part, aside, problems, prefix=_ENCODED_LIMIT)
    return decode_bytes(data, charset, problems=problems)[:TEXT_LIMIT]


def _attachment_size(part: Message, aside: SetAside, problems: list[str]) -> int:
    """The size of an attachment's content; a base64 one is counted, not decoded."""
    payload = _payload_text(part)
    if part.is_multipart() or not aside.has_runs(payload):
        return aside.restored_size(_part_bytes(part, problems))
    if _transfer_encoding(part) == "base64":
        return aside.base64_size(payload)
    if _transfer_encoding(part) != "quoted-printable":
        return aside.restored_size(payload.encode("ascii", "surrogateescape"))
    return len(_content(part, aside, problems))


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
        body = _payload_text(message)
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
    and the attachments found, by their position in walk() order. Never raises: what cannot
    be read is left out or guessed, and named in the result's problems."""
    problems: list[str] = []
    headers = parse_headers(raw, problems)
    try:
        return _parse_body(raw, headers, problems)
    except Exception:  # email's parser recursing on absurdly nested MIME, or worse
        end = _HEADER_END.search(raw)
        source = decode_bytes(raw[end.end() :] if end else raw, None, guess=False)
        return ParsedMessage(
            headers, source, "", (), len(raw), _once([*problems, STRUCTURE_PROBLEM])
        )


def _parse_body(raw: bytes, headers: MessageHeaders, problems: list[str]) -> ParsedMessage:
    texts: list[str] = []
    body_html = ""
    attachments: list[AttachmentInfo] = []
    aside = SetAside(raw)
    parts = _parts(aside.shortened)
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
                body_html = body_html or _part_text(part, aside, problems)
            else:
                texts.append(_part_text(part, aside, problems))
            continue
        attachments.append(
            AttachmentInfo(
                part_index=index,
                filename=_filename(given_filename, index, content_type),
                content_type=content_type,
                size=_attachment_size(part, aside, problems),
            )
        )
    body_text = "\n\n".join(text.strip("\n") for text in texts if text.strip())[:TEXT_LIMIT]
    if not body_text and body_html:
        body_text = html_to_text(body_html)
    return ParsedMessage(
        headers, body_text, body_html, tuple(attachments), len(raw), _once(problems)
    )


def _once(problems: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(problems))


def part_content(raw: bytes, part_index: int) -> bytes | None:
    """The content of the part at part_index (walk() order), None when there is no such part."""
    aside = SetAside(raw)
    try:
        parts = _parts(aside.shortened)
    except Exception:
        return None
    if not 0 <= part_index < len(parts):
        return None
    return _content(parts[part_index], aside)
