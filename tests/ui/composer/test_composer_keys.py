"""The composer from the keyboard alone: Tab reaches every button, Alt+A attaches, and an
Alt+letter no button takes types nothing into the post."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from ui_helpers import focused
from window_walk import shown_widget

from pont.ui.composer.window import ComposerWindow
from pont.ui.shell.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier


def shown_composer(qtbot: QtBot, window: MainWindow) -> ComposerWindow:
    composer = window.post_actions.new_post()
    assert composer is not None
    shown_widget(qtbot, composer)
    composer.activateWindow()
    qtbot.waitUntil(composer.isActiveWindow)
    return composer


def test_tab_goes_from_the_writing_to_every_tool_and_round(
    qtbot: QtBot, window: MainWindow
) -> None:
    composer = shown_composer(qtbot, window)
    toolbar = composer.toolbar
    composer.subject_edit.setFocus(Qt.FocusReason.TabFocusReason)
    path = []
    for _ in range(14):
        widget = focused()
        assert widget is not None
        path.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    tools = [
        toolbar.widgetForAction(action)
        for action in [
            toolbar.send_action,
            *composer.editor.formatting_actions(),
            toolbar.attach_action,
            toolbar.discard_action,
            toolbar.actions()[-1],  # Help, last
        ]
    ]
    writing = [composer.subject_edit, composer.editor]
    start = path.index(tools[0])
    assert path[:2] == writing
    assert path[start : start + len(tools)] == tools  # the tools left to right
    assert path[start + len(tools)] is composer.subject_edit  # and round again


def test_alt_a_attaches_and_types_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = tmp_path / "agenda.pdf"
    agenda.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_args: ([str(agenda)], ""))
    )
    composer = shown_composer(qtbot, window)
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, "Hello")
    qtbot.keyClick(composer.editor, Qt.Key.Key_A, ALT)
    # The button shows itself pressed for a moment, as Qt's access keys do, then attaches.
    qtbot.waitUntil(lambda: bool(composer.attachments.files()))
    assert [a.name for a in composer.attachments.files()] == ["agenda.pdf"]
    assert composer.editor.toPlainText() == "Hello"


@pytest.mark.parametrize("where", ["editor", "subject_edit"])
def test_an_alt_letter_no_button_takes_types_nothing(
    qtbot: QtBot, window: MainWindow, where: str
) -> None:
    composer = shown_composer(qtbot, window)
    box = getattr(composer, where)
    box.setFocus()
    qtbot.keyClicks(box, "Hi")
    qtbot.keyClick(box, Qt.Key.Key_Z, ALT)
    qtbot.keyClick(box, Qt.Key.Key_Z, ALT | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(box, "!")
    text = box.toPlainText() if where == "editor" else box.text()
    assert text == "Hi!"


def test_on_a_mac_option_and_a_letter_still_types_its_accent(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Option (Qt's Alt) is how a Mac types é or ŵ: only elsewhere is Alt an access key."""
    from pont.ui.widgets import access_keys

    monkeypatch.setattr(access_keys, "OPTION_TYPES_LETTERS", True)
    composer = shown_composer(qtbot, window)
    composer.editor.setFocus()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Z, ALT)
    assert composer.editor.toPlainText() == "z"  # what Qt's test key types for Option+Z
