"""Builds Pont's objects and wires them together for the window; no globals."""

from __future__ import annotations

import contextlib
import gc
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.errors import PontError
from pont.core.i18n import translate
from pont.core.profile.lock import ProfileLock, lock_profile
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
    hold_collections()
    try:
        from pont.ui.language import start_language
        from pont.ui.shell.application import create_application

        app = create_application(sys.argv[:1])
        start_language(app, data_dir)
        lock = lock_profile(data_dir)
    except BaseException:
        gc.enable()
        raise
    app.aboutToQuit.connect(lock.release)
    return app, open_main_window(app, data_dir, demo, minimised, lock)


def hold_collections() -> None:
    """No garbage collection until the profile is open (collect_from_now_on).

    Start-up makes some 80,000 objects that live as long as Pont (Qt's Python enums and
    classes, Pont's modules) and hardly any garbage. Python's collector walked them again
    and again as they were made: ~8 ms of the wait for the members (bench_startup)."""
    gc.disable()


def collect_from_now_on() -> None:
    """Collect garbage again, leaving out what start-up made (gc.freeze): each full
    collection would otherwise walk it all, ~20 ms on the window's thread."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def open_main_window(
    app: QApplication,
    data_dir: Path,
    demo: bool = False,
    minimised: bool = False,
    lock: ProfileLock | None = None,
    greeting: str = "",
) -> MainWindow:
    """The main window on the profile in data_dir, not yet shown; greeting, if given, is
    said in its status bar once the profile is open.

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
        None,
        database_path,
        demo,
        open_again=lambda: open_main_window(app, data_dir, demo, lock=lock),
    )
    window.start_minimised = minimised

    def open_profile() -> None:
        from pont.core.demo.profile import seed_demo_profile
        from pont.ui.language import describe, shown
        from pont.ui.shell.application import show_startup_error
        from pont.ui.widgets.focus_rings import use_focus_rings

        # The focus rings' style (Python drawing for every widget) costs the first paint
        # ~15 ms; the members show first without it, and every widget has it from here on.
        use_focus_rings(app)
        try:
            window.build()
            window.demo_actions.switch = lambda to_demo: open_other_profile(
                app, window, data_dir, to_demo, lock
            )
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
        if greeting:
            window.show_message(greeting)
        window.profile_actions.start_backups()  # on a worker thread: the window never waits

    def open_profile_and_collect() -> None:
        try:
            open_profile()
        finally:
            collect_from_now_on()  # held by build_window

    if minimised:
        from pont.ui.shell.tray import soon

        soon(open_profile_and_collect)
    else:
        # Start-up, between the frame and the rest: the members show first (members_first).
        from pont.ui.shell.members_first import show_members_first

        window.first_painted.connect(
            lambda: show_members_first(window, database_path, then=open_profile_and_collect)
        )
    return window


def open_other_profile(
    app: QApplication,
    window: MainWindow,
    data_dir: Path,
    to_demo: bool,
    lock: ProfileLock | None,
) -> MainWindow | None:
    """Close the window on the profile in data_dir and open, in a new window, the other one:
    the coordinator's own profile, where the command line would find it (from the demo:
    Start my own group), or the demo (Help ▸ Open the demo). The window stays, and says why,
    when the other profile cannot be opened (another Pont has it)."""
    from pont.core.profile.paths import resolve_data_dir
    from pont.ui.language import describe
    from pont.ui.widgets import prompts

    target = resolve_data_dir(None, demo=to_demo)
    title = (
        translate("Application", "Open the demo")
        if to_demo
        else translate("Application", "Start my own group")
    )
    if target.resolve() == data_dir.resolve():
        if to_demo:  # PONT_DATA_DIR names one folder: the demo goes inside it, as by default
            target = data_dir / "demo"
        else:  # the demo was opened in the folder that would be their own
            prompts.inform(
                window,
                title,
                translate(
                    "Application",
                    "This demo is in the folder Pont keeps your own profile in ({folder}), "
                    "so there is no other profile to open. Start Pont without --demo, or "
                    "with another --data-dir, to use your own.",
                ).format(folder=str(data_dir)),
            )
            return None
    try:
        new_lock = lock_profile(target)
    except PontError as error:
        prompts.warn(window, title, describe(error))
        return None
    if window.tray is not None:  # "keep running in the tray" is for quitting, not this
        window.tray.hide()
    quit_when_closed = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # for the moment no window is open
    try:
        if not window.close():
            new_lock.release()
            return None
        with contextlib.suppress(RuntimeError):  # RuntimeError: the profile was not open yet
            window.database().close()
        if lock is not None:
            lock.release()
        app.aboutToQuit.connect(new_lock.release)
        greeting = (
            ""
            if to_demo
            else translate(
                "Application",
                "This is your own profile. The demo is still there: Help ▸ Open the demo.",
            )
        )
        new_window = open_main_window(app, target, to_demo, lock=new_lock, greeting=greeting)
    finally:
        app.setQuitOnLastWindowClosed(quit_when_closed)
    new_window.show()
    window.deleteLater()
    # What start-up made is collected again: the old window's cycles among it go with it.
    gc.unfreeze()
    return new_window


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
