"""Every window and dialog: each interactive widget has a name a screen reader can speak,
the keyboard reaches the key widgets in a sensible order, and a dark palette stays readable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory, focused
from window_walk import WINDOW_KINDS, all_windows, shown_widget

from pont.core.demo.profile import seed_demo_profile
from pont.ui.shell.main_window import MainWindow

SHOTS = Path("/tmp/pontshots")

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,  # QTextBrowser too
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QSlider,
)
# Parts of a compound widget that the compound's own name covers.
COMPOUND = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)


def _spoken(text: str) -> str:
    """A label's or button's text as a screen reader says it: no mnemonic ampersands."""
    return re.sub(r"&(.)", r"\1", text).strip()


def _is_part_of_compound(widget: QWidget, root: QWidget) -> bool:
    if isinstance(widget, QHeaderView):
        return True  # the table's name covers its headers
    if widget.metaObject().className() == "QTableCornerButton":
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        if isinstance(parent, COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_widgets(root: QWidget) -> list[str]:
    """Interactive widgets under root that a screen reader could not name."""
    buddies = {
        id(label.buddy())
        for label in root.findChildren(QLabel)
        if label.buddy() is not None and _spoken(label.text())
    }
    offenders = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _is_part_of_compound(widget, root):
            continue
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        # A button's text is its name, if it has a word in it ("×" or "…" says nothing).
        if isinstance(widget, QAbstractButton) and re.search(r"\w", _spoken(widget.text())):
            continue
        where = widget.objectName() or widget.toolTip() or ""
        owner = widget.parentWidget()
        owner_name = type(owner).__name__ if owner is not None else "-"
        text = getattr(widget, "text", lambda: "")()
        offenders.append(
            f"{type(root).__name__}: {type(widget).__name__} in {owner_name}"
            f" (text={text!r}, hint={where!r})"
        )
    return offenders


def test_every_interactive_widget_has_an_accessible_name(
    qtbot: QtBot, demo_window: MainWindow, db: Database, database_path: Path, tmp_path: Path
) -> None:
    offenders: list[str] = []
    walked = set()
    for shown in all_windows(qtbot, demo_window, db, database_path, tmp_path):
        walked.add(type(shown).__name__)
        offenders += [o for o in unnamed_widgets(shown) if o not in offenders]
    assert len(walked) == WINDOW_KINDS, walked
    assert not offenders, "Widgets without an accessible name:\n" + "\n".join(offenders)


def _tab_path(qtbot: QtBot, start: QWidget, steps: int) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    path = []
    for _ in range(steps):
        widget = focused()
        assert widget is not None
        path.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return path


def test_tab_reaches_the_main_windows_widgets_top_to_bottom(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    members = window.members_view
    expected = [
        window.sidebar.list,
        window.sidebar.new_button,
        window.tabs.tabBar(),
        members.filter_edit,
        members.table,
    ]
    # The demo's banner is at the very top: its button comes round before the groups.
    banner = window.demo_banner.start_button
    assert _tab_path(qtbot, window.sidebar.list, 7) == [*expected, banner, window.sidebar.list]

    window.tabs.setCurrentIndex(1)
    view = window.conversations_tab.ensure_view()
    path = _tab_path(qtbot, window.tabs.tabBar(), 4)
    assert path == [window.tabs.tabBar(), view.search_edit, view.table, view.reader]


def test_tab_goes_from_subject_to_text_in_the_composer(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    composer = demo_window.post_actions.new_post()
    assert composer is not None
    shown_widget(qtbot, composer)
    composer.activateWindow()
    qtbot.waitUntil(composer.isActiveWindow)
    assert _tab_path(qtbot, composer.subject_edit, 3) == [
        composer.subject_edit,
        composer.editor,
        composer.toolbar.widgetForAction(composer.toolbar.send_action),  # then the tools
    ]


def test_form_labels_have_mnemonics(
    qtbot: QtBot, demo_window: MainWindow, db: Database, database_path: Path, tmp_path: Path
) -> None:
    missing = set()
    checked = 0
    for shown in all_windows(qtbot, demo_window, db, database_path, tmp_path):
        if not isinstance(shown, QDialog):
            continue  # in a main window Alt+letter belongs to the menus
        for label in shown.findChildren(QLabel):
            if not isinstance(label.buddy(), INTERACTIVE) or not label.text():
                continue
            checked += 1
            if "&" not in label.text():
                missing.add(f"{type(shown).__name__}: {label.text()!r}")
    assert checked > 0, "no dialog has a labelled field to check"
    assert not missing, sorted(missing)


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in {
        roles.Window: "#2b2b2b",
        roles.WindowText: "#e8e8e8",
        roles.Base: "#1e1e1e",
        roles.AlternateBase: "#262626",
        roles.Text: "#e8e8e8",
        roles.Button: "#353535",
        roles.ButtonText: "#e8e8e8",
        roles.Highlight: "#3d6fb4",
        roles.HighlightedText: "#ffffff",
        roles.ToolTipBase: "#353535",
        roles.ToolTipText: "#e8e8e8",
        roles.PlaceholderText: "#9a9a9a",
        roles.Link: "#8ab4f8",
        roles.Mid: "#4a4a4a",
    }.items():
        palette.setColor(role, QColor(colour))
    return palette


def contrast(one: QColor, other: QColor) -> float:
    """WCAG's contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def light(qapp: QApplication) -> QPalette:
    """The application's palette before the test went dark."""
    return qapp.palette()


@pytest.fixture
def dark(qapp: QApplication, light: QPalette) -> Iterator[QPalette]:
    palette = dark_palette()
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(light)


def test_a_dark_palette_keeps_notes_problems_and_the_reader_readable(
    qtbot: QtBot, light: QPalette, dark: QPalette, make_window: WindowFactory, db: Database
) -> None:
    from pont.ui.widgets.look import ERROR_COLOUR, WARM_NOTE, note_colours, problem_label

    seed_demo_profile(db)
    window = make_window(demo=True)
    hint = window.members_view.hint_bar
    hint.show_message("That address is already in the group.")
    window.resize(1100, 700)
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    window.grab().save(str(SHOTS / "dark-main-window.png"))

    # The window's own hint bar wears the dark note, not the light one, and is readable.
    background, _border, text = note_colours(dark, WARM_NOTE)
    assert background != note_colours(light, WARM_NOTE)[0]
    assert background in hint.styleSheet() and text in hint.styleSheet()
    assert contrast(QColor(background), QColor(text)) >= 4.5
    window_colour = dark.color(QPalette.ColorRole.Window)
    problem = problem_label("Problem")
    red = problem.palette().color(QPalette.ColorRole.WindowText)
    assert red != ERROR_COLOUR and contrast(red, window_colour) >= 4.5

    window.tabs.setCurrentIndex(1)
    view = window.conversations_tab.ensure_view()
    view.table.selectRow(0)
    reader_text = view.reader.palette().color(QPalette.ColorRole.Text)
    assert contrast(reader_text, view.reader.palette().color(QPalette.ColorRole.Base)) >= 4.5
    QApplication.processEvents()
    window.grab().save(str(SHOTS / "dark-conversations.png"))

    composer = window.post_actions.new_post()
    assert composer is not None
    shown_widget(qtbot, composer)
    QApplication.processEvents()
    composer.grab().save(str(SHOTS / "dark-composer.png"))
    assert composer.demo_note.isVisible()


def test_switching_to_dark_while_open_restyles_notes_problems_and_the_reader(
    qtbot: QtBot, qapp: QApplication, make_window: WindowFactory, db: Database
) -> None:
    """The system going dark (or light) at dusk: what Pont coloured for the old palette
    is coloured again for the new one, without reopening anything."""
    from pont.ui.widgets.look import ERROR_COLOUR, WARM_NOTE, note_colours, problem_label

    seed_demo_profile(db)
    window = make_window(demo=True)
    hint = window.members_view.hint_bar
    problem = problem_label("Problem")
    window.tabs.setCurrentIndex(1)
    reader = window.conversations_tab.ensure_view().reader
    light = qapp.palette()
    light_note = note_colours(light, WARM_NOTE)[0]
    hint.show_message("That address is not complete.")  # styled when first shown
    assert light_note in hint.styleSheet()
    hint.dismiss()
    assert problem.palette().color(QPalette.ColorRole.WindowText) == ERROR_COLOUR
    light_reader_style = reader.document().defaultStyleSheet()

    dark = dark_palette()
    qapp.setPalette(dark)
    try:
        QApplication.processEvents()
        assert reader.document().defaultStyleSheet() != light_reader_style
        window.tabs.setCurrentIndex(0)  # the hint bar, hidden until now, is shown
        hint.show_message("That address is already in the group.")
        assert note_colours(dark, WARM_NOTE)[0] in hint.styleSheet()
        red = problem.palette().color(QPalette.ColorRole.WindowText)
        assert red != ERROR_COLOUR
        assert contrast(red, dark.color(QPalette.ColorRole.Window)) >= 4.5
    finally:
        qapp.setPalette(light)
    QApplication.processEvents()
    assert light_note in hint.styleSheet()
    assert problem.palette().color(QPalette.ColorRole.WindowText) == ERROR_COLOUR
