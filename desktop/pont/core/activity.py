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


def last_entry_id(db: Database) -> int:
    """The newest line's id (0 for none): every change to a member writes a line, so this
    moving says members changed, for the price of one lookup at the end of an index."""
    row = db.execute("SELECT max(id) FROM activity").fetchone()
    return int(row[0] or 0)


def members_touched_since(db: Database, after_id: int, group_id: int) -> set[int] | None:
    """The members of this group whose lines came after after_id (added, changed, removed,
    restored); None when a line was about the group as a whole (an import, an erasure), and
    so any of its members may have changed."""
    rows = db.execute(
        "SELECT member_id FROM activity WHERE id > ?"
        " AND (group_id = ? OR (group_id IS NULL AND member_id IS NOT NULL))",
        [after_id, group_id],
    ).fetchall()
    touched: set[int] = set()
    for (member_id,) in rows:
        if member_id is None:
            return None
        touched.add(int(member_id))
    return touched
