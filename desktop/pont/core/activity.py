"""The activity log: what changed, when, and from where (the window, the command line, a file)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    at: datetime
    group_id: int | None
    member_id: int | None
    action: str
    origin: str
    detail: str


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Line:
    """One line to write: what was done, from where, to which group and member."""

    action: str
    origin: str
    detail: str = ""
    group_id: int | None = None
    member_id: int | None = None


def log(
    db: Database,
    action: str,
    origin: str,
    detail: str = "",
    group_id: int | None = None,
    member_id: int | None = None,
) -> None:
    """Record one line; callers are already inside the transaction that made the change."""
    log_many(db, [Line(action, origin, detail, group_id, member_id)])


def log_many(db: Database, lines: Iterable[Line]) -> None:
    at = now().isoformat(timespec="seconds")
    db.conn.executemany(
        "INSERT INTO activity (at, group_id, member_id, action, origin, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [[at, x.group_id, x.member_id, x.action, x.origin, x.detail] for x in lines],
    )


def entries(db: Database, group_id: int | None = None) -> list[ActivityEntry]:
    where, params = ("WHERE group_id = ?", [group_id]) if group_id is not None else ("", [])
    rows = db.execute(
        f"SELECT at, group_id, member_id, action, origin, detail FROM activity {where} ORDER BY id",
        params,
    ).fetchall()
    return [
        ActivityEntry(datetime.fromisoformat(at), gid, mid, action, origin, detail)
        for at, gid, mid, action, origin, detail in rows
    ]
