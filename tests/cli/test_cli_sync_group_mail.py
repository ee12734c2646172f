"""`pont sync` handles the group's own mail after reading it: a member's post to the group
address is relayed and sent, a stranger's held, an auto-reply left alone, and it says so."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from core.group_mail.relay_world import post_to_group
from core.posting.outbox.outbox_world import copies, make_world
from mailservers import PONT, Mailbox, Smtp, pont_environment
from pont.core.members.groups import group_address
from pont.core.posting.outbox.sending import outbox_lock
from pont.core.profile.store import DATABASE_NAME, open_database


def run_sync(data_dir: Path, mailbox: Mailbox) -> list[str]:
    done = subprocess.run(
        [PONT, "--data-dir", str(data_dir), "sync", "--password-stdin"],
        input=mailbox.password + "\n",
        capture_output=True,
        text=True,
        env=dict(pont_environment(mailbox.server.ca_file), PONT_SETTLE_SECONDS="3"),
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_pont_sync_relays_holds_and_reports(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, fault_smtp, 4, per_message=10)
    address = group_address(mailbox.email, world.group)
    db.close()
    author = world.members[1]
    mailbox.server.deliver(
        address, post_to_group(address, sender=author, message_id="<cli-relay@x.org>")
    )
    mailbox.server.deliver(
        address, post_to_group(address, sender="s@stranger.example", message_id="<s@x.org>")
    )
    mailbox.server.deliver(
        address,
        post_to_group(
            address, sender=author, subject="Automatic reply: away", message_id="<ooo@x.org>"
        ),
    )

    lines = run_sync(data_dir, mailbox)

    assert "Group mail: 1 relayed, 1 held, 0 requests, 0 bounces, 1 left alone." in lines
    assert "Sent “[Wellbeing] Peer support in Swansea” to all 3 recipients." in lines
    others = [m for m in world.members if m != author]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(
        copies(mailbox.server, m, "cli-relay@x.org") < 1 for m in others
    ):
        time.sleep(0.05)
    assert [copies(mailbox.server, m, "cli-relay@x.org") for m in world.members] == [
        0 if m == author else 1 for m in world.members
    ]
    again = run_sync(data_dir, mailbox)
    assert not [line for line in again if line.startswith(("Group mail", "Sent “"))]


def test_pont_sync_leaves_the_sending_to_a_pont_already_sending(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, fault_smtp, 3, per_message=10)
    address = group_address(mailbox.email, world.group)
    mailbox.server.deliver(
        address, post_to_group(address, sender=world.members[0], message_id="<busy@x.org>")
    )
    with outbox_lock(db):  # the window is sending
        lines = run_sync(data_dir, mailbox)
    assert "Group mail: 1 relayed, 0 held, 0 requests, 0 bounces." in lines
    assert lines[-1] == (
        "The outbox is being sent by another Pont window or command: it sends the rest."
    )
    assert fault_smtp.received == []
    assert "Sent “[Wellbeing] Peer support in Swansea” to all 2 recipients." in run_sync(
        data_dir, mailbox
    )
    db.close()
