"""Addresses pasted from recipient lines, spreadsheets and typed lists."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pont.core.members.addresses import is_valid_address
from pont.core.members.contacts import Contact
from pont.core.members.importers.pasted import is_exchange_address, parse_pasted, typed_address


def found(text: str) -> list[tuple[str, str]]:
    return [(c.email, c.name) for c in parse_pasted(text).contacts]


def test_mixed_list_from_the_brief() -> None:
    assert found('Name <a@b.org>, c@d.org; "Last, First" <e@f.org>') == [
        ("a@b.org", "Name"),
        ("c@d.org", ""),
        ("e@f.org", "Last, First"),
    ]


def test_outlook_recipient_line() -> None:
    text = "Siân Jones <sian@example.org>; Bob Smith <bob@example.org>; "
    assert found(text) == [("sian@example.org", "Siân Jones"), ("bob@example.org", "Bob Smith")]


def test_outlook_exchange_names_are_last_comma_first_without_quotes() -> None:
    text = "Jones, Siân <sian@example.org>; Smith, Bob <bob@example.org>"
    assert found(text) == [
        ("sian@example.org", "Jones, Siân"),
        ("bob@example.org", "Smith, Bob"),
    ]


def test_outlook_single_quoted_names() -> None:
    text = "'Ann Jones' <ann@example.org>; \"'Bob'\" <bob@example.org>"
    assert found(text) == [("ann@example.org", "Ann Jones"), ("bob@example.org", "Bob")]


def test_one_address_per_line_reports_lines() -> None:
    contacts = parse_pasted("ann@example.org\r\n\r\nbob@example.org\n  carol@example.org  \n")
    assert [(c.email, c.where) for c in contacts.contacts] == [
        ("ann@example.org", "line 1"),
        ("bob@example.org", "line 3"),
        ("carol@example.org", "line 4"),
    ]


def test_several_on_a_line_reports_items() -> None:
    contacts = parse_pasted("a@example.org b@example.org\nc@example.org")
    assert [c.where for c in contacts.contacts] == ["item 1", "item 2", "item 3"]


@pytest.mark.parametrize("separator", [" ", ",", ";", "\n", ", ", " ;\n", "\t", "\r\n"])
def test_bare_addresses_with_any_separator(separator: str) -> None:
    addresses = ["ann@example.org", "bob@example.net", "carol@example.cymru"]
    assert [email for email, _ in found(separator.join(addresses))] == addresses


def test_names_before_bare_addresses_and_comments_after() -> None:
    assert found("Ann Jones ann@example.org\nbob@example.org (Bob Smith)") == [
        ("ann@example.org", "Ann Jones"),
        ("bob@example.org", "Bob Smith"),
    ]


def test_rows_copied_from_a_spreadsheet() -> None:
    text = "Name\tEmail\tOrganisation\nAnn Jones\tann@example.org\tCyngor\nbob@example.org\tBob\n"
    assert found(text) == [("ann@example.org", "Ann Jones"), ("bob@example.org", "Bob")]


def test_name_comma_address_copied_from_a_csv() -> None:
    assert found("Ann Jones,ann@example.org\nBob Smith,bob@example.org") == [
        ("ann@example.org", "Ann Jones"),
        ("bob@example.org", "Bob Smith"),
    ]


def test_mailto_links_trailing_full_stops_and_address_as_name() -> None:
    text = "mailto:ann@example.org, write to bob@example.org. <carol@example.org>"
    assert [email for email, _ in found(text)] == [
        "ann@example.org",
        "bob@example.org",
        "carol@example.org",
    ]
    assert found("ann@example.org <ann@example.org>") == [("ann@example.org", "")]


def test_encoded_names_copied_from_raw_headers() -> None:
    assert found("=?utf-8?q?Si=C3=A2n_Jones?= <sian@example.org>") == [
        ("sian@example.org", "Siân Jones")
    ]


def test_names_without_addresses_are_kept_for_the_report() -> None:
    contacts = parse_pasted("Ann <ann@example.org>\nBob Smith\nEmail\n")
    assert contacts.contacts == [
        Contact(email="ann@example.org", name="Ann", where="line 1"),
        Contact(email="", name="Bob Smith", where="line 2"),
    ]


def test_stray_quote_and_bracket_stop_at_the_end_of_their_line() -> None:
    assert [email for email, _ in found('"Ann <ann@example.org\nbob@example.org')] == [
        "ann@example.org",
        "bob@example.org",
    ]


def test_stray_quote_does_not_join_a_line_into_one_item() -> None:
    assert found('"Ann, bob@example.org, Carol <carol@example.org>') == [
        ("bob@example.org", "Ann"),
        ("carol@example.org", "Carol"),
    ]
    assert found("(Ann) ann@example.org, (bob@example.org") == [
        ("ann@example.org", "(Ann)"),
        ("bob@example.org", ""),
    ]


def test_garbage_gives_no_addresses() -> None:
    for text in ("", "   ", ",;,;", "<>", '"', "(((", "@", ">>> <<<"):
        assert all(not is_valid_address(c.email) for c in parse_pasted(text).contacts)


# --- properties ----------------------------------------------------------------------------

_NAME_LETTERS = string.ascii_letters + "âêîôûŵŷÀéïçñßØ"
_names = st.lists(st.text(_NAME_LETTERS, min_size=1, max_size=10), min_size=1, max_size=3).map(
    " ".join
)
_quoted_names = st.tuples(_names, st.sampled_from(["", ",", ";", ".", "'", "(x)", "<y>"])).map(
    lambda parts: parts[0] + parts[1] + " Jr" if parts[1] else parts[0]
)


def _quote(name: str) -> str:
    if any(char in name for char in ",;.'()<>\"\\@"):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


@given(st.text(max_size=300))
def test_never_invents_an_address(text: str) -> None:
    for contact in parse_pasted(text).contacts:
        assert contact.email == contact.email.strip()
        assert contact.email == "" or contact.email in text


@given(
    st.lists(st.tuples(st.one_of(st.just(""), _quoted_names), st.emails()), min_size=1, max_size=8),
    st.sampled_from([", ", "; ", "\n", ",", ";", "\r\n", " ;\n"]),
    st.booleans(),
)
def test_recovers_generated_addresses_and_names(
    people: list[tuple[str, str]], separator: str, angle_always: bool
) -> None:
    entries = []
    for name, email in people:
        if name:
            entries.append(f"{_quote(name)} <{email}>")
        else:
            entries.append(f"<{email}>" if angle_always else email)
    assert found(separator.join(entries)) == [(email, name) for name, email in people]


@given(st.lists(st.emails(), min_size=1, max_size=10), st.sampled_from([" ", "\t", "  \n "]))
def test_recovers_bare_addresses_separated_by_white_space(
    addresses: list[str], separator: str
) -> None:
    assert [email for email, _ in found(separator.join(addresses))] == addresses


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ann Jones <ann@example.org>", ("Ann Jones", "ann@example.org")),
        ("ann@example.org (Ann Jones)", ("Ann Jones", "ann@example.org")),
        ('  "Jones, Ann" <ann@example.org>  ', ("Jones, Ann", "ann@example.org")),
        ("Jones, Ann <ann@example.org>", ("Jones, Ann", "ann@example.org")),
        ("<ann@example.org>", ("", "ann@example.org")),
        (" ann@example.org ", ("", "ann@example.org")),
        ("Ann\r\nJones\r <ann@example.org>", ("Ann Jones", "ann@example.org")),
        # Not one clear address: left whole for the address check to explain.
        ("Ann Jones", ("", "Ann Jones")),
        ("a@example.org, b@example.org", ("", "a@example.org, b@example.org")),
        ("Ann <ann@example>", ("", "Ann <ann@example>")),
        ("", ("", "")),
    ],
)
def test_typed_address_takes_a_name_as_paste_addresses_does(
    typed: str, expected: tuple[str, str]
) -> None:
    assert typed_address(typed) == expected


def test_typed_address_of_100_kb() -> None:
    name = "Ann " * 25_000
    assert typed_address(f"{name}<ann@example.org>") == (name.strip(), "ann@example.org")
    junk = "(" * 100_000
    assert typed_address(junk) == ("", junk)


@pytest.mark.parametrize(
    ("text", "exchange"),
    [
        ("/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=ab", True),
        ("/O=FIRST ORGANIZATION/OU=SITE/CN=RECIPIENTS/CN=GWEN", True),
        ("EX:/o=ExchangeLabs/cn=ab", True),
        ("ex:gwen", True),
        ("gwen@example.org", False),
        ("example@o=x.org", False),
        ("/ou=x", False),
        ("", False),
    ],
)
def test_exchange_addresses_are_told_apart(text: str, exchange: bool) -> None:
    assert is_exchange_address(text) is exchange
