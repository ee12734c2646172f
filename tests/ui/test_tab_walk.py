"""Tab walks every window and dialog: each widget that takes focus is reached, shows that it
has focus, and Shift+Tab walks the same way back."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from focus_walk import describe, shows_a_mark, unreachable_buttons, walk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QToolBar,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from window_walk import WINDOW_KINDS, all_windows, shown_widget

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
        if not result.walks_back():
            problems.append(
                f"{where}: Shift+Tab goes "
                + " → ".join(map(describe, result.backward))
                + "\n    but Tab went "
                + " → ".join(map(describe, result.forward))
            )
    assert len(walked) == WINDOW_KINDS, walked
    assert not problems, "\n".join(problems)
    assert time.monotonic() - began < 30


def test_the_walk_finds_lost_marks_buttons_out_of_reach_one_way_focus_and_traps(
    qtbot: QtBot,
) -> None:
    """The walk itself can fail: a style sheet that draws its own frame (so no focus mark)
    on a button, a list and a line edit (which keeps only its caret), a tool bar's button
    that takes no focus, a button Shift+Tab leaves the wrong way, and a text box that keeps
    Tab are each reported."""
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    plain = QPushButton("Plain")
    styled = QPushButton("Styled")
    styled.setStyleSheet("QPushButton { border: 1px solid gray; padding: 4px; outline: none; }")
    plain_list, styled_list = QListWidget(), QListWidget()
    for one in (plain_list, styled_list):
        one.addItems(["Ann", "Bob"])
    styled_list.setStyleSheet("QListWidget { border: 1px solid gray; outline: none; }")
    plain_edit, styled_edit = QLineEdit("text"), QLineEdit("text")
    styled_edit.setStyleSheet("QLineEdit { border: 1px solid gray; }")
    tools = QToolBar()
    tools.addAction("Attach")
    for widget in (plain, styled, plain_list, styled_list, plain_edit, styled_edit, tools):
        layout.addWidget(widget)
    shown_widget(qtbot, dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    result = walk(dialog, plain)
    assert result.unmarked == [styled, styled_list, styled_edit]
    assert not result.missed and not result.trapped
    assert [describe(b) for b in unreachable_buttons(dialog)] == ["QToolButton 'Attach'"]
    assert result.walks_back()

    class OneWay(QPushButton):
        """Shift+Tab from it jumps to the first widget instead of the one before."""

        def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
            if forward:
                return super().focusNextPrevChild(forward)
            plain.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True

    one_way = OneWay("One way")
    layout.addWidget(one_way)
    one_way.show()
    result = walk(dialog, plain)
    assert result.forward[-1] is one_way
    assert result.backward == [plain, one_way]  # and straight back to the first
    assert not result.walks_back()
    one_way.hide()

    trap = QPlainTextEdit()  # Tab types a tab character into it
    layout.insertWidget(1, trap)
    trap.show()
    result = walk(dialog, plain)
    assert result.trapped == [trap]


def test_the_groups_list_shows_it_has_focus_from_the_start(demo_window: MainWindow) -> None:
    """The window opens with focus in the groups list, given by Pont, not by Tab: Fusion
    marks the current item only after a Tab, so the list looked the same focused or not."""
    sidebar = demo_window.sidebar
    demo_window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)
    sidebar.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
    away = sidebar.list.grab().toImage()
    sidebar.list.setFocus(Qt.FocusReason.OtherFocusReason)
    assert shows_a_mark(sidebar.list.grab().toImage(), away)


def test_the_application_pont_runs_in_draws_the_focus_rings(tmp_path: Path) -> None:
    # In a fresh process (a process has one QApplication): Pont as it starts, with the rings
    # from the moment the profile opens (the members' first paint comes before them).
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pont.app import build_window\n"
        "app, window = build_window(Path(sys.argv[1]), demo=True)\n"
        "window.show()\n"
        "while not hasattr(window, 'post_actions'):\n"
        "    app.processEvents()\n"
        "print(type(app.style()).__name__)\n"
        "app.quit()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "profile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FocusRingStyle"]
