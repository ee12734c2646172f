"""Builds Pont's objects and wires them together for the window; no globals."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.demo import seed_demo_profile
from pont.core.errors import PontError
from pont.core.store import DATABASE_NAME, open_database

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from pont.ui.main_window import MainWindow


def build_window(data_dir: Path, demo: bool = False) -> tuple[QApplication, MainWindow]:
    """The application and its main window on the profile in data_dir, not yet shown.

    Raises PontError when the profile cannot be opened.
    """
    from pont.ui.application import create_application
    from pont.ui.main_window import MainWindow

    app = create_application(sys.argv[:1])
    database_path = data_dir / DATABASE_NAME
    db = open_database(database_path)
    if demo:
        seed_demo_profile(db)
    window = MainWindow(db, database_path, demo=demo)
    app.aboutToQuit.connect(db.close)
    return app, window


def run_app(data_dir: Path, demo: bool = False) -> int:
    """Open the main window on the profile in data_dir and run until it closes."""
    try:
        app, window = build_window(data_dir, demo)
    except PontError as error:
        from pont.ui.application import show_startup_error

        show_startup_error(str(error))
        return 1
    window.show()
    return app.exec()
