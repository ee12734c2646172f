"""No part of a window or dialog opens as a window of its own, even for a moment (a widget
made visible before it has a parent does: it flashes up and can take the keyboard)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory
from window_walk import WINDOW_KINDS, WindowsShown, all_windows

from pont.core.demo.profile import seed_demo_profile


def test_only_windows_and_dialogs_open_as_windows(
    qtbot: QtBot,
    qapp: QApplication,
    make_window: WindowFactory,
    db: Database,
    database_path: Path,
    tmp_path: Path,
) -> None:
    seed_demo_profile(db)
    # Watching from before the main window is made, so a stray from its building counts too.
    shown = WindowsShown()
    qapp.installEventFilter(shown)
    try:
        window = make_window(demo=True)
        walked: list[QWidget] = [window, *all_windows(qtbot, window, db, database_path, tmp_path)]
    finally:
        qapp.removeEventFilter(shown)
    assert len({type(widget).__name__ for widget in walked}) == WINDOW_KINDS
    stray = [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in shown.windows
        if not isinstance(widget, QMenu) and not any(widget is known for known in walked)
    ]
    assert stray == []
