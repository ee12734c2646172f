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


# email-validator explains in English; a Welsh window must not show that inside a Welsh
# sentence. Its reasons (2.x) fall into these kinds, each said in Pont's own words: the first
# pattern found in the library's message decides.
_REASON_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no-at", ("must have an @-sign",)),
    ("small-at", ("small commercial at",)),
    ("name-around", ("display name", "angle bracket")),
    ("nothing-before", ("something before the @-sign",)),
    ("nothing-after", ("something after the @-sign",)),
    ("after-address", ("anything after the email address",)),
    ("no-domain", ("should have a period", "top-level domain")),
    ("reserved", ("special-use or reserved",)),
    ("too-long", ("too long", "so many characters")),
    ("full-stops", ("period",)),
    ("characters", ("character", "not valid ascii", "quot", "internationalized")),
    ("domain", ("after the @-sign",)),
)


def _reason_sentence(kind: str) -> str:
    sentences = {
        "no-at": translate("Addresses", "it has no @ in it"),
        "small-at": translate("Addresses", "it has a small “﹫” where an ordinary @ should be"),
        "name-around": translate(
            "Addresses", "it has a name or angle brackets around it: type the address alone"
        ),
        "nothing-before": translate("Addresses", "nothing comes before the @"),
        "nothing-after": translate("Addresses", "nothing comes after the @"),
        "after-address": translate("Addresses", "something comes after the address"),
        "no-domain": translate(
            "Addresses", "the part after the @ is not a whole domain name, such as example.org"
        ),
        "reserved": translate(
            "Addresses", "the part after the @ is a reserved name that mail cannot go to"
        ),
        "too-long": translate("Addresses", "it is too long to be an email address"),
        "full-stops": translate("Addresses", "it has a full stop where an address cannot"),
        "characters": translate("Addresses", "it has characters an email address cannot have"),
        "domain": translate("Addresses", "the part after the @ is not a valid domain name"),
    }
    return sentences.get(kind, translate("Addresses", "it is not a valid email address"))


def reason_kind(validator_message: str) -> str:
    """The kind of email-validator's reason (its message, in English): '' when unknown."""
    message = validator_message.casefold()
    for kind, patterns in _REASON_KINDS:
        if any(pattern in message for pattern in patterns):
            return kind
    return ""


def plain_reason(validator_message: str) -> str:
    """email-validator's reason said in Pont's words (in the window's language), as the end
    of a sentence: never the library's English inside a Welsh sentence."""
    return _reason_sentence(reason_kind(validator_message))
