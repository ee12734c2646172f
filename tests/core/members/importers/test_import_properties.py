"""Property tests: the CSV reader never crashes on any bytes and never invents addresses."""

from __future__ import annotations

import contextlib
import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from pont.core.errors import ImportFileError
from pont.core.members.importers.csv_file import read_csv_bytes
from pont.core.members.importers.files import load_contacts_bytes
from pont.core.members.importers.mapping import contacts_from_table, guess_mapping
from pont.core.members.importers.vcard import read_vcards

# Fixed domains keep these fast; the pasted-text tests use hypothesis's own wide domains.
_emails = st.emails(domains=st.sampled_from(["example.org", "enghraifft.cymru", "x.co.uk"]))
_cells = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
_tricky_cells = st.one_of(
    _cells,
    _emails,
    st.sampled_from(['"', '""', ",", ";", "\t", "\r\n", "sep=;", "'=1+1", " ", ":::", "<a@b.c>"]),
)


@given(st.binary(max_size=2000))
def test_any_bytes_give_a_table_or_import_file_error(data: bytes) -> None:
    try:
        table = read_csv_bytes(data)
        contacts_from_table(table, guess_mapping(table.headers, table.rows))
    except ImportFileError:
        pass


@given(st.binary(max_size=2000))
def test_any_bytes_loaded_as_a_file_or_a_vcard(data: bytes) -> None:
    for load in (load_contacts_bytes, read_vcards):
        with contextlib.suppress(ImportFileError):
            load(data)


@given(
    st.one_of(st.text(max_size=500), st.text(',;\t"\r\n =:<>ab@.éŷ', max_size=500)),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_any_text_in_any_encoding(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    with contextlib.suppress(ImportFileError):
        load_contacts_bytes(data)


@given(
    st.lists(st.lists(_tricky_cells, min_size=1, max_size=6), min_size=1, max_size=12),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_addresses_come_from_the_file(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    try:
        table = read_csv_bytes(buffer.getvalue().encode(encoding))
        contacts = contacts_from_table(table, guess_mapping(table.headers, table.rows))
    except ImportFileError:
        return
    # The reader may split differently from the writer (it guesses the delimiter); whatever
    # cells it makes, an address comes from one of them.
    cells = [cell for row in table.rows for cell in row]
    for contact in contacts.contacts:
        assert contact.email == contact.email.strip()
        assert contact.email == "" or any(contact.email in cell for cell in cells)


@given(
    st.lists(st.tuples(_emails, st.text("abcdéŷ ,;\"'", max_size=12)), min_size=1, max_size=10),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_written_addresses_are_read_back(
    people: list[tuple[str, str]], delimiter: str, encoding: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Email", "Name"])
    writer.writerows(people)
    data = buffer.getvalue().encode(encoding, errors="replace")
    table = read_csv_bytes(data)
    contacts = contacts_from_table(table, guess_mapping(table.headers, table.rows)).contacts
    assert [c.email for c in contacts] == [email for email, _ in people]


_vcard_lines = st.lists(
    st.one_of(
        st.sampled_from(
            ["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", " folded", "=", "=0D=0A="]
        ),
        st.builds(
            "{}{}:{}".format,
            st.sampled_from(["EMAIL", "FN", "N", "ORG", "NOTE", "CATEGORIES", "item1.EMAIL"]),
            st.sampled_from(["", ";PREF", ";PREF=x", ";CHARSET=bogus", ";QUOTED-PRINTABLE"]),
            st.text(max_size=30),
        ),
    ),
    max_size=20,
)


@given(_vcard_lines, st.sampled_from(["\r\n", "\n", "\r"]), st.booleans())
def test_any_vcard_like_text(lines: list[str], newline: str, as_bytes: bool) -> None:
    text = "BEGIN:VCARD" + newline + newline.join(lines)
    source: str | bytes = text.encode("utf-8", "replace") if as_bytes else text
    with contextlib.suppress(ImportFileError):
        for contact in read_vcards(source).contacts:
            assert contact.email == contact.email.strip()
