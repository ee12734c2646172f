"""export_vcard: vCard 3.0 that phones and address books read, and Pont reads back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pont.core.members.exporters.vcard import export_vcard, fold, structured_name
from pont.core.members.importers.vcard import read_vcards


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""
    organisation: str = ""
    status: str = "active"
    tags: tuple[str, ...] = ()
    joined: date = date(2024, 3, 1)
    notes: str = ""


def test_one_card_with_every_field() -> None:
    person = Person(
        "sian@example.org",
        "Siân Jones",
        "Jones, Davies; Co",
        tags=("Wellbeing", "Leads, South"),
        notes="Line one\nback\\slash",
    )
    assert export_vcard([person]) == (
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "FN:Siân Jones\r\n"
        "N:Jones;Siân;;;\r\n"
        "EMAIL;TYPE=INTERNET:sian@example.org\r\n"
        "ORG:Jones\\, Davies\\; Co\r\n"
        "CATEGORIES:Wellbeing,Leads\\, South\r\n"
        "NOTE:Line one\\nback\\\\slash\r\n"
        "END:VCARD\r\n"
    )


def test_person_without_a_name_is_shown_by_address() -> None:
    card = export_vcard([Person("bob@example.org")])
    assert "FN:bob@example.org\r\nN:;;;;\r\n" in card
    assert "ORG" not in card and "NOTE" not in card and "CATEGORIES" not in card


def test_structured_names() -> None:
    assert structured_name("Ann Mary Jones") == ("Jones", "Ann Mary", "", "", "")
    assert structured_name("Jones, Ann") == ("Jones", "Ann", "", "", "")
    assert structured_name("Cher") == ("Cher", "", "", "", "")


def test_long_lines_fold_at_75_octets_without_splitting_letters() -> None:
    line = "NOTE:" + "ŷâ" * 60
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if i else piece for i, piece in enumerate(pieces)) == line


def test_every_line_of_a_file_is_short_and_crlf() -> None:
    people = [Person(f"p{n}@example.org", "Llŷr " * 30, notes="â" * 200) for n in range(3)]
    text = export_vcard(people)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_round_trip_through_the_importer() -> None:
    people = [
        Person("sian@example.org", "Siân Jones", "Cyngor", ("Wellbeing",), notes="a\nb"),
        Person("bob@example.org"),
        Person("llyr@example.cymru", "Llŷr Ifans " * 8, notes="x" * 300),
    ]
    contacts = read_vcards(export_vcard(people).encode("utf-8")).contacts
    assert [(c.email, c.name, c.organisation, c.tags, c.notes) for c in contacts] == [
        (p.email, " ".join(p.name.split()), p.organisation, p.tags, p.notes) for p in people
    ]


_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20
).map(lambda text: " ".join(text.split()))
_tags = st.lists(
    st.text("abcŷ,;\\ ", min_size=1, max_size=8).map(lambda t: " ".join(t.split())),
    max_size=3,
    unique_by=str.casefold,
).map(lambda tags: tuple(t for t in tags if t and t.casefold() not in ("mycontacts", "starred")))
_people = st.builds(
    Person,
    email=st.emails(domains=st.sampled_from(["example.org", "enghraifft.cymru"])),
    name=_text,
    organisation=_text,
    tags=_tags,
    notes=_text,
)


@given(st.lists(_people, min_size=1, max_size=4))
def test_round_trip_property(people: list[Person]) -> None:
    contacts = read_vcards(export_vcard(people).encode("utf-8")).contacts
    assert [(c.email, c.name, c.organisation, c.tags, c.notes) for c in contacts] == [
        (p.email, p.name, p.organisation, p.tags, p.notes) for p in people
    ]
