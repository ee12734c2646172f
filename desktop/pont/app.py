"""Builds Pont's objects and wires them together for the window; no globals."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.errors import PontError
from pont.core.i18n import translate
from pont.core.profile.lock import lock_profile
from pont.core.profile.store import DATABASE_NAME, open_database

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from pont.ui.shell.main_window import MainWindow


def build_window(
    data_dir: Path, demo: bool = False, minimised: bool = False
) -> tuple[QApplication, MainWindow]:
    """The application and its main window on the profile in data_dir, not yet shown.
    The profile stays locked to this process until the application quits. ProfileInUse
    when another Pont has it, ProfileFolderUnusable when its folder cannot be written:
    raised after the application exists, so that a window can say so."""
    from pont.ui.language import start_language
    from pont.ui.shell.application import create_application

    app = create_application(sys.argv[:1])
    start_language(app, data_dir)
    lock = lock_profile(data_dir)
    app.aboutToQuit.connect(lock.release)
    return app, open_main_window(app, data_dir, demo, minimised)


def open_main_window(
    app: QApplication, data_dir: Path, demo: bool = False, minimised: bool = False
) -> MainWindow:
    """The main window on the profile in data_dir, not yet shown.

    Minimised (started at log-in), the window may never be shown, so nothing waits for its
    first paint: the profile opens as soon as the event loop runs, and start_mail puts
    Pont's icon in the tray.

    Only the window's frame is made before it first paints, so that Pont appears at once;
    then the rest of the window is built and the profile opened. When the profile cannot
    be opened the person is told why, and the application exits with status 1.
    """
    from pont.ui.shell.main_window import MainWindow

    database_path = data_dir / DATABASE_NAME
    window = MainWindow(
        None, database_path, demo, open_again=lambda: open_main_window(app, data_dir, demo)
    )
    window.start_minimised = minimised

    def open_profile() -> None:
        from pont.core.demo.profile import seed_demo_profile
        from pont.ui.language import describe, shown
        from pont.ui.shell.application import show_startup_error

        try:
            window.build()
            db = open_database(database_path)
            if demo:
                seed_demo_profile(db)
        except PontError as error:
            show_startup_error(describe(error))
            app.exit(1)
            return
        except Exception as error:  # a bug: say so, rather than leave the window waiting
            traceback.print_exc()
            show_startup_error(
                shown(
                    translate(
                        "Application", "Something went wrong inside Pont ({error}) as it opened."
                    ).format(error=type(error).__name__)
                )
            )
            app.exit(1)
            return
        app.aboutToQuit.connect(db.close)
        window.attach_database(db)
        window.start_mail()
        window.profile_actions.start_backups()  # on a worker thread: the window never waits

    if minimised:
        from pont.ui.shell.tray import soon

        soon(open_profile)
    else:
        # Start-up, between the frame and the rest: the members show first (members_first).
        from pont.ui.shell.members_first import show_members_first

        window.first_painted.connect(
            lambda: show_members_first(window, database_path, then=open_profile)
        )
    return window


def run_app(
    data_dir: Path, demo: bool = False, smoke_test: bool = False, minimised: bool = False
) -> int:
    """Open the main window on the profile in data_dir and run until it closes. Minimised:
    only Pont's tray icon shows (a minimised window where the desktop has no tray)."""
    try:
        app, window = build_window(data_dir, demo, minimised)
    except PontError as error:  # another Pont has the profile, or its folder is unusable
        from pont.ui.language import describe
        from pont.ui.shell.application import show_startup_error

        show_startup_error(describe(error))
        return 1
    if smoke_test:
        from pont.ui.shell.application import close_once_open

        close_once_open(app, window)
    if not minimised:
        window.show()
    else:
        from pont.ui.shell.tray import show_minimised

        show_minimised(window)
    return app.exec()
