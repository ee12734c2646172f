"""load_contacts_file: telling vCard from CSV, and refusing files that are not contacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from contact_samples import outlook_csv

from pont.core.errors import ImportFileError
from pont.core.members.importers.csv_file import read_csv_file
from pont.core.members.importers.decoding import MAX_IMPORT_BYTES
from pont.core.members.importers.files import load_contacts_file

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL:ann@example.org\r\nEND:VCARD\r\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["contacts.vcf", "contacts.csv", "contacts", "Contacts.VCF"])
def test_vcard_recognised_by_content(tmp_path: Path, name: str) -> None:
    contacts = load_contacts_file(write(tmp_path, name, VCARD)).contacts
    assert [(c.email, c.where) for c in contacts] == [("ann@example.org", "card 1")]


def test_vcf_file_that_is_not_a_vcard(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="not a vCard"):
        load_contacts_file(write(tmp_path, "x.vcf", b"Name,Email\r\nAnn,ann@example.org\r\n"))


def test_outlook_csv_file(tmp_path: Path) -> None:
    data = outlook_csv([{"First Name": "Zoë", "E-mail Address": "zoe@example.org"}])
    contacts = load_contacts_file(write(tmp_path, "outlook.CSV", data)).contacts
    assert [(c.email, c.name, c.where) for c in contacts] == [("zoe@example.org", "Zoë", "row 2")]


def test_text_file_of_pasted_addresses(tmp_path: Path) -> None:
    data = b"Ann Jones <ann@example.org>, bob@example.org\r\ncarol@example.org\r\n"
    contacts = load_contacts_file(write(tmp_path, "list.txt", data)).contacts
    assert [c.email for c in contacts] == [
        "ann@example.org",
        "bob@example.org",
        "carol@example.org",
    ]


def test_text_file_one_address_per_line(tmp_path: Path) -> None:
    contacts = load_contacts_file(write(tmp_path, "list.txt", b"a@example.org\nb@example.org\n"))
    assert [(c.email, c.where) for c in contacts.contacts] == [
        ("a@example.org", "row 1"),
        ("b@example.org", "row 2"),
    ]


def test_csv_without_addresses(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no column of email addresses"):
        load_contacts_file(write(tmp_path, "x.csv", b"Name,Phone\r\nAnn,0123\r\n"))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\n\n   \n", "empty"),
        (b"%PDF-1.5\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "picture"),
        (b"PK\x03\x04\x14\x00xl/worksheets/sheet1.xml", "Save As"),
        (b"MZ\x90\x00", "program"),
        (bytes(range(256)) * 8, "text"),
    ],
)
def test_files_that_are_not_contacts(tmp_path: Path, data: bytes, words: str) -> None:
    with pytest.raises(ImportFileError, match=words):
        load_contacts_file(write(tmp_path, "x.csv", data))


def test_too_big_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(MAX_IMPORT_BYTES + 1)  # sparse: nothing is written
    opened: list[Path] = []
    real_open = Path.open

    def spying_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spying_open)
    with pytest.raises(ImportFileError, match="50 MB"):
        load_contacts_file(path)
    with pytest.raises(ImportFileError, match="50 MB"):
        read_csv_file(path)
    assert opened == []


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot find"):
        load_contacts_file(tmp_path / "gone.csv")
    with pytest.raises(ImportFileError, match="folder"):
        load_contacts_file(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What Windows does while Excel holds the file open; chmod cannot show it to root.
    path = write(tmp_path, "locked.csv", b"Email\r\na@example.org\r\n")

    def locked_open(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", locked_open)
    with pytest.raises(ImportFileError, match="not allowed"):
        load_contacts_file(path)
