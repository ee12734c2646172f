"""The getting-started guide: every section Pont opens is in each language's guide, Help ▸
Getting started (F1) shows it in the window's language, and each dialog's Help button opens
it at that dialog's section."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.demo.profile import seed_demo_profile
from pont.core.members.groups import list_groups
from pont.core.members.members import list_members
from pont.ui.accounts.dialog import AccountDialog
from pont.ui.accounts.session_passwords import SessionPasswords
from pont.ui.group_mail.held_view import HeldPostsDialog
from pont.ui.help import guide as guide_module
from pont.ui.help.guide import (
    GuideWindow,
    Section,
    guide_document,
    guide_text,
    heading_block,
    show_guide,
    split_anchors,
)
from pont.ui.importing.dialog import ImportDialog
from pont.ui.language import LANGUAGES, install_language
from pont.ui.members.group_dialog import GroupDialog
from pont.ui.members.member_dialog import MemberDialog
from pont.ui.profile.backup_dialog import BackupDialog
from pont.ui.shell.main_window import MainWindow
from pont.ui.sync.settings_dialog import SyncSettingsDialog

LINK = re.compile(r"\]\(#(?P<anchor>[a-z0-9-]+)\)")


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_section_pont_opens_is_in_the_guide(qapp: QApplication, language: str) -> None:
    markdown = guide_text(language)
    document = guide_document(language)
    missing = [section.value for section in Section if heading_block(document, section) is None]
    assert missing == []
    assert "{#" not in document.toPlainText()  # the anchor marks are not shown
    # Each link within the guide leads somewhere in it.
    anchors = set(split_anchors(markdown)[1])
    assert [m["anchor"] for m in LINK.finditer(markdown) if m["anchor"] not in anchors] == []


def test_the_welsh_guide_has_the_english_sections_in_the_same_order() -> None:
    assert split_anchors(guide_text("cy"))[1] == split_anchors(guide_text("en"))[1]
    assert guide_text("cy") != guide_text("en")


def test_a_missing_guide_is_said_in_a_sentence_and_welsh_falls_back_to_english(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    english_only = tmp_path / "resources"
    (english_only / "guide").mkdir(parents=True)
    (english_only / "guide" / "getting-started.en.md").write_text("# Guide {#top}\n")
    monkeypatch.setattr(guide_module, "resource_path", lambda *parts: english_only.joinpath(*parts))
    assert guide_text("cy") == "# Guide {#top}\n"
    monkeypatch.setattr(guide_module, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    guide = GuideWindow()
    assert guide.browser.toPlainText().startswith("The guide is missing from this copy of Pont.")
    guide.show_section(Section.OUTBOX)  # not there: the top, and no crash
    assert guide.browser.verticalScrollBar().value() == 0
    guide.close()


def _guide(widget: QWidget) -> GuideWindow:
    guide = widget.window().findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    return guide


def test_help_getting_started_opens_the_guide_from_the_top(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.menus.guide in window.help_menu.actions()
    window.menus.guide.trigger()
    guide = _guide(window)
    assert guide.windowTitle() == "Getting started — Pont"
    assert guide.browser.toPlainText().startswith("Getting started with Pont")
    assert guide.browser.verticalScrollBar().value() == 0
    # A link in its list of contents moves to that section.
    guide.browser.anchorClicked.emit(QUrl("#outbox"))
    assert guide.section_is_shown(Section.OUTBOX)
    guide.top_button.click()
    assert guide.browser.verticalScrollBar().value() == 0


def test_f1_opens_the_guide(qtbot: QtBot, window: MainWindow) -> None:
    window.members_view.table.setFocus()
    qtbot.keyClick(window.members_view.table, Qt.Key.Key_F1)
    assert _guide(window).browser.toPlainText().startswith("Getting started with Pont")


def test_a_welsh_window_shows_the_welsh_guide_and_follows_a_change_of_language(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    assert install_language(qapp, "cy")
    window.menus.guide.trigger()
    guide = _guide(window)
    assert guide.windowTitle() == "Dechrau arni — Pont"
    assert guide.browser.toPlainText().startswith("Dechrau arni gyda Pont")
    guide.show_section(Section.HELD_POSTS)
    # The language changed while the guide was open: it reads the guide again, at its place.
    install_language(qapp, "en")
    QCoreApplication.sendPostedEvents()
    assert guide.windowTitle() == "Getting started — Pont"
    assert guide.browser.toPlainText().startswith("Getting started with Pont")
    assert guide.section_is_shown(Section.HELD_POSTS)


NOW = datetime(2026, 11, 26, 14, 0).astimezone()
# Each dialog Pont has a Help button on, made on the demo profile, and its section.
DialogMaker = Callable[[MainWindow, Database, Path], QWidget]


def _member(window: MainWindow, db: Database, _path: Path) -> QWidget:
    group = list_groups(db)[0]
    return MemberDialog(window, group, lambda _a: None, lambda _new: list_members(db, group.id)[0])


def _held(window: MainWindow, db: Database, path: Path) -> QWidget:
    dialog = HeldPostsDialog(window, lambda: db, path)
    dialog.set_group(list_groups(db)[0])
    return dialog


DIALOGS: dict[Section, DialogMaker] = {
    Section.MEMBER: _member,
    Section.GROUP_SETTINGS: lambda w, db, _p: GroupDialog(w, lambda _d: list_groups(db)[0]),
    Section.IMPORT: lambda w, db, path: ImportDialog(w, path, list_groups(db)[0]),
    Section.ACCOUNT: lambda w, _db, _p: AccountDialog(w, lambda _s: None, SessionPasswords()),
    Section.SYNC_SETTINGS: lambda w, _db, _p: SyncSettingsDialog(w, 15),
    Section.BACKUPS: lambda w, _db, _p: BackupDialog(w, [], NOW),
    Section.OUTBOX: lambda w, _db, _p: w.post_actions.show_outbox(),
    Section.REQUESTS: lambda w, _db, _p: w.show_requests(),
    Section.HELD_POSTS: _held,
}


def _help_button(dialog: QWidget) -> QPushButton:
    buttons = [
        box.button(QDialogButtonBox.StandardButton.Help)
        for box in dialog.findChildren(QDialogButtonBox)
    ]
    found = [button for button in buttons if button is not None and button.isVisible()]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("section", list(DIALOGS), ids=str)
def test_a_dialogs_help_button_opens_the_guide_at_its_section(
    qtbot: QtBot, make_window: WindowFactory, db: Database, database_path: Path, section: Section
) -> None:
    seed_demo_profile(db)
    window = make_window(demo=True)
    dialog = DIALOGS[section](window, db, database_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    button = _help_button(dialog)
    assert button.text() == "Help" and "F1" in button.toolTip()
    button.click()
    guide = _guide(dialog)
    # The guide belongs to the dialog, so it takes clicks and keys while the dialog is modal.
    assert guide.parentWidget() is dialog
    assert guide.section == section
    assert guide.section_is_shown(section)
    assert _at_top_or_at_the_end(guide, section)
    for other in set(Section) - {section}:
        assert not guide.section_is_shown(other)
    # F1 anywhere in the dialog does the same.
    guide.show_section(None)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: guide.section_is_shown(section))  # a button's key clicks it soon


def _at_top_or_at_the_end(guide: GuideWindow, section: Section) -> bool:
    """The section's heading is at the top of the view, unless the guide ends before it can
    scroll that far."""
    document, scroll = guide.browser.document(), guide.browser.verticalScrollBar()
    block = heading_block(document, section)
    assert block is not None
    top = document.documentLayout().blockBoundingRect(block).top() - scroll.value()
    return top < 30 or scroll.value() == scroll.maximum()


def test_the_composers_help_opens_its_section_from_the_tool_bar_and_with_f1(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    composer = demo_window.post_actions.new_post()
    assert composer is not None
    qtbot.addWidget(composer)
    composer.show()
    qtbot.waitExposed(composer)
    help_action = next(a for a in composer.toolbar.actions() if a.text() == "Help")
    help_action.trigger()
    guide = _guide(composer)
    assert guide.section_is_shown(Section.COMPOSER)
    guide.show_section(None)
    composer.activateWindow()
    qtbot.waitUntil(composer.isActiveWindow)
    qtbot.keyClick(composer.subject_edit, Qt.Key.Key_F1)
    assert guide.section_is_shown(Section.COMPOSER)


def test_the_guide_opens_beside_the_dialog_it_helps_with(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setGeometry(20, 20, 200, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    guide = show_guide(dialog, Section.OUTBOX)
    screen = dialog.screen().availableGeometry()
    assert guide.x() > dialog.frameGeometry().right()
    assert screen.contains(guide.frameGeometry().topLeft())
    assert guide.width() <= screen.width() // 2
