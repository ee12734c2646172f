"""Daily copies of a profile's database (the last seven kept), and putting one back."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.errors import (
    BackupFailed,
    BackupUnusable,
    DiskFull,
    ProfileBusy,
    ProfileReadOnly,
)
from pont.core.i18n import Sentence, translate
from pont.core.profile.schema import MIGRATIONS_TABLE, check_schema
from pont.core.profile.store import BACKGROUND_WAIT, BACKUP_FOLDER, DATABASE_NAME, database_error

if TYPE_CHECKING:
    from sqlite_utils import Database

KEEP_DAILY = 7
# Copies kept just before a restore or an import replaced the data: enough to undo the
# last few, without filling a USB stick.
KEEP_BEFORE_CHANGE = 3
DAILY = "daily"
BEFORE_RESTORE = "before-restore"
BEFORE_IMPORT = "before-import"
_NAME = re.compile(
    r"^pont-(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:-(?P<kind>before-restore|before-import)-(?P<time>\d{6}))?\.sqlite3$"
)
_MONTHS = (
    translate("Backups", "January"),
    translate("Backups", "February"),
    translate("Backups", "March"),
    translate("Backups", "April"),
    translate("Backups", "May"),
    translate("Backups", "June"),
    translate("Backups", "July"),
    translate("Backups", "August"),
    translate("Backups", "September"),
    translate("Backups", "October"),
    translate("Backups", "November"),
    translate("Backups", "December"),
)
# The files SQLite keeps beside a database while it is open or after a crash.
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken: datetime  # local time, with its offset
    size: int  # bytes
    kind: str = DAILY  # BEFORE_RESTORE / BEFORE_IMPORT: the data as it was just before that

    def describe(self) -> Sentence:
        """ "The backup from 24 November 2026", as the subject of a sentence."""
        day = translate("Backups", "{day} {month} {year}").format(
            day=self.taken.day, month=_MONTHS[self.taken.month - 1], year=self.taken.year
        )
        if self.kind == DAILY:
            return translate("Backups", "The backup from {day}").format(day=day)
        if self.kind == BEFORE_RESTORE:
            kept = translate(
                "Backups", "The copy kept before restoring a backup on {day} at {time}"
            )
        else:
            kept = translate("Backups", "The copy kept before an import on {day} at {time}")
        return kept.format(day=day, time=f"{self.taken:%H:%M}")


def backups_folder(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def list_backups(data_dir: Path) -> list[Backup]:
    """The profile's backups, newest first (none when the folder is missing or unreadable)."""
    try:
        paths = list(backups_folder(data_dir).iterdir())
    except OSError:
        return []
    found = [backup for path in paths if (backup := _backup_at(path)) is not None]
    found.sort(key=lambda backup: (backup.taken, backup.path.name), reverse=True)
    return found


def _backup_at(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        stat = path.stat()
        day = date.fromisoformat(match["day"])
        if match["time"]:
            clock = match["time"]
            at = time(int(clock[:2]), int(clock[2:4]), int(clock[4:]))
        else:
            # The day comes from the name; the time from the file, unless the file was
            # copied since (a folder brought back from a USB stick): then just the day.
            modified = datetime.fromtimestamp(stat.st_mtime)
            at = modified.time().replace(microsecond=0) if modified.date() == day else time(0)
    except (OSError, ValueError):
        return None
    if not path.is_file():
        return None
    taken = datetime.combine(day, at).astimezone()
    return Backup(path, taken, stat.st_size, match["kind"] or DAILY)


def backup_if_due(
    db: Database | sqlite3.Connection, data_dir: Path, now: datetime | None = None
) -> Backup | None:
    """Take today's backup unless there already is one; the new Backup, or None."""
    now = _local(now)
    daily = [backup for backup in list_backups(data_dir) if backup.kind == DAILY]
    if daily and daily[0].taken.date() >= now.date():
        return None
    return take_backup(db, data_dir, now)


def take_backup(
    db: Database | sqlite3.Connection, data_dir: Path, now: datetime | None = None
) -> Backup:
    """Copy the database (consistent while it is in use) to backups/pont-YYYY-MM-DD.sqlite3,
    replacing one taken earlier the same day, and keep only the last KEEP_DAILY."""
    now = _local(now)
    path = backups_folder(data_dir) / f"pont-{now:%Y-%m-%d}.sqlite3"
    try:
        copy_database(_connection(db), path, now)
    except sqlite3.Error as error:
        raise_if_busy(error)
        raise _failed(path.parent, error) from error
    except OSError as error:
        raise _failed(path.parent, error) from error
    _prune(data_dir)
    backup = _backup_at(path)
    assert backup is not None  # just written, under a name _NAME matches
    return backup


def copy_database(source: sqlite3.Connection, path: Path, now: datetime | None = None) -> None:
    """Write a copy of source's database to path with SQLite's online backup, so the copy is
    consistent even while Pont writes; half a copy never replaces a whole one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own: the window's daily backup and `pont backup` may run at once.
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    partial = Path(name)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            # One self-contained file: opening it later leaves no -wal or -shm beside it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        if now is not None:
            os.utime(partial, (now.timestamp(), now.timestamp()))
        os.replace(partial, path)
    finally:
        _remove(partial)


def check_database_file(path: Path, what: str) -> None:
    """Raise BackupUnusable (what: "The backup from …", the sentence's subject) unless path is
    a sound Pont database this version can open, whose schema is exactly the one Pont's
    migrations made (ForeignSchema when it is not). Only reads path."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error) as error:
        raise BackupUnusable(
            translate("Backups", "{what} could not be opened. Nothing was changed.").format(
                what=what
            )
        ) from error
    try:
        verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if verdict != ["ok"]:
            raise BackupUnusable(_damaged(what))
        if not {"groups", "members", MIGRATIONS_TABLE} <= tables:
            raise BackupUnusable(
                translate("Backups", "{what} is not Pont's data. Nothing was changed.").format(
                    what=what
                )
            )
        check_schema(connection, what)
    except sqlite3.DatabaseError as error:
        raise BackupUnusable(_damaged(what)) from error
    finally:
        connection.close()


def _damaged(what: str) -> Sentence:
    return translate(
        "Backups", "{what} is damaged, so Pont did not use it. Nothing was changed."
    ).format(what=what)


def restore_backup(data_dir: Path, backup: Backup, now: datetime | None = None) -> Backup | None:
    """Put backup's data in place of the profile's, after checking it is sound; the data as
    it was is kept first as a "before-restore" backup (returned; None when there was none).

    The caller must have closed its connections to the profile's database. When backup
    is damaged or not Pont's, BackupUnusable says so and nothing changes.
    """
    check_database_file(backup.path, backup.describe())
    kept = keep_before_change(data_dir, BEFORE_RESTORE, now)
    put_in_place(data_dir / DATABASE_NAME, backup.path)
    _prune(data_dir)
    return kept


def keep_before_change(data_dir: Path, kind: str, now: datetime | None = None) -> Backup | None:
    """Copy the profile's database into backups/ before something replaces it; None when
    there is no database yet."""
    live = data_dir / DATABASE_NAME
    if not live.exists():
        return None
    now = _local(now)
    path = backups_folder(data_dir) / f"pont-{now:%Y-%m-%d}-{kind}-{now:%H%M%S}.sqlite3"
    try:
        source = sqlite3.connect(live, timeout=BACKGROUND_WAIT)
        try:
            copy_database(source, path, now)
        finally:
            source.close()
    except sqlite3.OperationalError as error:
        raise_if_busy(error)
        _copy_files(live, path)
    except sqlite3.DatabaseError:
        # Not readable as a database (that may be why it is being replaced): keep the
        # files as they are, -wal included, so nothing is lost.
        _copy_files(live, path)
    backup = _backup_at(path)
    assert backup is not None
    return backup


def _copy_files(live: Path, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(live, path)
        wal = live.with_name(live.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, path.with_name(path.name + "-wal"))
    except OSError as error:
        raise _failed(path.parent, error) from error


def put_in_place(live: Path, source: Path) -> None:
    """Make the database at live hold exactly what source holds.

    Through SQLite's backup API into the live database: one transaction, so a crash leaves
    the old data or the new, and SQLite itself deals with the -wal and -shm files. Only
    when the live file is not a database at all are the files replaced instead.
    """
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(live, timeout=BACKGROUND_WAIT)
            try:
                reader.backup(target)
                target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                target.close()
        finally:
            reader.close()
        return
    except sqlite3.OperationalError as error:
        # Busy, full or read-only: the live database is sound and stays as it was.
        trouble = database_error(error, live)
        if isinstance(trouble, (ProfileBusy, DiskFull, ProfileReadOnly)):
            raise trouble from error
    except sqlite3.DatabaseError:
        pass
    # The live database was copied into backups/ already, -wal and all: its side files
    # go first, because a stale -wal beside the new file would be read as part of it.
    staging = live.with_name(live.name + ".restoring")
    try:
        shutil.copyfile(source, staging)
        for suffix in _SIDE_FILES:
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        os.replace(staging, live)
    except OSError as error:
        raise _failed(live.parent, error) from error
    finally:
        _remove(staging)


def raise_if_busy(error: sqlite3.Error) -> None:
    """ProfileBusy when error says another connection kept the database's write lock."""
    if isinstance(trouble := database_error(error), ProfileBusy):
        raise trouble from error


def _prune(data_dir: Path) -> None:
    backups = list_backups(data_dir)
    daily = [backup for backup in backups if backup.kind == DAILY]
    before = [backup for backup in backups if backup.kind != DAILY]
    for backup in daily[KEEP_DAILY:] + before[KEEP_BEFORE_CHANGE:]:
        _remove(backup.path)
        _remove(backup.path.with_name(backup.path.name + "-wal"))
    # Half-written copies a crash or a full disk left behind (a running copy is younger).
    stale = datetime.now().timestamp() - 24 * 60 * 60
    for partial in backups_folder(data_dir).glob(".*.partial"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < stale:
                partial.unlink()


def _connection(db: Database | sqlite3.Connection) -> sqlite3.Connection:
    return db if isinstance(db, sqlite3.Connection) else db.conn


def _local(now: datetime | None) -> datetime:
    # A naive time is taken as this computer's local time.
    return (now or datetime.now()).astimezone()


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _failed(folder: Path, error: Exception) -> BackupFailed:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return BackupFailed(
        translate(
            "Backups",
            "Pont could not write a backup in {folder}: {reason}. Your data is unchanged; "
            "check there is space on the disk.",
        ).format(folder=folder, reason=reason)
    )
