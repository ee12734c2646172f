"""Kill `pont sync` with SIGKILL while it sends a relay, and sync again: every other member
still ends up with exactly one copy of the member's post, the author with none, and the
post is relayed once (see tests/core/posting/outbox/test_post_send_kill.py for the outbox's
own kills)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from relay_world import post_to_group

from core.posting.outbox.outbox_world import World, copies, make_world
from mailservers import PONT, Mailbox, Smtp, pont_environment
from pont.core.members.groups import group_address
from pont.core.profile.store import DATABASE_NAME, open_database

MEMBERS = 28  # 27 others and the receipt, 10 a message: 3 batches
PER_MESSAGE = 10
BATCHES = 3
SETTLE = "3"


def sync(data_dir: Path, mailbox: Mailbox) -> subprocess.Popen[bytes]:
    password = password_file(mailbox)
    try:
        return subprocess.Popen(
            [PONT, "--data-dir", str(data_dir), "sync", "--password-stdin"],
            stdin=password,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(pont_environment(mailbox.server.ca_file), PONT_SETTLE_SECONDS=SETTLE),
        )
    finally:
        os.close(password)


def password_file(mailbox: Mailbox) -> int:
    read, write = os.pipe()
    os.write(write, mailbox.password.encode() + b"\n")
    os.close(write)
    return read


def member_posts(tmp_path: Path, mailbox: Mailbox, smtp: Smtp) -> tuple[Path, World, str]:
    """A profile whose group has MEMBERS members, and one member's post to the group address
    delivered to the coordinator's INBOX; the post's author."""
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, smtp, MEMBERS, per_message=PER_MESSAGE)
    address = group_address(mailbox.email, world.group)
    db.close()
    author = world.members[5]
    raw = post_to_group(address, sender=f"Member 5 <{author}>", message_id="<relay-kill@x.org>")
    mailbox.server.deliver(address, raw, sender=author)
    return data_dir, world, author


@pytest.mark.parametrize(
    "point", ["mail", "data", "taken"], ids=["before-the-data", "data-not-taken", "taken"]
)
def test_sigkill_during_a_relay_still_gives_each_member_one_copy(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp, point: str
) -> None:
    data_dir, world, author = member_posts(tmp_path, mailbox, fault_smtp)
    faults = fault_smtp.faults
    faults.pause_at, faults.pause_on = point, 2
    process = sync(data_dir, mailbox)
    try:
        assert faults.paused.wait(30), "Pont never reached the relay's batch 2"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    faults.pause_at = ""
    faults.resume.set()

    again = sync(data_dir, mailbox)
    out, err = again.communicate(timeout=90)
    assert again.returncode == 0, err.decode()
    assert b"Group mail:" not in out  # handled once, before the kill: nothing new
    key = "relay-kill@x.org"
    others = [m for m in world.members if m != author]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(copies(mailbox.server, m, key) < 1 for m in others):
        time.sleep(0.05)
    time.sleep(0.5)
    assert [copies(mailbox.server, m, key) for m in others] == [1] * len(others)
    assert copies(mailbox.server, author, key) == 0
    assert len([e for e in fault_smtp.received if e.mail_from == mailbox.email]) == BATCHES
    db = open_database(data_dir / DATABASE_NAME)
    try:
        states = db.execute("SELECT kind, state FROM posts").fetchall()
        assert [tuple(s) for s in states] == [("relay", "sent")]
    finally:
        db.close()
