"""SIGKILL a Pont process while Microsoft Graph holds its sendMail, then start again: every
member still gets exactly one copy. The Graph-shaped test server signals the moment by
holding the request: when it has come whole and nothing is taken yet ('received': the batch
must go again), and when the message is taken, delivered and in Sent Items, its 202 not yet
sent ('taken': the new run must find it in Sent Items and not send it again)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from graph_world import make_graph_world
from outbox_world import World, build, copies

from graph_server import GraphServer
from mailservers import Mailbox, pont_environment
from oauth_keys import SigningKey
from pont.core.posting.outbox.outbox import BatchState, outbox_status, queue_post
from pont.core.profile.store import DATABASE_NAME, open_database

SENDER = Path(__file__).with_name("graph_sender.py")
MEMBERS = 27  # 9 a batch: 3 batches
SETTLE = "2"


def start(data_dir: Path, world: World, graph: GraphServer, key: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SENDER), str(data_dir), str(world.account.id), graph.endpoint,
         str(key), SETTLE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=pont_environment(graph.mail.ca_file),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("point", "requests"),
    [("received", 4), ("taken", 3)],
    ids=["request-came-nothing-taken", "taken-before-the-202"],
)
def test_sigkill_during_send_mail_then_a_new_run_settles_it(
    tmp_path: Path,
    mailbox: Mailbox,
    graph_server: GraphServer,
    signing_key: SigningKey,
    point: str,
    requests: int,
) -> None:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_graph_world(db, mailbox, MEMBERS)
    built = build(db, world)
    queue_post(db, built, world.account)
    db.close()
    key = tmp_path / "signing-key.pem"
    key.write_bytes(signing_key.private_pem())
    faults = graph_server.faults
    faults.pause_at, faults.pause_on = point, 2

    process = start(data_dir, world, graph_server, key)
    try:
        assert faults.paused.wait(60), "Pont never reached batch 2"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    faults.pause_at = ""
    faults.resume.set()
    deadline = time.monotonic() + 10
    while point == "received" and graph_server.interrupted < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert graph_server.interrupted == (1 if point == "received" else 0)
    db = open_database(data_dir / DATABASE_NAME)
    (post,) = outbox_status(db)
    db.close()
    assert post.batches[1].state is BatchState.SENDING  # its fate unknown when Pont died

    again = start(data_dir, world, graph_server, key)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert json.loads(out) == {"sent": 2, "recovered": 1}
    db = open_database(data_dir / DATABASE_NAME)
    (post,) = outbox_status(db)
    db.close()
    assert [b.state for b in post.batches] == [BatchState.SENT] * 3
    assert [copies(mailbox.server, m, built.message_key) for m in world.members] == [1] * MEMBERS
    assert graph_server.count("sendMail") == requests
    assert len(graph_server.sent) == 3  # each batch taken once: none twice
    assert copies(mailbox.server, mailbox.email, built.message_key, "Sent") == 3
