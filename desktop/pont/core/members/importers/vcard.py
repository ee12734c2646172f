"""Reading vCard 2.1, 3.0 and 4.0 files: one or many cards, as phones and Outlook write them."""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field

from pont.core.errors import ImportFileError
from pont.core.i18n import translate
from pont.core.members.contacts import Contact, ParsedContacts
from pont.core.members.importers.decoding import (
    CHOOSE_EXPORT,
    bom_encoding,
    bomless_utf16,
    check_size,
    decode_declared,
    refuse_binary,
    refuse_control_characters,
    refuse_nul,
    unreadable_letters,
)

# Hand-written rather than vobject (0.9.9, tried): it fails on the quoted-printable soft line
# breaks old Outlook and Android write ("=" at a line's end, next line not indented), cut a
# quoted-printable NOTE short at its first comma, and, reading text rather than bytes, cannot
# honour the CHARSET each 2.1 property may declare for its 8-bit value.
_WANTED = {"VERSION", "FN", "N", "EMAIL", "ORG", "NOTE", "CATEGORIES"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CARD_EDGE = re.compile(r"(?:BEGIN|END)\s*:\s*VCARD\s*\Z", re.IGNORECASE)
_BEGIN = re.compile(r"BEGIN\s*:\s*VCARD", re.IGNORECASE)
# Google's and Apple's own groups, exported as categories, are not the coordinator's tags.
_SYSTEM_CATEGORIES = {"mycontacts", "starred"}


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str  # decoded from quoted-printable and its charset, still escaped


@dataclass
class _Card:
    number: int
    properties: list[_Property] = field(default_factory=list)

    def first(self, name: str) -> _Property | None:
        return next((p for p in self.properties if p.name == name), None)


def read_vcards(source: str | bytes) -> ParsedContacts:
    """One Contact per card (email "" when it has none), in file order."""
    if isinstance(source, bytes):
        check_size(source)
        refuse_binary(source)
        text, raw_is_bytes = _vcard_text(source)
    else:
        text, raw_is_bytes = source, False
    if not _BEGIN.search(text):
        raise ImportFileError(
            translate(
                "Import", "This is not a vCard file (it has no contact cards); {what_to_do}."
            ).format(what_to_do=CHOOSE_EXPORT)
        )
    parsed = ParsedContacts()
    for card in _cards(_logical_lines(text), raw_is_bytes):
        parsed.contacts.append(_contact(card))
    if not parsed.contacts:
        raise ImportFileError(
            translate("Import", "This vCard file has no contact cards in it; {what_to_do}.").format(
                what_to_do=CHOOSE_EXPORT
            )
        )
    return parsed


def looks_like_vcard(data: bytes) -> bool:
    """Whether the bytes start with a vCard, in whatever encoding."""
    head = data[:4096]
    encoding = bom_encoding(head) or bomless_utf16(head) or "latin-1"
    text = head.decode(encoding, errors="ignore")
    return _BEGIN.match(text.lstrip("\ufeff \t\r\n")) is not None


def _vcard_text(data: bytes) -> tuple[str, bool]:
    """The text, and whether it stands for raw bytes (latin-1) that each value decodes itself.

    vCard 2.1 lets every property name its own CHARSET, so a file that is not UTF-8 is read
    byte for byte and each value is decoded by the charset it declares.
    """
    encoding = bom_encoding(data) or bomless_utf16(data)
    if encoding is None:
        try:
            text, raw = data.decode("utf-8"), False
        except UnicodeDecodeError:
            text, raw = data.decode("latin-1"), True
    else:
        try:
            text, raw = data.decode(encoding), False
        except UnicodeDecodeError:
            raise unreadable_letters() from None
    # As for CSV files: valid Unicode is text unless it holds a NUL; bytes read one by one
    # are also refused for holding many control characters.
    if raw:
        refuse_control_characters(text)
    else:
        refuse_nul(text)
    return text.lstrip("\ufeff"), raw


def _logical_lines(text: str) -> list[str]:
    """Physical lines joined: RFC 6350 folding, and 2.1 quoted-printable soft line breaks.

    Linear in the text: whether a logical line is quoted-printable is found once, from its
    first physical line, not again at each line joined to it.
    """
    lines: list[str] = []
    pieces: list[str] = []  # of the logical line being read; joined once, as photos are long
    quoted_printable = soft_break = False
    for line in _LINE_BREAK.split(text):
        if pieces and soft_break and not _CARD_EDGE.match(line):
            pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        elif pieces and line[:1] in (" ", "\t"):
            pieces.append(line[1:])
        else:
            if pieces:
                lines.append("".join(pieces))
            pieces = [line]
            quoted_printable = _is_quoted_printable(line)
        soft_break = quoted_printable and pieces[-1].endswith("=")
    if pieces:
        lines.append("".join(pieces))
    return lines


def _is_quoted_printable(line: str) -> bool:
    colon = _value_start(line)
    return colon > 0 and "QUOTED-PRINTABLE" in line[:colon].upper()


def _value_start(line: str) -> int:
    """Index of the colon ending the name and parameters (quoted values may hold colons).

    Each search goes on from where the last ended, so a line of many quotes stays linear.
    """
    colon = line.find(":")
    quote = line.find('"')
    while 0 <= quote < colon:
        closing = line.find('"', quote + 1)
        if closing < 0:
            return -1
        if closing > colon:
            colon = line.find(":", closing + 1)
        quote = line.find('"', closing + 1)
    return colon


def _cards(lines: list[str], raw_is_bytes: bool) -> list[_Card]:
    cards: list[_Card] = []
    card: _Card | None = None
    for line in lines:
        stripped = line.strip()
        if _CARD_EDGE.match(stripped):
            if stripped.upper().startswith("BEGIN"):
                card = _Card(len(cards) + 1)
                cards.append(card)
            else:
                card = None
            continue
        if card is None:
            continue
        prop = _property(line, raw_is_bytes)
        if prop is not None:
            card.properties.append(prop)
    return cards


def _property(line: str, raw_is_bytes: bool) -> _Property | None:
    colon = _value_start(line)
    if colon <= 0:
        return None  # not a property: base64 photo data of a 2.1 card, or garbage
    name, *raw_params = _split_unquoted(line[:colon], ";")
    name = name.rsplit(".", 1)[-1].strip().upper()  # Apple groups them: "item1.EMAIL"
    if name not in _WANTED:
        return None
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, equals, value = raw.partition("=")
        if not equals:  # vCard 2.1's bare parameters: EMAIL;INTERNET;PREF, NOTE;QUOTED-PRINTABLE
            key, value = _bare_parameter(key), key
        values = [v.strip() for v in value.strip().strip('"').split(",")]  # TYPE="work,pref"
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return _Property(name, params, _decoded(line[colon + 1 :], params, raw_is_bytes))


def _bare_parameter(value: str) -> str:
    upper = value.strip().upper()
    if upper in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
        return "ENCODING"
    return "TYPE"


def _decoded(value: str, params: dict[str, list[str]], raw_is_bytes: bool) -> str:
    charset = (params.get("CHARSET") or [""])[0]
    encodings = {e.upper() for e in params.get("ENCODING", [])}
    if encodings & {"QUOTED-PRINTABLE", "Q"}:
        raw = value.encode("latin-1") if raw_is_bytes else value.encode("utf-8", "replace")
        return _text(binascii.a2b_qp(raw), charset)
    if raw_is_bytes:
        return _text(value.encode("latin-1"), charset)
    return value


def _text(data: bytes, charset: str) -> str:
    """The value in its declared charset; without one, with one Pont cannot use ("undefined",
    a misspelling), or one the bytes are not in: in UTF-8, else Windows-1252."""
    if charset:
        declared = decode_declared(data, charset, errors="strict")
        if declared is not None:
            return declared
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_escaped(value: str, separators: str) -> list[str]:
    """Components of a structured value, split at separators not escaped by a backslash."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


_ESCAPES = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}


def _unescape(value: str, version: str) -> str:
    if version.startswith("2"):
        # 2.1 escapes only separators; a backslash elsewhere (C:\notes) is literal.
        value = value.replace("\\;", ";").replace("\\,", ",")
    else:
        value = _ESCAPES.sub(lambda m: _ESCAPED.get(m.group(1), m.group(0)), value)
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _contact(card: _Card) -> Contact:
    version_prop = card.first("VERSION")
    version = version_prop.value.strip() if version_prop else "3.0"

    def text(name: str) -> str:
        prop = card.first(name)
        return "" if prop is None else _unescape(prop.value, version)

    def components(name: str, separators: str = ";") -> list[str]:
        prop = card.first(name)
        if prop is None:
            return []
        return [_unescape(part, version) for part in _split_escaped(prop.value, separators)]

    email = _preferred_email(card)
    name = text("FN")
    if not name or name.casefold() == email.casefold():
        last, first, middle = (components("N") + ["", "", ""])[:3]
        name = " ".join(part for part in (first, middle, last) if part)
    if name.casefold() == email.casefold():
        name = ""
    tags: list[str] = []
    seen = set(_SYSTEM_CATEGORIES)
    for prop in card.properties:
        if prop.name == "CATEGORIES":
            for part in _split_escaped(prop.value, ",;"):
                tag = " ".join(_unescape(part, version).split())
                if tag and tag.casefold() not in seen:
                    seen.add(tag.casefold())
                    tags.append(tag)
    notes = "\n".join(_unescape(p.value, version) for p in card.properties if p.name == "NOTE")
    return Contact(
        email=email,
        name=name,
        organisation=(components("ORG") or [""])[0],
        tags=tuple(tags),
        notes=notes.strip(),
        where=translate("Import", "card {number}").format(number=card.number),
    )


def _preferred_email(card: _Card) -> str:
    """The address marked preferred (TYPE=PREF in 2.1/3.0, PREF=1 in 4.0), else the first."""
    best: tuple[int, int, str] | None = None
    for index, prop in enumerate(card.properties):
        if prop.name != "EMAIL":
            continue
        address = re.sub(r"(?i)\Amailto:", "", prop.value.strip()).strip()
        types = {t.upper() for t in prop.params.get("TYPE", [])}
        if not address or "X400" in types:
            continue
        rank = 100
        if "PREF" in types:
            rank = 0
        for pref in prop.params.get("PREF", []):
            if pref.isdigit():
                rank = min(rank, int(pref))
        if best is None or (rank, index) < best[:2]:
            best = (rank, index, address)
    return "" if best is None else best[2]
