"""A post's headers, written so that no name, subject or file name can start a header of its
own or read as something else, and the check that the serialised message reads back as
exactly the headers Pont meant.

Why Pont encodes every value itself: Python's email package (3.11 and 3.12) decodes RFC 2047
encoded words wherever it meets them (in names, quoted strings, local parts and parameters)
and writes the decoded text back out raw, so a member named
"=?utf-8?q?Ann=0D=0ABcc:_x@evil.example?=" became a Bcc line of its own. Here stranger text
loses its control characters (header_text), goes out as plain words only when nothing in it
can be taken for an encoded word, and is otherwise encoded, once, by Pont; the email package
is handed finished lines (set_raw). check_serialised then parses the bytes as a receiver
would and refuses the message unless every header is the one written, with its meaning.
"""

from __future__ import annotations

import base64
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.errors import MessageError
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, Parser
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote

from pont.core.errors import PostHeadersUnsafe

# C0 controls, DEL, C1 controls and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Lone surrogates: the undecodable bytes of a file name, which no charset can write.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ATEXT = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~")
_Q_SAFE = frozenset(string.ascii_letters + string.digits + "!*+-/")  # RFC 2047 5(3)
WORD_LIMIT = 75  # RFC 2047 2: an encoded word is at most 75 characters
_FRAME = len("=?utf-8?q??=")
# The least room an encoded word is given (a header with a very long name): one character
# of four UTF-8 bytes, Q-encoded, needs 12.
_MIN_WORD = _FRAME + 12
_PLAIN_WORD = 60  # a longer word goes encoded, so that the line can still be folded
_LINE = 78
# A display name is cut at this many characters: a copy-all To header holds every member's,
# and the email package's parsing (the check) grows faster than its length.
MAX_NAME = 200
ADDRESS_HEADERS = frozenset({"from", "to", "cc", "reply-to", "sender"})
_MIME_HEADERS = frozenset(
    {
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "content-language",  # written by Pont from a fixed list of language codes
    }
)


def header_text(text: str) -> str:
    """Text fit for a header: control characters and line breaks become single spaces, and
    undecodable bytes the replacement character."""
    text = _SURROGATE.sub("\ufffd", text)
    return " ".join(_CONTROL.sub(" ", text).split())


def name_text(name: str) -> str:
    """A display name fit for a header: header_text, at most MAX_NAME characters."""
    return header_text(name)[:MAX_NAME].rstrip()


# --- writing ---------------------------------------------------------------------------------


def _q(char: str) -> str:
    if char == " ":
        return "_"
    if char in _Q_SAFE:
        return char
    return "".join(f"={byte:02X}" for byte in char.encode("utf-8"))


def _units(char: str, base64_form: bool) -> int:
    """What a character adds to an encoded word: its bytes (base64), its escape (Q)."""
    return len(char.encode("utf-8")) if base64_form else len(_q(char))


def _fits(units: int, base64_form: bool, room: int) -> bool:
    return (4 * ((units + 2) // 3) if base64_form else units) <= room


def _word(chars: str, base64_form: bool) -> str:
    if base64_form:
        return f"=?utf-8?b?{base64.b64encode(chars.encode('utf-8')).decode('ascii')}?="
    return f"=?utf-8?q?{''.join(_q(char) for char in chars)}?="


def word_limit(header: str) -> int:
    """The longest encoded word for a header: 75 characters (RFC 2047), or fewer, so that
    one still fits on the header's first line after "Name: " within 78 (RFC 5322 2.1.1)."""
    return max(_MIN_WORD, min(WORD_LIMIT, _LINE - len(header) - len(": ")))


def encoded_words(text: str, limit: int = WORD_LIMIT) -> list[str]:
    """text as RFC 2047 words of at most `limit` (at most 75) characters, never splitting a
    character.

    A long text is split after a space where there is one: decoders drop the white space
    between two encoded words, so the space travels inside the first; Python's email package
    wrongly keeps that white space in display names, and reads at most a doubled space.
    """
    room = max(_MIN_WORD, min(WORD_LIMIT, limit)) - _FRAME
    base64_form = 4 * ((len(text.encode("utf-8")) + 2) // 3) < len("".join(map(_q, text)))
    words: list[str] = []
    chunk: list[str] = []
    units = 0
    for char in text:
        size = _units(char, base64_form)
        if chunk and not _fits(units + size, base64_form, room):
            cut = len(chunk)
            if " " in chunk[1:-1]:
                cut = len(chunk) - chunk[::-1].index(" ")  # just after the last space
            words.append(_word("".join(chunk[:cut]), base64_form))
            chunk = chunk[cut:]
            units = sum(_units(c, base64_form) for c in chunk)
            if chunk and not _fits(units + size, base64_form, room):
                words.append(_word("".join(chunk), base64_form))
                chunk, units = [], 0
        chunk.append(char)
        units += size
    if chunk:
        words.append(_word("".join(chunk), base64_form))
    return words


def _atoms(text: str, plain: Callable[[str], bool], limit: int) -> list[str]:
    """The words of (single-spaced) text, each run of words that may not go plain encoded."""
    atoms: list[str] = []
    run: list[str] = []
    for word in text.split(" ") if text else []:
        if plain(word):
            if run:
                atoms += encoded_words(" ".join(run), limit)
                run = []
            atoms.append(word)
        else:
            run.append(word)
    if run:
        atoms += encoded_words(" ".join(run), limit)
    return atoms


def _plain_text_word(word: str) -> bool:
    return (
        0 < len(word) <= _PLAIN_WORD and word.isascii() and word.isprintable() and "=?" not in word
    )


def _plain_phrase_word(word: str) -> bool:
    return 0 < len(word) <= _PLAIN_WORD and set(word) <= _ATEXT and "=?" not in word


def text_atoms(text: str, limit: int = WORD_LIMIT) -> list[str]:
    """Unstructured text (a subject) as words to fold: plain where safe, else encoded (in
    words of at most `limit` characters)."""
    return _atoms(text, _plain_text_word, limit)


def phrase_atoms(text: str, limit: int = WORD_LIMIT) -> list[str]:
    """A display name as RFC 5322 atoms and encoded words (never a quoted string, whose
    contents the email package would decode as well)."""
    return _atoms(text, _plain_phrase_word, limit)


def _dot_atom(text: str) -> bool:
    # RFC 6532 lets UTF-8 stand in a dot-atom; the email package decodes "=?" in one.
    parts = text.split(".")
    return "=?" not in text and all(
        part and all(char in _ATEXT or not char.isascii() for char in part) for part in parts
    )


def addr_spec(address: str, header: str) -> str:
    """local@domain as a header writes it: the local part quoted (with '=' escaped, so no
    encoded word can start in it) when it is not a plain dot-atom."""
    local, _, domain = address.strip().rpartition("@")
    if not local or not _dot_atom(domain) or not (local + domain).isprintable():
        raise PostHeadersUnsafe(header)
    if not _dot_atom(local):
        local = '"' + re.sub(r'(["\\=])', r"\\\1", local) + '"'
    return f"{local}@{domain}"


def mailbox_atoms(name: str, address: str, header: str) -> list[str]:
    spec = addr_spec(address, header)
    return [*phrase_atoms(name, word_limit(header)), f"<{spec}>"] if name else [spec]


def folded(name: str, atoms: Sequence[str]) -> str:
    """The atoms joined by spaces, folded before 78 columns where a space allows."""
    lines: list[str] = []
    line = ""
    width = len(name) + 2
    for atom in atoms:
        if line and width + 1 + len(atom) > _LINE:
            lines.append(line)
            line, width = atom, 1 + len(atom)
        elif line:
            line, width = f"{line} {atom}", width + 1 + len(atom)
        else:
            line, width = atom, width + len(atom)
    lines.append(line)
    return "\n ".join(lines)


def _plain_file_name(file_name: str) -> bool:
    return (
        len(file_name) <= _PLAIN_WORD
        and file_name.isascii()
        and file_name.isprintable()
        and not set(file_name) & set('"\\')
        and "=?" not in file_name
    )


def _with_parameters(header: str, value: str, parameters: Sequence[str]) -> str:
    """value; parameter; …: on one line when it fits in 78, else each parameter on a line of
    its own (a parameter may span lines itself)."""
    line = "; ".join([value, *parameters])
    if "\n" not in line and len(header) + 2 + len(line) <= _LINE:
        return line
    return ";\n ".join([value, *parameters])


# RFC 2045 tokens: a type, a subtype, a charset's name.
_TOKEN = re.compile(r"[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+")
# Room for a filename* section's percent-encoding: " filename*12*=utf-8''" and ";" take 23.
_SECTION = _LINE - 23


def attachment_disposition(file_name: str) -> str:
    """Content-Disposition for a file name (header_text'ed): quoted when it is short plain
    ASCII, else RFC 2231 percent-encoding, in sections of whole characters when long; each
    line within 78 characters."""
    if _plain_file_name(file_name):
        return _with_parameters("Content-Disposition", "attachment", [f'filename="{file_name}"'])
    sections = [""]
    for char in file_name:
        piece = quote(char, safe="")
        if sections[-1] and len(sections[-1]) + len(piece) > _SECTION:
            sections.append("")
        sections[-1] += piece
    if len(sections) == 1:
        parameter = f"filename*=utf-8''{sections[0]}"
        return _with_parameters("Content-Disposition", "attachment", [parameter])
    charset = ["utf-8''"] + [""] * (len(sections) - 1)
    parts = [f"filename*{n}*={charset[n]}{text}" for n, text in enumerate(sections)]
    return "attachment;\n " + ";\n ".join(parts)


def attachment_content_type(content_type: str, file_name: str, charset: str = "") -> str:
    """Content-Type for an attachment: its type, its charset (for text), and the file name
    (header_text'ed) as name=, for mail programs that read no RFC 2231 filename* (Outlook
    before 2010, some phones'). The name is quoted when it is short plain ASCII, else RFC 2047
    encoded words inside the quotes, as Thunderbird and Outlook write it: RFC 2047 5 does not
    provide for them there, but it is what those programs read, and filename* beside it is
    what the others read. Raises PostHeadersUnsafe for a type or charset that is no token."""
    maintype, _, subtype = content_type.partition("/")
    if not (_TOKEN.fullmatch(maintype) and _TOKEN.fullmatch(subtype)):
        raise PostHeadersUnsafe("Content-Type")
    parameters = []
    if charset:
        if not _TOKEN.fullmatch(charset):
            raise PostHeadersUnsafe("Content-Type")
        parameters.append(f"charset={charset}")
    if _plain_file_name(file_name):
        parameters.append(f'name="{file_name}"')
    else:
        # The first word follows ' name="', the last is followed by '"' and maybe ';'.
        words = encoded_words(file_name, _LINE - len(' name="') - len('";'))
        parameters.append('name="' + "\n ".join(words) + '"')
    return _with_parameters("Content-Type", content_type, parameters)


# What a header must read back as: text for most, and for address headers each group's
# name and each address's (name, local part, domain), names compared without white space.
Reading = object
Mailbox = tuple[str, str, str]
AddressReading = tuple[tuple[str | None, tuple[Mailbox, ...]], ...]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def mailbox_reading(name: str, address: str) -> tuple[str | None, tuple[Mailbox, ...]]:
    local, _, domain = address.strip().rpartition("@")
    return (None, ((_squeezed(name), local, domain),))


@dataclass
class HeaderWriter:
    """The headers of a message, each written as finished (folded, encoded) lines, and what
    each must read back as (for check_serialised)."""

    lines: list[tuple[str, str]] = field(default_factory=list)
    meant: list[tuple[str, Reading]] = field(default_factory=list)

    def text(self, name: str, text: str) -> str:
        """Unstructured text (a subject); returns it as the header carries it."""
        value = header_text(text)
        self._add(name, folded(name, text_atoms(value, word_limit(name))), value)
        return value

    def addresses(self, name: str, mailboxes: Sequence[tuple[str, str]]) -> None:
        """An address list of (display name, address)."""
        atoms: list[str] = []
        readings = []
        for display, address in mailboxes:
            display = name_text(display)
            if atoms:
                atoms[-1] += ","
            atoms += mailbox_atoms(display, address, name)
            readings.append(mailbox_reading(display, address))
        self._add(name, folded(name, atoms), tuple(readings))

    def named_id(self, name: str, phrase: str, ident: str) -> None:
        """A phrase and an <id> (List-Id): the phrase's plain words as they are, the rest in
        encoded words short enough that each fits on a line of 78 (a long Welsh group name
        once went out as one encoded word of 194 characters)."""
        text = name_text(phrase)
        self._check_ascii(name, ident)
        atoms = [*phrase_atoms(text, word_limit(name)), f"<{ident}>"]
        self._add(name, folded(name, atoms), f"{text} <{ident}>".strip())

    def ascii(self, name: str, value: str) -> None:
        """A value Pont composes itself of ASCII parts (a date, ids, mailto links), written as
        it is, folded at its spaces."""
        atoms = value.split(" ")
        for atom in atoms:
            self._check_ascii(name, atom)
        self._add(name, folded(name, atoms), value)

    def apply(self, message: Message) -> None:
        for name, value in self.lines:
            message.set_raw(name, value)

    def _add(self, name: str, value: str, reading: Reading) -> None:
        self.lines.append((name, value))
        self.meant.append((name, reading))

    @staticmethod
    def _check_ascii(name: str, atom: str) -> None:
        if not atom or not atom.isascii() or not atom.isprintable() or " " in atom or "=?" in atom:
            raise PostHeadersUnsafe(name)


# --- checking --------------------------------------------------------------------------------


def address_reading(header: Any) -> AddressReading:
    return tuple(
        (
            None if group.display_name is None else _squeezed(group.display_name),
            tuple((_squeezed(a.display_name), a.username, a.domain) for a in group.addresses),
        )
        for group in header.groups
    )


def reading(name: str, header: Any) -> Reading:
    """What a parsed header means, in the terms HeaderWriter records."""
    if name.lower() in ADDRESS_HEADERS:
        return address_reading(header)
    return str(header)


def parsed_message(mime: bytes) -> EmailMessage:
    """The message as a receiver reads it (headers may be RFC 6532 UTF-8)."""
    parsed = Parser(policy=policy.default).parsestr(mime.decode("utf-8"))
    if not isinstance(parsed, EmailMessage):  # policy.default always makes one
        raise TypeError(type(parsed).__name__)
    return parsed


def _mime_reading(part: Message) -> tuple[object, ...]:
    return (
        part.get_content_type(),
        part.get_param("charset"),
        part.get_boundary() if part.is_multipart() else None,
        str(part.get("Content-Transfer-Encoding", "")),
        part.get_content_disposition(),
        str(part.get("MIME-Version", "")),
    )


def _compare_parts(built: Message, back: Message) -> None:
    names = [name.lower() for name in built]
    back_names = [name.lower() for name in back]
    if names != back_names:
        extra = [name for name in back if name.lower() not in names]
        missing = [name for name in built if name.lower() not in back_names]
        raise PostHeadersUnsafe((extra or missing or list(back))[0])
    for name, value in back.items():
        if _CONTROL.search(str(value)):
            raise PostHeadersUnsafe(name)
    if _mime_reading(built) != _mime_reading(back):
        raise PostHeadersUnsafe("Content-Type")


def check_serialised(
    mime: bytes,
    message: Message,
    meant: Sequence[tuple[str, Reading]],
    file_names: Sequence[str] = (),
) -> None:
    """Raise PostHeadersUnsafe unless the serialised message parses back to exactly the
    headers of `message`: no header more or less in any part, the MIME structure the same,
    each header in `meant` with its meaning, and the attachments' names `file_names`."""
    try:
        parsed = parsed_message(mime)
        built_parts, parsed_parts = list(message.walk()), list(parsed.walk())
        if len(built_parts) != len(parsed_parts):
            raise PostHeadersUnsafe("Content-Type")
        for built, back in zip(built_parts, parsed_parts, strict=True):
            _compare_parts(built, back)
        written = {name.lower() for name, _ in meant}
        others = {name.lower() for name in message} - written - _MIME_HEADERS
        if others:
            raise PostHeadersUnsafe(sorted(others)[0])
        for name in written:
            wanted = [r for n, r in meant if n.lower() == name]
            found = [reading(name, header) for header in parsed.get_all(name, [])]
            if found != wanted:
                raise PostHeadersUnsafe(next(n for n, _ in meant if n.lower() == name))
        attachments = [p for p in parsed_parts if p.get_content_disposition() == "attachment"]
        if [part.get_filename() for part in attachments] != list(file_names):
            raise PostHeadersUnsafe("Content-Disposition")
        # name= beside it, where written, names the same file (white space aside: readers
        # differ on the space between encoded words).
        for part, file_name in zip(attachments, file_names, strict=True):
            named = part.get_param("name")
            if named is not None and _squeezed(str(named)) != _squeezed(file_name):
                raise PostHeadersUnsafe("Content-Type")
    except PostHeadersUnsafe:
        raise
    except (
        UnicodeError,
        MessageError,
        ValueError,
        TypeError,
        AttributeError,
        LookupError,
    ) as error:
        raise PostHeadersUnsafe() from error


# --- a sent copy's Date ----------------------------------------------------------------------


def header_fields(head: bytes) -> list[bytes]:
    """A header block's fields (CRLF line ends), each with its continuation lines."""
    fields: list[bytes] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\r\n" + line
        elif line:
            fields.append(line)
    return fields


def _field_name(field: bytes) -> bytes:
    return field.partition(b":")[0].strip().lower()


def _parsed_head(head: bytes) -> Message:
    return BytesHeaderParser(policy=policy.default).parsebytes(head + b"\r\n\r\n")


def with_date(mime: bytes, moment: datetime) -> bytes:
    """The message (CRLF line ends) with one Date line saying `moment`, where its first Date
    line was (else last among the headers), and no other: a batch that goes hours after the
    post was written says when it went, as RFC 5322 means Date to (spam filters score a date
    hours old). The line is written by HeaderWriter and the header block read back: the same
    fields, in the same order, with only the Date changed, else PostHeadersUnsafe. The body
    is kept byte for byte."""
    if moment.tzinfo is None:
        raise ValueError("with_date needs an aware datetime")
    writer = HeaderWriter()
    writer.ascii("Date", format_datetime(moment))
    name, value = writer.lines[0]
    line = f"{name}: {value}".replace("\n", "\r\n").encode("ascii")
    end = mime.find(b"\r\n\r\n")
    head, body = (mime, b"") if end < 0 else (mime[:end], mime[end:])
    fields = header_fields(head)
    dated = [i for i, f in enumerate(fields) if _field_name(f) == b"date"]
    place = dated[0] if dated else len(fields)
    kept = [f for i, f in enumerate(fields) if i not in dated[1:]]
    kept[place : place + 1 if dated else place] = [line]
    new_head = b"\r\n".join(kept)
    try:
        before = [field_name.lower() for field_name in _parsed_head(head)]
        first = before.index("date") if "date" in before else len(before)
        wanted = [n for i, n in enumerate(before) if n != "date" or i == first]
        if not dated:
            wanted.append("date")
        parsed = _parsed_head(new_head)
        after = [field_name.lower() for field_name in parsed]
        if after != wanted or parsed.get_all("Date") != [value]:
            raise PostHeadersUnsafe("Date")
        if getattr(parsed["Date"], "datetime", None) != moment.replace(microsecond=0):
            raise PostHeadersUnsafe("Date")
    except PostHeadersUnsafe:
        raise
    except (UnicodeError, MessageError, ValueError, TypeError, AttributeError) as error:
        raise PostHeadersUnsafe("Date") from error
    return new_head + body
