"""Threads in the group archive: rebuilt after new mail arrives, and listed for a group."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from pont.core.archive.columns import addresses_from_json, iso_utc, moment_from_iso
from pont.core.archive.conversations import (
    ThreadInput,
    normalised_subject,
    participants_in_order,
)
from pont.core.archive.conversations import thread_messages as thread_inputs
from pont.core.archive.message_headers import Address

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class Thread:
    id: int
    group_id: int
    subject: str
    participants: tuple[Address, ...]
    message_count: int
    first_activity: datetime | None
    last_activity: datetime | None
    message_keys: tuple[str, ...]  # oldest first


def rebuild_threads(db: Database, group_ids: Iterable[int]) -> None:
    """Thread each group's messages afresh (JWZ, subject fallback) and link them to threads.

    A thread keeps its id while its first message stays first, so a view showing it can keep
    it selected across a sync.
    """
    with db.atomic():
        for group_id in sorted(set(group_ids)):
            _rebuild_group_threads(db, group_id)


def _rebuild_group_threads(db: Database, group_id: int) -> None:
    rows = db.execute(
        "SELECT m.id, m.message_key, m.subject, m.in_reply_to, m.refs, m.sent, m.sender_name,"
        " m.sender_email, m.sender_key, mg.thread_id FROM message_groups mg"
        " JOIN messages m ON m.id = mg.message_id WHERE mg.group_id = ?"
        " ORDER BY m.sent IS NULL, m.sent, m.id",
        [group_id],
    ).fetchall()
    by_key = {row[1]: row for row in rows}
    # One json.loads for all References lists: ~20 times faster than one call per row.
    all_refs = json.loads("[" + ",".join(row[4] for row in rows) + "]")
    inputs = [
        ThreadInput(row[1], row[2], row[3], tuple(refs), moment_from_iso(row[5]))
        for row, refs in zip(rows, all_refs, strict=True)
    ]
    old_values = {
        row[0]: list(row[1:])
        for row in db.execute(
            "SELECT id, subject, participants, message_count, first_activity, last_activity"
            " FROM threads WHERE group_id = ?",
            [group_id],
        )
    }
    old_threads = set(old_values)
    claimed: set[int] = set()
    links: list[tuple[int, int, int]] = []
    for thread in thread_inputs(inputs):
        members = [by_key[message.key] for message in thread]
        dates = [message.sent for message in thread if message.sent is not None]
        subjects = (normalised_subject(message.subject) for message in thread)
        values = [
            next((subject for subject in subjects if subject), ""),
            json.dumps(
                participants_in_order((row[6], row[7], row[8]) for row in members),
                ensure_ascii=False,
            ),
            len(thread),
            iso_utc(min(dates)) if dates else None,
            iso_utc(max(dates)) if dates else None,
        ]
        thread_id = members[0][9]
        if thread_id in old_values and thread_id not in claimed:
            if old_values[thread_id] != values:
                db.execute(
                    "UPDATE threads SET subject = ?, participants = ?, message_count = ?,"
                    " first_activity = ?, last_activity = ? WHERE id = ?",
                    [*values, thread_id],
                )
        else:
            cursor = db.execute(
                "INSERT INTO threads (group_id, subject, participants, message_count,"
                " first_activity, last_activity) VALUES (?, ?, ?, ?, ?, ?)",
                [group_id, *values],
            )
            thread_id = int(cursor.lastrowid or 0)
        claimed.add(thread_id)
        links.extend((thread_id, row[0], group_id) for row in members if row[9] != thread_id)
    db.conn.executemany(
        "UPDATE message_groups SET thread_id = ? WHERE message_id = ? AND group_id = ?", links
    )
    unused = old_threads - claimed
    if unused:
        db.conn.executemany("DELETE FROM threads WHERE id = ?", [(tid,) for tid in unused])


def list_threads(db: Database, group_id: int) -> list[Thread]:
    """The group's threads, the most recently active first."""
    keys: dict[int, list[str]] = {}
    for thread_id, key in db.execute(
        "SELECT mg.thread_id, m.message_key FROM message_groups mg"
        " JOIN messages m ON m.id = mg.message_id"
        " WHERE mg.group_id = ? AND mg.thread_id IS NOT NULL"
        " ORDER BY m.sent IS NULL, m.sent, m.id",
        [group_id],
    ):
        keys.setdefault(thread_id, []).append(key)
    rows = db.execute(
        "SELECT id, group_id, subject, participants, message_count, first_activity,"
        " last_activity FROM threads WHERE group_id = ?"
        " ORDER BY last_activity IS NULL, last_activity DESC, id DESC",
        [group_id],
    ).fetchall()
    return [
        Thread(
            id=thread_id,
            group_id=group,
            subject=subject,
            participants=addresses_from_json(participants),
            message_count=count,
            first_activity=moment_from_iso(first),
            last_activity=moment_from_iso(last),
            message_keys=tuple(keys.get(thread_id, ())),
        )
        for thread_id, group, subject, participants, count, first, last in rows
    ]
