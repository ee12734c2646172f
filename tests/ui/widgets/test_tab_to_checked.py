"""Tab into a group of choices lands on the chosen one (Qt lands on the first)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QLineEdit, QRadioButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import focused

from pont.ui.widgets.look import tab_to_checked


@pytest.mark.parametrize("kept", [True, False])
def test_tab_and_shift_tab_land_on_the_chosen_choice(qtbot: QtBot, kept: bool) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    before, first, chosen, after = QLineEdit(), QRadioButton("a"), QRadioButton("b"), QLineEdit()
    layout = QVBoxLayout(window)
    for widget in (before, first, chosen, after):
        layout.addWidget(widget)
    group = QButtonGroup(window)
    group.addButton(first)
    group.addButton(chosen)
    chosen.setChecked(True)
    if kept:
        tab_to_checked(group)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before.setFocus()

    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert (focused() is chosen) is kept  # without it, Qt lands on the first
    after.setFocus()
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert (focused() is chosen) is kept
    assert chosen.isChecked() and not first.isChecked()
    if kept:  # the arrow keys still move between the choices, and Tab follows the choice
        qtbot.keyClick(chosen, Qt.Key.Key_Up)
        assert focused() is first and first.isChecked()
        before.setFocus()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        assert focused() is first
