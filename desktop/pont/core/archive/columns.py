"""How the archive's columns hold times and addresses: ISO 8601 text and JSON lists."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pont.core.archive.message_headers import Address


def iso_utc(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def moment_from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def addresses_from_json(text: str) -> tuple[Address, ...]:
    return tuple(Address(name, email) for name, email in json.loads(text))


def sender_address(name: str, email: str) -> Address | None:
    return Address(name, email) if email or name else None
