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
