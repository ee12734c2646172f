"""`pont sync`, `pont threads` and `pont search` against the test Dovecot."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from core.archive.corpus import (
    BRYN,
    CARYS,
    group_conversation,
    make_account,
    make_group,
    make_unreadable,
    seed,
)
from mailservers import Mailbox, run_pont
from pont.cli.main import main
from pont.core.archive.sync_fetch import _HEADER_ITEM as HEADER_ITEM
from pont.core.mail.credentials import store_password
from pont.core.members.groups import Group
from pont.core.profile.store import DATABASE_NAME, open_database


@pytest.fixture
def profile(tmp_path: Path, mailbox: Mailbox) -> tuple[Path, Group]:
    """A profile with the group and the mailbox's account, and the mailbox seeded."""
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    group = make_group(db)
    make_account(db, mailbox)
    db.close()
    seed(mailbox, group_conversation(group, mailbox.email))
    return data_dir, group


def pont(
    data_dir: Path, mailbox: Mailbox, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return run_pont(data_dir, *args, stdin=stdin, ca_file=mailbox.server.ca_file)


def test_sync_then_threads_and_search(profile: tuple[Path, Group], mailbox: Mailbox) -> None:
    data_dir, _ = profile
    synced = pont(data_dir, mailbox, "sync", "--password-stdin", stdin=mailbox.password + "\n")
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.splitlines() == [
        "Sent: 2 new messages",
        "Sent: 2 of 2 read",
        "INBOX: 15 new messages",
        "INBOX: 15 of 15 read",
        "Synced 2 folders: 17 new messages, 12 group messages archived, in 4 threads.",
    ]
    again = pont(data_dir, mailbox, "sync", "--password-stdin", stdin=mailbox.password + "\n")
    assert again.stdout.splitlines() == [
        "Sent: nothing new",
        "INBOX: nothing new",
        "Synced 2 folders: 0 new messages, 0 group messages archived, in 0 threads.",
    ]

    listed = pont(data_dir, mailbox, "threads", "--group", "Wellbeing Network", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    threads = json.loads(listed.stdout)
    assert [thread["subject"] for thread in threads] == [
        "Training day in Cardiff",
        "Meeting notes, April",
        "Funding round for community projects",
        "Peer support pilot: first results",
    ]
    pilot = threads[-1]
    assert pilot["messages"] == 4
    assert pilot["last_activity"] == "2024-04-03T07:01:44+00:00"
    assert pilot["message_ids"][0] == "pilot-post.1712045700@pont.localhost"
    assert {"name": CARYS[0], "email": CARYS[1]} in pilot["participants"]

    table = pont(data_dir, mailbox, "threads", "--group", "Wellbeing Network")
    assert table.stdout.splitlines()[0].split() == [
        "Last", "activity", "Messages", "Subject", "Participants"
    ]  # fmt: skip
    assert "Peer support pilot: first results" in table.stdout

    found = pont(
        data_dir,
        mailbox,
        "search",
        "match fund",
        "--group",
        "Wellbeing Network",
        "--format",
        "json",
    )
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert [hit["subject"] for hit in hits] == [
        "Re: [Wellbeing] Funding round for community projects"
    ]
    assert hits[0]["sender"] == {"name": BRYN[0], "email": BRYN[1]}
    assert hits[0]["sent"] == "2024-04-09T11:30:00+00:00"
    assert "**match**-**fund**" in hits[0]["snippet"]

    nothing = pont(data_dir, mailbox, "search", "umbrella", "--group", "Wellbeing Network")
    assert nothing.stdout.strip() == "Nothing in Wellbeing Network's archive matches “umbrella”."


def test_sync_uses_the_keyring_password(
    profile: tuple[Path, Group], mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = profile
    store_password(mailbox.email, mailbox.password)
    assert main(["--data-dir", str(data_dir), "sync", "--account", mailbox.email]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Synced 2 folders: 17 new")


def test_sync_without_a_password_says_how_to_give_one(
    profile: tuple[Path, Group], mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = profile
    assert main(["--data-dir", str(data_dir), "sync"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"pont: Pont needs the password for {mailbox.email}: it has none stored. "
        "Give it on standard input with --password-stdin."
    )


def test_sync_with_a_wrong_password_is_one_sentence(
    profile: tuple[Path, Group], mailbox: Mailbox
) -> None:
    data_dir, _ = profile
    result = pont(data_dir, mailbox, "sync", "--password-stdin", stdin="wrong\n")
    assert result.returncode == 1
    assert result.stderr.startswith("pont: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert mailbox.email in result.stderr


def test_sync_without_an_account(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "empty"), "sync"]) == 1
    assert "pont account add" in capsys.readouterr().err


def test_threads_of_a_group_with_no_archive_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(tmp_path / "profile")
    assert main(["--data-dir", data_dir, "group", "create", "Data Club"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data_dir, "threads", "--group", "Data Club"]) == 0
    assert capsys.readouterr().out.strip() == (
        "No conversations in Data Club yet. Fetch them with: pont sync"
    )
    assert (
        main(["--data-dir", data_dir, "threads", "--group", "Data Club", "--format", "json"]) == 0
    )
    assert json.loads(capsys.readouterr().out) == []


def test_sync_says_what_it_read_in_part_and_which_messages_it_passed_over(
    profile: tuple[Path, Group], mailbox: Mailbox
) -> None:
    data_dir, _ = profile
    deliver = mailbox.server.deliver
    deliver(
        mailbox.email,
        b"From: bryn@council.example.org\r\nTo: coordinator@example.org\r\n"
        b"Subject: [Wellbeing] =?undefined?B?/w==?=\r\nMessage-ID: <odd@x>\r\n"
        b"Content-Type: text/plain; charset=undefined\r\n\r\nCaf\xe9\r\n",
    )
    deliver(
        mailbox.email,
        b"From: bryn@council.example.org\r\nTo: coordinator@example.org\r\n"
        b"Subject: [Wellbeing] Locked away\r\nMessage-ID: <locked@x>\r\n\r\nHidden\r\n",
    )
    with mailbox.server.imap(mailbox.email) as client:  # headers cached, body unreadable
        client.select_folder("INBOX", readonly=True)
        client.fetch(client.search(["ALL"]), [HEADER_ITEM])
    make_unreadable(mailbox, b"locked@x")

    synced = pont(data_dir, mailbox, "sync", "--password-stdin", stdin=mailbox.password + "\n")

    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.splitlines()[-4:] == [
        "Synced 2 folders: 19 new messages, 13 group messages archived, in 5 threads.",
        "1 message could not be read in full: it is stored as far as it could be read, and marked.",
        "Passed over 1 message the mail server could not send (still in the mailbox, for "
        "reading in a mail program or webmail):",
        "  INBOX, message UID 17: [Wellbeing] Locked away",
    ]
