"""Passwords Pont holds for this session only, when the computer has no keyring to keep them."""

from __future__ import annotations

from pont.core.members.addresses import address_key


class SessionPasswords:
    """Passwords by account address, in memory until Pont closes; never written anywhere."""

    def __init__(self) -> None:
        self._passwords: dict[str, str] = {}

    def get(self, email: str) -> str | None:
        return self._passwords.get(address_key(email.strip()))

    def put(self, email: str, password: str) -> None:
        self._passwords[address_key(email.strip())] = password

    def forget(self, email: str) -> None:
        self._passwords.pop(address_key(email.strip()), None)
