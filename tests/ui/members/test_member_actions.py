"""Removing with undo and redo, marking as left, erasing, and copying addresses."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory, select, shown_emails

from pont.core import activity
from pont.core.members.members import (
    Member,
    MemberStatus,
    NewMember,
    add_member,
    get_member,
    list_members,
)
from pont.ui.shell.main_window import MainWindow
from pont.ui.widgets import prompts

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def stored(db: Database, group_id: int) -> dict[str, Member]:
    return {member.email: member for member in list_members(db, group_id)}


def test_delete_removes_the_selection_and_undo_redo_restore_it_exactly(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    group_id = members[0].group_id
    before = stored(db, group_id)
    select(window, "sian@example.org", "carol@example.org")
    table = window.members_view.table

    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert set(stored(db, group_id)) == {"ann.jones@example.org", "bob@example.org"}
    assert set(shown_emails(window)) == {"ann.jones@example.org", "bob@example.org"}
    assert window.count_label.text() == "2 members · 2 active"
    assert window.statusBar().currentMessage().startswith("Removed 2 members from Wellbeing")

    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert stored(db, group_id) == before  # same ids, joined dates, notes, tags, status
    assert len(shown_emails(window)) == 4
    assert window.statusBar().currentMessage() == "Undone: Remove 2 members."

    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert set(stored(db, group_id)) == {"ann.jones@example.org", "bob@example.org"}
    assert len(shown_emails(window)) == 2

    window.undo_actions.undo_change()
    restored = stored(db, group_id)["sian@example.org"]
    assert restored == members[2]
    assert restored.notes == "On leave until spring." and restored.joined == members[2].joined


def test_delete_in_the_filter_box_edits_text_not_members(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    select(window, "bob@example.org")
    box = window.members_view.filter_edit
    box.setFocus()
    qtbot.keyClicks(box, "jo")
    qtbot.keyClick(box, Qt.Key.Key_Home)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert box.text() == "o"
    assert len(list_members(db, members[0].group_id)) == 4


def test_undo_that_can_no_longer_be_done_says_why(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    select(window, "bob@example.org")
    window.member_actions.remove_selected()
    # The address comes back another way before the removal is undone.
    add_member(db, members[0].group_id, NewMember("bob@example.org"), origin="cli")
    window.undo_actions.undo_change()
    assert "Could not undo “Remove Jones, Bob”" in window.members_view.hint_bar.text()
    assert "bob@example.org is already a member" in window.members_view.hint_bar.text()
    assert not window.undo_actions.stack.canUndo()


def test_mark_as_left_keeps_the_member_and_can_be_undone(
    window: MainWindow, db: Database, members: list[Member]
) -> None:
    ann, bob = members[0], members[1]
    select(window, ann.email, bob.email)
    window.member_actions.mark_left.trigger()
    assert get_member(db, ann.id).status is MemberStatus.LEFT
    assert get_member(db, bob.id).status is MemberStatus.LEFT
    assert window.count_label.text() == "4 members · 0 active"
    assert [e.action for e in activity.entries(db) if e.member_id == ann.id][-1] == "leave"
    assert window.undo_actions.undo.text() == "&Undo Mark 2 members as left"
    window.undo_actions.undo_change()
    assert get_member(db, ann.id).status is MemberStatus.ACTIVE
    assert get_member(db, bob.id).status is MemberStatus.ACTIVE


def test_erase_asks_then_removes_everything_and_clears_undo(
    monkeypatch,
    window: MainWindow,
    db: Database,
    members: list[Member],  # type: ignore[no-untyped-def]
) -> None:
    sian = members[2]
    select(window, "carol@example.org")
    window.member_actions.remove_selected()  # an undo step that holds a copy of Carol
    assert window.undo_actions.stack.canUndo()
    asked: list[str] = []

    def answer(parent, title, text, details, action):  # type: ignore[no-untyped-def]
        asked.append(text + "\n" + details)
        return True

    monkeypatch.setattr(prompts, "confirm", answer)
    select(window, sian.email)
    assert window.member_actions.erase_selected()
    assert "Siân Roberts <sian@example.org>" in asked[0]
    assert "cannot be undone" in asked[0]
    assert sian.email not in stored(db, sian.group_id)
    assert not any(entry.member_id == sian.id for entry in activity.entries(db))
    assert not any("sian" in entry.detail for entry in activity.entries(db))
    assert not window.undo_actions.stack.canUndo()
    assert sian.email not in shown_emails(window)


def test_erase_can_be_cancelled_in_the_real_message_box(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    seen: list[str] = []

    def press_cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    select(window, "ann.jones@example.org")
    QTimer.singleShot(0, press_cancel)
    assert not window.member_actions.erase_selected()
    assert seen == ["Erase everything Pont holds about Ann Jones <ann.jones@example.org>?"]
    assert "ann.jones@example.org" in stored(db, members[0].group_id)


def test_copy_addresses_of_the_selection_quotes_names_that_need_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    select(window, "bob@example.org", "sian@example.org")
    qtbot.keyClick(window.members_view.table, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == (
        '"Jones, Bob" <bob@example.org>; Siân Roberts <sian@example.org>'
    )


def test_copy_addresses_without_a_selection_copies_the_active_members_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.members_view.table.clearSelection()
    window.member_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == (
        'Ann Jones <ann.jones@example.org>; "Jones, Bob" <bob@example.org>'
    )
    qtbot.keyClicks(window.members_view.filter_edit, "mind")
    window.members_view.table.clearSelection()
    window.member_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == '"Jones, Bob" <bob@example.org>'
    assert "active" in window.statusBar().currentMessage()


def test_row_menu_offers_the_member_actions(window: MainWindow) -> None:
    menu = window.members_view.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    assert texts == [
        "&Edit member…",
        "&Copy addresses",
        "Pu&t first name first",
        "Mark as &active",
        "Mark as &paused",
        "Mark as &left",
        "Remo&ve",
        "Erase personal &data…",
        "Ask for co&nsent…",
        "Record consent given another &way…",
        "E&xport what Pont holds about them…",
    ]
    menu.deleteLater()


def test_actions_follow_the_selection(window: MainWindow) -> None:
    actions = window.member_actions
    window.members_view.table.clearSelection()
    assert not actions.remove.isEnabled() and not actions.erase.isEnabled()
    select(window, "bob@example.org")
    assert actions.remove.isEnabled() and actions.mark_left.isEnabled()


def test_acting_on_a_selection_while_filtered_touches_only_those_rows(
    qtbot: QtBot, window: MainWindow, db: Database, members: list[Member]
) -> None:
    qtbot.keyClicks(window.members_view.filter_edit, "council")  # Ann and Siân
    assert set(shown_emails(window)) == {"ann.jones@example.org", "sian@example.org"}
    select(window, "sian@example.org")
    assert window.members_view.selected_members() == [members[2]]
    window.member_actions.remove_selected()
    assert set(stored(db, members[0].group_id)) == {
        "ann.jones@example.org",
        "bob@example.org",
        "carol@example.org",
    }


def test_put_first_name_first_turns_surname_first_names_and_undo_turns_them_back(
    window: MainWindow, db: Database, members: list[Member]
) -> None:
    """Bob is stored as "Jones, Bob"; Ann's name is already the right way round."""
    actions = window.member_actions
    select(window, "ann.jones@example.org")
    assert not actions.first_names_first.isEnabled()  # nothing to turn
    select(window, "ann.jones@example.org", "bob@example.org")
    assert actions.first_names_first.isEnabled()
    actions.first_names_first.trigger()
    group_id = members[0].group_id
    assert stored(db, group_id)["bob@example.org"].name == "Bob Jones"
    assert stored(db, group_id)["ann.jones@example.org"] == members[0]
    assert window.statusBar().currentMessage() == "Put Bob Jones’s first name first."
    assert "Bob Jones" in [row[0] for row in _rows(window)]
    assert not actions.first_names_first.isEnabled()  # done: nothing left to turn

    window.undo_actions.undo_change()
    assert stored(db, group_id)["bob@example.org"] == members[1]
    assert "Jones, Bob" in [row[0] for row in _rows(window)]
    window.undo_actions.redo_change()
    assert stored(db, group_id)["bob@example.org"].name == "Bob Jones"


def test_put_first_names_first_for_many_names_one_undo(
    make_window: WindowFactory, db: Database, members: list[Member]
) -> None:
    group_id = members[0].group_id
    for number in range(3):
        add_member(db, group_id, NewMember(f"p{number}@example.org", f"Evans{number}, Dai"))
    window = make_window()
    window.members_view.table.selectAll()
    window.member_actions.first_names_first.trigger()
    names = {m.email: m.name for m in list_members(db, group_id)}
    assert [names[f"p{n}@example.org"] for n in range(3)] == [
        "Dai Evans0",
        "Dai Evans1",
        "Dai Evans2",
    ]
    assert names["bob@example.org"] == "Bob Jones"
    assert window.statusBar().currentMessage() == "Put first names first for 4 members."
    window.undo_actions.undo_change()
    assert {m.email: m.name for m in list_members(db, group_id)}["p1@example.org"] == "Evans1, Dai"


def _rows(window: MainWindow) -> list[list[str]]:
    model = window.members_view.model
    return [
        [str(model.index(row, column).data()) for column in range(2)]
        for row in range(model.rowCount())
    ]
