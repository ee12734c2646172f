"""Addresses beyond ASCII (RFC 6531) and a server without SMTPUTF8: which addresses it can
still reach, and the ASCII copy of a post it can carry.

Such a server takes only ASCII, in the envelope and in the headers. An address whose local
part is ASCII keeps working with its domain in ASCII (IDNA: bücher.example is
xn--bcher-kva.example). One whose local part is not (siân@example.cymru) cannot be reached
through that server at all: the outbox refuses it with NO_SMTPUTF8 and sends to the others.
Their copy names such an address the way RFC 6857 downgrades it: as the name of an empty
group, "Siân <siân@example.cymru> :;", which shows who it is and takes no reply.
"""

from __future__ import annotations

from email.errors import MessageError
from email.utils import getaddresses

from pont.core.archive.mail_decoding import decode_words
from pont.core.errors import PostHeadersUnsafe
from pont.core.i18n import translate
from pont.core.posting.headers import (
    ADDRESS_HEADERS,
    HeaderWriter,
    Reading,
    folded,
    header_fields,
    header_text,
    mailbox_atoms,
    mailbox_reading,
    parsed_message,
    phrase_atoms,
    reading,
)

# Kept as the refused recipient's reason, in English: the Outbox window finds its Welsh by
# the sentence itself (ui/outbox/words.py), as it does for the outbox's other fixed notes.
NO_SMTPUTF8 = translate(
    "Outbox",
    "Your mail server cannot send to an address with letters beyond A to Z (it does not offer "
    "SMTPUTF8). Ask this member for another address, or send through a provider that can.",
)
SENDER_BEYOND_ASCII = translate(
    "Outbox",
    "Your own address has letters beyond A to Z, and your mail server cannot send from it "
    "(it does not offer SMTPUTF8). Send through a provider that can.",
)


def ascii_address(address: str) -> str | None:
    """The address as a server without SMTPUTF8 takes it (the domain in IDNA form), or None
    when it has none: a local part beyond ASCII."""
    local, _, domain = address.strip().rpartition("@")
    if not local or not local.isascii():
        return None
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return f"{local}@{ascii_domain}"


def _local_text(address: str) -> str:
    """getaddresses keeps a quoted local part quoted: the text it quotes."""
    local, at, domain = address.rpartition("@")
    if len(local) >= 2 and local[0] == local[-1] == '"':
        chars, escaped = [], False
        for char in local[1:-1]:
            if escaped or char != "\\":
                chars.append(char)
            escaped = not escaped and char == "\\"
        local = "".join(chars)
    return f"{local}{at}{domain}"


def _downgraded_addresses(writer: HeaderWriter, name: str, value: str) -> None:
    atoms: list[str] = []
    readings: list[Reading] = []
    for raw_name, raw_address in getaddresses([value]):
        display = header_text(decode_words(raw_name))
        address = _local_text(raw_address.strip())
        if atoms:
            atoms[-1] += ","
        ascii_form = ascii_address(address)
        if ascii_form is not None:
            atoms += mailbox_atoms(display, ascii_form, name)
            readings.append(mailbox_reading(display, ascii_form))
        else:  # RFC 6857 3.1.4: the address, in words, names an empty group
            shown = header_text(f"{display} <{address}>" if display else address)
            atoms += [*phrase_atoms(shown), ":;"]
            readings.append(("".join(shown.split()), ()))
    writer.lines.append((name, folded(name, atoms)))
    writer.meant.append((name, tuple(readings)))


def ascii_copy(data: bytes) -> bytes:
    """The message (CRLF line ends) with headers a server without SMTPUTF8 can carry: address
    headers with every address in ASCII form or downgraded, other UTF-8 text as encoded words.
    The copy is read back like a built post, and must mean the same except for those
    addresses (PostHeadersUnsafe otherwise). The body is kept byte for byte."""
    end = data.find(b"\r\n\r\n")
    head, body = (data, b"") if end < 0 else (data[:end], data[end:])
    if head.isascii():
        return data
    writer = HeaderWriter()
    fields = []
    for field in header_fields(head):
        if field.isascii():
            fields.append(field)
            continue
        try:
            text = field.decode("utf-8")
        except UnicodeDecodeError:
            raise PostHeadersUnsafe() from None
        name, colon, value = text.partition(":")
        name = name.strip()
        if not colon or not name.isascii():
            raise PostHeadersUnsafe()
        value = "".join(value.split("\r\n")).strip()
        if name.lower() in ADDRESS_HEADERS:
            _downgraded_addresses(writer, name, value)
        else:
            writer.text(name, value)
        written, raw = writer.lines[-1]
        fields.append(f"{written}: {raw}".replace("\n", "\r\n").encode("ascii"))
    copy = b"\r\n".join(fields) + body
    _check_copy(data, copy, writer)
    return copy


def _check_copy(original: bytes, copy: bytes, writer: HeaderWriter) -> None:
    try:
        before, after = parsed_message(original), parsed_message(copy)
        if not copy.partition(b"\r\n\r\n")[0].isascii() or before.keys() != after.keys():
            raise PostHeadersUnsafe()
        changed = {name.lower() for name, _ in writer.meant}
        for name in dict.fromkeys(before.keys()):
            found = [reading(name, header) for header in after.get_all(name, [])]
            if name.lower() in changed:
                wanted = [r for n, r in writer.meant if n.lower() == name.lower()]
            else:
                wanted = [reading(name, header) for header in before.get_all(name, [])]
            if found != wanted:
                raise PostHeadersUnsafe(name)
    except PostHeadersUnsafe:
        raise
    except (UnicodeError, MessageError, ValueError, TypeError, AttributeError, LookupError) as e:
        raise PostHeadersUnsafe() from e
