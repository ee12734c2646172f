"""Fuzzing the importers (issue 12, defect 14): CSV bytes in any encoding and with any
delimiter, vCards naming any charset, pasted text. Whatever comes in, the only error is
ImportFileError, an import is whole or nothing, and Pont's own export of any members it can
hold imports as exactly those members again.

The test command runs these derandomized (tests/conftest.py); PONT_FUZZ=long runs far more.
"""

from __future__ import annotations

import contextlib
import csv
import encodings.aliases
import io
import itertools
from collections.abc import Iterator

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from sqlite_utils import Database

from pont.core.errors import DuplicateMember, ImportFileError, InvalidAddress
from pont.core.members.contacts import ParsedContacts
from pont.core.members.exporters.csv_file import export_csv
from pont.core.members.groups import create_group
from pont.core.members.importers.files import load_contacts_bytes
from pont.core.members.importers.pasted import parse_pasted
from pont.core.members.importers.vcard import read_vcards
from pont.core.members.importing import import_contacts
from pont.core.members.members import NewMember, add_member, list_members
from pont.core.profile.store import open_database

_group_names = (f"Fuzz group {n}" for n in itertools.count())


@pytest.fixture(scope="module")
def db() -> Iterator[Database]:
    """One database for all examples (each example makes its own groups): opening one takes
    longer than most examples."""
    database = open_database(":memory:")
    yield database
    database.close()


# Every name Python's codecs answer to, and some they do not: a vCard may name any of them.
_ODD_CHARSETS = ["undefined", "punycode", "idna", "unicode_escape", "utf-8*cy", "x-unknown", ""]
CHARSET_NAMES = sorted(
    {*encodings.aliases.aliases, *encodings.aliases.aliases.values(), *_ODD_CHARSETS}
)
# The odd ones as often as all the rest together, so that a short run meets them.
_charsets = st.one_of(st.sampled_from(_ODD_CHARSETS), st.sampled_from(CHARSET_NAMES))
FILE_ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "mac_roman",
    "cp1251",
    "iso8859-7",
    "koi8-r",
    "cp437",
    "shift_jis",
    "gb18030",
    "utf-7",
]
_tricky_text = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(list(",;\t|\"'=+-@<>():\\\r\n\x00\x1b\x07\x9b\u202e")),
    ),
    max_size=40,
)
_addresses = st.one_of(
    st.emails(domains=st.sampled_from(["example.org", "enghraifft.cymru"])),
    st.sampled_from(["siân@example.cymru", "'=1+2@example.org", "a@b", "@", "not an address"]),
)
_cells = st.one_of(_tricky_text, _addresses)


def _imports_whole_or_not_at_all(db: Database, parsed: ParsedContacts) -> None:
    """Importing what was read adds, updates or skips each contact, and nothing else."""
    group = create_group(db, next(_group_names))
    report = import_contacts(db, group.id, parsed, source="fuzz")
    accounted = report.added + report.updated + report.unchanged + len(report.skipped)
    assert accounted == len(parsed.contacts) + len(parsed.skipped)
    assert len(list_members(db, group.id)) == report.added


@given(
    rows=st.lists(st.lists(_cells, min_size=1, max_size=5), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encodings_of_rows=st.lists(st.sampled_from(FILE_ENCODINGS), min_size=1, max_size=3),
    header=st.sampled_from(["Name,Email", "Email", "", "sep=;\r\nName;Email"]),
)
def test_csv_in_any_encoding(
    db: Database,
    rows: list[list[str]],
    delimiter: str,
    encodings_of_rows: list[str],
    header: str,
) -> None:
    """Rows written by the csv module, each in one of a few encodings (a file pasted together
    from several), under a header or none."""
    data = header.encode() + b"\r\n" if header else b""
    for row, encoding in zip(rows, itertools.cycle(encodings_of_rows)):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(row)
        data += buffer.getvalue().encode(encoding, errors="replace")
    try:
        parsed = load_contacts_bytes(data)
    except ImportFileError:
        return
    _imports_whole_or_not_at_all(db, parsed)


@given(st.binary(max_size=600), st.sampled_from(["", ".csv", ".vcf"]))
def test_any_bytes(db: Database, data: bytes, suffix: str) -> None:
    try:
        parsed = load_contacts_bytes(data, suffix)
    except ImportFileError:
        return
    _imports_whole_or_not_at_all(db, parsed)


_vcard_property = st.builds(
    "{}{}{}:{}".format,
    st.sampled_from(["FN", "N", "EMAIL", "ORG", "NOTE", "CATEGORIES", "item1.EMAIL", "X-OTHER"]),
    st.lists(_charsets.map(";CHARSET={}".format), max_size=1).map("".join),
    st.sampled_from(
        ["", ";ENCODING=QUOTED-PRINTABLE", ";QUOTED-PRINTABLE", ";ENCODING=B", ";TYPE=PREF", ";X="]
    ),
    st.one_of(_tricky_text, _addresses, st.just("=C3=A2=\r\n=FF="), st.just('"a:b"')),
)
_vcard_lines = st.lists(
    st.one_of(
        _vcard_property,
        st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", " folded"]),
    ),
    max_size=12,
)


@given(
    _vcard_lines,
    st.sampled_from(["\r\n", "\n", "\r"]),
    st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"]),
)
@example(["FN;CHARSET=undefined;ENCODING=QUOTED-PRINTABLE:Si=E2n"], "\r\n", "utf-8")
def test_vcard_naming_any_charset(
    db: Database, lines: list[str], newline: str, encoding: str
) -> None:
    text = "BEGIN:VCARD" + newline + newline.join(lines) + newline + "END:VCARD"
    try:
        parsed = read_vcards(text.encode(encoding, errors="replace"))
    except ImportFileError:
        return
    for contact in parsed.contacts:
        assert contact.email == contact.email.strip()
    _imports_whole_or_not_at_all(db, parsed)


_encoded_word = st.builds(
    "=?{}?{}?{}?=".format,
    _charsets,
    st.sampled_from(["q", "Q", "b", "B"]),
    st.text("abcXYZ019=_+/-", max_size=12),
)


@given(st.lists(st.one_of(_tricky_text, _addresses, _encoded_word), max_size=8).map(" ".join))
def test_pasted_text(db: Database, text: str) -> None:
    _imports_whole_or_not_at_all(db, parse_pasted(text))


# --- Pont's own export of whatever members it holds --------------------------------------------

# Any text but NUL (which no import path stores) and lone surrogates (which SQLite cannot).
_member_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
_stored_member = st.builds(
    NewMember,
    email=st.emails(),
    name=_member_text,
    organisation=_member_text,
    tags=st.lists(_member_text, max_size=4).map(tuple),
    notes=_member_text,
)


@given(st.lists(_stored_member, min_size=1, max_size=4, unique_by=lambda m: m.email.casefold()))
def test_pont_export_imports_as_the_same_members(db: Database, people: list[NewMember]) -> None:
    group = create_group(db, next(_group_names))
    for person in people:
        # st.emails() makes some addresses Pont rightly refuses.
        with contextlib.suppress(InvalidAddress, DuplicateMember):
            add_member(db, group.id, person)
    members = list_members(db, group.id)
    assume(members)

    copy = create_group(db, next(_group_names))
    parsed = load_contacts_bytes(export_csv(members))
    report = import_contacts(db, copy.id, parsed, source="export.csv")

    assert (report.added, report.skipped) == (len(members), [])

    def held(group_id: int) -> list[tuple[str, str, str, tuple[str, ...], str]]:
        return [
            (m.email, m.name, m.organisation, m.tags, m.notes) for m in list_members(db, group_id)
        ]

    assert held(copy.id) == held(group.id)
