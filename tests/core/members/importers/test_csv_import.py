"""CSV files as Excel, Outlook, Google Contacts and Thunderbird write them."""

from __future__ import annotations

import codecs
import time

import pytest
from contact_samples import (
    GOOGLE_HEADERS,
    GOOGLE_OLD_HEADERS,
    OUTLOOK_HEADERS,
    THUNDERBIRD_HEADERS,
    comma_row,
    outlook_csv,
)

from pont.core.errors import ImportFileError
from pont.core.members.contacts import Contact
from pont.core.members.importers.csv_file import CsvTable, read_csv_bytes
from pont.core.members.importers.mapping import (
    ColumnMapping,
    Field,
    contacts_from_table,
    guess_mapping,
)


def contacts_in(data: bytes) -> list[Contact]:
    table = read_csv_bytes(data)
    return contacts_from_table(table, guess_mapping(table.headers, table.rows)).contacts


def people(contacts: list[Contact]) -> list[tuple[str, str]]:
    return [(c.email, c.name) for c in contacts]


# --- Outlook -------------------------------------------------------------------------------


def test_outlook_export_in_windows_1252() -> None:
    data = outlook_csv(
        [
            {
                "First Name": "Renée",
                "Last Name": "Dupont",
                "Company": "Café Croeso",
                "E-mail Address": "renee@example.org",
                "Categories": "Wellbeing;Leads",
                "Notes": 'Met at the "Hwb" day\r\nLikes tea',
            },
            {
                "First Name": "Zoë",
                "Middle Name": "Ann",
                "Last Name": "Naïve",
                "E-mail 2 Address": "zoe@example.net",
            },
            {"First Name": "No", "Last Name": "Address", "Company": "Nowhere Ltd"},
        ]
    )
    table = read_csv_bytes(data)
    assert table.encoding == "cp1252"
    assert table.delimiter == ","
    assert table.headers == OUTLOOK_HEADERS
    assert table.first_data_line == 2
    contacts = contacts_from_table(table, guess_mapping(table.headers, table.rows)).contacts
    assert contacts == [
        Contact(
            email="renee@example.org",
            name="Renée Dupont",
            organisation="Café Croeso",
            tags=("Wellbeing", "Leads"),
            notes='Met at the "Hwb" day\nLikes tea',
            where="row 2",
        ),
        # No first address, so the second is used; "E-mail Display Name" is never the name.
        Contact(email="zoe@example.net", name="Zoë Ann Naïve", where="row 3"),
        Contact(email="", name="No Address", organisation="Nowhere Ltd", where="row 4"),
    ]


def test_outlook_mapping_ignores_email_type_and_display_name() -> None:
    mapping = guess_mapping(OUTLOOK_HEADERS)
    header = {f: OUTLOOK_HEADERS[i] for f, i in mapping.columns.items()}
    assert header == {
        Field.EMAIL: "E-mail Address",
        Field.EMAIL_2: "E-mail 2 Address",
        Field.EMAIL_3: "E-mail 3 Address",
        Field.FIRST_NAME: "First Name",
        Field.MIDDLE_NAME: "Middle Name",
        Field.LAST_NAME: "Last Name",
        Field.ORGANISATION: "Company",
        Field.TAGS: "Categories",
        Field.NOTES: "Notes",
    }


X500 = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=ab12"


@pytest.mark.parametrize(
    "first",
    [X500, X500.upper(), "/O=First Organization/OU=Site/CN=Recipients/CN=gwen", f"EX:{X500}"],
)
def test_outlook_colleague_with_an_exchange_address_uses_e_mail_2_or_3(first: str) -> None:
    data = outlook_csv(
        [
            {"First Name": "Gwen", "E-mail Address": first, "E-mail 2 Address": "gwen@x.org"},
            {"First Name": "Huw", "E-mail Address": first, "E-mail 3 Address": "huw@x.org"},
            # E-mail 2 is Exchange's too: E-mail 3 is the one to use.
            {
                "First Name": "Ifan",
                "E-mail Address": first,
                "E-mail 2 Address": first,
                "E-mail 3 Address": "Ifan Lewis <ifan@x.org>",
            },
        ]
    )
    assert people(contacts_in(data)) == [
        ("gwen@x.org", "Gwen"),
        ("huw@x.org", "Huw"),
        ("ifan@x.org", "Ifan"),
    ]


def test_outlook_exchange_address_with_nothing_better_is_kept_for_the_report() -> None:
    data = outlook_csv([{"First Name": "Jac", "E-mail Address": X500}])
    assert people(contacts_in(data)) == [(X500, "Jac")]


def test_an_ordinary_first_address_is_still_preferred() -> None:
    data = outlook_csv(
        [{"First Name": "Kim", "E-mail Address": "kim@x.org", "E-mail 2 Address": "k@y.org"}]
    )
    assert people(contacts_in(data)) == [("kim@x.org", "Kim")]


def test_outlook_exchange_row_with_a_100_kb_cell() -> None:
    huge = "/o=" + "x" * 100_000
    data = outlook_csv(
        [{"First Name": "Lowri", "E-mail Address": huge, "E-mail 2 Address": "lowri@x.org"}],
        encoding="utf-8-sig",
    )
    started = time.perf_counter()
    assert people(contacts_in(data)) == [("lowri@x.org", "Lowri")]
    assert time.perf_counter() - started < 2


def test_outlook_export_as_utf8_from_new_outlook() -> None:
    data = outlook_csv(
        [{"First Name": "Llŷr", "Last Name": "Ifans", "E-mail Address": "llyr@example.cymru"}],
        encoding="utf-8-sig",
    )
    assert people(contacts_in(data)) == [("llyr@example.cymru", "Llŷr Ifans")]


# --- Excel ---------------------------------------------------------------------------------


def test_excel_csv_utf8_with_bom_keeps_welsh_letters() -> None:
    text = "Name,Email,Organisation\r\nSiân Jones,sian@example.org,Cyngor Sir\r\n"
    text += "Llŷr Ifans,llyr@example.org,Menter Iaith\r\n"
    table = read_csv_bytes(text.encode("utf-8-sig"))
    assert table.encoding == "utf-8-sig"
    assert table.headers == ["Name", "Email", "Organisation"]
    contacts = contacts_from_table(table, guess_mapping(table.headers))
    assert [(c.name, c.organisation) for c in contacts.contacts] == [
        ("Siân Jones", "Cyngor Sir"),
        ("Llŷr Ifans", "Menter Iaith"),
    ]


def test_excel_csv_in_windows_1252() -> None:
    text = (
        "Name,E-mail,Company\r\nJosé Núñez,jose@example.es,Ça Va SARL\r\nChloë Brontë,c@x.org,\r\n"
    )
    table = read_csv_bytes(text.encode("cp1252"))
    assert table.encoding == "cp1252"
    contacts = contacts_from_table(table, guess_mapping(table.headers)).contacts
    assert [(c.name, c.organisation) for c in contacts] == [
        ("José Núñez", "Ça Va SARL"),
        ("Chloë Brontë", ""),
    ]


def test_excel_semicolon_csv_from_a_european_locale() -> None:
    text = "Nom;Email;Notes\r\nDupont, Renée;renee@example.fr;likes tea, coffee\r\n"
    table = read_csv_bytes(text.encode("cp1252"))
    assert table.delimiter == ";"
    contact = contacts_from_table(table, guess_mapping(table.headers, table.rows)).contacts[0]
    assert (contact.email, contact.notes) == ("renee@example.fr", "likes tea, coffee")


def test_excel_sep_line_sets_the_delimiter_and_is_not_a_row() -> None:
    text = 'sep=;\r\nName;Email\r\nAnn, Jones;ann@example.org\r\n"Bob;B";bob@example.org\r\n'
    table = read_csv_bytes(text.encode("cp1252"))
    assert table.delimiter == ";"
    assert table.headers == ["Name", "Email"]
    assert table.rows == [["Ann, Jones", "ann@example.org"], ["Bob;B", "bob@example.org"]]
    assert table.first_data_line == 2


def test_excel_unicode_text_is_utf16_and_tab_separated() -> None:
    text = 'Name\tEmail address\tNotes\r\nSiân Jones\tsian@example.org\t"one\r\ntwo"\r\n'
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    table = read_csv_bytes(data)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    contact = contacts_from_table(table, guess_mapping(table.headers)).contacts[0]
    assert (contact.email, contact.name, contact.notes) == (
        "sian@example.org",
        "Siân Jones",
        "one\ntwo",
    )


def test_utf16_without_bom() -> None:
    data = "Email,Name\r\nann@example.org,Ann\r\n".encode("utf-16-le")
    assert people(contacts_in(data)) == [("ann@example.org", "Ann")]


# --- Google and Thunderbird ----------------------------------------------------------------


def test_google_contacts_export() -> None:
    rows = [
        {
            "First Name": "Siân",
            "Last Name": "Jones",
            "Organization Name": "Cyngor",
            "Labels": "* myContacts ::: Wellbeing ::: * starred",
            "E-mail 1 - Label": "* Work",
            "E-mail 1 - Value": "sian@example.org ::: sian.jones@example.net",
        },
        {"First Name": "Bob", "E-mail 2 - Label": "Home", "E-mail 2 - Value": "bob@example.org"},
    ]
    text = GOOGLE_HEADERS + "\r\n" + "".join(comma_row(GOOGLE_HEADERS, r) + "\r\n" for r in rows)
    contacts = contacts_in(text.encode("utf-8"))
    assert contacts == [
        Contact(
            email="sian@example.org",
            name="Siân Jones",
            organisation="Cyngor",
            tags=("Wellbeing",),
            where="row 2",
        ),
        Contact(email="bob@example.org", name="Bob", where="row 3"),
    ]


def test_older_google_contacts_export() -> None:
    row = {
        "Name": "Dr Ann Jones",
        "Given Name": "Ann",
        "Family Name": "Jones",
        "Group Membership": "* My Contacts ::: Practitioners",
        "E-mail 1 - Type": "* Home",
        "E-mail 1 - Value": "ann@example.org",
        "Organization 1 - Name": "Bwrdd Iechyd",
    }
    text = GOOGLE_OLD_HEADERS + "\n" + comma_row(GOOGLE_OLD_HEADERS, row) + "\n"
    (contact,) = contacts_in(text.encode("utf-8"))
    assert (contact.email, contact.name, contact.organisation, contact.tags) == (
        "ann@example.org",
        "Dr Ann Jones",
        "Bwrdd Iechyd",
        ("Practitioners",),
    )


def test_thunderbird_export_with_trailing_commas() -> None:
    rows = [
        {
            "First Name": "Ann",
            "Last Name": "Jones",
            "Display Name": "Ann J.",
            "Primary Email": "ann@example.org",
            "Organization": "Example",
        },
        {"First Name": "Bob", "Last Name": "Smith", "Secondary Email": "bob@example.org"},
    ]
    text = THUNDERBIRD_HEADERS + "\r\n"
    text += "".join(comma_row(THUNDERBIRD_HEADERS, r) + "\r\n" for r in rows)
    table = read_csv_bytes(text.encode("utf-8"))
    assert table.headers[-1] == "Notes"  # the empty column after the trailing comma is dropped
    contacts = contacts_from_table(table, guess_mapping(table.headers)).contacts
    assert [(c.email, c.name, c.organisation) for c in contacts] == [
        ("ann@example.org", "Ann J.", "Example"),
        ("bob@example.org", "Bob Smith", ""),
    ]


# --- Excel-style quirks --------------------------------------------------------------------


def test_blank_rows_uneven_rows_and_row_numbers() -> None:
    text = (
        "Email,Name,,\r\n"
        "ann@example.org,Ann,,\r\n"
        "\r\n"
        ",,,\r\n"
        'bob@example.org,"Bob\r\nSmith"\r\n'
        "carol@example.org,Carol,extra,more\r\n"
        "\r\n\r\n"
    )
    table = read_csv_bytes(text.encode("utf-8"))
    assert table.headers == ["Email", "Name", "Column 3", "Column 4"]
    assert table.rows == [
        ["ann@example.org", "Ann", "", ""],
        ["bob@example.org", "Bob\r\nSmith", "", ""],
        ["carol@example.org", "Carol", "extra", "more"],
    ]
    assert [table.row_number(i) for i in range(3)] == [2, 5, 6]
    contacts = contacts_from_table(table, guess_mapping(table.headers))
    assert [c.where for c in contacts.contacts] == ["row 2", "row 5", "row 6"]


def test_rows_shorter_than_the_header_are_padded() -> None:
    table = read_csv_bytes(b"Name,Email,Notes\nAnn,ann@example.org\nBob\n")
    assert table.rows == [["Ann", "ann@example.org", ""], ["Bob", "", ""]]


def test_trailing_empty_columns_are_dropped() -> None:
    table = read_csv_bytes(b"Name,Email,,,\r\nAnn,ann@example.org,,,\r\n")
    assert table.headers == ["Name", "Email"]
    assert table.rows == [["Ann", "ann@example.org"]]


def test_header_row_after_blank_lines_is_row_one() -> None:
    table = read_csv_bytes(b"\r\n\r\nEmail\r\nann@example.org\r\n")
    assert table.headers == ["Email"]
    assert table.first_data_line == 2


def test_delimiter_from_the_header_not_from_names() -> None:
    comma = 'Name,Email,Notes\r\n"Jones; Ann",ann@example.org,a;b;c\r\n'
    assert read_csv_bytes(comma.encode()).delimiter == ","
    semicolon = "Name;Email;Notes\r\nJones, Ann;ann@example.org;a, b, c, d\r\n"
    assert read_csv_bytes(semicolon.encode()).delimiter == ";"
    pipe = "Name|Email\r\nAnn|ann@example.org\r\n"
    assert read_csv_bytes(pipe.encode()).delimiter == "|"


def test_delimiter_confirmed_by_the_rows_when_the_header_has_both() -> None:
    text = "Name;Email, work\r\nAnn;ann@example.org\r\nBob;bob@example.org\r\n"
    assert read_csv_bytes(text.encode()).delimiter == ";"


def test_file_without_a_header_row() -> None:
    table = read_csv_bytes(b"ann@example.org\r\nbob@example.org\r\n")
    assert not table.has_header
    assert table.headers == ["Column 1"]
    assert table.first_data_line == 1
    assert people(contacts_in(b"ann@example.org\r\nbob@example.org\r\n")) == [
        ("ann@example.org", ""),
        ("bob@example.org", ""),
    ]


def test_names_and_addresses_without_a_header() -> None:
    contacts = contacts_in(b"Ann Jones,ann@example.org\nBob,bob@example.org\n")
    assert people(contacts) == [("ann@example.org", "Ann Jones"), ("bob@example.org", "Bob")]
    assert [c.where for c in contacts] == ["row 1", "row 2"]
    contacts = contacts_in(b"ann@example.org,Ann Jones\nbob@example.org,01234 567890\n")
    assert people(contacts) == [("ann@example.org", ""), ("bob@example.org", "")]


def test_three_columns_without_a_header_leave_the_name_to_the_person() -> None:
    table = read_csv_bytes(b"Ann Jones,ann@example.org,Cyngor\n")
    assert guess_mapping(table.headers, table.rows).columns == {Field.EMAIL: 1}


def test_addresses_found_by_their_values_when_no_header_says_so() -> None:
    text = b"Who,Where to write\nAnn,ann@example.org\nBob,bob@example.org\nCarol,\n"
    table = read_csv_bytes(text)
    assert guess_mapping(table.headers, table.rows).columns == {Field.EMAIL: 1, Field.NAME: 0}
    assert guess_mapping(table.headers).columns == {}  # nothing to go on without the rows


def test_cell_with_name_and_address() -> None:
    contacts = contacts_in("Email\r\nSiân Jones <sian@example.org>\r\n".encode())
    assert people(contacts) == [("sian@example.org", "Siân Jones")]


def test_spreadsheet_formula_guard_is_removed() -> None:
    contacts = contacts_in(b"Name,Email,Notes\r\n'=Ann,ann@example.org,'-- call first\r\n")
    assert (contacts[0].name, contacts[0].notes) == ("=Ann", "-- call first")


def test_unclosed_quote_does_not_escape_as_another_error() -> None:
    data = b'Name,Email\r\n"Ann,ann@example.org\r\n' + b"x,y@example.org\r\n" * 20000
    try:
        read_csv_bytes(data)
    except ImportFileError as error:
        assert "never ends" in str(error)


# --- mapping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Email", Field.EMAIL),
        ("E-mail", Field.EMAIL),
        ("EMAIL ADDRESS", Field.EMAIL),
        ("Email address", Field.EMAIL),
        ("e_mail", Field.EMAIL),
        ("Mail", Field.EMAIL),
        ("E-Mail-Adresse", Field.EMAIL),
        ("Cyfeiriad e-bost", Field.EMAIL),
        ("Full name", Field.NAME),
        ("Display Name", Field.NAME),
        ("name", Field.NAME),
        ("Organisation", Field.ORGANISATION),
        ("Organization", Field.ORGANISATION),
        ("Company", Field.ORGANISATION),
        ("Tags", Field.TAGS),
        ("Notes", Field.NOTES),
        ("Surname", Field.LAST_NAME),
        ("Given name", Field.FIRST_NAME),
    ],
)
def test_header_variants(header: str, field: Field) -> None:
    assert guess_mapping(["Something", header]).columns.get(field) == 1


def test_header_mentioning_mail_that_holds_no_address() -> None:
    mapping = guess_mapping(["Name", "Mail merge status", "Email type"])
    assert not mapping.has_email


def test_column_mapping_is_one_to_one() -> None:
    mapping = ColumnMapping({Field.EMAIL: 0, Field.NAME: 1})
    mapping.assign(1, Field.EMAIL)
    assert mapping.columns == {Field.EMAIL: 1}
    mapping.assign(0, Field.NAME)
    assert mapping.field_for(0) is Field.NAME
    mapping.assign(0, None)
    assert mapping.field_for(0) is None
    assert mapping.columns == {Field.EMAIL: 1}


def test_mapping_chosen_by_a_person_is_used() -> None:
    table = CsvTable(
        headers=["A", "B"],
        rows=[["x@example.org", "Ann"]],
        encoding="utf-8",
        delimiter=",",
        first_data_line=2,
    )
    contacts = contacts_from_table(table, ColumnMapping({Field.EMAIL: 0, Field.NAME: 1}))
    assert contacts.contacts == [Contact(email="x@example.org", name="Ann", where="row 2")]


def test_ragged_table_built_by_hand() -> None:
    table = CsvTable(
        headers=["Email", "Name", "Notes"],
        rows=[["ann@example.org"], ["bob@example.org", "Bob", "n", "extra"]],
        encoding="utf-8",
        delimiter=",",
        first_data_line=2,
    )
    mapping = ColumnMapping({Field.EMAIL: 0, Field.NAME: 1, Field.NOTES: 2, Field.TAGS: 7})
    contacts = contacts_from_table(table, mapping).contacts
    assert [(c.email, c.name, c.notes) for c in contacts] == [
        ("ann@example.org", "", ""),
        ("bob@example.org", "Bob", "n"),
    ]


# --- files that cannot be used -------------------------------------------------------------


def test_no_email_column() -> None:
    with pytest.raises(ImportFileError, match="no column of email addresses"):
        contacts_in(b"Name,Phone\r\nAnn,01234\r\n")


def test_headings_but_no_people() -> None:
    with pytest.raises(ImportFileError, match="no contacts"):
        contacts_in(b"Name,Email\r\n")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b" \r\n\t\r\n", "empty"),
        ("\ufeff  \r\n".encode(), "blank space"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml xl/workbook.xml", "Save As"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "Save As"),
        (b"PK\x03\x04\x14\x00\x00\x00readme.txt", "ZIP"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "program"),
        (b"\x7fELF\x02\x01\x01" + bytes(60), "program"),
        (bytes(range(256)) * 4, "text"),
        (codecs.BOM_UTF16_LE + b"N\x00a\x00\x00\xd8", "letters"),
    ],
)
def test_files_that_are_not_contacts(data: bytes, words: str) -> None:
    with pytest.raises(ImportFileError, match=words):
        read_csv_bytes(data)


def test_too_big_is_refused() -> None:
    with pytest.raises(ImportFileError, match="50 MB"):
        read_csv_bytes(b"a" * (50 * 1024 * 1024 + 1))


def test_messages_are_one_plain_sentence() -> None:
    for data in (b"", b"%PDF-1.4", b"Name\r\nAnn\r\n", b"PK\x03\x04xl/"):
        with pytest.raises(ImportFileError) as raised:
            contacts_in(data)
        message = str(raised.value)
        assert message.endswith(".") and message.count(". ") == 0
        assert "Error" not in message and "\n" not in message


# --- other encodings -----------------------------------------------------------------------


def test_cyrillic_windows_1251_is_not_read_as_1252() -> None:
    text = "Имя,Email\r\nИван Петров,ivan@example.ru\r\nМария Иванова,maria@example.ru\r\n"
    table = read_csv_bytes(text.encode("cp1251"))
    assert table.rows[0][0] == "Иван Петров"


def test_excel_for_mac_csv_is_mac_roman() -> None:
    text = "Name,Email\rRenée Müller,renee@example.fr\rJosé Peña,jose@example.es\r"
    table = read_csv_bytes(text.encode("mac_roman"))
    assert table.encoding == "mac_roman"
    assert [row[0] for row in table.rows] == ["Renée Müller", "José Peña"]


def test_windows_1252_letters_in_the_punctuation_range_stay_1252() -> None:
    text = "Name,Email\r\nŠimon Žák,simon@example.cz\r\nSiobhán O’Brien,s@example.ie\r\n"
    text += "Chloë Renée,c@example.fr\r\nAcme™ •Sales,sales@example.com\r\n"
    table = read_csv_bytes(text.encode("cp1252"))
    assert table.encoding == "cp1252"
    assert [row[0] for row in table.rows] == [
        "Šimon Žák",
        "Siobhán O’Brien",
        "Chloë Renée",
        "Acme™ •Sales",
    ]
    assert read_csv_bytes("Name\r\nAcme™ Ltd\r\n".encode("cp1252")).encoding == "cp1252"


def test_latin_1_file_with_a_c1_byte_still_reads() -> None:
    data = (
        "Name,Email\r\nJürgen Groß,j@example.de\r\n".encode("latin-1") + b"X\x81,y@example.de\r\n"
    )
    table = read_csv_bytes(data)
    assert table.rows[0][0] == "Jürgen Groß"


# --- speed ---------------------------------------------------------------------------------


def test_twenty_thousand_outlook_rows_import_quickly() -> None:
    person = {
        "First Name": "Siân",
        "Last Name": "Jones",
        "Company": "Bwrdd Iechyd",
        "Categories": "Wellbeing;Leads",
        "Business Street": "1 Heol y Frenhines",
        "Mobile Phone": "07700 900000",
        "Notes": "Met at the conference, keen to join",
    }
    data = outlook_csv(
        [{**person, "E-mail Address": f"person{n}@example.org"} for n in range(20_000)]
    )
    start = time.perf_counter()
    table = read_csv_bytes(data)
    contacts = contacts_from_table(table, guess_mapping(table.headers, table.rows)).contacts
    elapsed = time.perf_counter() - start
    assert len(contacts) == 20_000
    assert contacts[-1].email == "person19999@example.org"
    assert elapsed < 4, f"20,000 Outlook rows took {elapsed:.2f} s"
