"""Passwords in the OS keyring (service "Pont", user = the account's email), nowhere else."""

from __future__ import annotations

import contextlib

import keyring
from keyring.backends import fail, null
from keyring.errors import KeyringError

from pont.core.errors import KeyringUnavailable
from pont.core.members.addresses import address_key

SERVICE = "Pont"


def _user(email: str) -> str:
    # Casefolded, so "Ann@Example.org" and "ann@example.org" share one entry as they share
    # one account row (accounts.email_key).
    return address_key(email.strip())


def keyring_usable() -> bool:
    """Whether passwords can be remembered here (headless Linux without D-Bus: no)."""
    return not isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring)


def store_password(email: str, password: str) -> None:
    if not keyring_usable():
        raise KeyringUnavailable()
    try:
        keyring.set_password(SERVICE, _user(email), password)
    except KeyringError as error:  # locked, refused by the user, or broken
        raise KeyringUnavailable() from error


def load_password(email: str) -> str | None:
    """The stored password, or None when there is none or the keyring cannot be read
    (the caller then asks the coordinator for it)."""
    try:
        return keyring.get_password(SERVICE, _user(email))
    except KeyringError:
        return None


def forget_password(email: str) -> None:
    # Nothing stored (PasswordDeleteError) or no keyring: nothing is left either way.
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, _user(email))
