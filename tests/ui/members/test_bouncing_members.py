"""Bouncing members in the window: the status shows in red, the coordinator is told whose
delivery is paused and can select them, and one action delivers to them again."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory, table_index

from pont.core import activity
from pont.core.group_mail.bounces import bounce_score
from pont.core.members.members import Member, MemberStatus, get_member
from pont.ui.members.columns import Column


def _bouncing(db: Database, *members: Member) -> None:
    """Members Pont suspended after five bounced posts each."""
    at = (activity.now() - timedelta(days=1)).isoformat(timespec="seconds")
    with db.atomic():
        for member in members:
            db.conn.executemany(
                "INSERT INTO bounces (member_id, post_key, kind, score, received)"
                " VALUES (?, ?, 'hard', 1, ?)",
                [(member.id, f"post{n}@x", at) for n in range(5)],
            )
            db.conn.execute("UPDATE members SET status = 'bouncing' WHERE id = ?", [member.id])


def test_the_window_says_whose_mail_bounces_and_shows_them(
    qtbot: QtBot, make_window: WindowFactory, db: Database, members: list[Member]
) -> None:
    ann, bob = members[0], members[1]
    _bouncing(db, ann, bob)
    window = make_window()
    view = window.members_view
    model = view.model

    status = table_index(window, ann.email, Column.STATUS)
    assert model.data(status) == "Bouncing"
    assert view.hint_bar.text() == ("2 members’ mail keeps bouncing: delivery to them is paused.")
    assert view.hint_bar.action_button.text() == "Show them"

    view.filter_edit.setText("Gwynedd")  # a filter that hides them
    assert not view.is_shown(ann.id)
    view.select_members([ann.id, bob.id])  # what "Show them" does
    assert view.filter_edit.text() == ""
    assert {m.email for m in view.selected_members()} == {ann.email, bob.email}
    assert window.member_actions.deliver_again.isEnabled()
    assert window.member_actions.deliver_again.isVisible()


def test_show_them_selects_the_bouncing_members(
    qtbot: QtBot, make_window: WindowFactory, db: Database, members: list[Member]
) -> None:
    _bouncing(db, members[1])
    window = make_window()
    view = window.members_view
    assert view.hint_bar.text().startswith("Jones, Bob’s mail keeps bouncing")

    qtbot.mouseClick(view.hint_bar.action_button, Qt.MouseButton.LeftButton)

    assert [m.email for m in view.selected_members()] == ["bob@example.org"]
    assert view.hint_bar.text().startswith("Right-click and choose “Deliver to them again”")
    menu = view.context_menu()
    shown = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    assert "Deliver to t&hem again" in shown
    menu.deleteLater()


def test_deliver_to_them_again_clears_the_score_and_can_be_undone(
    qtbot: QtBot, make_window: WindowFactory, db: Database, members: list[Member]
) -> None:
    ann = members[0]
    _bouncing(db, ann)
    window = make_window()
    view = window.members_view
    view.hint_bar.action_button.click()  # Show them

    window.member_actions.deliver_again.trigger()

    assert get_member(db, ann.id).status is MemberStatus.ACTIVE
    assert bounce_score(db, ann.id, activity.now()) == 0
    assert view.model.data(table_index(window, ann.email, Column.STATUS)) == "Active"
    assert view.hint_bar.text() == ""  # nobody bounces now: the notice went
    assert window.statusBar().currentMessage() == "Deliver to Ann Jones again."
    assert not window.member_actions.deliver_again.isVisible()

    window.undo_actions.undo_change()
    assert get_member(db, ann.id).status is MemberStatus.BOUNCING


def test_the_status_picker_offers_bouncing_only_to_show_it(
    qtbot: QtBot, make_window: WindowFactory, db: Database, members: list[Member]
) -> None:
    ann, bob = members[0], members[1]
    _bouncing(db, ann)
    window = make_window()
    table = window.members_view.table

    def choices(email: str) -> list[str]:
        index = table_index(window, email, Column.STATUS)
        combo = table.delegate.createEditor(table.viewport(), QStyleOptionViewItem(), index)
        assert isinstance(combo, QComboBox)
        texts = [combo.itemText(i) for i in range(combo.count())]
        combo.deleteLater()
        return texts

    assert choices(ann.email) == ["Active", "Bouncing", "Paused", "Left"]
    assert choices(bob.email) == ["Active", "Paused", "Left"]
