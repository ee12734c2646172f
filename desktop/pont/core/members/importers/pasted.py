"""Addresses pasted from an email's recipients, a spreadsheet column or a typed list."""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

from pont.core.i18n import translate
from pont.core.members.contacts import Contact, ParsedContacts
from pont.core.members.importers.decoding import decode_declared

# email.utils.getaddresses is not used: it treats ";" as part of a name, turns garbage into
# half-addresses, and splits Outlook's unquoted "Jones, Ann <ann@example.org>" in two.

# The domain's dot is looked for apart: "[^@]+\.[^@]+" in the pattern would try every dot of a
# long "a@b.b.b…" against the rest of the text, taking time growing with the square of it.
_ADDRESS = re.compile(r"[^\s@<>]+@([^\s@<>]+)")
_MAILTO = re.compile(r"\Amailto:", re.IGNORECASE)
_WORD = re.compile(r"[^\s<(]+")
_NEEDS_PARSING = re.compile(r'[\s<("]')
_CLOSERS = {'"': '"', "<": ">", "(": ")"}
# Header words a person may copy along with a spreadsheet column of addresses.
_HEADINGS = {"email", "emails", "emailaddress", "emailaddresses", "mail", "address", "ebost"}


@dataclass
class _Item:
    """Text between separators (comma, semicolon, line end) outside quotes and brackets."""

    text: str
    line: int
    separator: str  # what ended it: ",", ";", "\n" or "" at the end


@dataclass
class _Entry:
    email: str
    name: str
    line: int


def looks_like_address(text: str) -> bool:
    """Shaped like name@domain.tld; a quick test for guessing, not validation."""
    match = _ADDRESS.fullmatch(text)
    return match is not None and "." in match.group(1)[1:-1]


# Exchange's own X.500 form, "/o=ExchangeLabs/ou=…/cn=…", which Outlook exports for colleagues
# in the same organisation, sometimes with its "EX:" type in front: no use outside it.
_EXCHANGE = re.compile(r"\A\s*(?:ex:|/o=)", re.IGNORECASE)


def is_exchange_address(text: str) -> bool:
    """Whether the text is an Exchange X.500 address rather than an internet one."""
    return _EXCHANGE.match(text) is not None


def typed_address(text: str) -> tuple[str, str]:
    """(name, address) from an address field where a person may type "Ann Jones <ann@x.org>"
    or "ann@x.org (Ann Jones)" as well as a bare address; anything else comes back whole as
    the address (stripped), for the address check to explain.
    """
    name, address = address_in_cell(text)
    if looks_like_address(address):
        return name, address
    return "", text.strip()


def address_in_cell(cell: str) -> tuple[str, str]:
    """(name, address) from a spreadsheet cell holding "ann@x.org" or "Ann <ann@x.org>".

    A cell that holds no single clear address is returned whole as the address, so that the
    report shows what was there.
    """
    text = cell.strip()
    if _NEEDS_PARSING.search(text) is None:
        return "", _clean_address(text)
    entries = [entry for entry in _entries(text, 1) if entry.email]
    if len(entries) == 1:
        return entries[0].name, entries[0].email
    return "", text


def parse_pasted(text: str) -> ParsedContacts:
    """Everyone in pasted text; where is "line N" for one per line, else "item N"."""
    entries: list[_Entry] = []
    items = _split_items(text.replace("\r\n", "\n").replace("\r", "\n"))
    pending_name: _Entry | None = None
    for index, item in enumerate(items):
        found = _entries(item.text, item.line)
        if pending_name is not None:
            addressed = [entry for entry in found if entry.email]
            if len(found) == 1 and addressed and found[0].line == pending_name.line:
                # Outlook shows "Jones, Ann <ann@x.org>", and spreadsheets "Ann Jones,ann@x.org".
                first = found[0]
                first.name = (
                    f"{pending_name.name}, {first.name}" if first.name else pending_name.name
                )
            else:
                entries.append(pending_name)
            pending_name = None
        name_only = len(found) == 1 and not found[0].email
        if name_only and item.separator == "," and index + 1 < len(items):
            pending_name = found[0]
            continue
        entries.extend(found)
    if pending_name is not None:
        entries.append(pending_name)
    entries = [e for e in entries if e.email or _normalised(e.name) not in _HEADINGS]

    lines = [entry.line for entry in entries]
    by_line = len(set(lines)) == len(lines) and len(lines) > 1
    return ParsedContacts(
        contacts=[
            Contact(
                email=entry.email,
                name=entry.name,
                where=(
                    translate("Import", "line {number}").format(number=entry.line)
                    if by_line
                    else translate("Import", "item {number}").format(number=number)
                ),
            )
            for number, entry in enumerate(entries, start=1)
        ]
    )


def _split_items(text: str) -> list[_Item]:
    items: list[_Item] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        openers = '"<('
        parts, left_open = _split_line(line, openers)
        while left_open:  # a stray quote or bracket: split as if that kind were not there
            openers = openers.replace(left_open, "")
            parts, left_open = _split_line(line, openers)
        end_of_line = "\n" if number < len(lines) else ""
        for part, separator in parts:
            if part.strip():
                items.append(_Item(part.strip(), number, separator or end_of_line))
    return items


def _split_line(line: str, openers: str) -> tuple[list[tuple[str, str]], str]:
    """The line's pieces split at "," and ";" outside quotes and brackets, with the separator
    after each; and the opening character left unclosed, if any.
    """
    parts: list[tuple[str, str]] = []
    start = depth = 0
    opener = closing = ""
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif closing:
            if char == "\\" and closing == '"':
                escaped = True
            elif char == opener == "(":
                depth += 1
            elif char == closing:
                depth -= 1
                closing = closing if depth else ""
        elif char in ",;":
            parts.append((line[start:index], char))
            start = index + 1
        elif char in openers:
            opener, closing, depth = char, _CLOSERS[char], 1
    parts.append((line[start:], ""))
    return parts, opener if closing else ""


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pieces of one item: quoted, angle, comment or word."""
    tokens: list[tuple[str, str]] = []
    closing_brackets: dict[int, int] | None = None
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif char == '"':
            end = position + 1
            value: list[str] = []
            while end < len(text) and text[end] != '"':
                if text[end] == "\\" and end + 1 < len(text):
                    end += 1
                value.append(text[end])
                end += 1
            if end >= len(text):  # a stray quote: read on as if it were not there
                position += 1
                continue
            tokens.append(("quoted", "".join(value)))
            position = end + 1
        elif char == "<":
            end = text.find(">", position)
            end = len(text) if end < 0 else end
            tokens.append(("angle", text[position + 1 : end]))
            position = end + 1
        elif char == "(":
            if closing_brackets is None:
                closing_brackets = _closing_brackets(text)
            end = closing_brackets.get(position, -1)
            if end < 0:  # a stray bracket: read on as if it were not there
                position += 1
                continue
            tokens.append(("comment", text[position + 1 : end]))
            position = end + 1
        else:
            match = _WORD.match(text, position)
            assert match is not None
            tokens.append(("word", match.group()))
            position = match.end()
    return tokens


_BRACKET = re.compile(r"[()]")


def _closing_brackets(text: str) -> dict[int, int]:
    """Where each "(" that is closed is closed, nesting counted: found in one pass, so that a
    cell of thousands of stray brackets is not searched again from each of them."""
    closing: dict[int, int] = {}
    still_open: list[int] = []
    for bracket in _BRACKET.finditer(text):
        if bracket.group() == "(":
            still_open.append(bracket.start())
        elif still_open:
            closing[still_open.pop()] = bracket.start()
    return closing


def _entries(text: str, line: int) -> list[_Entry]:
    """The people in one item: "Name <a@b>", "a@b (Name)", "Name a@b", "a@b c@d", or a name."""
    if "\t" in text:  # a row copied from a spreadsheet: one cell holds the name
        return _spreadsheet_row(text.split("\t"), line)
    tokens = _tokens(text)
    entries: list[_Entry] = []
    words: list[str] = []
    for index, (kind, value) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ("", "")
        if kind == "angle" or (kind == "word" and "@" in value and not _same(value, following)):
            address = _clean_address(value)
            entries.append(_Entry(address, _clean_name(words, address), line))
            words = []
        elif kind == "comment" and entries and not entries[-1].name and not words:
            entries[-1].name = _clean_name([value], entries[-1].email)
        else:
            words.append(f"({value})" if kind == "comment" else value)
    if words:
        if entries and not entries[-1].name:  # "ann@x.org Ann Jones"
            entries[-1].name = _clean_name(words, entries[-1].email)
        else:
            entries.append(_Entry("", _clean_name(words, ""), line))
    return entries


def _same(word: str, following: tuple[str, str]) -> bool:
    """Whether a bare address is only the display name of the same address in <>."""
    kind, value = following
    return kind == "angle" and _clean_address(word).casefold() == _clean_address(value).casefold()


def _spreadsheet_row(cells: list[str], line: int) -> list[_Entry]:
    entries: list[_Entry] = []
    names: list[str] = []
    for cell in cells:
        found = _entries(cell, line) if cell.strip() else []
        if any(entry.email for entry in found):
            entries.extend(entry for entry in found if entry.email)
        elif found:
            names.append(found[0].name)
    if len(entries) == 1 and not entries[0].name and names:
        entries[0].name = names[0]
    if not entries and names and not any(_normalised(n) in _HEADINGS for n in names):
        entries.append(_Entry("", names[0], line))
    return entries


def _clean_address(text: str) -> str:
    address = _MAILTO.sub("", text.strip()).strip()
    if len(address) > 1 and address[0] == address[-1] == "'":
        address = address[1:-1]  # 'ann@x.org' as some people quote it
    return address.rstrip(".,;")  # a sentence's punctuation, never the end of a domain


def _clean_name(words: list[str], address: str) -> str:
    name = " ".join(" ".join(words).split())
    if len(name) > 1 and name[0] == name[-1] == "'":
        name = name[1:-1].strip()  # Outlook's 'Ann Jones' <ann@x.org>
    if "=?" in name:  # copied from raw headers
        name = " ".join(_decoded_words(name).split())
    return "" if name.casefold() == address.casefold() else name


# RFC 2047's encoded words. email.header's decode_header and make_header are not used: they
# take time growing with the square of the number of words, and raise on odd charsets.
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")


def _decoded_words(text: str) -> str:
    """The text with its encoded words decoded; space between two encoded words is dropped,
    and a word in a charset Pont cannot read is left as it is."""
    pieces: list[str] = []
    end = 0
    for match in _ENCODED_WORD.finditer(text):
        between = text[end : match.start()]
        if not (pieces and end and not between.strip()):
            pieces.append(between)
        pieces.append(_decoded_word(match))
        end = match.end()
    pieces.append(text[end:])
    return "".join(pieces)


def _decoded_word(word: re.Match[str]) -> str:
    charset, encoding, encoded = word.groups()
    try:
        if encoding in "bB":
            data = binascii.a2b_base64(encoded + "=" * (-len(encoded) % 4))
        else:
            data = binascii.a2b_qp(encoded, header=True)
    except (binascii.Error, ValueError):
        return word.group()
    decoded = decode_declared(data, charset.partition("*")[0])  # "utf-8*cy": RFC 2231 language
    return word.group() if decoded is None else decoded


def _normalised(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
