"""The way in and out of the demo: its banner says what it is and what to try, and Start my
own group opens the coordinator's own profile in a new window (Help ▸ Open the demo goes
back)."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from pont import app as pont_app
from pont.core.profile.lock import lock_profile
from pont.core.profile.paths import DATA_DIR_VARIABLE
from pont.core.profile.store import DATABASE_NAME
from pont.ui.accounts import dialog as account_dialog
from pont.ui.shell.main_window import MainWindow
from pont.ui.widgets import prompts


def _open(qtbot: QtBot, qapp: QApplication, data_dir: Path, demo: bool) -> MainWindow:
    """Not given to qtbot: a window that opens another is deleted once that one shows."""
    window = pont_app.open_main_window(qapp, data_dir, demo=demo, lock=lock_profile(data_dir))
    window.show()
    qtbot.waitUntil(lambda: _attached(window))
    return window


def _attached(window: MainWindow) -> bool:
    try:
        window.database()
    except RuntimeError:
        return False
    return True


def _main_windows(but: MainWindow) -> list[MainWindow]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w is not but and w.isVisible()
    ]


def test_start_my_own_group_opens_the_coordinators_own_profile(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own, demo_dir = tmp_path / "own", tmp_path / "demo"
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(own))
    # The own profile's first run offers mail set-up: answered "later" here.
    monkeypatch.setattr(
        account_dialog.AccountDialog, "exec", lambda _d: QDialog.DialogCode.Rejected
    )
    demo = _open(qtbot, qapp, demo_dir, demo=True)
    banner = demo.demo_banner
    assert banner.isVisible()
    assert "nothing you do here reaches anyone" in banner.label.text()
    assert "Outbox" in banner.label.text() and "Help ▸ Open the demo" in banner.label.text()
    assert demo.demo_actions.start_own.isVisible()
    assert demo.demo_actions.start_own in demo.file_menu.actions()
    assert not demo.demo_actions.open_demo.isVisible()

    qtbot.mouseClick(banner.start_button, Qt.MouseButton.LeftButton)
    (mine,) = _main_windows(demo)
    qtbot.waitUntil(lambda: _attached(mine))
    assert (own / DATABASE_NAME).exists()
    assert "(demo)" not in mine.windowTitle()
    assert not hasattr(mine, "demo_banner")
    assert mine.demo_actions.open_demo.isVisible()
    assert mine.demo_actions.open_demo in mine.help_menu.actions()
    assert not mine.demo_actions.start_own.isVisible()
    qtbot.waitUntil(lambda: "Open the demo" in mine.statusBar().currentMessage())
    qtbot.waitUntil(lambda: not shiboken6.isValid(demo))  # closed, then deleted
    # The demo's profile is free again: its lock went with its window.
    lock_profile(demo_dir).release()

    # And back: Help ▸ Open the demo.
    again = mine.demo_actions.show_demo()
    assert isinstance(again, MainWindow)
    qtbot.waitUntil(lambda: _attached(again))
    assert again.demo_banner.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(mine))
    db = again.database()
    again.close()
    db.close()


def test_a_profile_in_use_keeps_the_demo_open_and_says_why(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "own"
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(own))
    told: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda _parent, _title, text: told.append(text))
    demo = _open(qtbot, qapp, tmp_path / "demo", demo=True)
    with lock_profile(own):  # another Pont has the coordinator's own profile
        assert demo.demo_actions.start_own_group() is None
    assert demo.isVisible() and _attached(demo)
    assert told and "Pont is already open with the profile in" in told[0]
    db = demo.database()
    demo.close()
    db.close()


def test_only_the_demo_has_the_banner(make_window: object) -> None:
    window = make_window()  # type: ignore[operator]
    assert not hasattr(window, "demo_banner")
    assert not window.demo_actions.start_own.isVisible()
