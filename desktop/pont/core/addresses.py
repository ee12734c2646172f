"""Checking and comparing email addresses (syntax only: a coordinator may be offline)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from pont.core.errors import InvalidAddress


def checked_address(text: str) -> str:
    """The address as typed (trimmed), or InvalidAddress saying why it cannot be used."""
    address = text.strip()
    if not address:
        raise InvalidAddress(text, "it is empty")
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
    message = validator_message.strip().rstrip(".")
    return message[0].lower() + message[1:] if message else "it is not valid"
