"""What the group's own mail has done and what waits for the coordinator, counted cheaply for
the window's status bar and its tray icon."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class GroupMailStatus:
    last_relayed: datetime | None  # when the latest relayed post finished going out
    held: int  # posts waiting for the coordinator's decision
    requests: int  # join and leave requests waiting for the coordinator
    outbox: int  # posts (and relays, notices, replies) not yet sent

    @property
    def anything(self) -> bool:
        return self.last_relayed is not None or bool(self.held or self.requests or self.outbox)


def _count(db: Database, sql: str) -> int:
    row = db.execute(sql).fetchone()
    return int(row[0]) if row else 0


def group_mail_status(db: Database) -> GroupMailStatus:
    """The profile's status: three indexed counts and one maximum."""
    row = db.execute(
        "SELECT max(finished) FROM posts WHERE kind = 'relay' AND state = 'sent'"
    ).fetchone()
    last: datetime | None = None
    if row and row[0]:
        with contextlib.suppress(ValueError, TypeError):
            last = datetime.fromisoformat(row[0])
    return GroupMailStatus(
        last_relayed=last,
        held=_count(db, "SELECT count(*) FROM held_posts WHERE state = 'held'"),
        requests=_count(db, "SELECT count(*) FROM requests WHERE state = 'open'"),
        outbox=_count(
            db, "SELECT count(*) FROM posts WHERE state IN ('queued', 'sending', 'paused')"
        ),
    )


def waiting_to_send(db: Database, account_id: int) -> int:
    """The account's posts queued and not yet being sent: what the outbox sender should take."""
    row = db.execute(
        "SELECT count(*) FROM posts WHERE account_id = ? AND state = 'queued'", [account_id]
    ).fetchone()
    return int(row[0]) if row else 0
