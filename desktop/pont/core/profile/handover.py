"""Handing a group over: everything in a profile as one zip (opening it is handover_import),
and what a profile holds, in words."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pont import __version__
from pont.core.errors import BackupFailed
from pont.core.i18n import Sentence, translate
from pont.core.profile.backups import copy_database
from pont.core.profile.paths import SETTINGS_FILE
from pont.core.profile.store import DATABASE_NAME

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMAT = "pont-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
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
        return listed_with_and(parts)

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


def _rows(connection: sqlite3.Connection, table: str) -> int:
    try:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # an older profile, before the table existed
        return 0


def _count(number: int, one: Sentence, many: Sentence) -> Sentence:
    return one if number == 1 else many.format(count=number)


def listed_with_and(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    listed = parts[0]
    for part in parts[1:-1]:
        listed = translate("Handover", "{earlier}, {next}").format(earlier=listed, next=part)
    if len(parts) > 1:
        listed = translate("Handover", "{earlier} and {last}").format(
            earlier=listed, last=parts[-1]
        )
    return listed
