"""Export everything and Import everything: one zip that hands a group to a new coordinator."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from pont.core.errors import BackupUnusable, NotAPontExport, ProfileNotEmpty
from pont.core.mail import credentials
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import Group, create_group, list_groups
from pont.core.members.members import NewMember, add_member, list_members
from pont.core.posting.drafts import Draft, list_drafts, save_draft
from pont.core.profile.backups import BEFORE_IMPORT, list_backups
from pont.core.profile.handover import FORMAT_VERSION, export_everything
from pont.core.profile.handover_import import import_everything, read_export
from pont.core.profile.store import DATABASE_NAME, open_database

PASSWORD = "correct-horse-battery-staple-42"
WHEN = datetime(2026, 11, 24, 9, 30)


@pytest.fixture
def profile(db: Database, group: Group, tmp_path: Path) -> Path:
    """A profile with a group of two, an account whose password is in the keyring, a draft
    and window settings; returns its folder."""
    for email in ("ann@example.org", "bob@example.org"):
        add_member(db, group.id, NewMember(email), origin="test")
    server = ServerSettings("mail.example.org", 465, Security.SSL)
    save_account(db, AccountSettings("coord@example.org", "coord", server, server))
    credentials.store_password("coord@example.org", PASSWORD)
    save_draft(db, Draft(None, group.id, subject="Next meeting", body_text="Half-written"))
    (tmp_path / "window.ini").write_text("[General]\nlast_group_id=1\n", encoding="utf-8")
    return tmp_path


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_export_holds_database_settings_and_manifest_and_never_a_password(
    db: Database, profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "handover.zip"
    target.parent.mkdir()
    result = export_everything(db, profile, target, WHEN)

    assert result.summary() == (
        "Saved 1 group (2 members), 1 mail account and 1 draft to handover.zip. Drafts and the "
        "outbox are in it with everything else; no password is, so whoever opens it signs in "
        "with their own."
    )
    assert result.size == target.stat().st_size
    assert sorted(p.name for p in target.parent.iterdir()) == ["handover.zip"]  # no leftovers
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "pont.sqlite3", "window.ini"]
        entries = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(entries["manifest.json"])
    assert manifest["format"] == "pont-export"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["created"] == WHEN.astimezone().isoformat(timespec="seconds")
    assert manifest["groups"] == [{"name": "Wellbeing Network", "members": 2}]
    assert manifest["accounts"] == ["coord@example.org"]
    assert manifest["drafts"] == 1
    assert "pont_version" in manifest
    for data in [target.read_bytes(), *entries.values()]:
        for encoding in ("utf-8", "utf-16-le"):
            assert PASSWORD.encode(encoding) not in data
    assert credentials.load_password("coord@example.org") == PASSWORD  # still in the keyring


def test_import_opens_the_export_into_an_empty_profile(
    db: Database, profile: Path, tmp_path: Path, memory_keyring: object
) -> None:
    target = tmp_path / "handover.zip"
    export_everything(db, profile, target, WHEN)
    credentials.forget_password("coord@example.org")  # the new coordinator's computer
    new_profile = tmp_path / "new-profile"

    result = import_everything(new_profile, target)

    assert result.kept is None
    assert result.needs_password == ("coord@example.org",)
    assert result.created == WHEN.astimezone()
    assert result.summary() == (
        "Imported 1 group (2 members), 1 mail account and 1 draft. Passwords never travel in "
        "an export: Pont will ask for the password for coord@example.org when it next signs in."
    )
    imported = open_database(new_profile / DATABASE_NAME)
    (group,) = list_groups(imported)
    assert [m.email for m in list_members(imported, group.id)] == [
        "ann@example.org",
        "bob@example.org",
    ]
    assert [d.subject for d in list_drafts(imported)] == ["Next meeting"]
    imported.close()
    assert (new_profile / "window.ini").read_text(encoding="utf-8").startswith("[General]")
    assert sorted(p.name for p in new_profile.iterdir() if not p.name.startswith("pont.")) == [
        "window.ini"
    ]  # nothing staged is left behind


def test_a_profile_with_data_is_replaced_only_when_the_caller_says_so(
    db: Database, profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "handover.zip"
    export_everything(db, profile, target, WHEN)
    other = tmp_path / "other"
    theirs = open_database(other / DATABASE_NAME)
    create_group(theirs, "Their Own Group")
    theirs.close()
    before = files_in(other)

    with pytest.raises(ProfileNotEmpty) as refused:
        import_everything(other, target)
    assert str(refused.value) == (
        "This profile already holds 1 group (0 members). Nothing was imported: import into a "
        "new, empty profile, or choose to replace what is here (Pont keeps it as a backup first)."
    )
    assert files_in(other) == before

    result = import_everything(other, target, replace=True, now=WHEN)
    assert result.kept is not None and result.kept.kind == BEFORE_IMPORT
    assert "What the profile held before is kept among its backups." in (result.summary())
    replaced = open_database(other / DATABASE_NAME)
    assert [g.name for g in list_groups(replaced)] == ["Wellbeing Network"]
    replaced.close()
    (kept,) = list_backups(other)
    old = Database(kept.path)
    assert [row["name"] for row in old["groups"].rows] == ["Their Own Group"]
    old.close()


def write_zip(path: Path, entries: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def write_file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def manifest(**changes: object) -> str:
    fields: dict[str, object] = {
        "format": "pont-export",
        "format_version": 1,
        "pont_version": "0.1.0",
        "created": "2026-11-24T09:30:00+00:00",
        "groups": [{"name": "Wellbeing Network", "members": 2}],
    }
    fields.update(changes)
    return json.dumps(fields)


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (
            lambda p: write_file(p, b"Name,Email\nAnn,ann@example.org\n"),
            "not a file Pont’s “Export everything” made (it is not a zip file)",
        ),
        (
            lambda p: write_zip(p, {"photo.jpg": b"\xff\xd8"}),
            "(it has no manifest.json)",
        ),
        (
            lambda p: write_zip(p, {"manifest.json": "{not json", "pont.sqlite3": b""}),
            "(its manifest cannot be read)",
        ),
        (
            lambda p: write_zip(p, {"manifest.json": '{"format": "other-app"}'}),
            "(its manifest is not Pont’s)",
        ),
        (
            lambda p: write_zip(p, {"manifest.json": manifest(groups="lots")}),
            "(its manifest is incomplete)",
        ),
        (
            lambda p: write_zip(p, {"manifest.json": manifest()}),
            "(it holds no database)",
        ),
        (
            lambda p: write_zip(p, {"manifest.json": manifest(format_version=2)}),
            "was made by a newer version of Pont (0.1.0)",
        ),
    ],
    ids=["csv", "foreign-zip", "bad-json", "foreign-manifest", "incomplete", "no-db", "newer"],
)
def test_a_file_that_is_not_an_export_is_refused_and_nothing_changes(
    db: Database, profile: Path, tmp_path: Path, make: object, sentence: str
) -> None:
    db.close()
    source = make(tmp_path / "handover.zip")  # type: ignore[operator]
    before = files_in(profile)
    with pytest.raises(NotAPontExport) as refused:
        import_everything(profile, source, replace=True)
    assert sentence in str(refused.value)
    assert str(refused.value).endswith("Nothing was imported.")
    assert files_in(profile) == before


def test_an_export_whose_database_is_damaged_is_refused_and_nothing_changes(
    db: Database, profile: Path, tmp_path: Path
) -> None:
    db.close()
    source = write_zip(
        tmp_path / "handover.zip",
        {"manifest.json": manifest(), "pont.sqlite3": b"SQLite format 3\x00" + b"\x00" * 5000},
    )
    before = files_in(profile)
    with pytest.raises(BackupUnusable, match="The data in handover.zip is damaged"):
        import_everything(profile, source, replace=True)
    assert files_in(profile) == before


def test_entries_with_paths_outside_the_profile_are_never_written(
    db: Database, profile: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "good.zip"
    export_everything(db, profile, exported, WHEN)
    with zipfile.ZipFile(exported) as archive:
        entries: dict[str, bytes | str] = {n: archive.read(n) for n in archive.namelist()}
    evil = tmp_path / "evil"
    evil.mkdir()
    entries |= {
        "../../evil/escaped.txt": "zip-slip",
        str(evil / "absolute.txt"): "absolute",
        "backups/pont-2026-11-24.sqlite3": "a fake backup",
    }
    source = write_zip(tmp_path / "handover.zip", entries)
    target = tmp_path / "deep" / "new-profile"

    import_everything(target, source)

    assert list(evil.iterdir()) == []
    assert sorted(p.name for p in target.rglob("*")) == ["pont.sqlite3", "window.ini"]


def test_read_export_says_what_is_in_it_without_importing(
    db: Database, profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "handover.zip"
    export_everything(db, profile, target, WHEN)
    contents, created = read_export(target)
    assert contents.describe() == "1 group (2 members), 1 mail account and 1 draft"
    assert created == WHEN.astimezone()
