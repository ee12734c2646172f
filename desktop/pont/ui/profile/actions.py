"""The whole profile: daily backups, Restore from backup, Export and Import everything."""

from __future__ import annotations

import sqlite3
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from pont.core.errors import PontError
from pont.ui.language import describe, shown
from pont.ui.widgets import prompts
from pont.ui.widgets.workers import start_worker

if TYPE_CHECKING:
    from sqlite_utils import Database

    # The backups module loads when a backup runs, not with the window.
    from pont.core.profile.backups import Backup
    from pont.core.profile.handover import ExportResult

BACKUP_CHECK_MS = 3 * 60 * 60 * 1000  # a day's backup is due at most this long after midnight
# The first check waits until start-up is over: copying the database then would slow the
# window's first seconds, and a minute later loses nothing.
FIRST_BACKUP_DELAY_MS = 60 * 1000


def _daily_backup(database_path: Path) -> Backup | None:
    """Runs on a worker thread, on a connection of its own."""
    from pont.core.profile.backups import backup_if_due
    from pont.core.profile.store import BACKGROUND_WAIT

    connection = sqlite3.connect(database_path, timeout=BACKGROUND_WAIT)
    try:
        return backup_if_due(connection, database_path.parent)
    finally:
        connection.close()


def _export(database_path: Path, target: Path) -> ExportResult:
    """Runs on a worker thread, on a connection of its own."""
    from sqlite_utils import Database

    from pont.core.profile.handover import export_everything
    from pont.core.profile.store import BACKGROUND_WAIT

    db = Database(sqlite3.connect(database_path, timeout=BACKGROUND_WAIT), execute_plugins=False)
    try:
        return export_everything(db, database_path.parent, target)
    finally:
        db.close()


class DailyBackups(QObject):
    """Backs the database up once a day while Pont is open: a minute after start-up, then every
    few hours, always on a worker thread so the window never waits.

    Signals:
        backed_up(object): a backup was taken (the Backup), or none was due (None).
        backup_failed(str): one plain sentence saying why there is no backup today.
    """

    backed_up = Signal(object)
    backup_failed = Signal(str)

    def __init__(self, parent: QObject, database_path: Path) -> None:
        super().__init__(parent)
        self._database_path = database_path
        self._running = False
        self._closing = False
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_CHECK_MS)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        QTimer.singleShot(FIRST_BACKUP_DELAY_MS, self, self.run)
        self.timer.start()

    def run(self) -> None:
        if self._running or self._closing:
            return
        self._running = True
        database_path = self._database_path
        start_worker(
            self,
            lambda _progress: _daily_backup(database_path),
            self._succeeded,
            self._failed,
        )

    def is_running(self) -> bool:
        return self._running

    def shutdown(self) -> None:
        """Stop checking, and let a backup under way finish (its file is only put in place
        whole, but a thread must not outlive the objects it reports to)."""
        self._closing = True
        self.timer.stop()
        for thread in self.findChildren(QThread):
            thread.quit()  # see SyncController.shutdown: sleeping, not wait(), lets the job end
            while shiboken6.isValid(thread) and not thread.isFinished():
                time.sleep(0.01)

    def _succeeded(self, backup: Backup | None) -> None:
        self._running = False
        self.backed_up.emit(backup)

    def _failed(self, message: str) -> None:
        self._running = False
        self.backup_failed.emit(message)


class ProfileActions(QObject):
    """Export everything…, Import everything… and Restore from backup… for the whole
    profile, and the daily backups.

    Import and restore replace the database under the window, so they close the window
    (which stops syncing and sending and saves open drafts), close the database, make the
    change, and open the profile again in a new window: nothing can go on holding data
    from before. The coordinator is told so before saying yes.

    Signals:
        status_message(str): a sentence for the status bar about what just happened.
        profile_reopened(object): the new main window, opened on the changed profile.
    """

    status_message = Signal(str)
    profile_reopened = Signal(object)

    def __init__(
        self,
        window: QWidget,
        database: Callable[[], Database],
        database_path: Path,
        open_again: Callable[[], QWidget] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._database_path = database_path
        self._data_dir = database_path.parent
        self._exporting = False
        # Opens the profile again in a new main window (pont.app gives it; tests may swap it).
        self.open_window = open_again or _cannot_open_again
        self.backups = DailyBackups(self, database_path)
        self.backups.backup_failed.connect(self._backup_failed)

        self.export_all = QAction(self.tr("Export e&verything…"), self)
        self.export_all.setToolTip(
            self.tr(
                "Save all groups, members, drafts and messages in one file, to hand the group "
                "to another coordinator (passwords are never included)"
            )
        )
        self.export_all.triggered.connect(self.choose_export_file)
        self.import_all = QAction(self.tr("I&mport everything…"), self)
        self.import_all.setToolTip(self.tr("Open a file another coordinator exported"))
        self.import_all.triggered.connect(self.choose_import_file)
        self.restore = QAction(self.tr("Restore from &backup…"), self)
        self.restore.setToolTip(self.tr("Put back your data as it was on an earlier day"))
        self.restore.triggered.connect(self.choose_backup)

    def start_backups(self) -> None:
        """Once the profile is open: today's backup if due, then a check every few hours."""
        self.backups.start()

    def shutdown(self) -> None:
        self.backups.shutdown()
        for thread in self.findChildren(QThread):
            thread.quit()
            while shiboken6.isValid(thread) and not thread.isFinished():
                time.sleep(0.01)

    # -- export ---------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        if not self._profile_open() or self._exporting:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.tr("Pont everything {date}.zip").format(date=f"{datetime.now():%Y-%m-%d}")
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export everything"),
            str(Path(folder) / name),
            self.tr("Pont export (*.zip)"),
        )
        if chosen:
            path = Path(chosen)
            self.export_to(
                path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip")
            )

    def export_to(self, target: Path) -> QThread:
        """Write the export on a worker thread; the status bar says when it is done."""
        self._exporting = True
        self.export_all.setEnabled(False)
        self.status_message.emit(self.tr("Saving everything to {file}…").format(file=target.name))
        database_path = self._database_path
        return start_worker(
            self,
            lambda _progress: _export(database_path, target),
            self._exported,
            self._export_failed,
        )

    def _exported(self, result: ExportResult) -> None:
        self._export_done()
        self.status_message.emit(
            self.tr(
                "Saved everything to {file}. No password is in it: whoever opens it signs in "
                "with their own."
            ).format(file=result.path.name)
        )

    def _export_failed(self, message: str) -> None:
        self._export_done()
        prompts.warn(self._window, self.tr("Export everything"), message)

    def _export_done(self) -> None:
        self._exporting = False
        self.export_all.setEnabled(True)

    # -- import ---------------------------------------------------------------------------

    def choose_import_file(self) -> None:
        if not self._profile_open():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window, self.tr("Import everything"), folder, self.tr("Pont export (*.zip)")
        )
        if chosen:
            self.import_from(Path(chosen))

    def import_from(self, source: Path) -> QWidget | None:
        """Open the export at source in place of this profile, after asking when that
        would replace data; the new window, or None when nothing changed."""
        from pont.core.profile.handover import read_contents
        from pont.core.profile.handover_import import import_staged, read_export, stage_import
        from pont.ui.profile.backup_dialog import when_in_words

        title = self.tr("Import everything")
        try:
            theirs, created = read_export(source)
        except PontError as error:
            prompts.warn(self._window, title, describe(error))
            return None
        here = read_contents(self._database())
        if not here.is_empty() and not prompts.confirm(
            self._window,
            title,
            self.tr("Replace what is in Pont with {file}?").format(file=source.name),
            self.tr(
                "Pont now holds {here}. The file holds {theirs}, saved on {date}.\n\n"
                "What is here now is kept as a backup: Restore from backup brings it back. "
                "Pont will close this window and open it again on the imported data."
            ).format(
                here=shown(here.describe()),
                theirs=shown(theirs.describe()),
                date=when_in_words(created, datetime.now().astimezone()),
            ),
            self.tr("Replace and import"),
        ):
            return None
        data_dir = self._data_dir
        # Unpacked and checked before the window closes, so a file that is not a sound
        # export (damaged, foreign, a zip bomb) changes nothing at all.
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            staged = stage_import(data_dir, source)
        except PontError as error:
            QApplication.restoreOverrideCursor()
            prompts.warn(self._window, title, describe(error))
            return None
        QApplication.restoreOverrideCursor()
        try:
            return self.reopen(
                title, lambda: import_staged(data_dir, staged, replace=True).summary()
            )
        finally:
            staged.discard()  # when the window would not close; import_staged discards too

    # -- restore --------------------------------------------------------------------------

    def choose_backup(self) -> QWidget | None:
        if not self._profile_open():
            return None
        from pont.core.profile.backups import list_backups
        from pont.ui.profile.backup_dialog import BackupDialog

        dialog = BackupDialog(self._window, list_backups(self._data_dir))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        backup = dialog.chosen()
        dialog.deleteLater()
        if not accepted or backup is None:
            return None
        return self.restore_from(backup)

    def restore_from(self, backup: Backup) -> QWidget | None:
        """Restore backup after the coordinator confirms; the new window, or None."""
        from pont.core.profile.backups import restore_backup
        from pont.ui.profile.backup_dialog import when_in_words

        title = self.tr("Restore from backup")
        when = when_in_words(backup.taken, datetime.now().astimezone())
        if not prompts.confirm(
            self._window,
            title,
            self.tr("Restore the backup from {when}?").format(when=when),
            self.tr(
                "Everything goes back to how it was then: groups, members, drafts, the outbox "
                "and messages. What is here now is kept as a backup, so you can come back to "
                "it.\n\nPont will close this window and open it again on the restored data."
            ),
            self.tr("Restore"),
        ):
            return None
        from pont.core.profile.backups import check_database_file

        # Checked before the window closes, so a damaged backup changes nothing at all.
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            check_database_file(backup.path, self.tr("That backup"))
        except PontError as error:
            QApplication.restoreOverrideCursor()
            prompts.warn(self._window, title, describe(error))
            return None
        QApplication.restoreOverrideCursor()
        data_dir = self._data_dir

        def restore() -> str:
            if restore_backup(data_dir, backup) is None:
                return self.tr("Restored the backup from {when}.").format(when=when)
            return self.tr(
                "Restored the backup from {when}. What was here before is kept as a backup; "
                "Restore from backup brings it back."
            ).format(when=when)

        return self.reopen(title, restore)

    # -- replacing the profile ------------------------------------------------------------

    def reopen(self, title: str | Callable[[], str], change: Callable[[], str]) -> QWidget | None:
        """Close the window and the database, run change, and open the profile again in a
        new window, which then says what change reported (or, when it failed, why) under
        title: a callable is asked after change, which may have switched the language."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quit_when_closed = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # for the moment no window is open
        try:
            if not self._window.close():
                return None
            self._database().close()
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
            try:
                message, failed = shown(change()), False
            except PontError as error:
                message, failed = describe(error), True
            except Exception as error:  # a bug: still reopen, or Pont would vanish
                traceback.print_exc()
                message, failed = (
                    self.tr(
                        "Something went wrong inside Pont ({error}). What was there before is "
                        "kept: Restore from backup lists it."
                    ).format(error=type(error).__name__),
                    True,
                )
            finally:
                QApplication.restoreOverrideCursor()
            window = self.open_window()
        finally:
            app.setQuitOnLastWindowClosed(quit_when_closed)
        _tell_once_open(window, title if isinstance(title, str) else title(), message, failed)
        window.show()
        self.profile_reopened.emit(window)
        self._window.deleteLater()  # and this object with it
        return window

    def _profile_open(self) -> bool:
        try:
            self._database()
        except RuntimeError:  # the window is up, the profile not open yet
            return False
        return True

    def _backup_failed(self, message: str) -> None:
        self.status_message.emit(self.tr("No backup today: {reason}").format(reason=message))


def _tell_once_open(window: QWidget, title: str, message: str, failed: bool) -> None:
    """Once the new window has opened the profile (the slot after the one that opens it),
    say what happened in a message box over it."""
    first_painted: Any = getattr(window, "first_painted", None)

    def tell() -> None:
        if failed:
            prompts.warn(window, title, message)
        else:
            prompts.inform(window, title, message)

    if first_painted is None:
        QTimer.singleShot(0, tell)
    else:
        first_painted.connect(lambda: QTimer.singleShot(0, tell))


def _cannot_open_again() -> QWidget:
    raise RuntimeError("this window was made without open_again, so it cannot reopen its profile")
