"""Name order: "Evans, Dai" turned into "Dai Evans", and only names plainly written so."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pont.core.members.contacts import Contact, ParsedContacts
from pont.core.members.names import (
    first_name_first,
    first_surname_first,
    looks_surname_first,
    with_first_names_first,
)


@pytest.mark.parametrize(
    ("written", "greeted"),
    [
        ("Evans, Dai", "Dai Evans"),
        ("  Evans ,   Dai  ", "Dai Evans"),
        ("ap Gwilym, Dafydd", "Dafydd ap Gwilym"),
        ("Jones-Price, Ann Marie", "Ann Marie Jones-Price"),
        ("Williams, Dr Siân", "Dr Siân Williams"),
        ("Evans, V.", "V. Evans"),  # an initial is a first name
        # Left as written: a suffix or letters after a name, not a first name.
        ("Jones, Jr.", "Jones, Jr."),
        ("Dai Jones, Jr", "Dai Jones, Jr"),
        ("Rees, PhD", "Rees, PhD"),
        ("Davies, MBE", "Davies, MBE"),
        ("Huw Irranca-Davies, AS", "Huw Irranca-Davies, AS"),
        # Left as written: no comma, a side missing, more than one comma, an address.
        ("Dai Evans", "Dai Evans"),
        ("Evans,", "Evans,"),
        (", Dai", ", Dai"),
        ("Evans, Dai, Jr.", "Evans, Dai, Jr."),
        ("Evans, Dai <dai@example.org>", "Evans, Dai <dai@example.org>"),
        ("", ""),
    ],
)
def test_only_names_plainly_written_surname_first_are_turned(written: str, greeted: str) -> None:
    assert first_name_first(written) == greeted


def test_a_file_is_surname_first_when_most_of_its_names_are() -> None:
    assert looks_surname_first(["Evans, Dai", "Roberts, Siân", "Llŷr Jones", ""])
    assert not looks_surname_first(["Evans, Dai", "Siân Roberts", "Llŷr Jones"])
    assert not looks_surname_first(["Jones, Jr.", "Rees, PhD"])  # none to turn
    assert looks_surname_first(["Evans, Dai", "Jones, Jr.", "Llŷr Williams"])
    assert not looks_surname_first(["Evans, Dai", "Jones, Dai, Jr.", "Llŷr Williams"])
    assert not looks_surname_first(["", "  "])
    assert not looks_surname_first([])
    assert first_surname_first(["Llŷr Jones", "Evans, Dai"]) == "Evans, Dai"
    assert first_surname_first(["Llŷr Jones"]) == ""


def test_contacts_keep_everything_but_their_name_order() -> None:
    parsed = ParsedContacts(
        [
            Contact("dai@example.org", "Evans, Dai", "Mind Cymru", ("rural",), "", "row 2"),
            Contact("jr@example.org", "Jones, Jr.", where="row 3"),
        ]
    )
    turned = with_first_names_first(parsed)
    assert turned.contacts == [
        Contact("dai@example.org", "Dai Evans", "Mind Cymru", ("rural",), "", "row 2"),
        Contact("jr@example.org", "Jones, Jr.", where="row 3"),
    ]
    assert parsed.contacts[0].name == "Evans, Dai"  # the file's reading is not changed


@given(st.text(max_size=200))
def test_any_name_gets_an_answer_made_of_its_own_words(name: str) -> None:
    turned = first_name_first(name)
    assert sorted(turned.replace(",", " ").split()) == sorted(name.replace(",", " ").split())


@pytest.mark.parametrize("piece", ["Evans, Dai ", ",", "a" * 40, "Jones, Jr. "])
def test_huge_names_cost_time_in_proportion(piece: str) -> None:
    def timed(name: str) -> float:
        started = time.perf_counter()
        for _ in range(20):
            first_name_first(name)
            looks_surname_first([name, name])
        return time.perf_counter() - started

    short = min(timed(piece * 50) for _ in range(3))
    long = min(timed(piece * 50_000) for _ in range(3))
    assert long < short * 2_000 + 0.05  # a thousand times the text: linear, with room
