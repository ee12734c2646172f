from __future__ import annotations

import email_validator
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from pont.core.errors import InvalidAddress
from pont.core.members.addresses import (
    SPECIAL_USE_DOMAIN_NAMES,
    _is_plainly_valid,
    address_key,
    checked_address,
    reason_kind,
)

ADDRESS_LIKE = st.text(alphabet="aZ09.-_+!'@\"é ()[]:;,xn-", min_size=1, max_size=40)


def validator_accepts(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        return False
    return True


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.emails(), ADDRESS_LIKE, st.from_regex(r"\A[a-z.]{1,8}@[a-z0-9.-]{1,20}\Z")))
def test_fast_path_accepts_only_what_email_validator_accepts(address: str) -> None:
    if _is_plainly_valid(address):
        assert validator_accepts(address), address


@pytest.mark.parametrize(
    "address",
    [
        "ann@example.org",
        "Ann.Jones+wellbeing@nhs.wales",
        "o'connor@example.co.uk",
        "siân@example.org",
        "ann@bücher.example",
    ],
)
def test_usable_addresses_are_kept_as_typed(address: str) -> None:
    assert checked_address(f"  {address} ") == address


@pytest.mark.parametrize(
    "address",
    [
        "ann",
        "ann@",
        "ann@example",
        "ann..jones@example.org",
        "ann@localhost",
        "ann@printer.local",
        "ann@-example.org",
        "Ann Jones <ann@example.org>",
    ],
)
def test_unusable_addresses_are_refused(address: str) -> None:
    assert not validator_accepts(address)
    with pytest.raises(InvalidAddress):
        checked_address(address)


def test_address_key_ignores_case_and_spaces() -> None:
    assert address_key(" Ann.Jones@Example.ORG ") == address_key("ann.jones@example.org")


def test_special_use_domains_match_email_validators() -> None:
    assert set(SPECIAL_USE_DOMAIN_NAMES) == set(email_validator.SPECIAL_USE_DOMAIN_NAMES)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("ann", "it has no @ in it"),
        ("@example.org", "nothing comes before the @"),
        ("ann@", "nothing comes after the @"),
        ("ann@example", "the part after the @ is not a whole domain name, such as example.org"),
        ("ann..jones@example.org", "it has a full stop where an address cannot"),
        ("ann@printer.local", "the part after the @ is a reserved name that mail cannot go to"),
        ("ann jones@example.org", "it has characters an email address cannot have"),
        ("a" * 300 + "@example.org", "it is too long to be an email address"),
        ("ann@-example.org", "the part after the @ is not a valid domain name"),
        ("ann\uFE6Bexample.org", "it has a small “﹫” where an ordinary @ should be"),
        (
            "Ann Jones <ann@example.org>",
            "it has a name or angle brackets around it: type the address alone",
        ),
    ],
)  # fmt: skip
def test_each_refusal_is_said_in_ponts_words_not_the_libraries(address: str, reason: str) -> None:
    with pytest.raises(InvalidAddress) as refused:
        checked_address(address)
    assert refused.value.reason == reason


def test_every_reason_email_validator_gives_has_a_kind_of_its_own() -> None:
    """Each message the installed email-validator can raise maps to a kind: a new library
    version with new words shows here, not as English inside a Welsh sentence."""
    import ast
    import inspect

    import email_validator.syntax as syntax

    messages = [
        node.args[0].value
        for node in ast.walk(ast.parse(inspect.getsource(syntax)))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "EmailSyntaxError"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert len(messages) > 15
    assert [m for m in messages if not reason_kind(m)] == []
