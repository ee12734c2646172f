"""Editing members in the table: typed into the real editors, checked against the store."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import table_index

from pont.core.members.members import Member, MemberStatus, get_member, save_member
from pont.ui.members.columns import Column
from pont.ui.shell.main_window import MainWindow


def start_editing(
    qtbot: QtBot, window: MainWindow, email: str, column: Column, key: Qt.Key
) -> QLineEdit | QComboBox:
    table = window.members_view.table
    index = table_index(window, email, column)
    table.setCurrentIndex(index)
    table.setFocus()
    qtbot.keyClick(table, key)
    editors = [
        widget
        for kind in (QLineEdit, QComboBox)
        for widget in table.viewport().findChildren(kind)
        if widget.isVisible()
    ]
    assert len(editors) == 1, "no editor opened"
    return editors[0]


def type_over(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_f2_edits_a_name_and_undo_redo_restore_it(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    ann = members[0]
    editor = start_editing(qtbot, window, ann.email, Column.NAME, Qt.Key.Key_F2)
    assert isinstance(editor, QLineEdit) and editor.text() == "Ann Jones"
    type_over(qtbot, editor, "Ann Jones-Price")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: get_member(db, ann.id).name == "Ann Jones-Price")
    assert table_index(window, ann.email, Column.NAME).data() == "Ann Jones-Price"
    assert "Saved" in window.statusBar().currentMessage()

    window.undo_actions.undo_change()
    assert get_member(db, ann.id).name == "Ann Jones"
    assert table_index(window, ann.email, Column.NAME).data() == "Ann Jones"
    window.undo_actions.redo_change()
    assert get_member(db, ann.id).name == "Ann Jones-Price"


def test_enter_starts_editing_and_email_edit_is_saved(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    bob = members[1]
    editor = start_editing(qtbot, window, bob.email, Column.EMAIL, Qt.Key.Key_Return)
    type_over(qtbot, editor, "robert.jones@example.org")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: get_member(db, bob.id).email == "robert.jones@example.org")


def test_an_invalid_address_is_refused_with_a_plain_message(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    ann = members[0]
    editor = start_editing(qtbot, window, ann.email, Column.EMAIL, Qt.Key.Key_F2)
    type_over(qtbot, editor, "ann.jones-at-example.org")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    hint = window.members_view.hint_bar
    assert hint.isVisible()
    assert "is not a usable email address" in hint.text()
    assert editor.isVisible(), "Enter must not close the editor on a wrong address"
    assert get_member(db, ann.id).email == ann.email

    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert get_member(db, ann.id).email == ann.email
    assert table_index(window, ann.email, Column.EMAIL).data() == ann.email
    assert not window.undo_actions.stack.canUndo()


def test_leaving_a_wrong_address_says_it_was_not_changed(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    ann = members[0]
    editor = start_editing(qtbot, window, ann.email, Column.EMAIL, Qt.Key.Key_F2)
    type_over(qtbot, editor, "ann@")
    window.members_view.filter_edit.setFocus()  # focus leaves the editor
    qtbot.waitUntil(lambda: "was not changed" in window.members_view.hint_bar.text())
    assert get_member(db, ann.id).email == ann.email


def test_a_duplicate_address_is_refused(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    ann, bob = members[0], members[1]
    editor = start_editing(qtbot, window, ann.email, Column.EMAIL, Qt.Key.Key_F2)
    type_over(qtbot, editor, "BOB@example.org")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "bob@example.org is already a member of Wellbeing Network" in (
        window.members_view.hint_bar.text().replace("BOB@", "bob@")
    )
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert get_member(db, ann.id).email == ann.email
    assert get_member(db, bob.id).email == bob.email


def test_the_store_has_the_last_word_on_duplicates(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    # Someone else (the command line) took the address after the table was loaded.
    ann, carol = members[0], members[3]
    save_member(db, dataclasses.replace(carol, email="taken@example.org"), origin="cli")
    view = window.members_view
    assert not view.model.setData(
        view.model.index(view.model.row_of(ann.id), Column.EMAIL), "taken@example.org"
    )
    assert "taken@example.org is already a member" in view.hint_bar.text()
    assert "already a member" in window.statusBar().currentMessage()
    assert get_member(db, ann.id).email == ann.email


def test_status_is_chosen_from_a_list(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    ann = members[0]
    combo = start_editing(qtbot, window, ann.email, Column.STATUS, Qt.Key.Key_F2)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Active", "Paused", "Left"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)  # what choosing from the open list does
    qtbot.waitUntil(lambda: get_member(db, ann.id).status is MemberStatus.LEFT)
    assert window.count_label.text() == "4 members · 1 active"
    window.undo_actions.undo_change()
    assert get_member(db, ann.id).status is MemberStatus.ACTIVE


def test_tags_are_typed_with_commas(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    ann = members[0]
    editor = start_editing(qtbot, window, ann.email, Column.TAGS, Qt.Key.Key_F2)
    assert editor.text() == "NHS, rural"
    type_over(qtbot, editor, "NHS; data , nhs,, Data")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: get_member(db, ann.id).tags == ("NHS", "data"))


def test_double_click_on_joined_opens_the_member_dialog(
    qtbot: QtBot, window: MainWindow, members: list[Member]
) -> None:
    from pont.ui.members.member_dialog import MemberDialog

    table = window.members_view.table
    index = table_index(window, members[2].email, Column.JOINED)
    rect = table.visualRect(index)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = window.findChild(MemberDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.email_edit.text() == "sian@example.org"
    assert dialog.notes_edit.toPlainText() == "On leave until spring."
    dialog.reject()
