"""The one way Pont runs long work off the GUI thread (the worker-object pattern)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from pont.core.errors import PontError
from pont.core.profile.store import database_error
from pont.ui.language import describe

# A job gets a callback to report progress (done, total) and returns plain data.
Job = Callable[[Callable[[int, int], None]], Any]


class Worker(QObject):
    """Runs one job in its own thread and reports back; it never touches a widget.

    Signals:
        progressed(int, int): done and total so far.
        succeeded(object): the job's result.
        failed(str): one plain sentence for the user (a PontError's message), in the
            window's language; for a bug, only that something went wrong.
        finished(): after succeeded or failed, always.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self.progressed.emit)
        except PontError as error:
            self.failed.emit(describe(error))
        except sqlite3.Error as error:
            # Busy, disk full, read-only: a sentence with the next step. Anything else
            # SQLite says is a bug, told as one.
            translated = database_error(error)
            if translated is None:
                self._went_wrong(error)
                raise
            self.failed.emit(describe(translated))
        except Exception as error:  # a bug: say so plainly, never show a traceback
            self._went_wrong(error)
            raise
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()

    def _went_wrong(self, error: Exception) -> None:
        # Only the caller knows what the job had done by then, so it says the rest.
        self.failed.emit(
            self.tr("Something went wrong inside Pont ({error}).").format(
                error=type(error).__name__
            )
        )


class _Relay(QObject):
    """Lives on the GUI thread so the callbacks run there (a plain function would run on
    the worker's thread: PySide has no receiver object to queue the call to)."""

    def __init__(
        self,
        parent: QObject,
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        super().__init__(parent)
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress

    @Slot(object)
    def succeeded(self, result: object) -> None:
        self._on_success(result)

    @Slot(str)
    def failed(self, message: str) -> None:
        self._on_failure(message)

    @Slot(int, int)
    def progressed(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)


class _WorkerThread(QThread):
    """Holds its worker: a QObject moved to a thread has no parent, and without a Python
    reference PySide would delete it before it runs."""

    worker: Worker | None = None


def start_worker(
    parent: QObject,
    job: Job,
    on_success: Callable[[Any], None],
    on_failure: Callable[[str], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> QThread:
    """Run job on a new thread owned by parent; the callbacks run on the GUI thread.

    They are connected before the thread starts, so no signal can be missed. The job must
    open its own database connection: SQLite connections stay on the thread that made them.
    """
    thread = _WorkerThread(parent)
    worker = thread.worker = Worker(job)
    relay = _Relay(parent, on_success, on_failure, on_progress)
    worker.moveToThread(thread)
    worker.succeeded.connect(relay.succeeded)
    worker.failed.connect(relay.failed)
    worker.progressed.connect(relay.progressed)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    # No worker.deleteLater here: it would run on the worker's thread as that thread ends,
    # needing the GIL while the GUI thread holds it and waits on Qt (a seen deadlock).
    # The thread holds the worker, so both go together, deleted from the GUI thread.
    thread.finished.connect(relay.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


def delete_when_done(owner: QObject, thread: QThread | None) -> None:
    """Delete owner (a dialog closing) once its worker's thread, told to stop, has ended;
    at once when none runs. Deleted sooner, the thread would be destroyed while running."""
    if thread is not None and shiboken6.isValid(thread) and thread.isRunning():
        thread.finished.connect(owner.deleteLater)
    else:
        owner.deleteLater()
