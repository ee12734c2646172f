"""`pont` commands in hard times: another command writing at the same moment, a full disk,
a profile that cannot be written. Each ends in a sentence with the next step, never a
traceback, and the data stays whole."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.archive.corpus import MEMBERS, make_account, make_group
from core.posting.outbox.outbox_world import make_world
from core.profile.disks import fill_up, read_only, tmpfs
from mailservers import PONT, Mailbox, Smtp, pont_environment, run_pont
from pont.cli import main as cli_main
from pont.cli.main import main
from pont.core.members.groups import Group, create_group
from pont.core.members.members import NewMember, add_member
from pont.core.profile.store import DATABASE_NAME, open_database

BUSY = (
    "pont: Pont's data is busy: another Pont command or window is writing to it. Try again "
    "when it has finished.\n"
)
FULL = (
    "pont: The disk holding Pont's data is full: free some space, then try again. "
    "Nothing was lost.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def sound(database: Path) -> bool:
    check = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        check.close()


def count(database: Path, table: str) -> int:
    check = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(check.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        check.close()


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    group = create_group(db, "Wellbeing Network")
    add_member(db, group.id, NewMember("ann@example.org", name="Ann"), origin="test")
    db.close()
    return data_dir


@pytest.fixture
def writer(profile: Path) -> Iterator[sqlite3.Connection]:
    """Another Pont command in the middle of a write."""
    connection = sqlite3.connect(
        profile / DATABASE_NAME, isolation_level=None, check_same_thread=False
    )
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO settings (key, value) VALUES ('busy', '1')")
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


# -- busy ------------------------------------------------------------------------------


def test_members_add_waits_its_turn_behind_another_commands_write(
    profile: Path, writer: sqlite3.Connection
) -> None:
    threading.Timer(1.5, lambda: writer.execute("COMMIT")).start()
    added = run_pont(profile, "members", "add", "bob@example.org", "--group", "Wellbeing Network")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Added bob@example.org to Wellbeing Network.\n"
    assert count(profile / DATABASE_NAME, "members") == 2


def test_a_command_that_waits_longer_than_its_time_says_pont_is_busy(
    profile: Path,
    writer: sqlite3.Connection,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli_main, "COMMAND_WAIT", 0.3)  # a minute, in real life
    status, out, err = run(
        capsys, "--data-dir", str(profile), "members", "add", "bob@example.org",
        "--group", "Wellbeing Network",
    )  # fmt: skip
    assert (status, out, err) == (1, "", BUSY)
    writer.execute("COMMIT")
    assert count(profile / DATABASE_NAME, "members") == 1


def test_members_add_during_a_big_import(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.csv"
    rows = [f"Person {n},person{n}@example.org" for n in range(60_000)]
    big.write_text("Name,Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    importing = subprocess.Popen(
        [PONT, "--data-dir", str(profile), "members", "import", str(big)]
        + ["--group", "Wellbeing Network"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=pont_environment(),
    )
    added = 0
    while importing.poll() is None or added == 0:
        status, _, err = run(
            capsys, "--data-dir", str(profile), "members", "add",
            f"during{added}@example.org", "--group", "Wellbeing Network",
        )  # fmt: skip
        assert (status, err) == (0, "")
        added += 1
    out, err = importing.communicate(timeout=60)
    assert importing.returncode == 0, err
    assert out.startswith("Imported big.csv into Wellbeing Network: added 60000")
    assert count(profile / DATABASE_NAME, "members") == 1 + 60_000 + added


def group_mail(group: Group, number: int, size: int) -> bytes:
    author = MEMBERS[number % len(MEMBERS)]
    head = (
        f"From: {author[0]} <{author[1]}>\r\n"
        f"To: {group.name} <{author[1]}>\r\n"
        f"Subject: [{group.tag}] Note {number}\r\n"
        f"Date: Mon, 1 Apr 2024 09:{number // 60 % 60:02}:{number % 60:02} +0000\r\n"
        f"Message-ID: <note-{number}@example.org>\r\n"
        f"List-Id: {group.name} <{group.list_id}>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    )
    line = f"Line of note {number}, with words to search for later.\r\n"
    return head.encode() + (line * (size // len(line) + 1)).encode()


def archive_profile(data_dir: Path, mailbox: Mailbox, messages: int, size: int) -> Group:
    db = open_database(data_dir / DATABASE_NAME)
    group = make_group(db)
    make_account(db, mailbox)
    db.close()
    with mailbox.server.imap(mailbox.email) as client:
        for number in range(messages):
            client.append("INBOX", group_mail(group, number, size))
    return group


def sync(data_dir: Path, mailbox: Mailbox) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [PONT, "--data-dir", str(data_dir), "sync", "--password-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=pont_environment(mailbox.server.ca_file),
    )
    assert process.stdin is not None
    process.stdin.write(mailbox.password + "\n")
    process.stdin.close()
    return process


def test_two_syncs_at_once(tmp_path: Path, mailbox: Mailbox) -> None:
    data_dir = tmp_path / "profile"
    archive_profile(data_dir, mailbox, messages=1500, size=2000)

    first, second = sync(data_dir, mailbox), sync(data_dir, mailbox)
    results = [(p.wait(timeout=120), p.stderr.read()) for p in (first, second)]  # type: ignore[union-attr]

    # Each waits its turn to write (COMMAND_WAIT): both finish, neither stores twice.
    assert results == [(0, ""), (0, "")]
    database = data_dir / DATABASE_NAME
    assert sound(database)
    assert count(database, "messages") == 1500  # each once


# -- a full disk -------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", 16 * 1024 * 1024) as disk:
        yield disk


def test_members_import_onto_a_full_disk(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = small_disk / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    create_group(db, "Wellbeing Network")
    db.close()
    big = tmp_path / "big.csv"
    rows = [f"Person {n},person{n}@example.org" for n in range(60_000)]
    big.write_text("Name,Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    filler = fill_up(small_disk, leave=256 * 1024)

    status, out, err = run(
        capsys, "--data-dir", str(data_dir), "members", "import", str(big),
        "--group", "Wellbeing Network",
    )  # fmt: skip

    assert (status, out, err) == (1, "", FULL)
    filler.unlink()
    assert sound(data_dir / DATABASE_NAME)
    assert count(data_dir / DATABASE_NAME, "members") == 0  # all or nothing


def test_sync_onto_a_full_disk(small_disk: Path, mailbox: Mailbox) -> None:
    data_dir = small_disk / "profile"
    archive_profile(data_dir, mailbox, messages=60, size=40_000)
    filler = fill_up(small_disk, leave=512 * 1024)

    synced = sync(data_dir, mailbox)
    status = synced.wait(timeout=120)
    err = synced.stderr.read()  # type: ignore[union-attr]

    assert (status, err) == (1, FULL)
    filler.unlink()
    database = data_dir / DATABASE_NAME
    assert sound(database)
    kept = count(database, "messages")
    again = sync(data_dir, mailbox)
    assert again.wait(timeout=120) == 0, again.stderr.read()  # type: ignore[union-attr]
    assert count(database, "messages") == 60 > kept  # the next sync carried on


def test_post_send_onto_a_full_disk(
    small_disk: Path, tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir = small_disk / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    make_world(db, mailbox, fault_smtp, 3)
    db.close()
    attachment = tmp_path / "report.pdf"
    attachment.write_bytes(bytes(range(256)) * 4096)  # 1 MB
    filler = fill_up(small_disk, leave=256 * 1024)

    sent = run_pont(
        data_dir,
        "post", "send", "--group", "Wellbeing Network", "--subject", "Report",
        "--body", "Attached.", "--attach", str(attachment), "--password-stdin",
        stdin=mailbox.password + "\n", ca_file=mailbox.server.ca_file,
    )  # fmt: skip

    assert (sent.returncode, sent.stderr) == (1, FULL)
    filler.unlink()
    assert sound(data_dir / DATABASE_NAME)
    assert count(data_dir / DATABASE_NAME, "posts") == 0
    assert fault_smtp.received == []  # the post never went: it could not be stored whole


# -- read-only -----------------------------------------------------------------------------


READING = [
    ["group", "list"],
    ["members", "list", "--group", "Wellbeing Network"],
    ["members", "export", "--group", "Wellbeing Network", "--format", "csv"],
    ["threads", "--group", "Wellbeing Network"],
    ["search", "anything", "--group", "Wellbeing Network"],
    ["outbox"],
]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_profile_can_be_listed_and_exported(
    profile: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    with read_only(profile / DATABASE_NAME if what == "file" else profile):
        for command in READING:
            status, out, err = run(capsys, "--data-dir", str(profile), *command)
            assert (status, err) == (0, ""), command
        status, out, err = run(
            capsys, "--data-dir", str(profile), "members", "list", "--group", "Wellbeing Network"
        )
        assert "ann@example.org" in out

        status, out, err = run(
            capsys, "--data-dir", str(profile), "members", "add", "bob@example.org",
            "--group", "Wellbeing Network",
        )  # fmt: skip
        assert (status, out) == (1, "")
        assert err == (
            f"pont: Pont's data in {profile} is read-only, so Pont can show it but not change "
            "it. Make the folder and its files writable, then try again.\n"
        )
    assert count(profile / DATABASE_NAME, "members") == 1
