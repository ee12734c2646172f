"""Pont's icon in the system tray, so the group's mail keeps flowing with the window closed:
its tooltip says the status, its menu opens Pont, syncs now or quits."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

if TYPE_CHECKING:
    from pont.ui.shell.main_window import MainWindow


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def soon(callback: Callable[[], None]) -> None:
    """Once the event loop runs (a window started minimised has no first paint to wait for)."""
    QTimer.singleShot(0, callback)


def show_minimised(window: MainWindow) -> None:
    """Started at log-in: only the tray icon (start_mail shows it); a minimised window where
    the desktop has no tray."""
    if not tray_available():
        window.showMinimized()


class PontTray(QObject):
    """The tray icon of one main window. While it is shown Pont does not quit when its last
    window closes: Quit (here or in the File menu) quits."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        icon = window.windowIcon()
        if icon.isNull():
            icon = QApplication.windowIcon()
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self.open_action = QAction(self.tr("&Open Pont"), self)
        self.open_action.triggered.connect(self.show_window)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.triggered.connect(window.quit_pont)
        self.menu.addAction(self.open_action)
        self.menu.addAction(window.sync_controller.sync_now)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.set_status("")

    def show(self) -> None:
        QApplication.setQuitOnLastWindowClosed(False)
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()
        QApplication.setQuitOnLastWindowClosed(True)

    def set_status(self, text: str) -> None:
        self.icon.setToolTip(f"Pont — {text}" if text else "Pont")

    def tell(self, text: str) -> None:
        """A balloon from the tray (where the desktop shows them)."""
        self.icon.showMessage("Pont", text, QSystemTrayIcon.MessageIcon.Information, 8000)

    def show_window(self) -> None:
        window = self._window
        window.showNormal()
        window.raise_()
        window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window()
