from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from pont.core.migrations import migrations
from pont.core.store import open_database


def test_new_database_has_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "profile" / "pont.sqlite3")
    assert {"groups", "members", "activity"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [m.name for m in migrations.applied(db)] == [m.name for m in migrations._migrations]


def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "pont.sqlite3"
    db = open_database(path)
    db.execute(
        "INSERT INTO groups (name, name_key, tag, created) VALUES ('G', 'g', 'G', '2026-01-01')"
    )
    db.conn.commit()
    applied = len(migrations.applied(db))
    db.close()

    again = open_database(path)
    assert len(migrations.applied(again)) == applied
    assert again.execute("SELECT name FROM groups").fetchall() == [("G",)]


def test_groups_made_before_the_archive_get_a_list_id(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    old = Database(connection)
    migrations.apply(old, stop_before="0002_accounts_archive")
    old.execute(
        "INSERT INTO groups (name, name_key, tag, created) VALUES ('Peer Support', 'peer support',"
        " 'Peers', '2026-01-01')"
    )
    old.conn.commit()
    connection.close()

    db = open_database(path)
    (list_id,) = db.execute("SELECT list_id FROM groups").fetchone()
    assert list_id.startswith("peer-support.")
    assert list_id.endswith(".localhost")
    db.close()
