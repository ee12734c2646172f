"""The Requests window: join and leave requests by email, approved or rejected in a click."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

sys.path.insert(0, str(Path(__file__).parents[2] / "core" / "group_mail"))

from requests_world import (  # noqa: E402
    CARYS,
    arrive,
    coordinator_account,
    handle,
    message,
    queued,
)

from pont.core.group_mail.requests import RequestState, list_requests  # noqa: E402
from pont.core.members.groups import Group  # noqa: E402
from pont.core.members.members import Member, MemberStatus, find_member  # noqa: E402
from pont.ui.group_mail.requests_view import RequestsDialog  # noqa: E402
from pont.ui.shell.main_window import MainWindow  # noqa: E402


@pytest.fixture
def asked(db: Database, group: Group, members: list[Member]) -> None:
    """Carys asks to join; Bob, a member, asks to leave."""
    account = coordinator_account(db)
    arrive(db, account, message("Ymuno", CARYS))
    arrive(db, account, message("Leave Wellbeing Network", f"Bob <{members[1].email}>"))
    handle(db, account)


def rows(dialog: RequestsDialog) -> list[list[str]]:
    tree = dialog.tree
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
        for i in range(tree.topLevelItemCount())
    ]


def choose(dialog: RequestsDialog, row: int) -> None:
    dialog.tree.clearSelection()
    dialog.tree.topLevelItem(row).setSelected(True)


def test_a_leave_is_one_click_and_a_join_waits_for_its_confirmation(
    qtbot: QtBot, db: Database, asked: None, members: list[Member], window: MainWindow
) -> None:
    dialog = window.show_requests()
    qtbot.addWidget(dialog)
    shown = rows(dialog)
    assert [(r[0], r[1], r[2], r[4]) for r in shown] == [
        ("Join", "Carys Evans <carys@example.net>", "Wellbeing Network", "Waiting for you"),
        ("Leave", f"Bob <{members[1].email}>", "Wellbeing Network", "Waiting for you"),
    ]
    sent: list[bool] = []
    dialog.mail_queued.connect(lambda: sent.append(True))

    choose(dialog, 1)
    with qtbot.waitSignal(dialog.members_changed):
        assert dialog.approve_selected() == 1
    assert find_member(db, members[0].group_id, members[1].email).status is MemberStatus.LEFT
    assert sent == [True]
    assert dialog.result_label.text().startswith("Approved the request.")
    # Bob's goodbye went to the outbox; Bob now shows as left in the members table.
    assert queued(db)[-1][2] == "You have left Wellbeing Network"
    assert (
        window.members_view.model.member(
            window.members_view.model.row_of(members[1].id) or 0
        ).status
        is MemberStatus.LEFT
    )

    choose(dialog, 0)
    assert dialog.approve_selected() == 1
    assert rows(dialog)[0][4] == "Waiting for them to confirm"
    assert queued(db)[-1][2].startswith("Confirm ")
    assert not dialog.approve_button.isEnabled() and dialog.reject_button.isEnabled()

    assert dialog.reject_selected() == 1
    assert dialog.empty_label.isVisibleTo(dialog) and rows(dialog) == []
    dialog.show_all.setChecked(True)
    assert [r[4] for r in rows(dialog)] == ["Rejected", "Done"]
    assert [r.state for r in list_requests(db, waiting_only=False)] == [
        RequestState.REJECTED, RequestState.DONE
    ]  # fmt: skip


def test_the_requests_window_in_welsh_and_its_picture(
    qtbot: QtBot, asked: None, window: MainWindow
) -> None:
    dialog = window.show_requests()
    qtbot.addWidget(dialog)
    assert dialog.tree.accessibleName() and dialog.result_label.accessibleName()
    dialog.grab().save("/tmp/requests_view.png")
