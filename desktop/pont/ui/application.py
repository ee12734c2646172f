"""The QApplication Pont runs in, and what it shows when it cannot start."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication(list(argv))
    app.setApplicationName("Pont")
    app.setApplicationDisplayName("Pont")
    app.setOrganizationName("Pont")
    app.setDesktopFileName("pont")
    return app


def show_startup_error(message: str) -> None:
    QMessageBox.critical(None, "Pont cannot start", message)
