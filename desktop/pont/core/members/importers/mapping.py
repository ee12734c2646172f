"""Which CSV column holds what: guessed from headers (and values), editable, then applied."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from pont.core.errors import ImportFileError
from pont.core.i18n import translate
from pont.core.members.contacts import Contact, ParsedContacts
from pont.core.members.exporters.csv_file import HEADERS as PONT_HEADERS
from pont.core.members.exporters.csv_file import unguarded_cell
from pont.core.members.importers.csv_file import CsvTable
from pont.core.members.importers.pasted import (
    address_in_cell,
    is_exchange_address,
    looks_like_address,
)


class Field(StrEnum):
    EMAIL = "email"
    EMAIL_2 = "email_2"
    EMAIL_3 = "email_3"
    NAME = "name"
    FIRST_NAME = "first_name"
    MIDDLE_NAME = "middle_name"
    LAST_NAME = "last_name"
    ORGANISATION = "organisation"
    TAGS = "tags"
    NOTES = "notes"


EMAIL_FIELDS = (Field.EMAIL, Field.EMAIL_2, Field.EMAIL_3)


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Header names, lower-cased with everything but letters and digits removed, in order of
# preference: "E-mail 2 Address" -> "email2address". They cover Outlook, Google Contacts (new
# and old), Thunderbird, Apple, Mailchimp and plain spreadsheets, plus Welsh headings.
_HEADERS: dict[Field, tuple[str, ...]] = {
    Field.EMAIL: _names(
        "email emailaddress mail emails primaryemail email1value email1 emailaddress1 "
        "email1address workemail homeemail ebost cyfeiriadebost"
    ),
    Field.EMAIL_2: _names(
        "email2address email2value email2 emailaddress2 secondaryemail secondemail otheremail "
        "alternateemail"
    ),
    Field.EMAIL_3: _names("email3address email3value email3 emailaddress3"),
    Field.NAME: _names("fullname displayname name contactname contact person member enwllawn enw"),
    Field.FIRST_NAME: _names("firstname givenname forename first enwcyntaf"),
    Field.MIDDLE_NAME: _names("middlename additionalname middle"),
    Field.LAST_NAME: _names("lastname surname familyname last cyfenw"),
    Field.ORGANISATION: _names(
        "organisation organization company organizationname organisationname organization1name "
        "companyname employer org sefydliad cwmni"
    ),
    Field.TAGS: _names("tags tag labels categories groupmembership groups tagiau"),
    Field.NOTES: _names("notes note comments comment nodiadau nodyn"),
}
# Headers that mention mail but hold something else ("E-mail Type", "E-mail Display Name").
_NOT_ADDRESSES = ("type", "display", "label", "kind", "name", "status", "format", "opt")
_NORMALISE = re.compile(r"[\W_]+")
_VALUE_SAMPLE = 200
_TAG_SEPARATORS = re.compile(r":::|;|,")  # spaces around them go with each tag's own
# A tag in double quotes, as Pont's export writes one holding a separator.
_QUOTED_TAG = re.compile(r'\s*"([^"]*(?:""[^"]*)*)"\s*(?::::|;|,|\Z)')


@dataclass
class ColumnMapping:
    """Which column feeds each field; a column feeds at most one field, a field one column."""

    columns: dict[Field, int] = field(default_factory=dict)

    def field_for(self, column: int) -> Field | None:
        for mapped, index in self.columns.items():
            if index == column:
                return mapped
        return None

    def assign(self, column: int, mapped: Field | None) -> None:
        """Make the column feed this field (None: ignore the column), as a combo box would."""
        previous = self.field_for(column)
        if previous is not None:
            del self.columns[previous]
        if mapped is not None:
            self.columns[mapped] = column

    @property
    def has_email(self) -> bool:
        return any(f in self.columns for f in EMAIL_FIELDS)


def normalise_header(header: str) -> str:
    return _NORMALISE.sub("", header.casefold())


def guess_mapping(headers: Sequence[str], rows: Sequence[Sequence[str]] = ()) -> ColumnMapping:
    """The mapping a person would most likely choose; pass rows to find unlabelled addresses."""
    names = [normalise_header(h) for h in headers]
    mapping = ColumnMapping()
    for mapped, candidates in _HEADERS.items():
        for candidate in candidates:
            if candidate in names:
                column = names.index(candidate)
                if mapping.field_for(column) is None:
                    mapping.columns[mapped] = column
                    break
    if mapping.has_email:
        return mapping
    for column, name in enumerate(names):
        mentions_mail = "mail" in name or "ebost" in name
        if (
            mentions_mail
            and not any(word in name for word in _NOT_ADDRESSES)
            and mapping.field_for(column) is None
        ):
            mapping.columns[Field.EMAIL] = column
            return mapping
    column_of_addresses = _column_of_addresses(len(headers), rows, mapping)
    if column_of_addresses is not None:
        mapping.assign(column_of_addresses, Field.EMAIL)
        other = 1 - column_of_addresses
        if len(headers) == 2 and mapping.field_for(other) is None and _holds_names(rows, other):
            mapping.assign(other, Field.NAME)  # a bare "Name,Email" or "Email,Name" list
    return mapping


def _holds_names(rows: Sequence[Sequence[str]], column: int) -> bool:
    values = [row[column].strip() for row in rows[:_VALUE_SAMPLE] if column < len(row)]
    values = [v for v in values if v]
    named = sum(1 for v in values if "@" not in v and any(char.isalpha() for char in v))
    return bool(values) and named * 2 > len(values)


def _column_of_addresses(
    width: int, rows: Sequence[Sequence[str]], mapping: ColumnMapping
) -> int | None:
    """The column where most filled cells look like addresses, if any."""
    best: tuple[float, int] | None = None
    sample = rows[:_VALUE_SAMPLE]
    for column in range(width):
        if mapping.field_for(column) not in (None, Field.NAME):
            continue
        values = [row[column].strip() for row in sample if column < len(row) and row[column]]
        values = [v for v in values if v]
        if not values:
            continue
        share = sum(1 for v in values if looks_like_address(address_in_cell(v)[1])) / len(values)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, column)
    return None if best is None else best[1]


def no_email_column() -> ImportFileError:
    return ImportFileError(
        translate(
            "Import",
            "This file has no column of email addresses, so Pont cannot tell whom to add; "
            "check that it is the right file and that one column holds the addresses.",
        )
    )


def contacts_from_table(table: CsvTable, mapping: ColumnMapping) -> ParsedContacts:
    """One Contact per non-blank row; a row without an address gets email "" (reported later)."""
    if not mapping.has_email:
        raise no_email_column()
    if not table.rows:
        raise ImportFileError(
            translate(
                "Import",
                "This file has a row of headings but no contacts under it; "
                "check that you exported the right address book.",
            )
        )
    columns = {f: i for f, i in mapping.columns.items() if 0 <= i < len(table.headers)}
    email_columns = [columns[f] for f in EMAIL_FIELDS if f in columns]
    name_parts = [
        columns[f] for f in (Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME) if f in columns
    ]
    # A column index, or the index of an always-empty cell appended to each row below.
    empty = len(table.headers)
    name, organisation, tags, notes = (
        columns.get(f, empty) for f in (Field.NAME, Field.ORGANISATION, Field.TAGS, Field.NOTES)
    )
    first = table.first_data_line
    numbers = table.row_numbers or range(first, first + len(table.rows))
    # Pont's own export is read exactly as it was written, line breaks and all, so that
    # importing it gives back the same members.
    cell = unguarded_cell if tuple(table.headers) == PONT_HEADERS else text_cell
    parsed = ParsedContacts()
    for number, cells in zip(numbers, table.rows, strict=False):
        # Padded (a table built elsewhere may be ragged), with the always-empty cell at the end.
        row = cells[:empty] + [""] * (empty + 1 - min(len(cells), empty))
        email, name_in_cell, exchange = "", "", ""
        for column in email_columns:
            if row[column].strip():
                name_in_cell, email = address_in_cell(cell(row[column]).split(":::")[0])
                if email and is_exchange_address(email):
                    # Outlook's colleague in the same organisation: their internet address,
                    # if Outlook knows it, is in E-mail 2 or 3.
                    exchange = exchange or email
                    email = ""
                elif email:
                    break
        email = email or exchange  # none better: the report says why it cannot be used
        full_name = (
            cell(row[name])
            or " ".join(part for part in (text_cell(row[c]) for c in name_parts) if part)
            or name_in_cell
        )
        parsed.contacts.append(
            Contact(
                email=email,
                name=full_name,
                organisation=cell(row[organisation]),
                tags=split_tags(cell(row[tags])),
                notes=cell(row[notes]),
                where=translate("Import", "row {number}").format(number=number),
            )
        )
    parsed.other_encoding = table.other_encoding_found()
    return parsed


def text_cell(value: str) -> str:
    """A cell's text, without the apostrophe that stops a spreadsheet reading it as a formula."""
    if not value:
        return value
    return unguarded_cell(value.strip().replace("\r\n", "\n").replace("\r", "\n"))


def split_tags(text: str) -> tuple[str, ...]:
    """Tags from one cell: Outlook separates with ";", Google with ":::", people with ",".

    A tag in double quotes is taken whole, as Pont's export writes a tag holding a separator.
    """
    tags: list[str] = []
    seen: set[str] = set()
    position = 0
    may_quote = '"' in text
    while position < len(text):
        quoted = _QUOTED_TAG.match(text, position) if may_quote else None
        if quoted is not None:
            tag = quoted.group(1).replace('""', '"')
            position = quoted.end()
        else:
            separator = _TAG_SEPARATORS.search(text, position)
            end = len(text) if separator is None else separator.start()
            tag = text[position:end]
            position = len(text) if separator is None else separator.end()
            if tag.lstrip().startswith("*"):
                continue  # Google's own groups, "* myContacts", "* starred": not the coordinator's
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)
