"""Daily backups: taken once a day with SQLite's backup API, seven kept, and restored safely."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from pont.core.errors import BackupUnusable
from pont.core.members.groups import Group, create_group, list_groups
from pont.core.members.members import NewMember, add_member, list_members
from pont.core.profile.backups import (
    BEFORE_RESTORE,
    DAILY,
    KEEP_DAILY,
    backup_if_due,
    list_backups,
    restore_backup,
    take_backup,
)
from pont.core.profile.store import DATABASE_NAME, open_database

MORNING = datetime(2026, 11, 24, 9, 0)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path  # the core conftest's db lives at tmp_path / pont.sqlite3


def names(data_dir: Path) -> list[str]:
    return [backup.path.name for backup in list_backups(data_dir)]


def test_the_first_backup_is_due_and_another_only_on_a_later_day(
    db: Database, data_dir: Path, group: Group
) -> None:
    first = backup_if_due(db, data_dir, MORNING)
    assert first is not None
    assert first.path == data_dir / "backups" / "pont-2026-11-24.sqlite3"
    assert (first.taken.date(), first.taken.hour, first.taken.minute) == (MORNING.date(), 9, 0)
    assert first.size == first.path.stat().st_size > 0
    assert first.kind == DAILY
    assert backup_if_due(db, data_dir, MORNING + timedelta(hours=8)) is None
    assert backup_if_due(db, data_dir, MORNING + timedelta(days=1)) is not None
    assert names(data_dir) == ["pont-2026-11-25.sqlite3", "pont-2026-11-24.sqlite3"]


def test_daily_rotation_keeps_the_last_seven(db: Database, data_dir: Path) -> None:
    for day in range(10):
        assert backup_if_due(db, data_dir, MORNING + timedelta(days=day)) is not None
    kept = list_backups(data_dir)
    assert len(kept) == KEEP_DAILY == 7
    assert [b.taken.day for b in kept] == [3, 2, 1, 30, 29, 28, 27]  # 3 Dec back to 27 Nov
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == sorted(names(data_dir))


def test_a_backup_is_a_consistent_self_contained_copy_of_the_open_database(
    db: Database, data_dir: Path, group: Group
) -> None:
    add_member(db, group.id, NewMember("ann@example.org", name="Ann"), origin="test")
    backup = take_backup(db, data_dir, MORNING)  # the WAL holds the latest writes
    copy = sqlite3.connect(backup.path)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert copy.execute("SELECT email FROM members").fetchall() == [("ann@example.org",)]
    copy.close()
    assert not any(p.name.endswith(("-wal", "-shm")) for p in backup.path.parent.iterdir())


def test_restore_brings_the_data_back_and_keeps_what_was_there(
    db: Database, data_dir: Path, group: Group
) -> None:
    add_member(db, group.id, NewMember("ann@example.org", name="Ann"), origin="test")
    backup = take_backup(db, data_dir, MORNING)
    create_group(db, "Later Group")
    add_member(db, group.id, NewMember("bob@example.org"), origin="test")
    db.close()

    kept = restore_backup(data_dir, backup, MORNING + timedelta(hours=3))

    reopened = open_database(data_dir / DATABASE_NAME)
    assert [g.name for g in list_groups(reopened)] == ["Wellbeing Network"]
    assert [m.email for m in list_members(reopened, group.id)] == ["ann@example.org"]
    reopened.close()
    assert kept is not None and kept.kind == BEFORE_RESTORE
    assert kept.path.name == "pont-2026-11-24-before-restore-120000.sqlite3"
    before = Database(kept.path)
    assert {row["name"] for row in before["groups"].rows} == {"Wellbeing Network", "Later Group"}
    before.close()
    assert [b.kind for b in list_backups(data_dir)] == [BEFORE_RESTORE, DAILY]


def test_a_corrupt_backup_is_refused_in_a_sentence_and_nothing_changes(
    db: Database, data_dir: Path, group: Group
) -> None:
    backup = take_backup(db, data_dir, MORNING)
    data = bytearray(backup.path.read_bytes())
    data[4096 : 4096 * 2] = b"\xff" * 4096  # the second page: the groups table's data
    backup.path.write_bytes(bytes(data))
    create_group(db, "Later Group")
    db.close()
    live = data_dir / DATABASE_NAME
    before = {p.name: p.read_bytes() for p in data_dir.glob("pont.sqlite3*")}

    with pytest.raises(BackupUnusable) as raised:
        restore_backup(data_dir, list_backups(data_dir)[0])

    assert str(raised.value) == (
        "The backup from 24 November 2026 is damaged, so Pont did not use it. Nothing was changed."
    )
    assert {p.name: p.read_bytes() for p in data_dir.glob("pont.sqlite3*")} == before
    assert names(data_dir) == ["pont-2026-11-24.sqlite3"]  # no before-restore copy either
    reopened = open_database(live)
    assert {g.name for g in list_groups(reopened)} == {"Wellbeing Network", "Later Group"}
    reopened.close()


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (b"", "is not Pont's data"),
        (b"Not a database at all, just some text that someone renamed." * 200, "is damaged"),
    ],
)
def test_a_file_that_is_not_a_pont_database_is_refused(
    db: Database, data_dir: Path, content: bytes, sentence: str
) -> None:
    backup = take_backup(db, data_dir, MORNING)
    backup.path.write_bytes(content)
    db.close()
    with pytest.raises(BackupUnusable, match=sentence):
        restore_backup(data_dir, backup)


def test_a_backup_from_a_newer_pont_is_refused(db: Database, data_dir: Path) -> None:
    backup = take_backup(db, data_dir, MORNING)
    newer = sqlite3.connect(backup.path)
    newer.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('pont', '9999_from_the_future', '2030-01-01')"
    )
    newer.commit()
    newer.close()
    db.close()
    with pytest.raises(BackupUnusable, match="newer version of Pont"):
        restore_backup(data_dir, backup)


def test_restore_replaces_a_live_database_that_is_beyond_reading(
    db: Database, data_dir: Path, group: Group
) -> None:
    backup = take_backup(db, data_dir, MORNING)
    db.close()
    live = data_dir / DATABASE_NAME
    live.write_bytes(b"garbage " * 1000)
    (data_dir / "pont.sqlite3-wal").write_bytes(b"stale wal")

    kept = restore_backup(data_dir, backup, MORNING + timedelta(hours=1))

    assert not (data_dir / "pont.sqlite3-wal").exists()
    reopened = open_database(live)
    assert [g.name for g in list_groups(reopened)] == ["Wellbeing Network"]
    reopened.close()
    assert kept is not None and kept.path.read_bytes() == b"garbage " * 1000


def test_backups_copied_to_another_day_keep_the_day_in_their_name(
    db: Database, data_dir: Path
) -> None:
    backup = take_backup(db, data_dir, MORNING)
    later = (MORNING + timedelta(days=30)).timestamp()
    os.utime(backup.path, (later, later))
    (listed,) = list_backups(data_dir)
    assert (listed.taken.date(), listed.taken.hour) == (MORNING.date(), 0)
    (data_dir / "backups" / "notes.txt").write_text("not a backup")
    (data_dir / "backups" / "pont-2026-13-45.sqlite3").write_bytes(b"")
    assert names(data_dir) == ["pont-2026-11-24.sqlite3"]


def test_half_written_copies_left_by_a_crash_are_cleared_away(db: Database, data_dir: Path) -> None:
    folder = data_dir / "backups"
    folder.mkdir()
    old = folder / ".pont-2026-11-20.sqlite3.abc123.partial"
    old.write_bytes(b"half a copy")
    long_ago = (MORNING - timedelta(days=3)).timestamp()
    os.utime(old, (long_ago, long_ago))
    running = folder / ".pont-2026-11-24.sqlite3.def456.partial"
    running.write_bytes(b"being written")
    take_backup(db, data_dir, MORNING)
    assert sorted(p.name for p in folder.iterdir()) == [running.name, "pont-2026-11-24.sqlite3"]
