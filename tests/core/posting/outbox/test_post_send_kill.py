"""Kill `pont post send` / `pont outbox resume` with SIGKILL and start again: every member
still ends up with exactly one copy, from a server that does not file sent mail as from one
that does (see the top of pont/core/posting/outbox/run.py).

Kills land at chosen points, which the test SMTP server signals by holding the transaction
there, and at random moments. tests/benchmarks/bench_exactly_once.py runs 50 random kills
(and 50 cuts by a proxy) and prints the counts; this suite runs a fixed few."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from outbox_world import World, copies, make_world

from mailservers import PONT, Mailbox, Smtp, pont_environment
from pont.core.posting.outbox.outbox import outbox_status
from pont.core.profile.store import DATABASE_NAME, open_database

MEMBERS = 27
PER_MESSAGE = 10  # 9 members and the receipt: 3 batches
BATCHES = 3
# The test server delivers before it answers (or half a second after, when told to), so a
# receipt is there within this long; the real default is longer.
SETTLE = "3"


def start(
    data_dir: Path, mailbox: Mailbox, queued: bool, *, watch: bool = False
) -> subprocess.Popen[bytes]:
    command = (
        ["outbox", "resume"]
        if queued
        else ["post", "send", "--group", "Wellbeing Network", "--subject", "Pilot",
              "--body", "It starts on Monday."]
    )  # fmt: skip
    process = subprocess.Popen(
        [PONT, "--data-dir", str(data_dir), *command, "--password-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE if watch else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(pont_environment(mailbox.server.ca_file), PONT_SETTLE_SECONDS=SETTLE),
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


def new_profile(tmp_path: Path, mailbox: Mailbox, smtp: Smtp, members: int) -> tuple[Path, World]:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, smtp, members, per_message=PER_MESSAGE)
    db.close()
    return data_dir, world


def finish(data_dir: Path, mailbox: Mailbox, batches: int) -> tuple[str, dict[str, Any]]:
    """Resume until done; the post's key and its JSON from `pont outbox`."""
    final = start(data_dir, mailbox, queued=bool(queued_post(data_dir)))
    assert final.wait(timeout=60) == 0, final.stderr.read().decode() if final.stderr else ""
    listed = subprocess.run(
        [PONT, "--data-dir", str(data_dir), "outbox", "--format", "json"],
        capture_output=True,
        check=True,
    )
    (post,) = json.loads(listed.stdout)
    assert post["state"] == "sent"
    assert [b["state"] for b in post["batches"]] == ["sent"] * batches
    return post["message_id"], post


@pytest.mark.parametrize(
    ("point", "attempts"),
    [("mail", 2), ("data", 2), ("taken", 1)],
    ids=["before-the-data", "data-not-taken", "taken-before-the-250"],
)
def test_sigkill_at_a_point_the_server_signals(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp, point: str, attempts: int
) -> None:
    """The server holds batch 2's transaction at one point and says so; the test kills Pont
    there. 'taken' is defect 13's window: the server has the message (and has delivered it,
    the receipt too), its 250 not yet sent. No Sent filing: only the receipt can tell."""
    data_dir, world = new_profile(tmp_path, mailbox, fault_smtp, MEMBERS)
    faults = fault_smtp.faults
    faults.pause_at, faults.pause_on = point, 2
    process = start(data_dir, mailbox, queued=False)
    try:
        assert faults.paused.wait(30), "Pont never reached batch 2"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 10
    while fault_smtp.delivery.interrupted < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    faults.pause_at = ""
    faults.resume.set()

    assert fault_smtp.delivery.interrupted == 1  # the kill cut exactly one transaction
    key, post = finish(data_dir, mailbox, BATCHES)
    assert [b["attempts"] for b in post["batches"]] == [1, attempts, 1]
    assert [copies(mailbox.server, m, key) for m in world.members] == [1] * MEMBERS
    assert len(fault_smtp.received) == BATCHES  # no batch taken twice
    assert fault_smtp.delivery.transactions == BATCHES + attempts - 1
    assert copies(mailbox.server, mailbox.email, key) == 0  # receipts tidied
    assert copies(mailbox.server, mailbox.email, key, "Sent") == 1


def test_sigkill_while_the_receipts_are_on_their_way(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    """Every batch went; Pont waits for the receipts (the server delivers a second after its
    250) to tidy them, and is killed. The next run waits for them in its place and tidies
    every one: none stays in the coordinator's INBOX."""
    fault_smtp.faults.deliver_after = 1.0
    data_dir, world = new_profile(tmp_path, mailbox, fault_smtp, MEMBERS)
    process = start(data_dir, mailbox, queued=False, watch=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(f"Batch {BATCHES} of {BATCHES}: sent".encode()):
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    key = queued_post(data_dir)
    assert copies(mailbox.server, mailbox.email, key) < BATCHES  # not all there yet
    resumed = start(data_dir, mailbox, queued=True)
    assert resumed.wait(timeout=60) == 0
    time.sleep(1.5)  # anything still on its way has arrived
    assert [copies(mailbox.server, m, key) for m in world.members] == [1] * MEMBERS
    assert copies(mailbox.server, mailbox.email, key) == 0


def kill_at_random(
    data_dir: Path, mailbox: Mailbox, smtp: Smtp, kills: int, seed: int
) -> tuple[int, int]:
    """Kill runs at random moments; how many kills hit a running process, and how many left
    a batch of unknown fate (its data begun, its answer not recorded)."""
    smtp.faults.delay = 0.1  # each transaction takes a little while: room to be cut
    chance = random.Random(seed)
    landed = unknown = 0
    for _ in range(kills):
        process = start(data_dir, mailbox, queued=bool(queued_post(data_dir)))
        time.sleep(chance.uniform(0.2, 0.9))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            landed += 1
        process.wait()
        db = open_database(data_dir / DATABASE_NAME)
        unknown += db.execute(
            "SELECT count(*) FROM batches WHERE state = 'sending' AND data_started IS NOT NULL"
        ).fetchone()[0]
        db.close()
    smtp.faults.delay = 0.0
    return landed, unknown


@pytest.mark.parametrize("saves_to_sent", [False, True], ids=["no-sent-filing", "sent-filing"])
def test_sigkill_at_random_moments(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp, saves_to_sent: bool
) -> None:
    fault_smtp.faults.save_to_sent = saves_to_sent
    members = 90  # 10 batches
    data_dir, world = new_profile(tmp_path, mailbox, fault_smtp, members)
    landed, _ = kill_at_random(data_dir, mailbox, fault_smtp, 12, seed=11 + saves_to_sent)
    assert landed >= 8  # the kills really interrupted runs
    key, _ = finish(data_dir, mailbox, 10)
    assert [copies(mailbox.server, m, key) for m in world.members] == [1] * members
    assert len(fault_smtp.received) == 10  # one transaction taken per batch: none twice
    # The server's copy of each batch, or else Pont's one copy of the post.
    assert copies(mailbox.server, mailbox.email, key, "Sent") == (10 if saves_to_sent else 1)
    assert copies(mailbox.server, mailbox.email, key) == 0  # receipts tidied
