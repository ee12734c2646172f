"""Members as a CSV file that Excel, Google Sheets, Mailman and groups.io open as they are."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from pont.core.members.exporters.exportable import ExportableMember

HEADERS = ("Name", "Email", "Organisation", "Status", "Tags", "Joined", "Notes")
TAG_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by Excel and LibreOffice, and a name
# can come from a stranger's join request; a leading apostrophe makes it plain text there,
# and Pont's importer takes it off again.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(members: Iterable[ExportableMember]) -> bytes:
    """UTF-8 with a BOM (without it Excel reads the file as Windows-1252), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for member in members:
        writer.writerow(
            [
                safe_cell(member.name),
                member.email,
                safe_cell(member.organisation),
                str(member.status),
                safe_cell(TAG_SEPARATOR.join(member.tags)),
                member.joined.isoformat(),
                safe_cell(member.notes.replace("\r\n", "\n")),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def safe_cell(text: str) -> str:
    """The text, with an apostrophe before it if a spreadsheet would run it as a formula."""
    # Apostrophes already there get one more, so that the importer's undo is exact.
    guarded = text.lstrip("'").startswith(_FORMULA_STARTS)
    return "'" + text if guarded else text
