"""Open a profile's SQLite database (WAL, foreign keys, schema brought up to date, or read
only when it cannot be written), and say in a sentence what SQLite's errors mean."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.errors import (
    DiskFull,
    DiskProblem,
    PontError,
    ProfileBusy,
    ProfileFolderUnusable,
    ProfileReadOnly,
    ProfileUnreadable,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

DATABASE_NAME = "pont.sqlite3"
BACKUP_FOLDER = "backups"  # in the profile's folder, next to the database

# Seconds a connection waits for another's write to end before Pont's data is "busy".
# The window's own connection lives on the GUI thread, which must never hang for long;
# its reads never wait at all (WAL), only its quick edits do.
WINDOW_WAIT = 2.0
# The window's background work (backups, export, replacing the data) can wait longer.
BACKGROUND_WAIT = 30.0
# A `pont` command waits its turn behind another's import or sync chunk.
COMMAND_WAIT = 60.0

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_UNREADABLE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CANTOPEN)
# What SQLite's messages say, for an error that carries no code.
_MEANINGS = (
    ("database is locked", sqlite3.SQLITE_BUSY),
    ("database table is locked", sqlite3.SQLITE_LOCKED),
    ("database or disk is full", sqlite3.SQLITE_FULL),
    ("readonly database", sqlite3.SQLITE_READONLY),
    ("disk I/O error", sqlite3.SQLITE_IOERR),
)


def make_profile_folder(folder: Path) -> None:
    """The profile's folder, made if need be; ProfileFolderUnusable, in a sentence, when it
    cannot be (a read-only drive, a path through a file)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ProfileFolderUnusable(str(folder), error.strerror or str(error)) from error


def database_error(error: sqlite3.Error, database: Path | None = None) -> PontError | None:
    """The PontError saying in a sentence what error means to the coordinator (busy, disk
    full, read-only, …), or None when it says nothing about the data or its disk: a bug.

    database, the file's path when known, lets the sentence name the folder.
    """
    code = _primary_code(error)
    folder = str(database.parent) if database is not None else ""
    if code in _BUSY:
        return ProfileBusy()
    if code == sqlite3.SQLITE_FULL:
        return DiskFull()
    if code == sqlite3.SQLITE_READONLY:
        return ProfileReadOnly(folder)
    if code == sqlite3.SQLITE_IOERR:
        # A full disk can show as an I/O error too: growing the -shm index, or syncing.
        if database is not None and _nearly_full(database.parent):
            return DiskFull()
        return DiskProblem(str(error))
    if code in _UNREADABLE and database is not None:
        return ProfileUnreadable(str(database), str(error), str(database.parent / BACKUP_FOLDER))
    return None


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF  # the primary code of an extended one (SQLITE_BUSY_SNAPSHOT, …)
    text = str(error)
    return next((meaning for words, meaning in _MEANINGS if words in text), None)


def _nearly_full(folder: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def open_database(
    path: Path | str, *, busy_timeout: float = WINDOW_WAIT, read_only_ok: bool = False
) -> Database:
    """Open (creating if need be) the database at path, with every migration applied.

    One connection per thread: call this again in a worker thread rather than sharing.
    busy_timeout is how long a write waits for another connection's to end (WINDOW_WAIT,
    BACKGROUND_WAIT, COMMAND_WAIT). A profile that cannot be written opens read-only when
    read_only_ok (for listing and export), else is ProfileReadOnly. ProfileBusy when
    another program holds the database; DiskFull; ProfileUnreadable when it cannot be
    opened (not a database, damaged).
    """
    from pont.core.profile.connection import PontDatabase
    from pont.core.profile.migrations import migrations

    memory = str(path) == ":memory:"
    if not memory:
        path = Path(path)
        make_profile_folder(path.parent)
        if path.exists() and not _writable(path):
            if read_only_ok:
                return _open_read_only(path, busy_timeout)
            raise ProfileReadOnly(str(path.parent))
    connection: sqlite3.Connection | None = None
    try:
        # Python's implicit transactions (before an INSERT outside atomic()) take the
        # write lock at once too: see PontDatabase.
        connection = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level="IMMEDIATE")
        db = PontDatabase(connection)
        db.execute("PRAGMA foreign_keys = ON")
        if not memory:
            db.enable_wal()
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        if read_only_ok and _primary_code(error) == sqlite3.SQLITE_READONLY:
            return _open_read_only(Path(path), busy_timeout)
        raise _opening_error(error, Path(path)) from error
    return db


def _writable(path: Path) -> bool:
    # SQLite writes beside the database too (its -wal and -shm files), so the folder counts.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_read_only(path: Path, busy_timeout: float) -> Database:
    """The database at path for reading only: listing and export work, a write is
    ProfileReadOnly's sentence (through database_error)."""
    from pont.core.profile.connection import PontDatabase
    from pont.core.profile.migrations import migrations

    uri = path.resolve().as_uri()
    # A WAL database needs its -shm index, which a read-only folder cannot hold unless it
    # is there already; then SQLite is told nothing can change the file (immutable), which
    # holds while the folder stays read-only.
    for options in ("mode=ro", "mode=ro&immutable=1"):
        connection = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=busy_timeout)
        try:
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            db = PontDatabase(connection, read_only=True)
            db.execute("PRAGMA foreign_keys = ON")
            pending = migrations.pending(db)
        except sqlite3.DatabaseError as error:
            connection.close()
            if _primary_code(error) == sqlite3.SQLITE_CANTOPEN and "immutable" not in options:
                continue
            raise _opening_error(error, path) from error
        if pending:
            connection.close()
            raise ProfileReadOnly(str(path.parent), needs_update=True)
        return db
    raise AssertionError("unreachable: the last attempt returns or raises")


def _opening_error(error: sqlite3.Error, path: Path) -> PontError:
    translated = database_error(error, path)
    if translated is None or isinstance(translated, DiskProblem):
        return ProfileUnreadable(str(path), str(error), str(path.parent / BACKUP_FOLDER))
    return translated


def open_profile(
    data_dir: Path, *, busy_timeout: float = WINDOW_WAIT, read_only_ok: bool = False
) -> Database:
    return open_database(
        data_dir / DATABASE_NAME, busy_timeout=busy_timeout, read_only_ok=read_only_ok
    )
