"""Kill `pont post send` / `pont outbox resume` with SIGKILL at random moments and start
again: every member still ends up with exactly one copy (see the top of
pont/core/posting/outbox/run.py)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from outbox_world import World, copies, make_world

from mailservers import PONT, Mailbox, Smtp, pont_environment
from pont.core.posting.outbox.outbox import outbox_status
from pont.core.profile.store import DATABASE_NAME, open_database

MEMBERS = 60
PER_MESSAGE = 3  # 20 batches, so kills land before, during and between transactions


def start(data_dir: Path, mailbox: Mailbox, queued: bool) -> subprocess.Popen[bytes]:
    command = (
        ["outbox", "resume"]
        if queued
        else ["post", "send", "--group", "Wellbeing Network", "--subject", "Pilot",
              "--body", "It starts on Monday."]
    )  # fmt: skip
    process = subprocess.Popen(
        [PONT, "--data-dir", str(data_dir), *command, "--password-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=pont_environment(mailbox.server.ca_file),
    )
    assert process.stdin is not None
    process.stdin.write(mailbox.password.encode() + b"\n")
    process.stdin.close()
    return process


def queued_post(data_dir: Path) -> str:
    db = open_database(data_dir / DATABASE_NAME)
    try:
        posts = outbox_status(db)
    finally:
        db.close()
    assert len(posts) <= 1
    return posts[0].message_key if posts else ""


def kill_and_resume(
    tmp_path: Path, mailbox: Mailbox, smtp: Smtp, kills: int, seed: int
) -> tuple[World, str, int]:
    """Returns the world, the post's key, and how many kills hit a process still running."""
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, smtp, MEMBERS, per_message=PER_MESSAGE)
    db.close()
    smtp.faults.delay = 0.1  # each transaction takes a little while: room to be cut
    chance = random.Random(seed)
    landed = 0
    for _ in range(kills):
        process = start(data_dir, mailbox, queued=bool(queued_post(data_dir)))
        time.sleep(chance.uniform(0.2, 0.9))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            landed += 1
        process.wait()
    smtp.faults.delay = 0.0
    final = start(data_dir, mailbox, queued=bool(queued_post(data_dir)))
    assert final.wait(timeout=60) == 0, final.stderr.read().decode() if final.stderr else ""
    key = queued_post(data_dir)
    listed = subprocess.run(
        [PONT, "--data-dir", str(data_dir), "outbox", "--format", "json"],
        capture_output=True,
        check=True,
    )
    (post,) = json.loads(listed.stdout)
    assert post["state"] == "sent"
    assert [b["state"] for b in post["batches"]] == ["sent"] * (MEMBERS // PER_MESSAGE)
    return world, key, landed


@pytest.mark.parametrize("seed", [4])
def test_sigkill_twenty_times_with_sent_mail_filed_by_the_server(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp, seed: int
) -> None:
    """The server files what it accepts in Sent, as Gmail does: exactly one copy each."""
    fault_smtp.faults.save_to_sent = True
    world, key, landed = kill_and_resume(tmp_path, mailbox, fault_smtp, 20, seed)
    assert landed >= 15  # the kills really interrupted runs
    assert [copies(mailbox.server, m, key) for m in world.members] == [1] * MEMBERS
    # One transaction accepted per batch: no batch went twice.
    assert len(fault_smtp.received) == MEMBERS // PER_MESSAGE


def test_sigkill_without_sent_mail_filed_misses_nobody(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    """A server that does not file sent mail leaves the documented window: a kill between the
    server taking a batch and Pont recording it means that batch goes again. Nobody misses
    the post, and at most the batches cut at that moment arrive twice."""
    world, key, landed = kill_and_resume(tmp_path, mailbox, fault_smtp, 10, seed=11)
    counts = [copies(mailbox.server, m, key) for m in world.members]
    assert min(counts) == 1 and max(counts) <= 2
    resent = len(fault_smtp.received) - MEMBERS // PER_MESSAGE
    assert resent <= landed
    assert sum(counts) == MEMBERS + PER_MESSAGE * resent
    # Pont kept its one copy in Sent itself.
    assert copies(mailbox.server, mailbox.email, key, "Sent") == 1
