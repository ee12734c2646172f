"""The test servers stop when the test process ends, however it ends: a pytest killed with
SIGKILL, or aborted as Qt aborts on a fatal error (SIGABRT), runs no fixture teardown, yet
leaves no Dovecot of its own behind (tests/server_watchdog.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).parent

CHILD = """
import json
import os
import signal
from pathlib import Path


def test_start_the_servers_then_die(mail_server):
    root = mail_server.dovecot.root
    master = int((root / "run" / "master.pid").read_text())
    family = [master] + [
        int(proc.name)
        for proc in Path("/proc").iterdir()
        if proc.name.isdigit() and _parent(proc) == master
    ]
    Path(os.environ["REPORT"]).write_text(json.dumps({"root": str(root), "pids": family}))
    os.kill(os.getpid(), getattr(signal, os.environ["DEATH"]))


def _parent(proc):
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
"""


def dovecot_alive(pids: list[int], root: str) -> list[str]:
    """What is left: processes of that Dovecot (its pids, or anything naming its folder)."""
    left = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state == "Z":  # gone, only not yet reaped
            continue
        if int(proc.name) in pids and "dovecot" in command or root in command:
            left.append(f"{proc.name}: {command}")
    return left


@pytest.mark.parametrize("death", ["SIGKILL", "SIGABRT"])
def test_a_test_run_killed_outright_leaves_no_dovecot(tmp_path: Path, death: str) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_child.py").write_text(CHILD)
    report = tmp_path / "report.json"
    environment = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
        REPORT=str(report),
        DEATH=death,
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest",
         "-p", "no:faulthandler", "--rootdir", str(tmp_path), "-c", str(tmp_path / "pytest.ini"),
         str(tmp_path / "test_child.py")],
        capture_output=True, text=True, cwd=tmp_path, env=environment, timeout=120,
    )  # fmt: skip
    assert result.returncode == -getattr(signal, death), result.stdout + result.stderr
    started = json.loads(report.read_text())
    assert len(started["pids"]) >= 3  # the master and its children were running

    deadline = time.monotonic() + 20
    while (left := dovecot_alive(started["pids"], started["root"])) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left == []
    assert not Path(started["root"]).exists()  # its folder went too
