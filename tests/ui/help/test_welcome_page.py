"""The welcome page of a profile with no group: it shows instead of the table, each button
opens what it says, it speaks Welsh, and the keyboard and a screen reader can use it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_accessibility import unnamed_widgets
from ui_helpers import WindowFactory, focused

from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import list_groups
from pont.ui.accounts.dialog import AccountDialog
from pont.ui.help.guide import GuideWindow
from pont.ui.importing.dialog import FILE_TAB, PASTE_TAB, ImportDialog
from pont.ui.language import install_language
from pont.ui.members.group_dialog import GroupDialog
from pont.ui.shell.main_window import MainWindow


def _make_group(qtbot: QtBot, window: MainWindow, name: str = "Wellbeing Network") -> None:
    dialog = window.findChild(GroupDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


# Answers the next dialog of a kind once it runs (exec() waits for it); returns the dialogs
# seen, for the test to look at.
Answering = Callable[[type[QDialog], Callable[[QDialog], None]], list[QDialog]]


@pytest.fixture
def when_shown() -> Iterator[Answering]:
    timers: list[QTimer] = []

    def answer_when_shown(kind: type[QDialog], answer: Callable[[QDialog], None]) -> list[QDialog]:
        seen: list[QDialog] = []
        timer = QTimer()
        timer.setInterval(20)

        def look() -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, kind) and widget.isVisible() and widget not in seen:
                    seen.append(widget)
                    timer.stop()
                    answer(widget)

        timer.timeout.connect(look)
        timer.start()
        timers.append(timer)
        return seen

    yield answer_when_shown
    for timer in timers:
        timer.stop()


def test_a_fresh_profile_welcomes_and_the_table_replaces_it_once_a_group_is_made(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    window = make_window()
    assert window.welcome.isVisible() and not window.sidebar.isVisible()
    assert not window.menus.toolbar.isVisible()
    # As at start-up, where the profile opens once the window is on screen.
    qtbot.waitUntil(window.isActiveWindow)
    window.reload_groups()
    assert focused() is window.welcome.make_group_button  # Enter makes a group
    window.welcome.make_group_button.click()
    _make_group(qtbot, window)
    assert not window.welcome.isVisible()
    assert window.sidebar.isVisible() and window.members_view.isVisible()
    assert [group.name for group in list_groups(db)] == ["Wellbeing Network"]


@pytest.mark.parametrize(
    ("button", "tab"), [("import_button", FILE_TAB), ("paste_button", PASTE_TAB)]
)
def test_adding_people_makes_the_group_first_then_opens_the_import(
    qtbot: QtBot,
    make_window: WindowFactory,
    when_shown: Answering,
    button: str,
    tab: int,
) -> None:
    window = make_window()
    tabs: list[int] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, ImportDialog)
        tabs.append(dialog.tabs.currentIndex())
        dialog.reject()

    when_shown(ImportDialog, look)
    getattr(window.welcome, button).click()
    _make_group(qtbot, window, "Book Club")
    qtbot.waitUntil(lambda: tabs != [])
    assert tabs == [tab]
    assert window.group is not None and window.group.name == "Book Club"
    assert window.sidebar.isVisible()


def test_connect_your_mailbox_opens_the_account_dialog_and_then_says_it_is_connected(
    make_window: WindowFactory, db: Database, when_shown: Answering
) -> None:
    window = make_window()
    assert window.welcome.connect_button.isVisible()

    def connect(dialog: QDialog) -> None:
        # As the dialog does once both logins worked.
        save_account(
            db,
            AccountSettings(
                email="rhian@example.org",
                username="rhian@example.org",
                display_name="Rhian Morgan",
                imap=ServerSettings("127.0.0.1", 993, Security.SSL),
                smtp=ServerSettings("127.0.0.1", 465, Security.SSL),
            ),
        )
        dialog.reject()

    opened = when_shown(AccountDialog, connect)
    window.welcome.connect_button.click()
    assert len(opened) == 1
    assert "Connected: rhian@example.org" in window.welcome.mailbox_label.text()
    assert not window.welcome.connect_button.isVisible()
    assert window.welcome.isVisible()  # still no group


def test_the_guide_and_the_demo(
    qtbot: QtBot, make_window: WindowFactory, database_path: Path
) -> None:
    window = make_window()
    window.welcome.guide_button.click()
    guide = window.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    assert guide.browser.verticalScrollBar().value() == 0

    # Try the demo is Help ▸ Open the demo: this window gives way to the demo's.
    switches: list[bool] = []
    window.demo_actions.switch = lambda to_demo: switches.append(to_demo) or None
    window.welcome.demo_button.click()
    assert switches == [True]


def test_in_the_demo_there_is_no_demo_to_try(make_window: WindowFactory) -> None:
    window = make_window(demo=True)  # the demo profile with its groups deleted
    assert window.welcome.isVisible()
    assert window.welcome.guide_button.isVisible() and not window.welcome.demo_button.isVisible()
    # Connect follows the Mail menu's Set up, which in the demo says what it would do.
    assert window.welcome.connect_button.isEnabled() == window.sync_controller.set_up.isEnabled()


def test_the_keyboard_goes_through_the_steps_in_order_and_each_has_a_name(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    qtbot.waitUntil(window.isActiveWindow)
    welcome = window.welcome
    order = [
        welcome.make_group_button,
        welcome.import_button,
        welcome.paste_button,
        welcome.connect_button,
        welcome.guide_button,
        welcome.demo_button,
    ]
    welcome.make_group_button.setFocus(Qt.FocusReason.TabFocusReason)
    path: list[QWidget | None] = []
    for _ in order:
        path.append(focused())
        widget = focused()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert path == order
    assert unnamed_widgets(welcome) == []
    assert all(button.accessibleDescription() for button in order[:4])


def test_the_welcome_page_speaks_welsh(qapp: QApplication, make_window: WindowFactory) -> None:
    assert install_language(qapp, "cy")
    window = make_window()
    assert window.welcome.accessibleName() == "Croeso i Pont"
    assert window.welcome.make_group_button.text() == "Creu grŵp…"
    assert window.welcome.guide_button.text() == "Darllen y canllaw dechrau arni"


def test_enter_presses_the_button_with_the_focus(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Outside a dialog a push button takes only Space; a keyboard user Tabs to Import a
    contacts file and presses Enter, as on Make a group."""
    window = make_window()
    qtbot.waitUntil(window.isActiveWindow)
    welcome = window.welcome
    pressed: list[str] = []
    for signal, name in (
        (welcome.import_requested, "import"),
        (welcome.paste_requested, "paste"),
        (welcome.guide_requested, "guide"),
    ):
        signal.disconnect()
        signal.connect(lambda name=name: pressed.append(name))
    for button in (welcome.import_button, welcome.paste_button, welcome.guide_button):
        button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert pressed == ["import", "paste", "guide"]
