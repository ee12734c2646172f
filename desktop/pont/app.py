"""Builds Pont's objects and wires them together for the window; no globals."""

from __future__ import annotations

import sys
from pathlib import Path

from pont.core.demo import seed_demo_profile
from pont.core.errors import PontError
from pont.core.store import DATABASE_NAME, open_database


def run_app(data_dir: Path, demo: bool = False) -> int:
    """Open the main window on the profile in data_dir and run until it closes."""
    from pont.ui.application import create_application, show_startup_error
    from pont.ui.main_window import MainWindow

    app = create_application(sys.argv[:1])
    database_path = data_dir / DATABASE_NAME
    try:
        db = open_database(database_path)
        if demo:
            seed_demo_profile(db)
    except PontError as error:
        show_startup_error(str(error))
        return 1
    window = MainWindow(db, database_path, demo=demo)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
