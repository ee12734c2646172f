"""How far a sync through Microsoft Graph has read each folder: its delta link, and the Graph
ids it has examined, each under the folder's next number (graph_messages), so the archive's
locations stay (folder, uid) whichever way the mailbox is read."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from pont.core.archive.sync_state import advance_folder, reset_folder

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.sync_state import SyncedFolder


def take_folder_for_graph(db: Database, folder: SyncedFolder) -> None:
    """A folder IMAP sync read last (it has a UIDVALIDITY): its UIDs name nothing in Graph,
    so Graph reads it from the start, and the archive links its messages again by key."""
    if folder.uidvalidity is not None:
        reset_folder(db, folder, None)


def delta_link(db: Database, folder: SyncedFolder) -> str:
    """Where the folder's next round of delta queries starts; '' to read it from the start."""
    row = db.execute("SELECT delta_link FROM folders WHERE id = ?", [folder.id]).fetchone()
    return str(row[0]) if row else ""


def forget_delta_link(db: Database, folder: SyncedFolder) -> None:
    """Graph no longer knows the link (410 Gone): the next round lists the folder whole."""
    with db.atomic():
        db.execute("UPDATE folders SET delta_link = '' WHERE id = ?", [folder.id])


def examined_ids(db: Database, folder: SyncedFolder, graph_ids: Iterable[str]) -> set[str]:
    """Those of graph_ids the folder has examined before (stored, passed over or not group
    traffic): not to fetch again."""
    rows = db.execute(
        "SELECT graph_id FROM graph_messages WHERE folder_id = ? AND graph_id IN"
        " (SELECT value FROM json_each(?))",
        [folder.id, json.dumps(list(graph_ids))],
    )
    return {str(row[0]) for row in rows}


def record_examined(db: Database, folder: SyncedFolder, places: Iterable[tuple[str, int]]) -> None:
    """Record (graph id, uid) pairs as examined, in the caller's transaction."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO graph_messages (folder_id, graph_id, uid) VALUES (?, ?, ?)",
        [(folder.id, graph_id, uid) for graph_id, uid in places],
    )


def remove_ids(db: Database, folder: SyncedFolder, graph_ids: Collection[str]) -> None:
    """Messages Graph says left the folder (@removed): their locations go, as with mail
    expunged over IMAP; the archive keeps the messages. In the caller's transaction."""
    _remove_where(db, folder, "graph_id IN (SELECT value FROM json_each(?))", graph_ids)


def keep_only_ids(db: Database, folder: SyncedFolder, graph_ids: Collection[str]) -> None:
    """After a round that listed the folder whole: whatever it did not list has left the
    folder. In the caller's transaction."""
    _remove_where(db, folder, "graph_id NOT IN (SELECT value FROM json_each(?))", graph_ids)


def _remove_where(
    db: Database, folder: SyncedFolder, which: str, graph_ids: Collection[str]
) -> None:
    ids = json.dumps(list(graph_ids))
    gone = f"SELECT uid FROM graph_messages WHERE folder_id = ? AND {which}"
    for table in ("message_locations", "skipped_messages"):
        db.conn.execute(
            f"DELETE FROM {table} WHERE folder_id = ? AND uid IN ({gone})",
            [folder.id, folder.id, ids],
        )
    db.conn.execute(f"DELETE FROM graph_messages WHERE folder_id = ? AND {which}", [folder.id, ids])


def finish_round(db: Database, folder: SyncedFolder, link: str) -> None:
    """Record the round's delta link, in the caller's transaction: the one that stores the
    round's last messages, so the link never runs ahead of what the archive holds."""
    advance_folder(db, folder, folder.last_uid)
    db.conn.execute("UPDATE folders SET delta_link = ? WHERE id = ?", [link, folder.id])
