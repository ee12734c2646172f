"""The import dialog's background jobs: each tab's reading and counting, and the import itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread

from pont.ui.importing.sources import Source, Tally
from pont.ui.widgets.workers import Job, start_worker


@dataclass
class TabState:
    """What one tab (a file, or pasted text) holds and is doing."""

    source: Source | None = None
    tally: Tally | None = None
    problem: str = ""
    busy: str = ""  # what the latest job is doing, while it runs
    job: int = 0  # number of the latest job: an older job's result arrives too late to use
    first_names_first: bool = True  # when the names are written surname first: turn them


class ImportJobs:
    """Runs the import dialog's work off the GUI thread, on threads the dialog owns.

    A tab's job says what it is doing (TabState.busy) and any problem, then calls refresh;
    a problem also goes to problem_shown. A newer job for the same tab makes an older job's
    result moot.
    """

    def __init__(
        self,
        owner: QObject,
        refresh: Callable[[], None],
        problem_shown: Callable[[str], None],
    ) -> None:
        self._owner = owner
        self._refresh = refresh
        self._problem_shown = problem_shown
        self._threads: list[QThread] = []

    def start(
        self,
        job: Job,
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
    ) -> None:
        self._threads.append(start_worker(self._owner, job, on_success, on_failure))

    def run_for(
        self,
        tab: TabState,
        busy: str,
        read: Callable[[], Any],
        on_success: Callable[[Any], None],
    ) -> None:
        """Start a preview job for one tab; a newer job for the same tab makes its result moot."""
        tab.job += 1
        number = tab.job
        tab.busy, tab.problem = busy, ""
        self._refresh()

        def succeeded(result: Any) -> None:
            if tab.job == number:
                tab.busy = ""
                on_success(result)

        def failed(message: str) -> None:
            if tab.job == number:
                tab.busy, tab.problem = "", message
                self._refresh()
                self._problem_shown(message)

        self.start(lambda _progress: read(), succeeded, failed)

    @property
    def running(self) -> int:
        """How many jobs have not finished yet."""
        return len(self._running_threads())

    def leave_to_finish(self) -> None:
        """Hand the jobs still running to the application, so that they outlive the dialog."""
        application = QCoreApplication.instance()
        for thread in self._running_threads():
            thread.setParent(application)

    def _running_threads(self) -> list[QThread]:
        # A finished thread deletes itself, so a dead wrapper also means "finished".
        self._threads = [t for t in self._threads if shiboken6.isValid(t) and not t.isFinished()]
        return self._threads
