"""The Held posts window: reached from the Post menu, which counts what waits; each post's
reason and text; a reply sent through the outbox to the sender alone; the empty state says
what held posts are; keyboard, names, and Welsh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from composer_world import make_world
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPlainTextEdit, QTreeWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory, shown_emails

from core.group_mail.held_world import hold, stranger_address, stranger_post
from mailservers import DOMAIN, Mailbox, Smtp
from pont.core.group_mail.held import HeldState, HoldReason, get_held
from pont.core.group_mail.relay import too_large_detail
from pont.core.members.groups import GroupMode, set_group_sending
from pont.core.members.members import list_members
from pont.ui.group_mail.held_view import HeldPostsDialog
from pont.ui.language import install_language

SHOTS = Path("/tmp/pontshots")
SEND_TIMEOUT = 30_000


def test_a_strangers_post_waits_and_a_rejection_reaches_only_them(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 3)
    now = datetime.now(UTC)
    stranger = stranger_address(DOMAIN)
    account, group = world.account, world.group
    first = hold(
        db, account, group, stranger_post(account, group, stranger), now - timedelta(hours=3)
    )
    hold(
        db, account, group,
        stranger_post(account, group, stranger_address(DOMAIN), "Cheap pills", name="Spam"),
        now, HoldReason.MODERATED,
    )  # fmt: skip
    window = make_window()

    held = window.held_actions
    assert held.open in window.post_menu.actions()
    assert held.open.text() == "&Held posts (2)…" and held.open.isEnabled()
    qtbot.waitUntil(lambda: "2 held posts" in window.group_mail_label.text())

    held.open.trigger()
    dialog = held.show_held()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Held posts: Practice Circle — Pont"
    rows = [dialog.tree.topLevelItem(n).text(1) for n in range(dialog.tree.topLevelItemCount())]
    assert rows == ["Can I share our event?", "Cheap pills"]
    assert dialog.current_post() is not None and dialog.current_post().id == first
    assert dialog.reason_label.text() == (
        f"The sender, {stranger}, is not a member of Practice Circle."
    )
    assert "peer support evening in Aberystwyth" in dialog.preview.toPlainText()
    assert dialog.facts_label.text().startswith(f"From Sam Stranger <{stranger}> · ")
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "held_posts.png"))

    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    # The decision runs on a worker: the click returns at once, the window stays live.
    assert dialog.result_label.text() == "Rejecting “Can I share our event?”…"
    assert not dialog.reject_button.isEnabled()  # no second decision while one runs
    qtbot.waitUntil(
        lambda: (
            dialog.result_label.text()
            == f"Rejected “Can I share our event?”: a polite reply is on its way to {stranger}."
        )
    )
    assert get_held(db, first).state is HeldState.REJECTED
    assert [dialog.tree.topLevelItem(0).text(1)] == ["Cheap pills"]
    assert held.open.text() == "&Held posts (1)…"

    def replied() -> None:
        assert [sorted(e.rcpt_tos) for e in fault_smtp.received] == [
            sorted([stranger, mailbox.email])
        ]

    qtbot.waitUntil(replied, timeout=SEND_TIMEOUT)

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # silently
    silenced = "Rejected “Cheap pills” silently: nothing was sent."
    qtbot.waitUntil(lambda: dialog.result_label.text() == silenced)  # a mnemonic clicks soon
    assert dialog.pages.currentWidget() is dialog.empty_state
    assert held.open.text() == "&Held posts…"
    assert "held post" not in window.group_mail_label.text()
    assert not dialog.approve_button.isVisible()
    qtbot.wait(300)
    assert len(fault_smtp.received) == 1  # silence sends nothing


def test_the_empty_state_says_what_held_posts_are_in_english_and_welsh(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 1)
    window = make_window()
    assert "held post" not in window.group_mail_label.text()
    dialog = window.held_actions.show_held()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.pages.currentWidget() is dialog.empty_state
    assert dialog.empty_state.title_label.text() == "No held posts"
    text = dialog.empty_state.text_label.text()
    assert "When someone who is not a member writes to Practice Circle’s address" in text
    assert "within 14 days expire" in text
    dialog.resize(860, 560)
    dialog.grab().save(str(SHOTS / "held_posts_empty.png"))
    copying = set_group_sending(db, world.group.id, mode=GroupMode.COPY_ALL)
    dialog.set_group(copying)
    assert dialog.empty_state.text_label.text().startswith(
        "Practice Circle copies everyone in, so replies go straight to every member and "
        "nothing is held."
    )
    dialog.set_group(world.group)
    dialog.close()

    app = QApplication.instance()
    assert isinstance(app, QCoreApplication)
    assert install_language(app, "cy")
    welsh = HeldPostsDialog(window, window.database, window._database_path)
    qtbot.addWidget(welsh)
    welsh.set_group(world.group)
    assert welsh.windowTitle() == "Negeseuon wedi’u dal: Practice Circle — Pont"
    assert welsh.approve_button.text() == "&Cymeradwyo"
    assert welsh.empty_state.title_label.text() == "Dim negeseuon wedi’u dal"
    assert welsh.empty_state.text_label.text().startswith(
        "Pan fydd rhywun nad yw’n aelod yn ysgrifennu at gyfeiriad Practice Circle"
    )
    welsh.resize(860, 560)
    welsh.grab().save(str(SHOTS / "held_posts_cy.png"))


def test_approve_and_add_as_member_is_reachable_by_keyboard_and_named(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    account, group = world.account, world.group
    sender = stranger_address(DOMAIN)
    held_id = hold(db, account, group, stranger_post(account, group, sender), datetime.now(UTC))
    window = make_window()
    dialog = window.held_actions.show_held()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)

    for widget in dialog.findChildren(QAbstractButton):
        if widget.isVisible():
            assert widget.text().replace("&", "").strip() or widget.accessibleName()
    for widget in (*dialog.findChildren(QTreeWidget), *dialog.findChildren(QPlainTextEdit)):
        assert widget.accessibleName()
    mnemonics = {
        button.text().partition("&")[2][:1].lower()
        for button in (dialog.approve_button, dialog.add_button, dialog.reject_button,
                       dialog.spam_button)
    }  # fmt: skip
    assert len(mnemonics) == 4  # each decision its own key

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Tab)
    assert dialog.preview.hasFocus()  # the list, then the message, then the decisions
    qtbot.keyClick(dialog.preview, Qt.Key.Key_Tab)
    assert dialog.approve_button.hasFocus()
    qtbot.keyClick(dialog.approve_button, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: get_held(db, held_id).state is HeldState.REJECTED)
    assert dialog.pages.currentWidget() is dialog.empty_state


def test_approving_and_adding_by_keyboard_relays_the_post_and_adds_the_sender(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    account, group = world.account, world.group
    sender = stranger_address(DOMAIN)
    raw = stranger_post(account, group, sender, "Open evening")
    held_id = hold(db, account, group, raw, datetime.now(UTC))
    key = get_held(db, held_id).message_key
    window = make_window()
    dialog = window.held_actions.show_held()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tree.setFocus()

    qtbot.keyClick(dialog.tree, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    added = (
        f"Approved “Open evening”: it is on its way to the members, and {sender} is now a member."
    )

    def said() -> None:
        assert dialog.result_label.text() == added

    qtbot.waitUntil(said)
    assert get_held(db, held_id).state is HeldState.APPROVED
    assert sender in [m.email for m in list_members(db, group.id)]
    assert sender in shown_emails(window)  # the table shows the newcomer

    def relayed() -> None:
        assert len(fault_smtp.received) == 1
        envelope = fault_smtp.received[0]
        assert sorted(envelope.rcpt_tos) == sorted([*world.members, mailbox.email])
        assert key.encode() in (envelope.original_content or b"")

    qtbot.waitUntil(relayed, timeout=SEND_TIMEOUT)


def test_a_post_too_large_to_relay_offers_only_rejection(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 1)
    account, group = world.account, world.group
    raw = stranger_post(account, group, stranger_address(DOMAIN), "Slides")
    detail = too_large_detail(31_000_000, 25_000_000)
    hold(db, account, group, raw, datetime.now(UTC), HoldReason.TOO_LARGE, detail)
    window = make_window()
    dialog = window.held_actions.show_held()
    assert dialog is not None
    qtbot.addWidget(dialog)

    assert dialog.reason_label.text() == (
        "The message is 31 MB, more than the 25 MB your provider takes in one message."
    )
    assert not dialog.approve_button.isEnabled() and not dialog.add_button.isEnabled()
    assert dialog.reject_button.isEnabled() and dialog.spam_button.isEnabled()
