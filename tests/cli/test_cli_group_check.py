"""`pont group check-address` against the test servers, as a coordinator runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mailservers import HOST, Mailbox, Smtp, run_pont
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import create_group, get_group
from pont.core.profile.store import DATABASE_NAME, open_database


def profile(tmp_path: Path, mailbox: Mailbox, smtp: Smtp) -> Path:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    create_group(db, "Wellbeing Network", "Wellbeing", "Sharing what works")
    save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, smtp.smtps_port, Security.SSL),
        ),
    )
    db.close()
    return data_dir


def check(data_dir: Path, mailbox: Mailbox, *args: str) -> subprocess.CompletedProcess[str]:
    return run_pont(
        data_dir,
        "group",
        "check-address",
        "Wellbeing Network",
        "--password-stdin",
        *args,
        stdin=mailbox.password + "\n",
        ca_file=mailbox.server.ca_file,
    )


def test_the_plus_address_is_checked_and_recorded(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir = profile(tmp_path, mailbox, fault_smtp)
    local, _, domain = mailbox.email.partition("@")

    done = check(data_dir, mailbox, "--timeout", "20")

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Sending a test message and waiting for it to arrive…",
        f"The test message to {local}+wellbeing@{domain} arrived: Wellbeing Network can use it.",
    ]
    db = open_database(data_dir / DATABASE_NAME)
    assert get_group(db, 1).address_checked != ""
    db.close()


def test_a_missing_test_message_offers_copy_all_or_an_alias(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir = profile(tmp_path, mailbox, fault_smtp)
    local, _, domain = mailbox.email.partition("@")
    fault_smtp.faults.refuse[f"{local}+wellbeing@{domain}".lower()] = "550 5.1.1 No such user"

    refused = check(data_dir, mailbox, "--timeout", "5")

    assert refused.returncode == 1
    lines = refused.stdout.splitlines()
    assert lines[1].startswith(
        f"The mail server refused the test message to {local}+wellbeing@{domain} (550 5.1.1"
    )
    assert "DisablePlusAddressInRecipients" in lines[1]
    assert lines[2].endswith("pont group check-address 'Wellbeing Network' --address ALIAS")

    alias = f"{local}+groups@{domain}"
    kept = check(data_dir, mailbox, "--address", alias, "--timeout", "20")
    assert kept.returncode == 0, kept.stderr
    db = open_database(data_dir / DATABASE_NAME)
    assert get_group(db, 1).address == alias
    db.close()
