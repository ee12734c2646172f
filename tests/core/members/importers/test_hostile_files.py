"""Files that once went wrong: charset names no text is in, a NUL past the first 64 KB, a UTF-8
file with a Windows row, a long cell, a quotation mark left open (issue 12, defects 1, 5, 9)."""

from __future__ import annotations

import pytest

from pont.core.errors import ImportFileError
from pont.core.members.contacts import OtherEncoding
from pont.core.members.importers.csv_file import read_csv_bytes
from pont.core.members.importers.files import load_contacts_bytes
from pont.core.members.importers.mapping import contacts_from_table, guess_mapping
from pont.core.members.importers.pasted import parse_pasted
from pont.core.members.importers.vcard import read_vcards
from pont.core.members.importing import other_encoding_note

# Names Python's codecs module knows that are no charset: "undefined" and "idna" raise a plain
# UnicodeError, punycode is slow, the rest are no text encoding or read backslashes.
ODD_CHARSETS = [
    "undefined",
    "UNDEFINED",
    "punycode",
    "idna",
    "unicode_escape",
    "raw-unicode-escape",
    "base64",
    "rot13",
    "zlib",
    "utf-8*cy",
    "no-such-charset",
    "",
]


def card(name_property: str, value: bytes) -> bytes:
    return (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        + name_property.encode()
        + b":"
        + value
        + b"\r\nEMAIL:sian@example.org\r\nEND:VCARD\r\n"
    )


@pytest.mark.parametrize("charset", ODD_CHARSETS)
def test_a_vcard_charset_that_names_no_text_encoding_is_read_as_the_file_is(charset: str) -> None:
    # Windows-1252 bytes (the file is not UTF-8), and the same as quoted-printable.
    for data in (
        card(f"FN;CHARSET={charset}", "Siân Jones".encode("cp1252")),
        card(f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE", b"Si=E2n Jones"),
    ):
        contact = read_vcards(data).contacts[0]
        assert (contact.email, contact.name) == ("sian@example.org", "Siân Jones")
        assert load_contacts_bytes(data, ".vcf").contacts[0].name == "Siân Jones"


def test_a_vcard_charset_is_still_honoured() -> None:
    data = card("FN;CHARSET=ISO-8859-7", "Σοφία".encode("iso-8859-7"))
    assert read_vcards(data).contacts[0].name == "Σοφία"


@pytest.mark.parametrize("charset", [c for c in ODD_CHARSETS if c != "utf-8*cy"])
def test_pasted_encoded_words_in_any_charset(charset: str) -> None:
    word = f"=?{charset}?q?Si=E2n?="
    contacts = parse_pasted(f"{word} <sian@example.org>").contacts
    assert contacts[0].email == "sian@example.org"
    assert contacts[0].name == word  # a charset Pont cannot read leaves the word as it was


def test_pasted_encoded_words_are_decoded() -> None:
    text = "=?utf-8?q?Si=C3=A2n?= =?iso-8859-1?b?Sm9uZXM=?= <sian@example.org>"
    assert parse_pasted(text).contacts[0].name == "SiânJones"
    text = "Dr =?utf-8*cy?B?U2nDom4=?= Jones <sian@example.org>"
    assert parse_pasted(text).contacts[0].name == "Dr Siân Jones"


# --- binary data anywhere in the file ----------------------------------------------------------


def long_csv(rows: int = 2000) -> bytes:
    return b"Name,Email\r\n" + b"".join(
        f"Person {n},person{n}@example.org\r\n".encode() for n in range(rows)
    )


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_nul_past_the_first_64_kb_is_refused(encoding: str) -> None:
    data = long_csv()
    assert len(data) > 65536
    data += "Siân\x00,nul@example.org\r\n".encode(encoding)
    with pytest.raises(ImportFileError, match="does not contain text"):
        load_contacts_bytes(data)


def test_a_nul_past_the_first_64_kb_of_a_vcard_is_refused() -> None:
    data = card("FN", b"Ann") * 2000 + card("FN", b"N\x00ul")
    assert len(data) > 65536
    with pytest.raises(ImportFileError, match="does not contain text"):
        read_vcards(data)


def test_binary_past_the_first_64_kb_of_a_windows_file_is_refused() -> None:
    data = "Name,Email\r\nSiân,sian@example.org\r\n".encode("cp1252") * 3000
    assert len(data) > 65536
    with pytest.raises(ImportFileError, match="does not contain text"):
        load_contacts_bytes(data + bytes(range(1, 32)) * 200)


def test_a_few_control_characters_in_a_utf8_file_are_text() -> None:
    # Pont's own export of a member whose name came with terminal escapes: short, so the
    # escapes are more than 1 in 100 of its characters.
    data = "\ufeffName,Email\r\n\x1b]0;x\x07\x1b[2J,a@example.org\r\n".encode()
    contacts = load_contacts_bytes(data).contacts
    assert contacts[0].name == "\x1b]0;x\x07\x1b[2J"


# --- a UTF-8 file with rows in another encoding ------------------------------------------------


def test_rows_not_in_utf8_are_read_in_windows_1252_and_named() -> None:
    data = (
        'Name,Email,Notes\r\nSiân Jones,sian@example.org,"two\r\nlines"\r\n'.encode()
        + "Llŷr Ifans,llyr@example.org,\r\n".encode()
        + "Siân Roberts,roberts@example.org,café\r\n".encode("cp1252")
        + "Gwenllïan,gwen@example.org,\r\n".encode()
    )
    table = read_csv_bytes(data)
    names = [row[0] for row in table.rows]
    assert names == ["Siân Jones", "Llŷr Ifans", "Siân Roberts", "Gwenllïan"]
    assert table.rows[2][2] == "café"
    assert table.encoding == "utf-8"
    # Row 4 as a spreadsheet counts: the note in row 2 spans two lines of the file.
    assert (table.other_encoding, table.other_encoding_rows) == ("cp1252", [4])
    parsed = contacts_from_table(table, guess_mapping(table.headers, table.rows))
    assert parsed.other_encoding == OtherEncoding("cp1252", (4,))
    note = other_encoding_note(parsed.other_encoding)
    assert note == (
        "Some of this file was not in UTF-8 like the rest, so Pont read it as Windows-1252; "
        "check that the letters look right in row 4."
    )


def test_rows_not_in_utf8_after_a_bom_and_a_sep_line() -> None:
    data = (
        b"\xef\xbb\xbfsep=;\r\nName;Email\r\n"
        + "Siân;sian@example.org\r\n".encode()
        + "Siân;s2@example.org\r\n".encode("cp1252")
    )
    table = read_csv_bytes(data)
    assert [row[0] for row in table.rows] == ["Siân", "Siân"]
    assert table.other_encoding_rows == [3]


def test_many_rows_in_another_encoding_are_counted_not_all_listed() -> None:
    note = other_encoding_note(OtherEncoding("cp1252", tuple(range(2, 40))))
    assert note is not None and note.endswith("rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 28 more.")


def test_a_file_wholly_in_windows_1252_is_not_reported() -> None:
    data = "Name,Email\r\nSiân,sian@example.org\r\nGwenllïan,g@example.org\r\n".encode("cp1252")
    table = read_csv_bytes(data)
    assert (table.encoding, table.other_encoding_rows) == ("cp1252", [])
    assert [row[0] for row in table.rows] == ["Siân", "Gwenllïan"]


# --- long cells and quotation marks left open --------------------------------------------------


def test_a_cell_longer_than_128_kb_is_read() -> None:
    note = "A long note. " * 20_000
    data = f'Name,Email,Notes\r\nAnn,ann@example.org,"{note}"\r\nBob,bob@example.org,\r\n'.encode()
    contacts = load_contacts_bytes(data).contacts
    assert [c.email for c in contacts] == ["ann@example.org", "bob@example.org"]
    assert contacts[0].notes == note.strip()


@pytest.mark.parametrize(
    ("data", "row"),
    [
        (b'Name,Email\r\nAnn,ann@example.org\r\n"Bob,bob@example.org\r\nCai,c@example.org\r\n', 3),
        (b'Name,Email\r\n\r\nAnn,"ann@example.org', 3),
        (b'\r\n"Name,Email\r\nAnn,ann@example.org\r\n', 1),
        (b'Name,Email\r\n"Ann,ann@example.org\r\n' + b"x,y@example.org\r\n" * 20_000, 2),
    ],
)
def test_a_quotation_mark_left_open_is_reported_with_its_row(data: bytes, row: int) -> None:
    with pytest.raises(ImportFileError, match=f"Row {row} of this file has a cell that never ends"):
        read_csv_bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        b'Name,Email\r\nAnn,"ann@example.org"',
        b'Name,Email\r\n"Ann ""Jones""",ann@example.org\r\n',
        b'Name,Email\r\n"Ann\r\nJones",ann@example.org\r\n\r\n',
        b'Name,Email\r\nAnn "the" Jones,ann@example.org\r\n',
    ],
)
def test_quotation_marks_that_are_closed_are_not_reported(data: bytes) -> None:
    assert load_contacts_bytes(data).contacts[0].email == "ann@example.org"
