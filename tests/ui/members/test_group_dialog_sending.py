"""The group dialog's "How posts go out" choice and footer line, saved with the group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from pont.core import activity
from pont.core.mail.accounts import (
    AccountSettings,
    Security,
    ServerSettings,
    list_accounts,
    save_account,
)
from pont.core.members.groups import (
    Group,
    GroupMode,
    create_group,
    find_group,
    get_group,
    set_group_sending,
)
from pont.ui.shell.main_window import MainWindow


def add_account(db: Database, email: str = "coordinator@example.org") -> None:
    server = ServerSettings("mail.example.org", 993, Security.SSL)
    save_account(db, AccountSettings(email, email, server, server))


def test_a_new_group_can_send_from_a_group_address_with_its_own_footer(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    dialog = window.group_actions.new_group()
    assert dialog.copy_all_button.isChecked()  # the default, as in the core
    qtbot.keyClicks(dialog.name_edit, "Book Club")
    qtbot.keyClicks(dialog.description_edit, "Readers in Cardiff.")
    assert dialog.footer_edit.placeholderText() == "Readers in Cardiff."
    dialog.group_address_button.click()
    qtbot.keyClicks(dialog.footer_edit, "A monthly book club in Cardiff")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    group = find_group(db, "Book Club")
    assert group.mode is GroupMode.GROUP_ADDRESS
    assert group.footer == "A monthly book club in Cardiff"
    assert group.description == "Readers in Cardiff."
    assert [e.action for e in activity.entries(db, group.id)] == ["group-create", "group-sending"]


def test_a_new_group_left_as_it_is_copies_everyone_in_and_logs_no_change(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    dialog = window.group_actions.new_group()
    qtbot.keyClicks(dialog.name_edit, "Book Club")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    group = find_group(db, "Book Club")
    assert (group.mode, group.footer) == (GroupMode.COPY_ALL, "")
    assert [e.action for e in activity.entries(db, group.id)] == ["group-create"]


def test_editing_shows_the_current_choice_and_footer(
    qtbot: QtBot, window: MainWindow, db: Database, group: Group
) -> None:
    set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, footer="Sharing what works")
    dialog = window.group_actions.edit_group()
    assert dialog is not None
    assert dialog.group_address_button.isChecked() and not dialog.copy_all_button.isChecked()
    assert dialog.footer_edit.text() == "Sharing what works"
    assert dialog.footer_edit.placeholderText() == "Sharing what works."  # the description

    dialog.copy_all_button.click()
    dialog.footer_edit.clear()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    saved = get_group(db, group.id)
    assert (saved.mode, saved.footer) == (GroupMode.COPY_ALL, "")


def test_a_refused_rename_changes_nothing_else(
    qtbot: QtBot, window: MainWindow, db: Database, group: Group
) -> None:
    create_group(db, "Book Club")
    dialog = window.group_actions.edit_group()
    assert dialog is not None
    dialog.name_edit.setText("Book Club")
    dialog.group_address_button.click()
    qtbot.keyClicks(dialog.footer_edit, "Something else")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "already a group called" in dialog.error_label.text()
    unchanged = get_group(db, group.id)
    assert (unchanged.name, unchanged.mode, unchanged.footer) == (
        "Wellbeing Network",
        GroupMode.COPY_ALL,
        "",
    )
    dialog.reject()


def test_the_explanation_names_the_real_group_address_and_follows_the_tag(
    qtbot: QtBot, window: MainWindow, db: Database, group: Group
) -> None:
    add_account(db)
    dialog = window.group_actions.edit_group()
    assert dialog is not None
    explanation = dialog.group_address_explanation.text()
    assert "coordinator+wellbeing@example.org" in explanation
    assert explanation in dialog.group_address_button.accessibleDescription()
    dialog.tag_edit.selectAll()
    qtbot.keyClicks(dialog.tag_edit, "WB")
    assert "coordinator+wb@example.org" in dialog.group_address_explanation.text()
    dialog.reject()


def test_the_groups_own_account_gives_the_address(
    window: MainWindow, db: Database, group: Group
) -> None:
    add_account(db, "aaa@example.org")  # the profile's first, by address
    add_account(db, "wellbeing-lead@example.net")
    own = [a for a in list_accounts(db) if a.email == "wellbeing-lead@example.net"][0]
    set_group_sending(db, group.id, account_id=own.id)
    dialog = window.group_actions.edit_group()
    assert dialog is not None
    assert "wellbeing-lead+wellbeing@example.net" in dialog.group_address_explanation.text()
    dialog.reject()


def test_without_an_account_the_explanation_says_your_address_with_the_tag(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.group_actions.new_group()
    qtbot.keyClicks(dialog.name_edit, "Book Club")
    assert "your address with +book" in dialog.group_address_explanation.text()
    assert "@" not in dialog.group_address_explanation.text()
    dialog.reject()


def test_the_dialog_fits_its_wrapped_lines_without_empty_bands(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.group_actions.new_group()
    qtbot.waitExposed(dialog)
    assert dialog.height() == dialog.layout().totalHeightForWidth(dialog.width())
    for label in (dialog.preview, dialog.group_address_explanation):
        assert label.height() == label.heightForWidth(label.width())
    dialog.reject()
