"""Members as a CSV file that Excel, Google Sheets, Mailman and groups.io open as they are."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from pont.core.members.exporters.exportable import ExportableMember

HEADERS = ("Name", "Email", "Organisation", "Status", "Tags", "Joined", "Notes")
TAG_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by Excel and LibreOffice, and a name
# or an address can come from a stranger's join request; a leading apostrophe makes it plain
# text there, and Pont's importer takes it off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A tag holding one of these, or starting with "*" (as Google's own groups do), is written in
# double quotes, so that the importer reads it back as one tag and keeps it.
_TAG_SEPARATORS = (",", ";", ":::", '"')


def export_csv(members: Iterable[ExportableMember]) -> bytes:
    """UTF-8 with a BOM (without it Excel reads the file as Windows-1252), CRLF line ends.

    Every cell is written as the member has it, so that importing the file gives back the same
    members; only an apostrophe goes before any that a spreadsheet would run as a formula.
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(members))
    return buffer.getvalue().encode("utf-8-sig")


def csv_rows(members: Iterable[ExportableMember]) -> Iterator[list[str]]:
    """The header, then each member's cells, as export_csv writes them."""
    yield list(HEADERS)
    for member in members:
        yield [
            safe_cell(member.name),
            safe_cell(member.email),
            safe_cell(member.organisation),
            str(member.status),
            safe_cell(tags_cell(member.tags)),
            member.joined.isoformat(),
            safe_cell(member.notes),
        ]


def safe_cell(text: str) -> str:
    """The text, with an apostrophe before it if a spreadsheet would run it as a formula."""
    # Apostrophes already there get one more, so that the importer's undo is exact.
    guarded = text.lstrip("'").startswith(FORMULA_STARTS)
    return "'" + text if guarded else text


def unguarded_cell(text: str) -> str:
    """The text safe_cell was given: without the apostrophe it put before a formula."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def tags_cell(tags: Iterable[str]) -> str:
    """Tags as one cell: "Leads; Wellbeing", and "Leads; \"North, South\"" for a tag that holds
    a separator."""
    return TAG_SEPARATOR.join(
        '"' + tag.replace('"', '""') + '"'
        if tag.startswith("*") or any(separator in tag for separator in _TAG_SEPARATORS)
        else tag
        for tag in tags
    )
