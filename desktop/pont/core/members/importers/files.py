"""Reading everyone in a contacts file: a vCard, a CSV with its columns guessed, or a list."""

from __future__ import annotations

from pathlib import Path

from pont.core.members.contacts import ParsedContacts
from pont.core.members.importers.csv_file import CsvTable, read_csv_bytes
from pont.core.members.importers.decoding import decode_text, read_import_file, refuse_binary
from pont.core.members.importers.mapping import contacts_from_table, guess_mapping, no_email_column
from pont.core.members.importers.pasted import address_in_cell, looks_like_address, parse_pasted
from pont.core.members.importers.vcard import looks_like_vcard, read_vcards

_VCARD_SUFFIXES = {".vcf", ".vcard"}


def load_contacts_file(path: Path) -> ParsedContacts:
    """Everyone in a vCard or CSV file (columns guessed), or ImportFileError saying why not."""
    return load_contacts_bytes(read_import_file(path), path.suffix)


def load_contacts_bytes(data: bytes, suffix: str = "") -> ParsedContacts:
    """As load_contacts_file, for bytes already read; suffix is the file name's, e.g. ".vcf"."""
    refuse_binary(data)
    if looks_like_vcard(data) or suffix.lower() in _VCARD_SUFFIXES:
        return read_vcards(data)
    table = read_csv_bytes(data)
    mapping = guess_mapping(table.headers, table.rows)
    if not table.has_header and _columns_with_addresses(table) > 1:
        # Not a table but a list, like pasted text saved to a file: "Ann <a@x.org>, b@y.org".
        return parse_pasted(decode_text(data)[0])
    if not mapping.has_email:
        raise no_email_column()
    return contacts_from_table(table, mapping)


def _columns_with_addresses(table: CsvTable) -> int:
    sample = table.rows[:200]
    return sum(
        1
        for column in range(len(table.headers))
        if any(looks_like_address(address_in_cell(row[column])[1]) for row in sample)
    )
