"""vCard 2.1, 3.0 and 4.0 files as Outlook, phones, Apple and Google write them."""

from __future__ import annotations

import codecs

import pytest

from pont.core.errors import ImportFileError
from pont.core.members.contacts import Contact
from pont.core.members.importers.vcard import read_vcards


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


# Old Outlook's "Save as vCard": 2.1, Windows-1252 bytes declared per property, and a
# quoted-printable note whose soft line breaks leave the next line unindented.
OUTLOOK_21 = crlf(
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    "N;LANGUAGE=en-gb;CHARSET=windows-1252:Naïve;Zoë;Ann\n"
    "FN;CHARSET=windows-1252:Zoë Naïve\n"
    "ORG;CHARSET=windows-1252:Café Croeso;Kitchen\n"
    "TITLE:Chef\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:Met at the Hwb day; likes tea, =\n"
    "coffee and cak=E9s.=0D=0ASecond line of the note, long enough to need a soft=\n"
    " break.\n"
    "TEL;WORK;VOICE:01234 567890\n"
    "EMAIL;INTERNET:zoe.old@example.org\n"
    "EMAIL;PREF;INTERNET:zoe@example.org\n"
    "PHOTO;TYPE=JPEG;ENCODING=BASE64:\n"
    " /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEx8=\n"
    " Q2FmZQ==\n"
    "\n"
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS:0\n"
    "REV:20240101T120000Z\n"
    "END:VCARD\n"
).encode("cp1252")


def test_outlook_vcard_21_with_charset_and_quoted_printable() -> None:
    (contact,) = read_vcards(OUTLOOK_21).contacts
    assert contact == Contact(
        email="zoe@example.org",
        name="Zoë Naïve",
        organisation="Café Croeso",
        notes=(
            "Met at the Hwb day; likes tea, coffee and cakés.\n"
            "Second line of the note, long enough to need a soft break."
        ),
        where="card 1",
    )


def test_android_21_utf8_quoted_printable_name_without_fn() -> None:
    data = crlf(
        "BEGIN:VCARD\n"
        "VERSION:2.1\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ifans;Ll=C5=B7r;;;\n"
        "EMAIL;HOME:llyr@example.cymru\n"
        "END:VCARD\n"
    ).encode("ascii")
    (contact,) = read_vcards(data).contacts
    assert (contact.name, contact.email) == ("Llŷr Ifans", "llyr@example.cymru")


def test_21_bare_quoted_printable_parameter_and_soft_breaks_inside_a_character() -> None:
    data = crlf(
        "BEGIN:VCARD\n"
        "VERSION:2.1\n"
        "FN;CHARSET=UTF-8;QUOTED-PRINTABLE:Si=C3=\n"
        "=A2n Jones\n"
        "EMAIL;PREF;INTERNET:sian@example.org\n"
        "END:VCARD\n"
    )
    (contact,) = read_vcards(data).contacts
    assert contact.name == "Siân Jones"


def test_vcard_30_folded_lines_escapes_and_categories() -> None:
    data = crlf(
        "BEGIN:VCARD\n"
        "VERSION:3.0\n"
        "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\n"
        "N:Jones;Siân;;;\n"
        "FN:Siân Jones\n"
        "ORG:Jones\\, Davies & Co\\; Cardiff;Wellbeing\n"
        "item1.EMAIL;type=INTERNET;type=HOME:sian.home@example.org\n"
        "item2.EMAIL;type=INTERNET;type=WORK;type=pref:sian@exa\n"
        " mple.org\n"
        "NOTE:First line\\nsecond line with a backslash \\\\ and a comma\\, and a long\n"
        "  folded tail\n"
        "CATEGORIES:Wellbeing,Leads\\, South,myContacts\n"
        "END:VCARD\n"
    )
    (contact,) = read_vcards(data.encode("utf-8")).contacts
    assert contact == Contact(
        email="sian@example.org",
        name="Siân Jones",
        organisation="Jones, Davies & Co; Cardiff",
        tags=("Wellbeing", "Leads, South"),
        notes="First line\nsecond line with a backslash \\ and a comma, and a long folded tail",
        where="card 1",
    )


def test_fold_that_splits_a_utf8_character() -> None:
    line = "FN:Llŷr Ifans".encode()
    cut = line.index("ŷ".encode()) + 1  # inside the two bytes of ŷ
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + line[:cut] + b"\r\n " + line[cut:]
    data += b"\r\nEMAIL:llyr@example.org\r\nEND:VCARD\r\n"
    (contact,) = read_vcards(data).contacts
    assert contact.name == "Llŷr Ifans"


def test_vcard_40_pref_parameter_and_quoted_type_list() -> None:
    data = crlf(
        "BEGIN:VCARD\n"
        "VERSION:4.0\n"
        "FN:Dr Ann Jones\n"
        "N:Jones;Ann;;Dr;\n"
        'EMAIL;TYPE="work,voice";PREF=2:ann.work@example.org\n'
        "EMAIL;TYPE=home;PREF=1:ann@example.org\n"
        "EMAIL:ann.third@example.org\n"
        "ORG:Bwrdd Iechyd;Research\n"
        "CATEGORIES:Practitioners\n"
        "NOTE;LANGUAGE=cy:Siarad Cymraeg\n"
        "END:VCARD\n"
    )
    (contact,) = read_vcards(data).contacts
    assert (contact.email, contact.name, contact.organisation, contact.tags, contact.notes) == (
        "ann@example.org",
        "Dr Ann Jones",
        "Bwrdd Iechyd",
        ("Practitioners",),
        "Siarad Cymraeg",
    )


def test_many_cards_with_and_without_addresses() -> None:
    data = crlf(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEMAIL:ann@example.org\nEND:VCARD\n"
        "\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:No Address\nTEL:0123\nEND:VCARD\n"
        "begin:vcard\nversion:3.0\nfn:bob@example.org\nemail;type=internet:bob@example.org\n"
        "end:vcard\n"
    )
    contacts = read_vcards(data).contacts
    assert [(c.where, c.email, c.name) for c in contacts] == [
        ("card 1", "ann@example.org", "Ann"),
        ("card 2", "", "No Address"),
        ("card 3", "bob@example.org", ""),  # FN repeating the address is not a name
    ]


def test_last_card_without_end_is_still_read() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEMAIL:ann@example.org\n"
    assert [c.email for c in read_vcards(data).contacts] == ["ann@example.org"]


def test_utf16_vcard_file() -> None:
    text = crlf("BEGIN:VCARD\nVERSION:3.0\nFN:Siân\nEMAIL:sian@example.org\nEND:VCARD\n")
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert [c.name for c in read_vcards(data).contacts] == ["Siân"]


def test_mailto_and_x400_addresses() -> None:
    data = crlf(
        "BEGIN:VCARD\nVERSION:2.1\nEMAIL;X400:C=GB;A= ;P=Org;S=Jones\n"
        "EMAIL;INTERNET:mailto:ann@example.org\nEND:VCARD\n"
    )
    assert read_vcards(data).contacts[0].email == "ann@example.org"


def test_vcard_21_backslash_is_literal() -> None:
    data = crlf(
        "BEGIN:VCARD\nVERSION:2.1\nNOTE:see C:\\notes\\new\nEMAIL:a@example.org\nEND:VCARD\n"
    )
    assert read_vcards(data).contacts[0].notes == "see C:\\notes\\new"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \r\n",
        b"Name,Email\r\nAnn,ann@example.org\r\n",
        b"%PDF-1.4 BEGIN:VCARD",
        b"just some text",
    ],
)
def test_not_a_vcard(data: bytes) -> None:
    with pytest.raises(ImportFileError):
        read_vcards(data)


def test_begin_without_any_card_lines() -> None:
    with pytest.raises(ImportFileError, match="no contact cards"):
        read_vcards("Notes about BEGIN:VCARD files")


@pytest.mark.parametrize(
    "preferred",
    [
        "EMAIL;TYPE=INTERNET,PREF:",
        "EMAIL;INTERNET;PREF:",
        "EMAIL;type=internet;type=pref:",
        "EMAIL;PREF=1:",
        'EMAIL;TYPE="internet,pref":',
    ],
)
def test_preferred_address_whatever_the_version(preferred: str) -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL;TYPE=INTERNET:other@example.org\r\n"
        f"{preferred}ann@example.org\r\nEND:VCARD\r\n"
    )
    assert read_vcards(data).contacts[0].email == "ann@example.org"
