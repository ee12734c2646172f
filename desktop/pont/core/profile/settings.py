"""Settings the coordinator chooses, kept in the profile's settings table as JSON values."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.microsoft.setup import MicrosoftSetup
    from pont.core.mail.microsoft.sign_in import MicrosoftTokens

SYNC_INTERVAL_KEY = "sync_interval_minutes"
DEFAULT_SYNC_INTERVAL = 15  # minutes; 0 = only when the coordinator asks
MAX_SYNC_INTERVAL = 24 * 60


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


MICROSOFT_KEY = "microsoft"


def microsoft_setup(db: Database) -> MicrosoftSetup:
    """How Pont signs in with Microsoft for this profile: the built-in registration, an
    organisation's own (the "microsoft" setting, a JSON object), then the environment."""
    from pont.core.mail.microsoft.setup import load_setup

    value = read_setting(db, MICROSOFT_KEY, {})
    overrides = (
        {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}
    )
    return load_setup(overrides)


def microsoft_tokens(db: Database, email: str) -> MicrosoftTokens:
    """The token source an account that signs in with Microsoft connects with."""
    from pont.core.mail.microsoft.sign_in import MicrosoftTokens

    return MicrosoftTokens(email, microsoft_setup(db))
