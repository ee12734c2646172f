"""A test that ends while a dialog's worker thread still runs does not bring the test run
down: the teardown waits for the thread before the dialog is deleted (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parents[2]

# Run in a pytest of its own, whose fixtures tear down as the account dialog's did: reject,
# then let events run. By then the dialog's worker must have ended, its result delivered.
# (A QThread destroyed while it runs makes Qt abort() the whole process: a run killed that
# way under load once left the test Dovecot running; test_server_watchdog.py covers that.)
CHILD = """
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QDialog

from pont.ui.widgets.workers import start_worker

results = []


@pytest.fixture
def dialog(qtbot) -> Iterator[QDialog]:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    threads = dialog.findChildren(QThread)
    assert not any(thread.isRunning() for thread in threads)
    assert results == ["done"]
    dialog.reject()
    qtbot.wait(50)


def test_leaves_a_worker_running(dialog: QDialog) -> None:
    def job(progress):
        time.sleep(1.0)
        return "done"

    start_worker(dialog, job, results.append, results.append)
"""


def run_child(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    """pytest on one test file, with the suite's tests/conftest.py as a plugin."""
    (tmp_path / "pytest.ini").write_text("[pytest]\nqt_api = pyside6\n")
    test_file = tmp_path / "test_child.py"
    test_file.write_text(source)
    environment = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
        QT_QPA_PLATFORM="offscreen",
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest",
         "-p", "no:faulthandler", "--rootdir", str(tmp_path), "-c", str(tmp_path / "pytest.ini"),
         str(test_file)],
        capture_output=True, text=True, cwd=tmp_path, env=environment, timeout=120,
    )  # fmt: skip


def test_teardown_waits_for_a_dialogs_worker_thread(tmp_path: Path) -> None:
    result = run_child(tmp_path, CHILD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "QThread: Destroyed while thread is still running" not in result.stderr
    assert "1 passed" in result.stdout
