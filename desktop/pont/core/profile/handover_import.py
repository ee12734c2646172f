"""Opening a hand-over zip into a profile: read what it says it holds, unpack and check all
of it beside the profile (stage_import), then put it in place (import_staged)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pont.core.errors import NotAPontExport, ProfileFolderUnusable, ProfileNotEmpty
from pont.core.i18n import Sentence, translate
from pont.core.mail import credentials
from pont.core.profile.backups import (
    BEFORE_IMPORT,
    Backup,
    check_database_file,
    keep_before_change,
    put_in_place,
)
from pont.core.profile.handover import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    Contents,
    GroupCount,
    listed_with_and,
    read_contents,
)
from pont.core.profile.handover_zip import (
    check_sizes,
    not_an_export,
    open_export,
    read_small,
    unpack,
)
from pont.core.profile.paths import SETTINGS_FILE
from pont.core.profile.store import BACKGROUND_WAIT, DATABASE_NAME, make_profile_folder

_SETTINGS_LIMIT = 1_000_000  # bytes: window.ini is a few hundred
_MANIFEST_LIMIT = 1_000_000  # bytes: a manifest lists the groups, a few kilobytes
# Only these names are ever read from an export; each goes to a path Pont chooses, never
# to one taken from the zip, so no entry can write outside the profile.
_ENTRIES = (MANIFEST, DATABASE_NAME, SETTINGS_FILE)


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
        ).format(accounts=listed_with_and(self.needs_password))


def read_export(source: Path) -> tuple[Contents, datetime]:
    """What an export says it holds, and when it was made; NotAPontExport when it is not one.

    Only the manifest is read: for the question "replace what is here with this?".
    """
    with open_export(source) as archive:
        return _read_manifest(archive, source)


@dataclass(slots=True)
class StagedImport:
    """An export unpacked beside the profile and checked, not yet in place: what
    import_staged puts there. discard() removes it (import_staged does, either way)."""

    source: Path
    database: Path
    settings: bytes | None
    contents: Contents
    created: datetime  # when the export was made

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.database.unlink(missing_ok=True)


def stage_import(data_dir: Path, source: Path) -> StagedImport:
    """Unpack the export at source beside the profile in data_dir and check all of it (the
    zip's sizes, the manifest, the database's integrity and its schema), changing nothing
    in the profile; NotAPontExport, BackupUnusable or BackupFailed in a sentence when it is
    not a sound export.
    """
    make_profile_folder(data_dir)
    with open_export(source) as archive:
        _, created = _read_manifest(archive, source)
        if DATABASE_NAME not in archive.namelist():
            raise not_an_export(source, translate("Handover", "it holds no database"))
        check_sizes(archive, source, _ENTRIES)
        try:
            handle, name = tempfile.mkstemp(prefix=".import-", suffix=".sqlite3", dir=data_dir)
        except OSError as error:
            raise ProfileFolderUnusable(str(data_dir), error.strerror or str(error)) from error
        staged = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                unpack(archive, DATABASE_NAME, out, source, data_dir)
            settings = (
                read_small(archive, SETTINGS_FILE, _SETTINGS_LIMIT, source)
                if SETTINGS_FILE in archive.namelist()
                else None
            )
            check_database_file(
                staged, translate("Handover", "The data in {file}").format(file=source.name)
            )
            connection = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
            try:
                contents = read_contents(connection)
            finally:
                connection.close()
        except BaseException:
            with contextlib.suppress(OSError):
                staged.unlink(missing_ok=True)
            raise
    return StagedImport(source, staged, settings, contents, created)


def import_staged(
    data_dir: Path, staged: StagedImport, replace: bool = False, now: datetime | None = None
) -> ImportResult:
    """Put a staged export in place of the profile's data in data_dir.

    A profile that already holds data is only replaced when replace is true, and its data
    is kept as a backup first. The caller must have closed its connections to the profile's
    database.
    """
    live = data_dir / DATABASE_NAME
    try:
        here = _what_is_at(live)
        if here and not replace:
            raise ProfileNotEmpty(here)
        kept = keep_before_change(data_dir, BEFORE_IMPORT, now) if here else None
        put_in_place(live, staged.database)
        if staged.settings is not None:
            _write_settings(data_dir / SETTINGS_FILE, staged.settings)
    finally:
        staged.discard()
    contents = staged.contents
    needs_password = tuple(e for e in contents.accounts if credentials.load_password(e) is None)
    return ImportResult(contents, staged.created, kept, needs_password)


def import_everything(
    data_dir: Path, source: Path, replace: bool = False, now: datetime | None = None
) -> ImportResult:
    """Open an export into the profile in data_dir: stage_import, then import_staged.

    Everything is checked first, so a file that is not a sound export changes nothing.
    """
    return import_staged(data_dir, stage_import(data_dir, source), replace, now)


def _read_manifest(archive: zipfile.ZipFile, source: Path) -> tuple[Contents, datetime]:
    if MANIFEST not in archive.namelist():
        raise not_an_export(source, translate("Handover", "it has no manifest.json"))
    try:
        raw = read_small(archive, MANIFEST, _MANIFEST_LIMIT, source)
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise not_an_export(source, translate("Handover", "its manifest cannot be read")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_an_export(source, translate("Handover", "its manifest is not Pont’s"))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise not_an_export(source, translate("Handover", "its manifest has no format version"))
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
        raise not_an_export(source, translate("Handover", "its manifest is incomplete")) from error
    return Contents(groups, accounts, drafts, 0), created


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
