from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from pont.core.errors import PontError
from pont.ui.workers import start_worker


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
    thread = start_worker(
        owner, job, succeeded, lambda message: None, lambda d, t: progress_seen.append((d, t))
    )
    with qtbot.waitSignal(thread.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == "done"
    assert seen["job_thread"] != threading.get_ident()
    assert seen["callback_thread"] == threading.get_ident()
    assert progress_seen == [(1, 2), (2, 2)]


def test_a_pont_error_reaches_the_failure_callback_as_its_sentence(qtbot: QtBot) -> None:
    owner = QObject()
    failures: list[str] = []

    def job(progress: Callable[[int, int], None]) -> None:
        raise PontError("The file is not a contacts list.")

    start_worker(owner, job, lambda result: None, failures.append)
    qtbot.waitUntil(lambda: failures == ["The file is not a contacts list."], timeout=5000)


@pytest.mark.qt_no_exception_capture  # the worker re-raises the bug, for the log
def test_a_bug_in_a_job_is_said_plainly_without_claiming_what_it_did(qtbot: QtBot) -> None:
    owner = QObject()
    failures: list[str] = []

    def job(progress: Callable[[int, int], None]) -> None:
        raise KeyError("members")

    start_worker(owner, job, lambda result: None, failures.append)
    qtbot.waitUntil(lambda: failures != [], timeout=5000)
    # Only the caller knows whether the job had changed anything.
    assert failures == ["Something went wrong inside Pont (KeyError)."]
