"""`pont --demo post send` goes through the demo's rehearsal mail world, as the window does:
batches, nothing leaving the computer, no password asked."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from pont.cli.main import main
from pont.core.demo.rehearsal import set_rehearsal_speed
from pont.core.posting.outbox.outbox import PostState, outbox_status
from pont.core.profile.store import DATABASE_NAME, open_database


def test_a_demo_post_from_the_command_line_rehearses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"the demo tried to connect: {args!r}")

    assert main(["--demo", "--data-dir", str(tmp_path), "group", "list"]) == 0
    db = open_database(tmp_path / DATABASE_NAME)
    set_rehearsal_speed(db, 600.0)
    db.close()
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    argv = ["--demo", "--data-dir", str(tmp_path), "post", "send", "--group", "Wellbeing Network"]
    assert main([*argv, "--subject", "Autumn meet-up", "--body", "Who can host?"]) == 0
    out = capsys.readouterr().out
    assert "35 recipients in 4 batches of up to 9." in out
    db = open_database(tmp_path / DATABASE_NAME)
    (post,) = outbox_status(db)
    assert post.state is PostState.SENT and len(post.batches) == 4
    db.close()
