"""Adding members through the dialog: live address check, duplicates, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import shown_emails

from pont.core.members.members import Member, MemberStatus, find_member, list_members
from pont.ui.members.member_dialog import MemberDialog
from pont.ui.shell.main_window import MainWindow


def open_add_dialog(window: MainWindow) -> MemberDialog:
    dialog = window.member_actions.add_member()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_add_a_member(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    dialog = open_add_dialog(window)
    assert dialog.windowTitle() == "Add a member to Wellbeing Network"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.email_edit, "dai.evans@example.org")
    qtbot.keyClicks(dialog.name_edit, "Dai Evans")
    qtbot.keyClicks(dialog.organisation_edit, "Powys Council")
    qtbot.keyClicks(dialog.tags_edit, "rural, data")
    qtbot.keyClicks(dialog.notes_edit, "Met at the spring event.")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    added = find_member(db, members[0].group_id, "dai.evans@example.org")
    assert (added.name, added.organisation, added.tags, added.notes, added.status) == (
        "Dai Evans",
        "Powys Council",
        ("rural", "data"),
        "Met at the spring event.",
        MemberStatus.ACTIVE,
    )
    assert "dai.evans@example.org" in shown_emails(window)
    assert window.members_view.selected_members() == [added]
    assert window.count_label.text() == "5 members · 3 active"
    assert window.sidebar.list.item(0).data(Qt.ItemDataRole.UserRole + 1) == 5

    window.undo_actions.undo_change()
    assert "dai.evans@example.org" not in [m.email for m in list_members(db, added.group_id)]
    assert "dai.evans@example.org" not in shown_emails(window)
    window.undo_actions.redo_change()
    assert find_member(db, added.group_id, "dai.evans@example.org").joined == added.joined


def test_ok_waits_for_a_usable_address(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_add_dialog(window)
    assert "Required" in dialog.email_hint.text()
    qtbot.keyClicks(dialog.email_edit, "dai.evans")
    assert not dialog.ok_button.isEnabled()
    assert "is not a usable email address" in dialog.email_hint.text()
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)  # Enter cannot slip past the check
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.email_edit, "@example.org")
    assert dialog.ok_button.isEnabled()
    assert dialog.email_hint.isHidden()
    dialog.reject()


@pytest.mark.parametrize(
    "typed", ["Dai Evans <dai.evans@example.org>", "dai.evans@example.org (Dai Evans)"]
)
def test_a_name_typed_with_the_address_fills_the_name(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member], typed: str
) -> None:
    dialog = open_add_dialog(window)
    qtbot.keyClicks(dialog.email_edit, typed)
    assert dialog.ok_button.isEnabled()
    assert dialog.email_hint.isHidden()
    dialog.email_edit.editingFinished.emit()  # as when focus leaves the field
    assert dialog.email_edit.text() == "dai.evans@example.org"
    assert dialog.name_edit.text() == "Dai Evans"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    added = find_member(db, members[0].group_id, "dai.evans@example.org")
    assert added.name == "Dai Evans"


def test_a_name_already_typed_is_kept(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    dialog = open_add_dialog(window)
    qtbot.keyClicks(dialog.name_edit, "Dafydd")
    dialog.email_edit.setText("Dai\r\nEvans <dai.evans@example.org>")
    assert dialog.values().email == "dai.evans@example.org"
    assert dialog.values().name == "Dafydd"
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)  # Enter adds without leaving the field
    assert not dialog.isVisible()
    assert find_member(db, members[0].group_id, "dai.evans@example.org").name == "Dafydd"


def test_a_name_in_the_address_is_saved_even_before_the_field_is_left(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_add_dialog(window)
    dialog.email_edit.setText("dai.evans@example.org (Dai Evans)")
    assert (dialog.values().email, dialog.values().name) == ("dai.evans@example.org", "Dai Evans")
    dialog.reject()


def test_a_name_with_line_breaks_is_one_line(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_add_dialog(window)
    dialog.email_edit.setText("Dai\r\nEvans <dai.evans@example.org>")
    dialog.email_edit.editingFinished.emit()
    assert (dialog.email_edit.text(), dialog.name_edit.text()) == (
        "dai.evans@example.org",
        "Dai Evans",
    )
    dialog.reject()


def test_a_100_kb_address_field_is_refused_not_split(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_add_dialog(window)
    huge = "Ann " * 25_000 + "<ann@example>"
    dialog.email_edit.setText(huge)
    dialog.email_edit.editingFinished.emit()
    assert not dialog.ok_button.isEnabled()
    assert dialog.name_edit.text() == ""
    dialog.reject()


def test_a_duplicate_is_refused_with_a_clear_message(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    dialog = open_add_dialog(window)
    qtbot.keyClicks(dialog.email_edit, "Ann.Jones@Example.org")
    assert not dialog.ok_button.isEnabled()
    assert dialog.email_hint.text() == (
        "Ann.Jones@Example.org is already a member of Wellbeing Network."
    )
    dialog.reject()
    assert len(list_members(db, members[0].group_id)) == 4


def test_a_refusal_from_the_store_keeps_the_dialog_open(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    from pont.core.members.members import NewMember, add_member

    dialog = open_add_dialog(window)
    qtbot.keyClicks(dialog.email_edit, "late@example.org")
    # Added elsewhere (the command line) while the dialog was open.
    add_member(db, members[0].group_id, NewMember("late@example.org"), origin="cli")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "late@example.org is already a member of Wellbeing Network."
    dialog.reject()


def test_every_field_has_an_accessible_name(window: MainWindow) -> None:
    dialog = open_add_dialog(window)
    fields = [
        *dialog.findChildren(QLineEdit),
        *dialog.findChildren(QPlainTextEdit),
        *dialog.findChildren(QComboBox),
    ]
    assert len(fields) >= 5
    assert all(field.accessibleName() for field in fields)
    dialog.reject()


def test_ctrl_n_opens_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    window.members_view.table.setFocus()
    qtbot.keyClick(window.members_view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(MemberDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_edit_member_dialog_saves_every_field_undoably(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    sian = members[2]
    window.members_view.select_member(sian.id)
    dialog = window.member_actions.edit_member()
    assert dialog is not None
    assert dialog.status_combo.currentText() == "Paused"
    dialog.notes_edit.setPlainText("Back in April.\nPrefers Welsh.")
    dialog.status_combo.setCurrentIndex(0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    stored = find_member(db, sian.group_id, sian.email)
    assert (stored.notes, stored.status) == ("Back in April.\nPrefers Welsh.", MemberStatus.ACTIVE)
    window.undo_actions.undo_change()
    stored = find_member(db, sian.group_id, sian.email)
    assert (stored.notes, stored.status) == (sian.notes, MemberStatus.PAUSED)


def test_adding_while_filtered_shows_the_new_member(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    qtbot.keyClicks(window.members_view.filter_edit, "jones")
    dialog = open_add_dialog(window)
    qtbot.keyClicks(dialog.email_edit, "zed@example.org")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.members_view.filter_edit.text() == ""
    assert "zed@example.org" in shown_emails(window)
    assert find_member(db, 1, "zed@example.org").email == "zed@example.org"
