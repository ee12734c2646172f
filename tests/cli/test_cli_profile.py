"""`pont backup`, `pont export-all` and `pont import-all`, as a coordinator runs them."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from core.profile.crafted_zips import zip_bomb
from core.profile.hostile_databases import dropped_archive_table, extra_trigger
from pont.cli.main import main
from pont.core.mail import credentials
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import create_group, list_groups
from pont.core.members.members import NewMember, add_member
from pont.core.profile.lock import lock_profile
from pont.core.profile.store import DATABASE_NAME, open_database

PASSWORD = "s3cret-app-password"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    group = create_group(db, "Wellbeing Network")
    add_member(db, group.id, NewMember("ann@example.org"), origin="test")
    server = ServerSettings("mail.example.org", 465, Security.SSL)
    save_account(db, AccountSettings("coord@example.org", "coord", server, server))
    credentials.store_password("coord@example.org", PASSWORD)
    db.close()
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_backup_now_and_list(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--data-dir", str(profile), "backup", "--list")
    assert (status, out) == (0, "No backups yet. Make one with: pont backup\n")

    status, out, _ = run(capsys, "--data-dir", str(profile), "backup")
    assert status == 0
    (made,) = (profile / "backups").iterdir()
    assert out.startswith(f"Backed up to {made} (")
    assert out.endswith("Pont keeps the last 7 daily backups.\n")

    status, out, _ = run(capsys, "--data-dir", str(profile), "backup", "--list")
    assert status == 0
    header, rule, row = out.splitlines()
    assert header.split() == ["Taken", "Size", "Kind", "File"]
    assert row.endswith(str(made)) and " daily " in row


def test_export_all_then_import_all_hands_the_group_over(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handover = tmp_path / "handover.zip"
    status, out, err = run(capsys, "--data-dir", str(profile), "export-all", str(handover))
    assert status == 0, err
    assert out.startswith("Saved 1 group (1 member) and 1 mail account to handover.zip.")
    with zipfile.ZipFile(handover) as archive:
        assert all(PASSWORD.encode() not in archive.read(n) for n in archive.namelist())

    credentials.forget_password("coord@example.org")  # as on the new coordinator's computer
    new = tmp_path / "new"
    status, out, err = run(capsys, "--data-dir", str(new), "import-all", str(handover))
    assert status == 0, err
    assert out == (
        "Imported 1 group (1 member) and 1 mail account. Passwords never travel in an export: "
        "Pont will ask for the password for coord@example.org when it next signs in.\n"
    )
    db = open_database(new / DATABASE_NAME)
    assert [(g.name, g.member_count) for g in list_groups(db)] == [("Wellbeing Network", 1)]
    db.close()


def test_import_all_asks_for_replace_before_overwriting_a_profile(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handover = tmp_path / "handover.zip"
    assert run(capsys, "--data-dir", str(profile), "export-all", str(handover))[0] == 0

    status, out, err = run(capsys, "--data-dir", str(profile), "import-all", str(handover))
    assert (status, out) == (1, "")
    assert err.startswith("pont: This profile already holds 1 group (1 member) and 1 mail")
    assert "choose to replace what is here" in err

    status, out, err = run(
        capsys, "--data-dir", str(profile), "import-all", str(handover), "--replace"
    )
    assert status == 0, err
    assert "What the profile held before is kept among its backups." in out


def test_import_all_of_a_file_that_is_not_an_export(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = tmp_path / "members.csv"
    members.write_text("Name,Email\nAnn,ann@example.org\n", encoding="utf-8")
    status, out, err = run(capsys, "--data-dir", str(profile), "import-all", str(members))
    assert (status, out) == (1, "")
    assert err == (
        "pont: members.csv is not a file Pont’s “Export everything” made (it is not a zip "
        "file). Nothing was imported.\n"
    )


def test_export_all_to_a_folder_that_does_not_exist(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "handover.zip"
    status, _, err = run(capsys, "--data-dir", str(profile), "export-all", str(target))
    assert status == 1
    assert err.startswith("pont: Pont could not write handover.zip: ")
    assert err.endswith("Try another folder.\n")


def test_import_all_is_refused_while_pont_has_the_profile_open(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handover = tmp_path / "handover.zip"
    assert run(capsys, "--data-dir", str(profile), "export-all", str(handover))[0] == 0
    before = (profile / DATABASE_NAME).read_bytes()

    with lock_profile(profile):  # as the window holds it while it runs
        status, out, err = run(
            capsys, "--data-dir", str(profile), "import-all", str(handover), "--replace"
        )
    assert (status, out) == (1, "")
    assert err.startswith("pont: Pont is already open with the profile in")
    assert (profile / DATABASE_NAME).read_bytes() == before
    assert not (profile / "backups").exists()  # nothing was even set aside


def with_database_changed(handover: Path, change: Callable[[Path], None], tmp_path: Path) -> Path:
    """The export at handover, its database changed by change (as an attacker would)."""
    with zipfile.ZipFile(handover) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    database = tmp_path / "changed.sqlite3"
    database.write_bytes(entries[DATABASE_NAME])
    change(database)
    entries[DATABASE_NAME] = database.read_bytes()
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(changed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return changed


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (extra_trigger, "holds something Pont never made (“batch_recipients_audit”)"),
        (dropped_archive_table, "lacks part of Pont's data (“message_groups”)"),
    ],
    ids=["hidden-recipient-trigger", "dropped-archive-table"],
)
def test_import_all_refuses_a_hostile_database_and_changes_nothing(
    profile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[Path], None],
    sentence: str,
) -> None:
    theirs = tmp_path / "theirs"
    db = open_database(theirs / DATABASE_NAME)
    create_group(db, "Carers Forum")
    db.close()
    handover = tmp_path / "handover.zip"
    assert run(capsys, "--data-dir", str(theirs), "export-all", str(handover))[0] == 0
    hostile = with_database_changed(handover, change, tmp_path)
    before = files_in(profile)

    status, out, err = run(
        capsys, "--data-dir", str(profile), "import-all", str(hostile), "--replace"
    )

    assert (status, out) == (1, "")
    assert err == (
        f"pont: The data in changed.zip {sentence}"
        + (
            ", so Pont did not use it: a change made outside Pont could send posts where they "
            "should not go. Nothing was changed.\n"
            if "never made" in sentence
            else ", so Pont did not use it. Nothing was changed.\n"
        )
    )
    assert files_in(profile) == before
    status, out, err = run(capsys, "--data-dir", str(profile), "group", "list")
    assert status == 0, err
    assert "Wellbeing Network" in out


def test_import_all_refuses_a_zip_bomb_in_under_a_second(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = zip_bomb(tmp_path / "handover.zip")
    before = files_in(profile)
    started = time.perf_counter()
    status, out, err = run(capsys, "--data-dir", str(profile), "import-all", str(bomb), "--replace")
    took = time.perf_counter() - started
    assert (status, out) == (1, "")
    assert err == (
        "pont: handover.zip is not a file Pont’s “Export everything” made (its pont.sqlite3 "
        "would unpack to 1.1 GB, far more than it holds). Nothing was imported.\n"
    )
    assert took < 1.0, f"{took:.2f} s"
    assert files_in(profile) == before


def files_in(folder: Path) -> dict[str, bytes]:
    """The profile's files and what they hold (its lock file, made by import-all, aside)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "pont.lock"
    }
