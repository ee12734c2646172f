"""Mail that sync passed over: which, and why, remembered so it is not fetched again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.message_headers import MessageHeaders

# Why a message was passed over (skipped_messages.reason).
CONNECTION_DROPPED = "connection-dropped"  # the server cut the connection each time
NO_CONTENT = "no-content"  # the server answered with nothing for it


@dataclass(frozen=True, slots=True)
class SkippedMessage:
    folder: str
    uid: int
    subject: str  # '' when its headers were not read
    sender: str  # the sender's address, '' when not known
    reason: str  # CONNECTION_DROPPED or NO_CONTENT


def skipped_message(
    folder: str, uid: int, reason: str, headers: MessageHeaders | None
) -> SkippedMessage:
    subject = headers.subject if headers else ""
    sender = headers.sender.email if headers and headers.sender else ""
    return SkippedMessage(folder, uid, subject, sender, reason)


def remember_skipped(db: Database, folder_id: int, skipped: SkippedMessage) -> None:
    """Record it at once, in its own transaction: a sync that stops later still knows it."""
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO skipped_messages"
            " (folder_id, uid, subject, sender, reason, skipped) VALUES (?, ?, ?, ?, ?, ?)",
            [
                folder_id,
                skipped.uid,
                skipped.subject,
                skipped.sender,
                skipped.reason,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ],
        )


def skipped_uids(db: Database, folder_id: int, above: int) -> set[int]:
    """UIDs above `above` in the folder that sync passed over before: not to fetch again."""
    rows = db.execute(
        "SELECT uid FROM skipped_messages WHERE folder_id = ? AND uid > ?", [folder_id, above]
    )
    return {int(row[0]) for row in rows}


def list_skipped(db: Database, account_id: int) -> list[SkippedMessage]:
    """Every message sync has passed over in the account's folders, oldest UID first."""
    rows = db.execute(
        "SELECT f.name, s.uid, s.subject, s.sender, s.reason FROM skipped_messages s"
        " JOIN folders f ON f.id = s.folder_id WHERE f.account_id = ? ORDER BY f.name, s.uid",
        [account_id],
    )
    return [
        SkippedMessage(name, int(uid), subject, sender, why)
        for name, uid, subject, sender, why in rows
    ]
