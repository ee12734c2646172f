from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from pont.core.errors import ProfileLocked, ProfileUnreadable
from pont.core.profile.migrations import migrations
from pont.core.profile.store import DATABASE_NAME, open_database, open_profile


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


def test_a_file_that_is_not_a_database_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "profile" / DATABASE_NAME
    path.parent.mkdir()
    path.write_bytes(b"this is not SQLite, just junk bytes " * 100)
    with pytest.raises(ProfileUnreadable) as refused:
        open_database(path)
    assert str(refused.value).startswith(f"Pont cannot open its data in {path} (")
    assert str(tmp_path / "profile" / "backups") in str(refused.value)
    assert "--data-dir" in str(refused.value)


def test_a_folder_where_the_database_should_be_is_a_sentence(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).mkdir()
    with pytest.raises(ProfileUnreadable, match="Pont cannot open its data in"):
        open_profile(tmp_path)


def test_a_database_another_program_holds_is_profile_locked(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")  # takes the exclusive lock and keeps it
    try:
        with pytest.raises(ProfileLocked, match="Pont's data is busy: another Pont command"):
            open_database(path)
    finally:
        holder.close()


def test_the_command_line_says_the_sentence_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(b"\x00junk" * 500)
    pont = Path(sys.executable).parent / "pont"
    result = subprocess.run(
        [str(pont), "--data-dir", str(tmp_path), "group", "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"pont: Pont cannot open its data in {tmp_path / DATABASE_NAME}"
    )
    assert "Traceback" not in result.stderr
