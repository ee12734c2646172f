"""Settings the coordinator chooses, kept in the profile's settings table as JSON values."""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.mail.microsoft.setup import MicrosoftSetup
    from pont.core.mail.microsoft.sign_in import MicrosoftTokens
    from pont.core.mail.tokens import Permission

SYNC_INTERVAL_KEY = "sync_interval_minutes"
DEFAULT_SYNC_INTERVAL = 15  # minutes; 0 = only when the coordinator asks
MAX_SYNC_INTERVAL = 24 * 60
# The intervals the settings offer (minutes; 0 = off).
SYNC_INTERVAL_CHOICES = (0, 5, 10, 15, 30, 60)
START_AT_LOGIN_KEY = "start_at_login"  # Pont starts, minimised to the tray, at log-in
KEEP_IN_TRAY_KEY = "keep_running_in_tray"  # closing the window leaves Pont in the tray
TRAY_EXPLAINED_KEY = "tray_explained"  # the coordinator was told once where Pont went


def read_setting(db: Database, key: str, default: Any) -> Any:
    """The value stored under key, or default when there is none (or it is not JSON)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        return default


def write_setting(db: Database, key: str, value: Any) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )


def sync_interval(db: Database) -> int:
    """Minutes between syncs; 0 for never (a value that is not a sensible number: the default)."""
    value = read_setting(db, SYNC_INTERVAL_KEY, DEFAULT_SYNC_INTERVAL)
    if isinstance(value, bool) or not isinstance(value, int):
        return DEFAULT_SYNC_INTERVAL
    return min(max(value, 0), MAX_SYNC_INTERVAL)


def read_flag(db: Database, key: str) -> bool:
    """A yes/no setting; anything but a stored true is no."""
    return read_setting(db, key, False) is True


MICROSOFT_KEY = "microsoft"


def microsoft_overrides(db: Database) -> dict[str, str]:
    """An organisation's own registration for this profile (the "microsoft" setting, a JSON
    object of the keys of resources/microsoft.json); {} for none."""
    value = read_setting(db, MICROSOFT_KEY, {})
    if not isinstance(value, dict):
        return {}
    return {key: text for key, text in value.items() if isinstance(text, str)}


def microsoft_setup(db: Database) -> MicrosoftSetup:
    """How Pont signs in with Microsoft for this profile: the built-in registration, an
    organisation's own (the "microsoft" setting), then the environment. Raises
    MicrosoftSetupInvalid for an address that is not https."""
    from pont.core.mail.microsoft.setup import load_setup

    return load_setup(microsoft_overrides(db))


class ProfileTokens:
    """The token source of an account that signs in with Microsoft, made where the account is
    chosen (the window's GUI thread, for one) and first used where it connects: the setup is
    checked then, so a setting that is not https is said as that connection's error, never
    raised where the account was merely picked."""

    def __init__(self, email: str, overrides: dict[str, str]) -> None:
        self._email = email
        self._overrides = overrides
        self._lock = threading.Lock()
        self._tokens: MicrosoftTokens | None = None

    @property
    def email(self) -> str:
        return self._email

    def access_token(self, permission: Permission) -> str:
        from pont.core.mail.microsoft.setup import load_setup
        from pont.core.mail.microsoft.sign_in import MicrosoftTokens

        with self._lock:
            if self._tokens is None:
                self._tokens = MicrosoftTokens(self._email, load_setup(self._overrides))
            tokens = self._tokens
        return tokens.access_token(permission)


def microsoft_tokens(db: Database, email: str) -> ProfileTokens:
    """The token source an account that signs in with Microsoft connects with."""
    return ProfileTokens(email, microsoft_overrides(db))


def graph_endpoint(db: Database, account: Account) -> str:
    """Microsoft Graph's address for an account that sends through it; '' (unused) for any
    other, whose sending a Microsoft setting cannot stop."""
    from pont.core.mail.accounts import SendRoute

    return microsoft_setup(db).graph_endpoint if account.sending is SendRoute.GRAPH else ""
