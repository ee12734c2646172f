"""`pont post send` and `pont outbox` as a coordinator runs them, against the test servers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from core.posting.outbox.outbox_world import World, copies, delivered, make_world
from mailservers import Mailbox, Smtp, run_pont
from pont.cli.main import main
from pont.core.members.groups import GroupMode
from pont.core.profile.store import DATABASE_NAME, open_database


def make_profile(
    tmp_path: Path, mailbox: Mailbox, smtp: Smtp, members: int, **options: object
) -> tuple[Path, World]:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, smtp, members, **options)  # type: ignore[arg-type]
    db.close()
    return data_dir, world


def pont(
    data_dir: Path, mailbox: Mailbox, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return run_pont(data_dir, *args, stdin=stdin, ca_file=mailbox.server.ca_file)


def send(
    data_dir: Path, mailbox: Mailbox, *extra: str, password: str = ""
) -> subprocess.CompletedProcess[str]:
    return pont(
        data_dir,
        mailbox,
        "post", "send", "--group", "Wellbeing Network", "--subject", "Pilot results",
        "--body", "The pilot went well.", "--password-stdin", *extra,
        stdin=(password or mailbox.password) + "\n",
    )  # fmt: skip


def test_post_send_prints_the_plan_and_each_batch(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir, world = make_profile(tmp_path, mailbox, fault_smtp, 25, per_message=10)
    result = send(data_dir, mailbox)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        # 10 recipients a message: 9 members, and the coordinator's own copy as the receipt.
        "Sending “[Wellbeing] Pilot results” to 25 recipients in 3 batches of up to 9.",
        "Batch 1 of 3: sending",
        "Batch 1 of 3: sent (9 of 25 recipients so far)",
        "Batch 2 of 3: sending",
        "Batch 2 of 3: sent (18 of 25 recipients so far)",
        "Batch 3 of 3: sending",
        "Batch 3 of 3: sent (25 of 25 recipients so far)",
        "Sent “[Wellbeing] Pilot results” to all 25 recipients.",
    ]

    listed = pont(data_dir, mailbox, "outbox", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    (post,) = json.loads(listed.stdout)
    assert (post["state"], post["recipients"], post["sent_copy_saved"]) == ("sent", 25, True)
    assert [len(b["recipients"]) for b in post["batches"]] == [9, 9, 7]
    assert {b["state"] for b in post["batches"]} == {"sent"}
    first = post["batches"][0]["recipients"][0]
    assert first == {
        "email": first["email"],
        "name": first["name"],
        "result": "accepted",
        "reason": "",
    }
    assert all(copies(mailbox.server, m, post["message_id"]) == 1 for m in world.members)
    (raw,) = delivered(mailbox.server, world.members[0], post["message_id"])
    head = raw.replace(b"\r\n", b"\n").partition(b"\n\n")[0]  # the Maildir keeps LF
    assert b"\nContent-Language: en\n" in head + b"\n"  # the group's notice language

    table = pont(data_dir, mailbox, "outbox")
    header, _, row = table.stdout.splitlines()
    assert header.split() == [
        "Post",
        "Queued",
        "Group",
        "Subject",
        "State",
        "Batches",
        "Accepted",
        "Problem",
    ]
    assert "[Wellbeing] Pilot results  sent   3/3      25/25" in row

    again = pont(data_dir, mailbox, "outbox", "resume", "--password-stdin", stdin=mailbox.password)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "Nothing was waiting in the outbox."


def test_refused_addresses_are_listed_and_the_exit_status_says_so(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir, world = make_profile(tmp_path, mailbox, fault_smtp, 5, per_message=10)
    fault_smtp.faults.refuse = {world.members[2]: "550 5.1.1 User unknown"}
    result = send(data_dir, mailbox)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "pont: “[Wellbeing] Pilot results” did not reach 1 address:",
        f"  {world.members[2]}: 550 5.1.1 User unknown",
    ]


def test_a_wrong_password_pauses_and_resume_finishes(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir, world = make_profile(tmp_path, mailbox, fault_smtp, 5, per_message=2)
    paused = send(data_dir, mailbox, password="not-it")
    assert paused.returncode == 1
    assert paused.stderr.startswith("pont: The outbox is paused: 127.0.0.1 did not accept")
    assert paused.stderr.strip().endswith("Then run `pont outbox resume --password-stdin`.")
    listed = json.loads(pont(data_dir, mailbox, "outbox", "--format", "json").stdout)
    assert listed[0]["state"] == "paused" and "did not accept" in listed[0]["problem"]

    resumed = pont(
        data_dir, mailbox, "outbox", "resume", "--password-stdin", stdin=mailbox.password
    )
    assert resumed.returncode == 0, resumed.stderr
    assert (
        resumed.stdout.splitlines()[-1] == "Sent “[Wellbeing] Pilot results” to all 5 recipients."
    )
    key = json.loads(pont(data_dir, mailbox, "outbox", "--format", "json").stdout)[0]["message_id"]
    assert all(copies(mailbox.server, m, key) == 1 for m in world.members)


def test_copy_all_too_large_is_refused_before_sending(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir, _ = make_profile(
        tmp_path, mailbox, fault_smtp, 5, per_message=3, mode=GroupMode.COPY_ALL
    )
    result = send(data_dir, mailbox)
    assert result.returncode == 1
    assert result.stderr.startswith("pont: This group has 5 members, but 127.0.0.1 lets one")
    assert "Switch the group to “group address”" in result.stderr
    assert fault_smtp.received == []
    assert json.loads(pont(data_dir, mailbox, "outbox", "--format", "json").stdout) == []


def test_an_empty_outbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "p"), "outbox"]) == 0
    assert capsys.readouterr().out.startswith("The outbox is empty.")
