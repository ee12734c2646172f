"""Reading a CSV file as Excel, Outlook, Google and Thunderbird write it, before mapping columns."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pont.core.errors import ImportFileError
from pont.core.i18n import translate
from pont.core.members.contacts import OtherEncoding
from pont.core.members.importers.decoding import (
    MAX_IMPORT_BYTES,
    check_size,
    decode_lines,
    read_import_file,
    refuse_binary,
)

DELIMITERS = (",", ";", "\t", "|")

_SEP_LINE = re.compile(r'\A[ \t]*"?sep=(.)"?[ \t]*(?:\r\n|\r|\n)', re.IGNORECASE)
# A cell that is nothing but an address (maybe with a name): the file has no header row. The
# domain's dot is checked apart, as a dot in the pattern makes a long "a@b.b.b…" cell slow.
_ADDRESS_CELL = re.compile(r"(?:[^<>]*<)?\s*[^\s@<>,;\"]+@([^\s@<>,;\"]+)\s*>?")
_SNIFF_CHARS = 65536
_SNIFF_RECORDS = 50


@dataclass
class CsvTable:
    """A CSV as read, before its columns are mapped to fields; blank rows left out."""

    headers: list[str]
    rows: list[list[str]]  # data rows, header excluded, each exactly len(headers) cells
    encoding: str  # "utf-8-sig", "utf-8", "cp1252", "utf-16", ...
    delimiter: str  # ",", ";", "\t" or "|"
    first_data_line: int  # spreadsheet row number of rows[0]: the header is row 1
    # Spreadsheet row number of each row, which differs from first_data_line + index after a
    # blank row; empty means "no gaps".
    row_numbers: list[int] = field(default_factory=list)
    has_header: bool = True  # False when the first row already held an address
    # Spreadsheet row numbers of the rows whose letters were not in the file's encoding (a
    # UTF-8 file with rows pasted in from an older one), and the encoding they were read in.
    other_encoding_rows: list[int] = field(default_factory=list)
    other_encoding: str = ""

    def other_encoding_found(self) -> OtherEncoding | None:
        if not self.other_encoding_rows:
            return None
        return OtherEncoding(self.other_encoding, tuple(self.other_encoding_rows))

    def row_number(self, index: int) -> int:
        if index < len(self.row_numbers):
            return self.row_numbers[index]
        return self.first_data_line + index


def read_csv_file(path: Path) -> CsvTable:
    return read_csv_bytes(read_import_file(path))


def read_csv_bytes(data: bytes) -> CsvTable:
    """The table in a CSV file's bytes, or ImportFileError saying why it cannot be read."""
    check_size(data)
    refuse_binary(data)
    decoded = decode_lines(data)
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        raise ImportFileError(
            translate(
                "Import",
                "This file has nothing in it but blank space; check that you chose the right file.",
            )
        )
    other_lines = set(decoded.other_lines)
    sep_line = _SEP_LINE.match(text)
    if sep_line:  # Excel's "sep=;" hint; Excel hides that line, so it is not counted as a row
        delimiter = sep_line.group(1)
        text = text[sep_line.end() :]
        other_lines = {line - 1 for line in other_lines if line}
    else:
        delimiter = detect_delimiter(text)
    table = _table(text, decoded.encoding, delimiter, other_lines)
    table.other_encoding = decoded.other_encoding if table.other_encoding_rows else ""
    return table


def detect_delimiter(text: str) -> str:
    """The delimiter the header row uses, confirmed by how evenly the next rows split with it.

    csv.Sniffer guesses from character frequencies and is often wrong on contacts files, where
    names hold commas and notes hold semicolons.
    """
    head = text[:_SNIFF_CHARS]
    counts = _counts_in_first_record(head)
    viable = [d for d in DELIMITERS if counts[d] > 0]
    if not viable:
        return ","
    if len(viable) == 1:
        return viable[0]

    def score(delimiter: str) -> tuple[int, int]:
        records = [r for r in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter) if r]
        records = records[: _SNIFF_RECORDS + 1]
        if len(records) > 2:
            records = records[:-1]  # the sample may cut the last record short
        width = len(records[0])
        even = sum(1 for record in records[1:] if len(record) == width)
        return even, counts[delimiter]

    return max(viable, key=score)


def _counts_in_first_record(head: str) -> Counter[str]:
    """How often each candidate delimiter appears outside quotes in the first non-blank line."""
    counts: Counter[str] = Counter()
    in_quotes = False
    seen_text = False
    for char in head:
        if char == '"':
            in_quotes = not in_quotes
        elif in_quotes:
            continue
        elif char in "\r\n":
            if seen_text:
                break
        elif char in DELIMITERS:
            counts[char] += 1
            seen_text = True
        elif not char.isspace():
            seen_text = True
    return counts


# Read after the file's last line: it closes a quotation mark left open, so that such a mark
# is told apart from a cell that rightly ends at the end of the file.
_AFTER_THE_END = '"\n'


def _table(text: str, encoding: str, delimiter: str, other_lines: set[int]) -> CsvTable:
    # The csv module's 128 KB limit would refuse a long note in Pont's own export; no cell
    # can be longer than the file, whose size read_import_file and check_size limit.
    if csv.field_size_limit() < MAX_IMPORT_BYTES:
        csv.field_size_limit(MAX_IMPORT_BYTES)
    lines_read = 0
    file_lines = -1  # known once the reader has read past the file's last line

    def lines() -> Iterator[str]:
        nonlocal lines_read, file_lines
        for line in io.StringIO(text, newline=""):
            lines_read += 1
            yield line
        file_lines = lines_read
        lines_read += 1
        yield _AFTER_THE_END

    reader = csv.reader(lines(), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    rows: list[list[str]] = []
    row_numbers: list[int] = []
    other_records: list[int] = []
    first_row_number = 1
    number = first_line = 0
    try:
        for number, record in enumerate(reader, start=1):
            # The reader reads a line only when it needs it, so this record came from lines
            # first_line to lines_read - 1.
            if 0 <= file_lines <= first_line:
                break  # the line read after the end made a record of its own: all is well
            if 0 <= file_lines < lines_read:
                first = first_row_number if header is not None else number
                raise _unclosed_quote(number - first + 1)
            if other_lines and not other_lines.isdisjoint(range(first_line, lines_read)):
                other_records.append(number)
            first_line = lines_read
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header, first_row_number = record, number
            else:
                rows.append(record)
                row_numbers.append(number)
    except csv.Error:
        raise ImportFileError(
            translate(
                "Import",
                "Pont could not read row {number} of this file; open the file in a spreadsheet "
                "program, save it as CSV once more, and import that.",
            ).format(number=number + 2 - first_row_number if header is not None else 1)
        ) from None
    if header is None:
        raise ImportFileError(
            translate("Import", "This file has no rows in it; check that you chose the right file.")
        )
    has_header = not any(_is_address_cell(cell) for cell in header)
    if not has_header:
        rows.insert(0, header)
        row_numbers.insert(0, first_row_number)
        header = []
    headers = _headers(header, rows)
    width = len(headers)
    for index, row in enumerate(rows):
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        elif len(row) > width:
            rows[index] = row[:width]
    first = row_numbers[0] if row_numbers else first_row_number + 1
    gapless = row_numbers == list(range(first, first + len(row_numbers)))
    offset = first_row_number - 1  # so that the header is row 1, as in a spreadsheet
    return CsvTable(
        headers=headers,
        rows=rows,
        encoding=encoding,
        delimiter=delimiter,
        first_data_line=first - offset,
        row_numbers=[] if gapless else [n - offset for n in row_numbers],
        has_header=has_header,
        other_encoding_rows=[n - offset for n in other_records if n > offset],
    )


def _unclosed_quote(row: int) -> ImportFileError:
    return ImportFileError(
        translate(
            "Import",
            "Row {number} of this file has a cell that never ends, usually a quotation mark "
            "that is not closed; correct it in a spreadsheet program and try again.",
        ).format(number=row)
    )


def _is_address_cell(cell: str) -> bool:
    match = _ADDRESS_CELL.fullmatch(cell.strip())
    return match is not None and "." in match.group(1)[1:-1]


def _headers(header: list[str], rows: list[list[str]]) -> list[str]:
    """Header names for every used column; unnamed ones become "Column N".

    Columns past the last named header are kept only if some row has something in them, so
    the empty trailing columns Excel and Thunderbird write do not show up.
    """
    names = [cell.strip().lstrip("\ufeff") for cell in header]
    while names and not names[-1]:
        names.pop()
    width = len(names)
    for row in rows:
        if len(row) > width:
            for index in range(len(row) - 1, width - 1, -1):
                if row[index].strip():
                    width = index + 1
                    break
    names.extend([""] * (width - len(names)))
    return [
        name or translate("Import", "Column {number}").format(number=index + 1)
        for index, name in enumerate(names)
    ]
