"""A keyring kept in one JSON file, for `pont` run as a subprocess by the tests: such a
process cannot see the tests' in-memory keyring, and must never touch the real one.

Chosen with PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring (this folder on PYTHONPATH) and
PONT_TEST_KEYRING=<file>. Like Windows Credential Manager, it refuses entries over 2,500
bytes (UTF-16), so Pont's token cache goes in parts here as it would there."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError, PasswordSetError

LIMIT_UTF16_BYTES = 2_500


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ["PONT_TEST_KEYRING"])

    def _entries(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.path.read_text()))
        except FileNotFoundError:
            return {}

    def _write(self, entries: dict[str, str]) -> None:
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(entries))
        temporary.replace(self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password.encode("utf-16-le")) > LIMIT_UTF16_BYTES:
            raise PasswordSetError("entry too large")
        entries = self._entries()
        entries[f"{service}\0{username}"] = password
        self._write(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}\0{username}", None) is None:
            raise PasswordDeleteError(username)
        self._write(entries)
