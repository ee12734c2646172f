"""`pont group from-thread` end to end: a real Dovecot mailbox with a reply-all chain, the
command in its own process, as a coordinator runs it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from graph_server import GraphServer
from mailservers import HOST, Mailbox, MailServer, run_pont
from oauth_browser import SignInWorld
from pont.core.archive.mailbox_search import MAX_MESSAGES
from pont.core.group_mail.consent import consent_for
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import create_group, find_group
from pont.core.members.members import list_members
from pont.core.profile.store import DATABASE_NAME, open_database
from thread_world import (
    ANN,
    BRYN,
    CERI,
    DAI,
    EVE,
    FFLUR,
    MALLORY,
    OTHER_SUBJECT,
    RHYS,
    SUBJECT,
    WORDS,
    seed_thread,
)


@pytest.fixture
def data_dir(tmp_path: Path, mailbox: Mailbox) -> Path:
    seed_thread(mailbox)
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, mailbox.server.smtps_port, Security.SSL),
        ),
    )
    db.close()
    return data_dir


def from_thread(data_dir: Path, mailbox: Mailbox, *args: str) -> subprocess.CompletedProcess[str]:
    return run_pont(
        data_dir,
        "group",
        "from-thread",
        *args,
        "--password-stdin",
        stdin=mailbox.password + "\n",
        ca_file=mailbox.server.ca_file,
    )


def test_two_conversations_are_listed_and_one_must_be_picked(
    data_dir: Path, mailbox: Mailbox
) -> None:
    done = from_thread(data_dir, mailbox, WORDS, "--name", "Gŵyl Haf", "--format", "json")
    assert done.returncode == 1
    assert "choose one with --pick N" in done.stderr
    report = json.loads(done.stdout)
    assert [(c["number"], c["subject"], c["messages"]) for c in report["conversations"]] == [
        (1, OTHER_SUBJECT, 1),
        (2, SUBJECT, 5),
    ]
    assert report["group"] is None and report["people"] == []
    db = open_database(data_dir / DATABASE_NAME)
    assert db.execute("SELECT count(*) FROM groups").fetchone()[0] == 0
    db.close()


def test_the_picked_conversation_becomes_a_group_of_not_yet_consented_members(
    data_dir: Path, mailbox: Mailbox
) -> None:
    done = from_thread(
        data_dir,
        mailbox,
        WORDS,
        "--name",
        "Gŵyl Haf",
        "--pick",
        "2",
        "--exclude",
        MALLORY.upper(),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    people = {p["email"]: p for p in report["people"]}
    assert people[mailbox.email.lower()]["you"] and not people[mailbox.email.lower()]["included"]
    assert not people[MALLORY]["included"]
    assert {e: p["wrote"] for e, p in people.items() if p["wrote"]} == {
        ANN[1]: 1,
        BRYN[1]: 1,
        CERI[1]: 1,
        EVE: 1,
        mailbox.email.lower(): 1,
    }
    assert people[EVE]["name"] == "Eve Bcc: all"
    assert report["group"] == {"name": "Gŵyl Haf", "members": 6}
    db = open_database(data_dir / DATABASE_NAME)
    group = find_group(db, "Gŵyl Haf")
    members = list_members(db, group.id)
    assert {m.email.lower() for m in members} == {ANN[1], BRYN[1], CERI[1], DAI[1], EVE, RHYS}
    assert consent_for(db, group.id) == {}
    db.close()


def test_the_table_says_who_and_how_to_ask_for_consent(data_dir: Path, mailbox: Mailbox) -> None:
    done = from_thread(data_dir, mailbox, "festival planning", "--name", "Summer")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Searching {mailbox.email} for “festival planning”…"
    assert any(line.startswith("Ann Jones") and "ann@example.org" in line for line in lines)
    assert any("you" in line.split() and mailbox.email.lower() in line for line in lines)
    assert lines[-1] == (
        "Created Summer with 7 members. None has consented yet to a roster members can see: "
        "ask them with pont members consent ask --group 'Summer' --all-missing"
    )


def test_dry_run_creates_nothing(data_dir: Path, mailbox: Mailbox) -> None:
    done = from_thread(data_dir, mailbox, WORDS, "--name", "Summer", "--pick", "1", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert FFLUR[1] in done.stdout and done.stdout.rstrip().endswith("Nothing created (--dry-run).")
    db = open_database(data_dir / DATABASE_NAME)
    assert db.execute("SELECT count(*) FROM groups").fetchone()[0] == 0
    db.close()


def test_plain_errors(data_dir: Path, mailbox: Mailbox, tmp_path: Path) -> None:
    nothing = from_thread(data_dir, mailbox, "eisteddfod", "--name", "Summer")
    assert nothing.returncode == 1
    assert "No conversation in" in nothing.stderr and "eisteddfod" in nothing.stderr
    assert "Traceback" not in nothing.stderr

    db = open_database(data_dir / DATABASE_NAME)
    create_group(db, "Summer")
    db.close()
    taken = from_thread(data_dir, mailbox, WORDS, "--name", "SUMMER", "--pick", "1")
    assert taken.returncode == 1
    assert "There is already a group called “Summer”" in taken.stderr

    stranger = from_thread(
        data_dir, mailbox, WORDS, "--name", "W", "--pick", "2", "--exclude", "x@y.org"
    )
    assert stranger.returncode == 1 and "Not in that conversation: x@y.org" in stranger.stderr

    empty = tmp_path / "empty"
    open_database(empty / DATABASE_NAME).close()
    no_account = from_thread(empty, mailbox, WORDS, "--name", "W")
    assert no_account.returncode == 1 and "no mail account yet" in no_account.stderr

    wrong = run_pont(
        data_dir,
        "group",
        "from-thread",
        WORDS,
        "--name",
        "W",
        "--password-stdin",
        stdin="not the password\n",
        ca_file=mailbox.server.ca_file,
    )
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert "password" in wrong.stderr.lower()


def test_offline_is_said_plainly(data_dir: Path, mailbox: Mailbox) -> None:
    db = open_database(data_dir / DATABASE_NAME)
    db.execute("UPDATE accounts SET imap_port = 1")  # nothing listens there
    db.conn.commit()
    db.close()
    done = from_thread(data_dir, mailbox, WORDS, "--name", "W")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "could not" in done.stderr.lower() or "connect" in done.stderr.lower()


def test_the_help_says_the_cap() -> None:
    done = run_pont(Path("/nonexistent"), "group", "from-thread", "--help")
    assert f"{MAX_MESSAGES:,}" in " ".join(done.stdout.split())
    assert "not yet having consented" in " ".join(done.stdout.split())


def test_a_mailbox_read_through_graph_is_searched_through_graph(
    microsoft: SignInWorld, mail_server: MailServer, graph_server: GraphServer, tmp_path: Path
) -> None:
    from test_cli_microsoft import Coordinator

    coordinator = Coordinator(tmp_path, microsoft, mail_server)
    coordinator.environment["PONT_GRAPH_ENDPOINT"] = graph_server.endpoint
    added = coordinator.pont(
        "account", "add", "--email", coordinator.email, "--sign-in", "microsoft",
        "--imap-host", HOST, "--imap-port", "9", "--imap-security", "ssl",
        "--smtp-host", HOST, "--smtp-port", str(mail_server.smtps_port), "--smtp-security", "ssl",
    )  # fmt: skip
    assert "reads through Microsoft Graph" in added.stdout, added.stdout + added.stderr
    seed_thread(Mailbox(mail_server, coordinator.email))

    done = coordinator.pont(
        "group", "from-thread", WORDS, "--name", "Gŵyl Haf", "--pick", "2", "--format", "json"
    )

    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert [c["subject"] for c in report["conversations"]] == [OTHER_SUBJECT, SUBJECT]
    assert report["group"] == {"name": "Gŵyl Haf", "members": 7}
    assert graph_server.count("/v1.0/me/messages", "GET") == 1
    you = [p for p in report["people"] if p["you"]]
    assert [p["email"] for p in you] == [coordinator.email.lower()]
