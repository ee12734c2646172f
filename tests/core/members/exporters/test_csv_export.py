"""export_csv: a file Excel opens with the right letters, and Pont reads back the same."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pont.core.members.exporters.csv_file import HEADERS as CSV_HEADERS
from pont.core.members.exporters.csv_file import export_csv
from pont.core.members.importers.csv_file import read_csv_bytes
from pont.core.members.importers.mapping import contacts_from_table, guess_mapping
from pont.core.members.members import Member, MemberStatus


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""
    organisation: str = ""
    status: str = "active"
    tags: tuple[str, ...] = ()
    joined: date = date(2024, 3, 1)
    notes: str = ""


PEOPLE = [
    Person(
        "sian@example.org",
        "Siân Jones",
        "Cyngor Sir Gâr",
        tags=("Wellbeing", "Leads"),
        notes='Met at the Hwb day,\nlikes "tea"; and coffee',
    ),
    Person("llyr@example.cymru", "Llŷr Ifans", status="paused"),
    Person("bob@example.org"),
]


def test_bom_crlf_and_columns() -> None:
    data = export_csv(PEOPLE)
    assert data.startswith(b"\xef\xbb\xbfName,Email,Organisation,Status,Tags,Joined,Notes\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(CSV_HEADERS)
    assert rows[1] == [
        "Siân Jones",
        "sian@example.org",
        "Cyngor Sir Gâr",
        "active",
        "Wellbeing; Leads",
        "2024-03-01",
        'Met at the Hwb day,\nlikes "tea"; and coffee',
    ]
    assert rows[2][3] == "paused"
    assert rows[3] == ["", "bob@example.org", "", "active", "", "2024-03-01", ""]
    assert data.count(b"\r\n") == 4  # the new line inside the note stays a bare LF in its cell


def test_accepts_pont_members_with_a_status_enum() -> None:
    member = Member(
        id=1,
        group_id=1,
        email="ann@example.org",
        name="Ann",
        organisation="",
        status=MemberStatus.PAUSED,
        tags=(),
        notes="",
        joined=date(2024, 1, 2),
        source="typed",
    )
    assert b"ann@example.org,,paused,,2024-01-02," in export_csv([member])


def test_cells_a_spreadsheet_would_run_as_formulas_are_made_plain() -> None:
    person = Person("a@example.org", '=HYPERLINK("http://x")', "+44 org", tags=("@x",))
    row = list(csv.reader(io.StringIO(export_csv([person]).decode("utf-8-sig"))))[1]
    assert row[0] == '\'=HYPERLINK("http://x")'
    assert row[2] == "'+44 org"
    assert row[4] == "'@x"


def test_empty_group_is_just_the_header() -> None:
    assert export_csv([]) == "\ufeffName,Email,Organisation,Status,Tags,Joined,Notes\r\n".encode()


def read_back(data: bytes) -> list[tuple[str, str, str, tuple[str, ...], str]]:
    table = read_csv_bytes(data)
    contacts = contacts_from_table(table, guess_mapping(table.headers, table.rows)).contacts
    return [(c.email, c.name, c.organisation, c.tags, c.notes) for c in contacts]


def test_round_trip_through_the_importer() -> None:
    dangerous = Person("c@example.org", "-Carol-", "=SUM(1)", tags=("+plus",), notes="'=1")
    expected = [(p.email, p.name, p.organisation, p.tags, p.notes) for p in [*PEOPLE, dangerous]]
    assert read_back(export_csv([*PEOPLE, dangerous])) == expected


_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=15
).map(lambda text: " ".join(text.split()))
_tags = st.lists(
    st.text("abcdefghŷ-=+ ", min_size=1, max_size=8).map(lambda t: " ".join(t.split())),
    max_size=3,
    unique_by=str.casefold,
).map(lambda tags: tuple(t for t in tags if t and not t.startswith("*")))
_people = st.builds(
    Person,
    email=st.emails(domains=st.sampled_from(["example.org", "enghraifft.cymru"])),
    name=_text,
    organisation=_text,
    tags=_tags,
    notes=_text,
)


@given(st.lists(_people, min_size=1, max_size=5))
def test_round_trip_property(people: list[Person]) -> None:
    expected = [(p.email, p.name, p.organisation, p.tags, p.notes) for p in people]
    assert read_back(export_csv(people)) == expected


# --- issue 12: every cell guarded, and anything Pont holds read back the same ----------------


@pytest.mark.parametrize("email", ["=1+2@example.org", "+44@example.org", "-x@example.org"])
def test_an_address_a_spreadsheet_would_run_is_made_plain(email: str) -> None:
    row = list(csv.reader(io.StringIO(export_csv([Person(email)]).decode("utf-8-sig"))))[1]
    assert row[1] == "'" + email
    assert read_back(export_csv([Person(email)])) == [(email, "", "", (), "")]


def test_tags_holding_separators_are_read_back_whole() -> None:
    tags = ("Leads, South", "a;b", "*starred", 'say "hi"', "x:::y", "=SUM(1)", "'quoted'")
    data = export_csv([Person("a@example.org", tags=tags)])
    assert read_back(data) == [("a@example.org", "", "", tags, "")]
    cell = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1][4]
    assert cell.startswith('"Leads, South"; "a;b"; "*starred"; ')


def test_control_characters_and_line_breaks_are_read_back() -> None:
    person = Person(
        "a@example.org",
        name="\x1b]0;title\x07Ann\x1b[8m",
        organisation="Line\rbreak",
        notes="one\r\ntwo\x0b\x7f\x9bthree",
    )
    assert read_back(export_csv([person])) == [
        ("a@example.org", person.name, person.organisation, (), person.notes)
    ]
