"""A private reply to a post's sender and a forward (issue 15 item 10): built, queued in the
real outbox to exactly one person, and delivered by the test SMTP server into Dovecot."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from composer_world import World, inbox_subjects, make_world
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from mailservers import Mailbox, MailServer, Smtp, wait_for_deliveries
from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.threads import rebuild_threads
from pont.core.posting.outbox.outbox import PostState, post_status
from pont.ui.composer.direct import DirectComposer, DirectKind
from pont.ui.conversations.view import ConversationsView
from pont.ui.shell.main_window import MainWindow

SHOTS = Path("/tmp/pontshots")
SEND_TIMEOUT = 30_000
REPORT = b"%PDF-1.4 the report\n" + bytes(range(256)) * 20


def archive_post(db: Database, world: World, *, attachment: bool = False) -> str:
    """A member's post in the group's archive, as a sync would file it; its Message-ID."""
    message = EmailMessage()
    message["From"] = f"Person 0 <{world.members[0]}>"
    message["To"] = f"Practice Circle <{world.account.email}>"
    message["Subject"] = "Re: [Practice] Winter rota"
    message["Date"] = "Tue, 1 Apr 2025 10:00:00 +0000"
    message["Message-ID"] = "<rota-2@example.org>"
    message["In-Reply-To"] = "<rota-1@example.org>"
    message["References"] = "<rota-1@example.org>"
    message.set_content("I can take the Tuesday shifts.\nLet me know.")
    if attachment:
        message.add_attachment(
            REPORT, maintype="application", subtype="pdf", filename="rota report.pdf"
        )
    raw = message.as_bytes()
    with db.atomic():
        store_message(db, parse_message(raw), raw, {world.group.id: "list-id"})
    rebuild_threads(db, [world.group.id])
    return "rota-2@example.org"


def conversations(qtbot: QtBot, window: MainWindow) -> ConversationsView:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None
    view.reload()
    view.open_thread(view.threads.thread(0).id)
    return view


def answers_asked(view: ConversationsView) -> list[tuple[str, int]]:
    """Which answers the view asks for, and for which message: no windows open."""
    asked: list[tuple[str, int]] = []
    for name, signal in (
        ("group", view.reply_requested),
        ("sender", view.private_reply_requested),
        ("forward", view.forward_requested),
    ):
        signal.disconnect()
        signal.connect(lambda m, name=name: asked.append((name, m.id)))
    return asked


def open_direct(qtbot: QtBot, view: ConversationsView, keys: str) -> DirectComposer:
    view.table.setFocus()
    key = Qt.Key.Key_R if keys.endswith("R") else Qt.Key.Key_L
    qtbot.keyClick(view.table, key, Qt.KeyboardModifier.ControlModifier)
    [composer] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, DirectComposer) and w.isVisible()
    ]
    return composer


def inbox(server: MailServer, user: str) -> list[email.message.EmailMessage]:
    wait_for_deliveries()
    with server.imap(user) as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search("ALL")
        fetched = client.fetch(uids, ["RFC822"]) if uids else {}
    return [
        email.message_from_bytes(data[b"RFC822"], policy=email.policy.default)  # type: ignore[misc]
        for data in fetched.values()
    ]


def recipients(db: Database, post_id: int) -> list[str]:
    """Everyone the outbox holds for the post, in every batch."""
    return [
        row[0]
        for row in db.execute(
            "SELECT r.email FROM batch_recipients r JOIN batches b ON b.id = r.batch_id"
            " WHERE b.post_id = ?",
            [post_id],
        )
    ]


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


def test_a_private_reply_goes_to_the_sender_alone_through_the_outbox(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 3)
    key = archive_post(db, world)
    view = conversations(qtbot, make_window())
    composer = open_direct(qtbot, view, "Ctrl+R")  # Thunderbird's reply to sender
    assert composer.kind is DirectKind.PRIVATE_REPLY
    assert composer.to_edit.text() == f"Person 0 <{world.members[0]}>"
    assert composer.to_edit.isReadOnly()
    assert composer.subject_edit.text() == "Re: [Practice] Winter rota"
    assert composer.windowTitle() == "Reply to Person 0 — Pont"
    assert "The group does not see it" in composer.about.text()
    qtbot.keyClicks(composer.body, "Tuesday is yours, thank you.")
    shot(composer, "direct-private-reply.png")
    composer.send()
    qtbot.waitUntil(lambda: composer.post_id is not None, timeout=SEND_TIMEOUT)
    post_id = composer.post_id
    qtbot.waitUntil(lambda: post_status(db, post_id).state is PostState.SENT, timeout=SEND_TIMEOUT)
    assert recipients(db, post_id) == [world.members[0]]
    assert db.execute("SELECT kind FROM posts WHERE id = ?", [post_id]).fetchone() == ("reply",)
    [received] = inbox(mailbox.server, world.members[0])
    assert received["Subject"] == "Re: [Practice] Winter rota"
    assert received["In-Reply-To"] == f"<{key}>"
    assert received["References"] == f"<rota-1@example.org> <{key}>"
    assert received["To"] == f"Person 0 <{world.members[0]}>"
    assert "List-Id" not in received and "List-Unsubscribe" not in received
    text = received.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("Tuesday is yours, thank you.")
    assert "Person 0 wrote:" in text and "> I can take the Tuesday shifts." in text
    for other in world.members[1:]:  # the group does not get it
        assert inbox_subjects(mailbox.server, other) == []
    assert post_status(db, post_id).state is PostState.SENT  # and it stays sent once


def test_forward_keeps_the_attachments_and_checks_the_address(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 3)
    archive_post(db, world, attachment=True)
    view = conversations(qtbot, make_window())
    composer = open_direct(qtbot, view, "Ctrl+L")
    assert composer.kind is DirectKind.FORWARD
    assert composer.windowTitle() == "Forward “Re: [Practice] Winter rota” — Pont"
    assert composer.about.textFormat() == Qt.TextFormat.PlainText
    assert composer.subject_edit.text() == "Fwd: Re: [Practice] Winter rota"
    assert "rota report.pdf" in composer.about.text()
    body = composer.body.toPlainText()
    assert "-------- Forwarded message --------" in body
    assert f"From: Person 0 <{world.members[0]}>" in body
    assert "Subject: Re: [Practice] Winter rota" in body
    assert "I can take the Tuesday shifts." in body
    qtbot.keyClicks(composer.to_edit, "not an address")
    composer.send()
    assert composer.notice.isVisible()
    assert "is not a usable email address" in composer.notice.label.text()
    assert composer.post_id is None
    target = world.members[2]
    composer.to_edit.setText(f"  {target} ")
    composer.body.moveCursor(composer.body.textCursor().MoveOperation.Start)
    qtbot.keyClicks(composer.body, "For your files.")
    composer.resize(640, 480)
    shot(composer, "direct-forward.png")
    composer.send()
    qtbot.waitUntil(lambda: composer.post_id is not None, timeout=SEND_TIMEOUT)
    post_id = composer.post_id
    qtbot.waitUntil(lambda: post_status(db, post_id).state is PostState.SENT, timeout=SEND_TIMEOUT)
    assert recipients(db, post_id) == [target]
    [received] = inbox(mailbox.server, target)
    assert received["Subject"] == "Fwd: Re: [Practice] Winter rota"
    assert "In-Reply-To" not in received
    text = received.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("For your files.") and "Forwarded message" in text
    [attached] = list(received.iter_attachments())
    assert attached.get_filename() == "rota report.pdf"
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_content() == REPORT
    assert inbox_subjects(mailbox.server, world.members[0]) == []


@pytest.mark.parametrize("link", ["sender", "forward"])
def test_each_message_in_the_reader_has_its_own_links(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp,
    link: str,
) -> None:  # fmt: skip
    world = make_world(db, mailbox, fault_smtp, 1)
    archive_post(db, world)
    view = conversations(qtbot, make_window())
    html = view.reader.toHtml()
    message = view.reader.messages()[0]
    assert f"pont-answer:{link}/{message.id}" in html
    opened: list[object] = []
    view.private_reply_requested.connect(opened.append)
    view.forward_requested.connect(opened.append)
    from PySide6.QtCore import QUrl

    view.reader.anchorClicked.emit(QUrl(f"pont-answer:{link}/{message.id}"))
    assert opened == [message]
    view.reader.anchorClicked.emit(QUrl("pont-answer:sender/999999"))  # none such: nothing
    view.reader.anchorClicked.emit(QUrl("pont-answer:evil/1"))
    assert len(opened) == 1


def test_closing_with_words_written_asks_first(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 1)
    archive_post(db, world)
    view = conversations(qtbot, make_window())
    composer = open_direct(qtbot, view, "Ctrl+R")
    asked: list[str] = []
    composer.confirm = lambda _parent, title, *_rest: asked.append(title) or False  # type: ignore[method-assign]
    qtbot.keyClicks(composer.body, "Half a thought")
    qtbot.keyClick(composer, Qt.Key.Key_Escape)
    assert asked == ["Discard this message?"] and composer.isVisible()
    composer.confirm = lambda *_args: True  # type: ignore[method-assign]
    composer.close()
    assert not composer.isVisible()
    untouched = open_direct(qtbot, view, "Ctrl+L")
    untouched.confirm = lambda *_args: pytest.fail("nothing was written")  # type: ignore[method-assign]
    untouched.close()
    assert not untouched.isVisible()


def test_thunderbirds_shortcuts_answer_from_anywhere_in_the_tab(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 1)
    archive_post(db, world)
    view = conversations(qtbot, make_window())
    asked = answers_asked(view)
    latest = view.reader.messages()[-1].id
    view.search_edit.setFocus()  # anywhere in the tab
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view.search_edit, Qt.Key.Key_R, ctrl | shift)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_R, ctrl)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_L, ctrl)
    assert asked == [("group", latest), ("sender", latest), ("forward", latest)]


def test_the_post_menu_answers_the_message_shown_in_conversations(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    """Post ▸ Reply to group / Reply to sender / Forward, with the same shortcuts, for the
    message the Conversations tab shows; off while another tab is shown."""
    world = make_world(db, mailbox, fault_smtp, 1)
    archive_post(db, world)
    window = make_window()
    tab = window.conversations_tab
    answers = [tab.reply_action, tab.private_reply_action, tab.forward_action]
    assert [a for a in window.post_menu.actions() if a in answers] == answers
    assert [a.shortcut().toString() for a in answers] == ["Ctrl+Shift+R", "Ctrl+R", "Ctrl+L"]
    assert [a.isEnabled() for a in answers] == [False, False, False]  # the members are shown

    view = conversations(qtbot, window)
    assert [a.isEnabled() for a in answers] == [True, True, True]
    asked = answers_asked(view)
    for action in answers:
        action.trigger()
    latest = view.reader.messages()[-1].id
    assert asked == [("group", latest), ("sender", latest), ("forward", latest)]

    window.tabs.setCurrentWidget(window.members_view)
    assert [a.isEnabled() for a in answers] == [False, False, False]
    window.members_view.table.setFocus()
    qtbot.keyClick(window.members_view.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 3  # Ctrl+R on the members answers nothing


def test_in_the_demo_a_private_reply_goes_to_the_rehearsal_alone(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    view = conversations(qtbot, demo_window)
    composer = open_direct(qtbot, view, "Ctrl+R")
    qtbot.keyClicks(composer.body, "Thanks!")
    composer.send()
    qtbot.waitUntil(lambda: composer.post_id is not None)
    assert db.execute("SELECT kind FROM posts").fetchall() == [("reply",)]
    recipients = db.execute("SELECT count(*) FROM batch_recipients").fetchone()
    assert recipients == (1,)  # one person, through the demo's rehearsal outbox

    def sent() -> None:
        assert db.execute("SELECT state FROM batches").fetchall() == [("sent",)]

    qtbot.waitUntil(sent, timeout=10_000)
