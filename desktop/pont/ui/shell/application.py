"""The QApplication Pont runs in, and what it shows when it cannot start."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from pont.core.resources import resource_path

if TYPE_CHECKING:
    from pont.ui.shell.main_window import MainWindow

# Rendered from resources/icons/pont.svg by packaging/make_icons.py; PNGs need no SVG plugin.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Pont's bridge icon in every size it ships; Qt picks the nearest for each use."""
    icon = QIcon()
    for size in ICON_SIZES:
        # With its size given, Qt reads each file only when that size is first drawn.
        icon.addFile(str(resource_path("icons", f"pont-{size}.png")), QSize(size, size))
    return icon


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication(list(argv))
    app.setApplicationName("Pont")
    app.setApplicationDisplayName("Pont")
    app.setOrganizationName("Pont")
    app.setDesktopFileName("pont")
    app.setWindowIcon(app_icon())
    return app


def show_startup_error(message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    title = QCoreApplication.translate("Application", "Pont cannot start")
    QMessageBox.critical(None, title, message)


def close_once_open(app: QApplication, window: MainWindow) -> None:
    """For `pont --smoke-test` (the frozen build's check and its start-up benchmark): print
    "window shown" once the window is painted and its profile opened, then close the window
    as a person would, first dismissing any dialog it opened (the first run's mail set-up).
    """

    def report_shown() -> None:
        try:
            window.database()
        except RuntimeError:
            # Not open yet (the members may show first, pont.ui.shell.members_first), or it
            # could not open: then its error message ends the run with 1.
            QTimer.singleShot(10, report_shown)
            return
        if sys.stdout is not None:  # None in the Windows windowed executable
            print("window shown", flush=True)
        QTimer.singleShot(0, close_window)

    def close_window() -> None:
        dialog = app.activeModalWidget()
        if dialog is not None:
            dialog.close()
            QTimer.singleShot(0, close_window)  # once its own event loop has returned
            return
        window.close()

    window.first_painted.connect(report_shown)
