"""Checking and comparing email addresses (syntax only: a coordinator may be offline)."""

from __future__ import annotations

import re

from pont.core.errors import InvalidAddress
from pont.core.i18n import translate

# email-validator spends ~50 µs an address (mostly IDNA work): 1 s of a 20,000-row import,
# and ~30 ms of start-up just to import. Plain ASCII addresses inside this strict subset of
# its rules need none of that, so they skip it; anything else (Unicode, quoted local parts,
# odd domains) goes to it. tests/core/members/test_addresses.py checks that whatever this accepts,
# email-validator accepts, and that this list matches its special-use domains.
SPECIAL_USE_DOMAIN_NAMES = ("arpa", "invalid", "local", "localhost", "onion", "test")
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_ADDRESS = re.compile(
    rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)@(?P<domain>(?:{_LABEL}\.)+[A-Za-z]{{2,63}})"
)
_SPECIAL_SUFFIXES = tuple("." + name for name in SPECIAL_USE_DOMAIN_NAMES)


def _is_plainly_valid(address: str) -> bool:
    match = _PLAIN_ADDRESS.fullmatch(address)
    if match is None or len(address) > 254 or len(match["local"]) > 64:
        return False
    domain = "." + match["domain"].lower()
    return "--" not in domain and not domain.endswith(_SPECIAL_SUFFIXES)


def checked_address(text: str) -> str:
    """The address as typed (trimmed), or InvalidAddress saying why it cannot be used."""
    address = text.strip()
    if not address:
        raise InvalidAddress(text, translate("Addresses", "it is empty"))
    if _is_plainly_valid(address):
        return address
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as error:
        raise InvalidAddress(address, plain_reason(str(error))) from None
    return address


def is_valid_address(text: str) -> bool:
    try:
        checked_address(text)
    except InvalidAddress:
        return False
    return True


def address_key(address: str) -> str:
    """What two addresses share when they reach the same person, for duplicate checks.

    Domains are case-insensitive everywhere; local parts are in theory case-sensitive but no
    provider a coordinator meets treats them so, and people type Ann.Jones and ann.jones alike.
    """
    return address.strip().casefold()


def plain_reason(validator_message: str) -> str:
    """email-validator's reason (English, from the library) as the end of a sentence."""
    message = validator_message.strip().rstrip(".")
    return (
        message[0].lower() + message[1:] if message else translate("Addresses", "it is not valid")
    )
