"""Handing a group over: everything in a profile as one zip, and opening it in another."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pont import __version__
from pont.core.errors import BackupFailed, NotAPontExport, ProfileNotEmpty
from pont.core.i18n import Sentence, translate
from pont.core.mail import credentials
from pont.core.profile.backups import (
    BEFORE_IMPORT,
    Backup,
    check_database_file,
    copy_database,
    keep_before_change,
    put_in_place,
)
from pont.core.profile.paths import SETTINGS_FILE
from pont.core.profile.store import BACKGROUND_WAIT, DATABASE_NAME

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMAT = "pont-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# The window's own settings (size, the group shown last), beside the database; the name
# is the one ui.main_window uses.
_SETTINGS_LIMIT = 1_000_000  # bytes: window.ini is a few hundred
# Only these names are ever read from an export; each goes to a path Pont chooses, never
# to one taken from the zip, so no entry can write outside the profile.
_ENTRIES = (MANIFEST, DATABASE_NAME, SETTINGS_FILE)
_ABOUT = (
    "Made by Pont's “Export everything”. pont.sqlite3 holds the groups, members, drafts, "
    "the outbox and the mail archive; window.ini the window's settings. No password is in "
    "this file: passwords stay in each computer's keyring."
)


@dataclass(frozen=True, slots=True)
class GroupCount:
    name: str
    members: int


@dataclass(frozen=True, slots=True)
class Contents:
    """What a profile's database holds, in the numbers a coordinator recognises."""

    groups: tuple[GroupCount, ...]
    accounts: tuple[str, ...]  # email addresses
    drafts: int
    messages: int

    def describe(self) -> str:
        """ "2 groups (45 members), 1 draft and 320 archived messages"."""
        members = sum(group.members for group in self.groups)
        parts: list[str] = []
        if self.groups or self.is_empty():
            groups = _count(
                len(self.groups),
                translate("Handover", "1 group"),
                translate("Handover", "{count} groups"),
            )
            people = _count(
                members, translate("Handover", "1 member"), translate("Handover", "{count} members")
            )
            parts.append(
                translate("Handover", "{groups} ({members})").format(groups=groups, members=people)
            )
        if self.accounts:
            parts.append(
                _count(
                    len(self.accounts),
                    translate("Handover", "1 mail account"),
                    translate("Handover", "{count} mail accounts"),
                )
            )
        if self.drafts:
            parts.append(
                _count(
                    self.drafts,
                    translate("Handover", "1 draft"),
                    translate("Handover", "{count} drafts"),
                )
            )
        if self.messages:
            parts.append(
                _count(
                    self.messages,
                    translate("Handover", "1 archived message"),
                    translate("Handover", "{count} archived messages"),
                )
            )
        return _and(parts)

    def is_empty(self) -> bool:
        return not (self.groups or self.accounts or self.drafts or self.messages)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    contents: Contents
    size: int  # bytes

    def summary(self) -> Sentence:
        return translate(
            "Handover",
            "Saved {contents} to {file}. Drafts and the outbox are in it with everything else; "
            "no password is, so whoever opens it signs in with their own.",
        ).format(contents=self.contents.describe(), file=self.path.name)


@dataclass(frozen=True, slots=True)
class ImportResult:
    contents: Contents
    created: datetime  # when the export was made
    kept: Backup | None  # the profile's data from before, when it was replaced
    needs_password: tuple[str, ...]  # accounts with no password stored on this computer

    def summary(self) -> Sentence:
        passwords = self.password_note()
        if self.kept is None:
            if passwords:
                text = translate("Handover", "Imported {contents}. {passwords}")
            else:
                text = translate("Handover", "Imported {contents}.")
        elif passwords:
            text = translate(
                "Handover",
                "Imported {contents}. What the profile held before is kept among its backups. "
                "{passwords}",
            )
        else:
            text = translate(
                "Handover",
                "Imported {contents}. What the profile held before is kept among its backups.",
            )
        return text.format(contents=self.contents.describe(), passwords=passwords)

    def password_note(self) -> str:
        """What the new coordinator does next about passwords ('' when nothing)."""
        if not self.needs_password:
            return ""
        return translate(
            "Handover",
            "Passwords never travel in an export: Pont will ask for the password for "
            "{accounts} when it next signs in.",
        ).format(accounts=_and(self.needs_password))


def read_contents(db: Database | sqlite3.Connection) -> Contents:
    connection = db if isinstance(db, sqlite3.Connection) else db.conn
    groups = connection.execute(
        "SELECT g.name, COUNT(m.id) FROM groups g LEFT JOIN members m ON m.group_id = g.id"
        " GROUP BY g.id ORDER BY g.name COLLATE NOCASE"
    ).fetchall()
    accounts = connection.execute("SELECT email FROM accounts ORDER BY email").fetchall()
    return Contents(
        groups=tuple(GroupCount(name, members) for name, members in groups),
        accounts=tuple(email for (email,) in accounts),
        drafts=_rows(connection, "drafts"),
        messages=_rows(connection, "messages"),
    )


def export_everything(
    db: Database, data_dir: Path, target: Path, now: datetime | None = None
) -> ExportResult:
    """Write the profile (database and window settings, never a password) to the zip target.

    The database is copied with SQLite's backup API, so it is consistent while Pont runs,
    and vacuumed, so nothing deleted lingers in it for the next person to find.
    """
    created = (now or datetime.now()).astimezone()
    partial = target.with_name(target.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix=".pont-export-", dir=target.parent) as scratch:
            copy = Path(scratch) / DATABASE_NAME
            copy_database(db.conn, copy)
            connection = sqlite3.connect(copy)
            try:
                connection.execute("VACUUM")
                contents = read_contents(connection)
            finally:
                connection.close()
            manifest = _manifest(contents, created)
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.write(copy, DATABASE_NAME)
                settings = data_dir / SETTINGS_FILE
                if settings.is_file():
                    archive.write(settings, SETTINGS_FILE)
        os.replace(partial, target)
        size = target.stat().st_size
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise BackupFailed(
            translate(
                "Handover", "Pont could not write {file}: {reason}. Try another folder."
            ).format(file=target.name, reason=reason)
        ) from error
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return ExportResult(target, contents, size)


def _manifest(contents: Contents, created: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "pont_version": __version__,
        "created": created.isoformat(timespec="seconds"),
        "groups": [{"name": g.name, "members": g.members} for g in contents.groups],
        "accounts": list(contents.accounts),
        "drafts": contents.drafts,
        "files": {
            DATABASE_NAME: "groups, members, drafts, outbox and mail archive",
            SETTINGS_FILE: "the window's settings (when there are any)",
        },
        "about": _ABOUT,
    }


def read_export(source: Path) -> tuple[Contents, datetime]:
    """What an export says it holds, and when it was made; NotAPontExport when it is not one.

    Only the manifest is read: for the question "replace what is here with this?".
    """
    with _open_zip(source) as archive:
        return _read_manifest(archive, source)


def import_everything(
    data_dir: Path, source: Path, replace: bool = False, now: datetime | None = None
) -> ImportResult:
    """Open an export into the profile in data_dir.

    Everything is checked first (the manifest, the database's integrity), so a file that
    is not a sound export changes nothing. A profile that already holds data is only
    replaced when replace is true, and its data is kept as a backup first. The caller must
    have closed its connections to the profile's database.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    live = data_dir / DATABASE_NAME
    with _open_zip(source) as archive:
        _, created = _read_manifest(archive, source)
        if DATABASE_NAME not in archive.namelist():
            raise _not_an_export(source, translate("Handover", "it holds no database"))
        handle, name = tempfile.mkstemp(prefix=".import-", suffix=".sqlite3", dir=data_dir)
        staged = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                _extract(archive, DATABASE_NAME, out, source)
            settings = _settings(archive, source)
            check_database_file(
                staged, translate("Handover", "The data in {file}").format(file=source.name)
            )
            connection = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
            try:
                contents = read_contents(connection)
            finally:
                connection.close()
            here = _what_is_at(live)
            if here and not replace:
                raise ProfileNotEmpty(here)
            kept = keep_before_change(data_dir, BEFORE_IMPORT, now) if here else None
            put_in_place(live, staged)
            if settings is not None:
                _write_settings(data_dir / SETTINGS_FILE, settings)
        finally:
            with contextlib.suppress(OSError):
                staged.unlink(missing_ok=True)
    needs_password = tuple(e for e in contents.accounts if credentials.load_password(e) is None)
    return ImportResult(contents, created, kept, needs_password)


def _open_zip(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except FileNotFoundError as error:
        raise NotAPontExport(
            translate("Handover", "There is no file {path}. Nothing was imported.").format(
                path=source
            )
        ) from error
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise _not_an_export(source, translate("Handover", "it is not a zip file")) from error


def _not_an_export(source: Path, why: Sentence) -> NotAPontExport:
    return NotAPontExport(
        translate(
            "Handover",
            "{file} is not a file Pont’s “Export everything” made ({why}). Nothing was imported.",
        ).format(file=source.name, why=why)
    )


def _read_manifest(archive: zipfile.ZipFile, source: Path) -> tuple[Contents, datetime]:
    if MANIFEST not in archive.namelist():
        raise _not_an_export(source, translate("Handover", "it has no manifest.json"))
    try:
        raw = archive.read(MANIFEST) if archive.getinfo(MANIFEST).file_size < 10_000_000 else b""
        manifest = json.loads(raw.decode("utf-8"))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise _not_an_export(
            source, translate("Handover", "its manifest cannot be read")
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_an_export(source, translate("Handover", "its manifest is not Pont’s"))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _not_an_export(source, translate("Handover", "its manifest has no format version"))
    if version > FORMAT_VERSION:
        raise NotAPontExport(
            translate(
                "Handover",
                "{file} was made by a newer version of Pont ({version}). Install that version to "
                "import it. Nothing was imported.",
            ).format(
                file=source.name,
                version=manifest.get("pont_version", translate("Handover", "unknown")),
            )
        )
    try:
        created = datetime.fromisoformat(str(manifest["created"]))
        groups = tuple(
            GroupCount(str(group["name"]), int(group["members"])) for group in manifest["groups"]
        )
        accounts = tuple(str(email) for email in manifest.get("accounts", []))
        drafts = int(manifest.get("drafts", 0))
    except (KeyError, TypeError, ValueError) as error:
        raise _not_an_export(source, translate("Handover", "its manifest is incomplete")) from error
    return Contents(groups, accounts, drafts, 0), created


def _extract(archive: zipfile.ZipFile, name: str, out: Any, source: Path) -> None:
    try:
        with archive.open(name) as entry:
            shutil.copyfileobj(entry, out, 1024 * 1024)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        why = translate("Handover", "its {file} is damaged").format(file=name)
        raise _not_an_export(source, why) from error
    except OSError as error:
        raise BackupFailed(
            translate(
                "Handover",
                "Pont could not unpack {file}: {reason}. Check there is space on the disk. "
                "Nothing was imported.",
            ).format(file=source.name, reason=error.strerror or str(error))
        ) from error


def _settings(archive: zipfile.ZipFile, source: Path) -> bytes | None:
    if SETTINGS_FILE not in archive.namelist():
        return None
    if archive.getinfo(SETTINGS_FILE).file_size > _SETTINGS_LIMIT:
        raise _not_an_export(source, translate("Handover", "its window settings are far too large"))
    try:
        return archive.read(SETTINGS_FILE)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        why = translate("Handover", "its window settings are damaged")
        raise _not_an_export(source, why) from error


def _write_settings(path: Path, settings: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(settings)
        os.replace(partial, path)
    except OSError:
        # The data came across; the window just opens at its usual size.
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _what_is_at(live: Path) -> str:
    """What the profile's database holds now, in words; '' when there is nothing yet."""
    if not live.exists():
        return ""
    try:
        connection = sqlite3.connect(live, timeout=BACKGROUND_WAIT)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "groups" not in tables:  # a database Pont has not set up yet
                return ""
            contents = read_contents(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        return translate("Handover", "data Pont cannot read")
    return "" if contents.is_empty() else contents.describe()


def _rows(connection: sqlite3.Connection, table: str) -> int:
    try:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # an older profile, before the table existed
        return 0


def _count(number: int, one: Sentence, many: Sentence) -> Sentence:
    return one if number == 1 else many.format(count=number)


def _and(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    listed = parts[0]
    for part in parts[1:-1]:
        listed = translate("Handover", "{earlier}, {next}").format(earlier=listed, next=part)
    if len(parts) > 1:
        listed = translate("Handover", "{earlier} and {last}").format(
            earlier=listed, last=parts[-1]
        )
    return listed
