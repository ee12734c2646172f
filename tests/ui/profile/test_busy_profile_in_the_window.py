"""The window's background work on a busy or full profile: the worker says what happened in
a sentence with the next step, as for any PontError, not "something went wrong"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from core.profile.disks import fill_up, tmpfs
from pont.core.members.groups import create_group, list_groups
from pont.core.members.members import NewMember, add_member
from pont.core.profile.store import DATABASE_NAME, open_database
from pont.ui.widgets.workers import start_worker


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile" / DATABASE_NAME
    db = open_database(path)
    create_group(db, "Wellbeing Network")
    db.close()
    return path


def add_bob(path: Path) -> None:
    """A job as the window's workers run them: its own connection, a write."""
    db = open_database(path, busy_timeout=0.2)
    try:
        (group,) = list_groups(db)
        add_member(db, group.id, NewMember("bob@example.org"), origin="window")
    finally:
        db.close()


def failure_of(qtbot: QtBot, path: Path) -> str:
    parent = QObject()
    failures: list[str] = []
    thread = start_worker(parent, lambda _progress: add_bob(path), print, failures.append)
    qtbot.waitUntil(
        lambda: failures != [] and (not shiboken6.isValid(thread) or thread.isFinished()),
        timeout=10_000,
    )
    return failures[0]


@pytest.fixture
def writer(profile: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(profile, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO settings (key, value) VALUES ('busy', '1')")
    yield connection
    connection.execute("ROLLBACK")
    connection.close()


def test_a_job_kept_waiting_by_another_write_says_pont_is_busy(
    qtbot: QtBot, profile: Path, writer: sqlite3.Connection
) -> None:
    assert failure_of(qtbot, profile) == (
        "Pont's data is busy: another Pont command or window is writing to it. Try again when "
        "it has finished."
    )


def test_a_job_on_a_full_disk_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 1024 * 1024) as disk:
        path = disk / DATABASE_NAME
        db = open_database(path)
        create_group(db, "Wellbeing Network")
        filler = fill_up(disk, leave=0)
        message = failure_of(qtbot, path)
        db.close()
        filler.unlink()
    assert message == (
        "The disk holding Pont's data is full: free some space, then try again. Nothing was lost."
    )
