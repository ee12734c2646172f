"""Members as a vCard 3.0 file, which phones, Outlook, Apple and Google Contacts all read."""

from __future__ import annotations

from collections.abc import Iterable

from pont.core.members.exporters.exportable import ExportableMember

_FOLD_AT = 75  # octets per line, not counting the CRLF (RFC 2425 and 6350)


def export_vcard(members: Iterable[ExportableMember]) -> str:
    """One card per member, CRLF line ends, long lines folded; encode the result as UTF-8."""
    lines: list[str] = []
    for member in members:
        name = " ".join(member.name.split())
        lines += ["BEGIN:VCARD", "VERSION:3.0"]
        # FN and N are required in 3.0; an address stands in for a missing name, as phones do.
        lines.append("FN:" + escape(name or member.email))
        lines.append("N:" + ";".join(escape(part) for part in structured_name(name)))
        lines.append("EMAIL;TYPE=INTERNET:" + escape(member.email))
        if member.organisation.strip():
            lines.append("ORG:" + escape(member.organisation.strip()))
        if member.tags:
            lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in member.tags))
        if member.notes.strip():
            lines.append("NOTE:" + escape(member.notes.strip()))
        lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def structured_name(name: str) -> tuple[str, str, str, str, str]:
    """N's family;given;additional;prefix;suffix from one name, as well as a guess can do.

    "Jones, Ann" is read as family name first; otherwise the last word is the family name.
    """
    family, comma, given = name.partition(",")
    if comma:
        return family.strip(), given.strip(), "", "", ""
    given, _, family = name.rpartition(" ")
    return (family, given, "", "", "") if given else (name, "", "", "", "")


def escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char in ("\\", ",", ";"):
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """The line cut into pieces of at most 75 octets of UTF-8, never inside a character."""
    if len(line.encode("utf-8")) <= _FOLD_AT:
        return line
    pieces: list[str] = []
    piece: list[str] = []
    size = 0
    limit = _FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(piece))
            piece, size, limit = [], 0, _FOLD_AT - 1  # continuation lines start with a space
        piece.append(char)
        size += width
    pieces.append("".join(piece))
    return "\r\n ".join(pieces)
