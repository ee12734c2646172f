"""The import dialog's background work: reading a file or pasted text, and a tally of who is new."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pont.core.errors import ImportFileError, InvalidAddress
from pont.core.i18n import translate
from pont.core.members.addresses import address_key, checked_address
from pont.core.members.contacts import ParsedContacts
from pont.core.members.importers.csv_file import CsvTable, read_csv_bytes
from pont.core.members.importers.decoding import decode_text, read_import_file, refuse_binary
from pont.core.members.importers.mapping import ColumnMapping, contacts_from_table, guess_mapping
from pont.core.members.importers.pasted import address_in_cell, looks_like_address, parse_pasted
from pont.core.members.importers.vcard import looks_like_vcard, read_vcards
from pont.core.members.importing import ImportReport, import_contacts
from pont.core.members.members import MemberStatus, list_members
from pont.core.members.names import (
    first_surname_first,
    looks_surname_first,
    with_first_names_first,
)
from pont.core.profile.store import BACKGROUND_WAIT, open_database

# Recorded as the source of each member added from the paste box, as a file's name is: data
# kept in the database in English (as "typed" is), never shown in the window.
PASTED_SOURCE = "pasted text"
_VCARD_SUFFIXES = {".vcf", ".vcard"}
_SAMPLE_ROWS = 200


class SourceKind(Enum):
    CSV = "csv"  # a table whose columns the coordinator maps
    VCARD = "vcard"
    LIST = "list"  # a text file of addresses, read as if pasted
    PASTED = "pasted"


@dataclass
class Source:
    """People read from one file or from the paste box, not yet imported.

    A CSV keeps its table, for the coordinator to say which column holds what; every other
    kind is already read as contacts.
    """

    name: str  # the file's name, or PASTED_SOURCE: recorded as each new member's source
    kind: SourceKind
    members: dict[str, MemberStatus]  # the group's members now, by address_key
    table: CsvTable | None = None
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    blank_columns: frozenset[int] = frozenset()  # CSV columns with nothing in any row
    parsed: ParsedContacts | None = None


class Standing(Enum):
    """What importing would do with one person."""

    NEW = "new"
    MEMBER = "member"  # already in the group: empty details filled in, nothing overwritten
    LEFT = "left"  # in the group's list as having left: stays so
    REPEATED = "repeated"  # the same address came earlier in this source
    UNUSABLE = "unusable"  # no address, or one that cannot be used


@dataclass(frozen=True)
class Tally:
    """The people a source yields and, for each, what importing would do and why."""

    parsed: ParsedContacts
    standings: list[tuple[Standing, str]]  # per contact: standing, and the reason or earlier place
    # A name from the source written "Evans, Dai", when most of its names are written so
    # (the dialog offers to put first names first); '' otherwise.
    surname_first: str = ""

    @property
    def counts(self) -> Counter[Standing]:
        counts = Counter(standing for standing, _ in self.standings)
        counts[Standing.UNUSABLE] += len(self.parsed.skipped)
        return counts

    @property
    def found(self) -> int:
        return len(self.parsed.contacts) + len(self.parsed.skipped)

    @property
    def usable(self) -> int:
        counts = self.counts
        return counts[Standing.NEW] + counts[Standing.MEMBER] + counts[Standing.LEFT]


def group_members(database_path: Path, group_id: int) -> dict[str, MemberStatus]:
    """The group's members by address key, on a connection of the calling thread's own."""
    db = open_database(database_path, busy_timeout=BACKGROUND_WAIT)
    try:
        return {address_key(m.email): m.status for m in list_members(db, group_id)}
    finally:
        db.close()


def read_file(path: Path, database_path: Path, group_id: int) -> Source:
    """A vCard or CSV file (columns guessed, not yet applied), or ImportFileError saying why not.

    This follows pont.core.members.importers.files.load_contacts_bytes, but keeps a CSV as a
    table so the coordinator can see and change the guess, and keeps one without an address
    column too.
    """
    data = read_import_file(path)
    refuse_binary(data)
    members = group_members(database_path, group_id)
    if looks_like_vcard(data) or path.suffix.lower() in _VCARD_SUFFIXES:
        return Source(path.name, SourceKind.VCARD, members, parsed=read_vcards(data))
    table = read_csv_bytes(data)
    if not table.has_header and _columns_with_addresses(table) > 1:
        # Pasted text saved to a file: "Ann <a@x.org>, b@y.org" is a list, not a table.
        parsed = parse_pasted(decode_text(data)[0])
        return Source(path.name, SourceKind.LIST, members, parsed=parsed)
    if not table.rows:
        raise ImportFileError(
            translate(
                "Import",
                "This file has a row of headings but no contacts under it; "
                "check that you exported the right address book.",
            )
        )
    return Source(
        path.name,
        SourceKind.CSV,
        members,
        table=table,
        mapping=guess_mapping(table.headers, table.rows),
        blank_columns=_blank_columns(table),
    )


def read_pasted(text: str, database_path: Path, group_id: int) -> Source:
    members = group_members(database_path, group_id)
    return Source(PASTED_SOURCE, SourceKind.PASTED, members, parsed=parse_pasted(text))


def read_and_tally(read: Callable[[], Source]) -> tuple[Source, Tally | None]:
    """Read a source and, unless it is a CSV still needing its email column, count its people."""
    source = read()
    if source.kind is SourceKind.CSV and not source.mapping.has_email:
        return source, None
    return source, tally_source(source, source.mapping)


def import_into(
    database_path: Path, group_id: int, tally: Tally, name: str, first_names_first: bool = False
) -> ImportReport:
    parsed = with_first_names_first(tally.parsed) if first_names_first else tally.parsed
    db = open_database(database_path, busy_timeout=BACKGROUND_WAIT)
    try:
        return import_contacts(db, group_id, parsed, source=name, origin="window")
    finally:
        db.close()


def tally_source(source: Source, mapping: ColumnMapping) -> Tally:
    """What importing the source would do; for a CSV, with the columns mapped as given."""
    if source.table is not None:
        parsed = contacts_from_table(source.table, mapping)
    else:
        parsed = source.parsed or ParsedContacts()
    return tally(parsed, source.members)


def tally(parsed: ParsedContacts, members: dict[str, MemberStatus]) -> Tally:
    """Each contact's standing, decided as importing.import_contacts decides it."""
    standings: list[tuple[Standing, str]] = []
    first_seen: dict[str, str] = {}
    for contact in parsed.contacts:
        if not contact.email.strip():
            standings.append((Standing.UNUSABLE, translate("Import", "no email address")))
            continue
        try:
            key = address_key(checked_address(contact.email))
        except InvalidAddress as error:
            standings.append((Standing.UNUSABLE, error.reason))
            continue
        if key in first_seen:
            standings.append((Standing.REPEATED, first_seen[key]))
            continue
        first_seen[key] = contact.where or contact.email
        status = members.get(key)
        if status is None:
            standings.append((Standing.NEW, ""))
        elif status is MemberStatus.LEFT:
            standings.append((Standing.LEFT, ""))
        else:
            standings.append((Standing.MEMBER, ""))
    names = [contact.name for contact in parsed.contacts]
    example = first_surname_first(names) if looks_surname_first(names) else ""
    return Tally(parsed, standings, example)


def _blank_columns(table: CsvTable) -> frozenset[int]:
    blank = set(range(len(table.headers)))
    for row in table.rows:
        blank.difference_update([column for column in blank if row[column].strip()])
        if not blank:
            break
    return frozenset(blank)


def _columns_with_addresses(table: CsvTable) -> int:
    sample = table.rows[:_SAMPLE_ROWS]
    return sum(
        1
        for column in range(len(table.headers))
        if any(looks_like_address(address_in_cell(row[column])[1]) for row in sample)
    )
