"""Open a profile's SQLite database: WAL, foreign keys, schema brought up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.errors import ProfileFolderUnusable, ProfileLocked, ProfileUnreadable
from pont.core.i18n import translate

if TYPE_CHECKING:
    from sqlite_utils import Database

DATABASE_NAME = "pont.sqlite3"
BACKUP_FOLDER = "backups"  # in the profile's folder, next to the database


def make_profile_folder(folder: Path) -> None:
    """The profile's folder, made if need be; ProfileFolderUnusable, in a sentence, when it
    cannot be (a read-only drive, a path through a file)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ProfileFolderUnusable(str(folder), error.strerror or str(error)) from error


def raise_if_locked(error: sqlite3.Error) -> None:
    """ProfileLocked, in a sentence, when error says another program holds the database."""
    if "locked" in str(error) or "busy" in str(error):
        raise ProfileLocked(
            translate(
                "Errors",
                "Pont's data is in use by another Pont window or program. Close it and try again.",
            )
        ) from error


def open_database(path: Path | str) -> Database:
    """Open (creating if need be) the database at path, with every migration applied.

    One connection per thread: call this again in a worker thread rather than sharing.
    ProfileLocked when another program holds it; ProfileUnreadable when it cannot be opened
    (not a database, damaged, read-only).
    """
    # Imported here, not at start-up: sqlite-utils brings click, dateutil and pluggy
    # (~70 ms), and the window shows before it opens the database.
    from sqlite_utils import Database

    from pont.core.profile.migrations import migrations

    if str(path) != ":memory:":
        make_profile_folder(Path(path).parent)
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(str(path), timeout=5.0)
        # No sqlite-utils plugins: they would run foreign code on Pont's data, and finding
        # them scans every installed package (~30 ms of each start-up).
        db = Database(connection, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        if str(path) != ":memory:":
            db.enable_wal()
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        raise_if_locked(error)
        raise ProfileUnreadable(
            str(path), str(error), str(Path(path).parent / BACKUP_FOLDER)
        ) from error
    return db


def open_profile(data_dir: Path) -> Database:
    return open_database(data_dir / DATABASE_NAME)
