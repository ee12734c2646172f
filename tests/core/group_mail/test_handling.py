"""Each message sync set aside is handled once: its row is marked in the same transaction as
what handling did, and one that cannot be handled stops nothing else."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from sqlite_utils import Database

from pont.core.archive.inbound import InboundKind
from pont.core.group_mail import handling
from pont.core.group_mail.handling import GroupMailReport, InboundMessage, handle_new_mail
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.profile.store import open_database

if TYPE_CHECKING:
    from pathlib import Path

    from pont.core.mail.accounts import Account

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(tmp_path / "pont.sqlite3")


@pytest.fixture
def account(db: Database) -> Account:
    server = ServerSettings("mail.example.org", 993, Security.SSL)
    return save_account(
        db, AccountSettings(email="coord@example.org", username="coord", imap=server, smtp=server)
    )


def _set_aside(db: Database, account: Account, key: str, kind: InboundKind) -> None:
    db.execute(
        "INSERT INTO inbound (account_id, message_key, kind, received, raw) VALUES (?, ?, ?, ?, ?)",
        [account.id, key, kind.value, NOW.isoformat(), b"Subject: x\r\n\r\nbody"],
    )


def _outcomes(db: Database) -> dict[str, tuple[str, str]]:
    rows = db.execute("SELECT message_key, state, outcome FROM inbound")
    return {key: (state, outcome) for key, state, outcome in rows}


def test_each_message_is_handled_once_in_order_and_a_failure_stops_nothing(
    db: Database, account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def relay(db: Database, message: InboundMessage, account: Account, now: datetime) -> str:
        seen.append(message.message_key)
        if message.message_key == "broken@x":
            # what it wrote before failing must go with it
            db.conn.execute("INSERT INTO settings (key, value) VALUES ('half-done', '1')")
            raise ValueError("a bug")
        return "relayed"

    def bounce(db: Database, message: InboundMessage, account: Account, now: datetime) -> str:
        seen.append(message.message_key)
        return "bounces"

    monkeypatch.setattr(
        handling,
        "_handlers",
        lambda: {InboundKind.GROUP_ADDRESS: relay, InboundKind.BOUNCE: bounce},
    )
    _set_aside(db, account, "first@x", InboundKind.GROUP_ADDRESS)
    _set_aside(db, account, "broken@x", InboundKind.GROUP_ADDRESS)
    _set_aside(db, account, "dsn@x", InboundKind.BOUNCE)

    report = handle_new_mail(db, account, NOW)

    assert seen == ["first@x", "broken@x", "dsn@x"]
    assert report == GroupMailReport(relayed=1, bounces=1)
    assert _outcomes(db) == {
        "first@x": ("done", "relayed"),
        "broken@x": ("done", "error"),
        "dsn@x": ("done", "bounces"),
    }
    assert db.execute("SELECT 1 FROM settings WHERE key = 'half-done'").fetchone() is None

    assert handle_new_mail(db, account, NOW).total == 0
    assert seen == ["first@x", "broken@x", "dsn@x"]


def test_other_outcomes_count_as_ignored() -> None:
    report = GroupMailReport()
    for outcome in ("relayed", "auto-reply", "own-copy", "held"):
        report.add(outcome)
    assert report == GroupMailReport(relayed=1, held=1, ignored=2)
    assert report.total == 4


def test_each_round_expires_held_posts_and_unanswered_confirmations(
    db: Database, account: Account
) -> None:
    from datetime import timedelta

    from pont.core.members.groups import create_group

    group = create_group(db, "Wellbeing Network")
    long_ago = (NOW - timedelta(days=40)).isoformat()
    _set_aside(db, account, "stranger@x", InboundKind.GROUP_ADDRESS)
    db.execute("UPDATE inbound SET state = 'done', group_id = ?", [group.id])
    db.execute(
        "INSERT INTO held_posts (inbound_id, group_id, reason, held, expires)"
        " VALUES (1, ?, 'not-a-member', ?, ?)",
        [group.id, long_ago, long_ago],
    )
    db.execute(
        "INSERT INTO requests (group_id, kind, email, email_key, received, state, token,"
        " decided) VALUES (?, 'join', 'x@example.org', 'x@example.org', ?, 'confirming',"
        " 'ab12', ?)",
        [group.id, long_ago, long_ago],
    )

    handle_new_mail(db, account, NOW)

    assert db.execute("SELECT state FROM held_posts").fetchone()[0] == "expired"
    assert db.execute("SELECT state FROM requests").fetchone()[0] == "expired"
