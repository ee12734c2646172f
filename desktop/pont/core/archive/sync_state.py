"""How far sync has read each folder: its row in the folders table, UIDVALIDITY and last UID."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class SyncedFolder:
    id: int
    name: str
    role: str
    uidvalidity: int | None
    last_uid: int


def stored_folders(db: Database, account_id: int) -> list[SyncedFolder]:
    """The folders Pont read last time, Sent first.

    Sent goes first because the coordinator's posts there are what members reply to:
    known first, the replies in INBOX then match as group traffic by their References.
    """
    rows = db.execute(
        "SELECT id, name, role, uidvalidity, last_uid FROM folders WHERE account_id = ?"
        " ORDER BY role = 'inbox'",
        [account_id],
    ).fetchall()
    return [SyncedFolder(*row) for row in rows]


def keep_folders(db: Database, account_id: int, wanted: list[tuple[str, str]]) -> None:
    """Make the account's folder rows exactly wanted, (name, role) pairs."""
    with db.atomic():
        # A folder Pont no longer reads (renamed, or a different Sent) takes its
        # locations with it; the messages stay in the archive.
        db.execute(
            "DELETE FROM folders WHERE account_id = ? AND name NOT IN "
            "(SELECT value FROM json_each(?))",
            [account_id, json.dumps([name for name, _ in wanted])],
        )
        for name, role in wanted:
            db.execute(
                "INSERT INTO folders (account_id, name, role) VALUES (?, ?, ?) "
                "ON CONFLICT (account_id, name) DO UPDATE SET role = excluded.role",
                [account_id, name, role],
            )


def reset_folder(db: Database, folder: SyncedFolder, uidvalidity: int | None) -> None:
    """A new UIDVALIDITY means the old UIDs name nothing: read the folder again from the
    start. The archive keeps its messages; dedup by message key re-links them. The same when
    the way the folder is read changes: Microsoft Graph (uidvalidity None) to IMAP or back."""
    with db.atomic():
        db.execute("DELETE FROM message_locations WHERE folder_id = ?", [folder.id])
        db.execute("DELETE FROM skipped_messages WHERE folder_id = ?", [folder.id])
        db.execute("DELETE FROM graph_messages WHERE folder_id = ?", [folder.id])
        db.execute(
            "UPDATE folders SET uidvalidity = ?, last_uid = 0, highest_modseq = NULL,"
            " delta_link = '' WHERE id = ?",
            [uidvalidity, folder.id],
        )
    folder.uidvalidity = uidvalidity
    folder.last_uid = 0


def advance_folder(db: Database, folder: SyncedFolder, uid: int) -> None:
    """Record that the folder is read up to uid, in the caller's transaction."""
    folder.last_uid = max(folder.last_uid, uid)
    db.execute(
        "UPDATE folders SET last_uid = ?, synced = ? WHERE id = ?",
        [folder.last_uid, _now(), folder.id],
    )


def finish_folder(
    db: Database, folder: SyncedFolder, uidnext: int | None, modseq: int | None
) -> None:
    """Record that the folder is read to the end, with its HIGHESTMODSEQ."""
    # Every UID below UIDNEXT at select time was in the search, so the next sync can
    # skip straight past them even when the newest were expunged meanwhile.
    if uidnext is not None:
        folder.last_uid = max(folder.last_uid, uidnext - 1)
    with db.atomic():
        db.execute(
            "UPDATE folders SET last_uid = ?, highest_modseq = ?, synced = ? WHERE id = ?",
            [folder.last_uid, modseq, _now(), folder.id],
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
