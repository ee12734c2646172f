"""The profile's database when another connection is writing, when the disk is full and when
it cannot be written: each ends in a sentence with the next step, and nothing is lost."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.profile.disks import fill_up, read_only, tmpfs
from pont.core.errors import DiskFull, ProfileBusy, ProfileReadOnly
from pont.core.members.groups import create_group, list_groups
from pont.core.members.members import NewMember, add_member, list_members
from pont.core.profile.store import DATABASE_NAME, database_error, open_database


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile" / DATABASE_NAME
    db = open_database(path)
    group = create_group(db, "Wellbeing Network")
    add_member(db, group.id, NewMember("ann@example.org"), origin="test")
    db.close()
    return path


@pytest.fixture
def writer(profile: Path) -> Iterator[sqlite3.Connection]:
    """Another connection (another Pont command) in the middle of a write."""
    connection = sqlite3.connect(profile, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO settings (key, value) VALUES ('busy', '1')")
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_a_write_waits_its_turn_behind_another_connections_write(
    profile: Path, writer: sqlite3.Connection
) -> None:
    """add_member reads, then writes, in one transaction: begun as a reader it would fail
    at once (SQLite does not wait for a reader that wants to write), whatever the timeout."""
    db = open_database(profile, busy_timeout=10)
    (group,) = list_groups(db)
    threading.Timer(0.5, lambda: writer.execute("COMMIT")).start()
    started = time.perf_counter()

    add_member(db, group.id, NewMember("bob@example.org"), origin="test")

    assert 0.4 < time.perf_counter() - started < 5
    assert [m.email for m in list_members(db, group.id)] == ["ann@example.org", "bob@example.org"]
    db.close()


def test_a_write_that_waits_longer_than_its_timeout_says_pont_is_busy(
    profile: Path, writer: sqlite3.Connection
) -> None:
    db = open_database(profile, busy_timeout=0.2)
    (group,) = list_groups(db)
    with pytest.raises(sqlite3.OperationalError) as raised:
        add_member(db, group.id, NewMember("bob@example.org"), origin="test")
    translated = database_error(raised.value, profile)
    assert isinstance(translated, ProfileBusy)
    assert str(translated) == (
        "Pont's data is busy: another Pont command or window is writing to it. Try again when "
        "it has finished."
    )
    writer.execute("COMMIT")
    assert [m.email for m in list_members(db, group.id)] == ["ann@example.org"]
    db.close()


def test_a_full_disk_is_a_sentence_and_the_data_stays_whole(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 2 * 1024 * 1024) as disk:
        path = disk / "profile" / DATABASE_NAME
        db = open_database(path)
        group = create_group(db, "Wellbeing Network")
        fill_up(disk, leave=64 * 1024)
        with pytest.raises(sqlite3.OperationalError) as raised:
            for number in range(20_000):
                add_member(db, group.id, NewMember(f"member{number}@example.org"), "test")
        translated = database_error(raised.value, path)
        assert isinstance(translated, DiskFull)
        assert str(translated) == (
            "The disk holding Pont's data is full: free some space, then try again. "
            "Nothing was lost."
        )
        added = len(list_members(db, group.id))
        db.close()
        (disk / "filler").unlink()
        check = sqlite3.connect(path)
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("SELECT COUNT(*) FROM members").fetchone() == (added,)
        check.close()


def test_a_read_only_database_file_opens_for_reading(profile: Path) -> None:
    with read_only(profile):
        with pytest.raises(ProfileReadOnly) as refused:
            open_database(profile)
        assert str(refused.value) == (
            f"Pont's data in {profile.parent} is read-only, so Pont can show it but not change "
            "it. Make the folder and its files writable, then try again."
        )
        db = open_database(profile, read_only_ok=True)
        (group,) = list_groups(db)
        assert [m.email for m in list_members(db, group.id)] == ["ann@example.org"]
        with pytest.raises(sqlite3.OperationalError) as raised:
            add_member(db, group.id, NewMember("bob@example.org"), origin="test")
        assert isinstance(database_error(raised.value, profile), ProfileReadOnly)
        db.close()


def test_a_read_only_folder_opens_for_reading(profile: Path) -> None:
    with read_only(profile.parent):
        db = open_database(profile, read_only_ok=True)
        (group,) = list_groups(db)
        assert [m.email for m in list_members(db, group.id)] == ["ann@example.org"]
        db.close()
        with pytest.raises(ProfileReadOnly):
            open_database(profile)


def test_a_read_only_profile_from_an_older_pont_says_it_needs_updating(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from pont.core.profile.migrations import migrations

    path = tmp_path / "profile" / DATABASE_NAME
    path.parent.mkdir()
    old = Database(sqlite3.connect(path), execute_plugins=False)
    migrations.apply(old, stop_before="0003_posts_outbox_drafts")
    old.close()
    with read_only(path.parent), pytest.raises(ProfileReadOnly, match="older version of Pont"):
        open_database(path, read_only_ok=True)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("database is locked", ProfileBusy),
        ("database table is locked", ProfileBusy),
        ("database or disk is full", DiskFull),
        ("attempt to write a readonly database", ProfileReadOnly),
    ],
)
def test_an_error_without_a_code_is_read_from_its_words(message: str, kind: type) -> None:
    assert isinstance(database_error(sqlite3.OperationalError(message)), kind)


def test_an_error_that_says_nothing_about_the_data_is_left_as_a_bug() -> None:
    assert database_error(sqlite3.OperationalError("no such column: x")) is None
