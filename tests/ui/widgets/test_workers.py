from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from pont.core.errors import PontError
from pont.ui.widgets.workers import start_worker


def test_job_runs_off_the_gui_thread_and_reports_on_it(qtbot: QtBot) -> None:
    owner = QObject()
    seen: dict[str, object] = {}

    def job(progress: Callable[[int, int], None]) -> str:
        seen["job_thread"] = threading.get_ident()
        progress(1, 2)
        progress(2, 2)
        return "done"

    def succeeded(result: object) -> None:
        seen["result"], seen["callback_thread"] = result, threading.get_ident()

    progress_seen: list[tuple[int, int]] = []
    start_worker(
        owner, job, succeeded, lambda message: None, lambda d, t: progress_seen.append((d, t))
    )
    # Not waitSignal(thread.finished): a job this short can end before the wait connects.
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == "done"
    assert seen["job_thread"] != threading.get_ident()
    assert seen["callback_thread"] == threading.get_ident()
    assert progress_seen == [(1, 2), (2, 2)]


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (PontError("The file is not a contacts list."), "The file is not a contacts list."),
        # A bug: only the caller knows whether the job had changed anything.
        (KeyError("members"), "Something went wrong inside Pont (KeyError)."),
    ],
)
@pytest.mark.qt_no_exception_capture  # the worker re-raises a bug, for the log
def test_a_failure_reaches_the_failure_callback_as_one_sentence(
    qtbot: QtBot, failure: Exception, said: str
) -> None:
    owner = QObject()
    failures: list[str] = []

    def job(progress: Callable[[int, int], None]) -> None:
        raise failure

    start_worker(owner, job, lambda result: None, failures.append)
    qtbot.waitUntil(lambda: failures != [], timeout=5000)
    assert failures == [said]
