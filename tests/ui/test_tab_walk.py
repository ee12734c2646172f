"""Tab walks every window and dialog: each widget that takes focus is reached, shows that it
has focus, and Shift+Tab walks the same way back."""

from __future__ import annotations

import time
from pathlib import Path

from focus_walk import describe, unreachable_buttons, walk
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from window_walk import WINDOW_KINDS, all_windows

from pont.ui.shell.main_window import MainWindow


def test_tab_reaches_every_widget_in_every_window_shows_focus_and_walks_back(
    qtbot: QtBot, demo_window: MainWindow, db: Database, database_path: Path, tmp_path: Path
) -> None:
    began = time.monotonic()
    problems: list[str] = []
    walked = set()
    for shown in all_windows(qtbot, demo_window, db, database_path, tmp_path):
        walked.add(type(shown).__name__)
        shown.activateWindow()
        qtbot.waitUntil(shown.isActiveWindow)
        where = f"{type(shown).__name__} ({shown.windowTitle()})"
        result = walk(shown)
        if result.missed:
            problems.append(
                f"{where}: Tab never reaches " + ", ".join(map(describe, result.missed))
            )
        if result.trapped:
            problems.append(f"{where}: Tab stays in " + ", ".join(map(describe, result.trapped)))
        unreachable = unreachable_buttons(shown)
        if unreachable:
            problems.append(
                f"{where}: the keyboard cannot reach " + ", ".join(map(describe, unreachable))
            )
        if result.unmarked:
            problems.append(
                f"{where}: no focus mark on " + ", ".join(map(describe, result.unmarked))
            )
        back = [result.forward[0], *reversed(result.forward[1:])] if result.forward else []
        if result.backward != back:
            problems.append(
                f"{where}: Shift+Tab goes "
                + " → ".join(map(describe, result.backward))
                + "\n    but Tab went "
                + " → ".join(map(describe, result.forward))
            )
    assert len(walked) == WINDOW_KINDS, walked
    assert not problems, "\n".join(problems)
    assert time.monotonic() - began < 30
