"""The composer: writing, formatting, attachments, who gets it, drafts, sending, the demo and
replies. Sending goes to the real test servers."""

from __future__ import annotations

import email
import email.policy
import sqlite3
import threading
from pathlib import Path

import pytest
import shiboken6
from composer_world import inbox_subjects, make_world
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from mailservers import Mailbox, Smtp
from pont.core.archive.reading import thread_messages
from pont.core.archive.threads import list_threads
from pont.core.demo.profile import seed_demo_profile
from pont.core.demo.rehearsal import set_rehearsal_speed
from pont.core.members.groups import Group, GroupMode, get_group
from pont.core.members.members import Member
from pont.core.posting.drafts import Draft, list_drafts
from pont.core.posting.outbox.outbox import PostState, outbox_status, post_status
from pont.ui.composer.window import ComposerWindow, Stage
from pont.ui.outbox.jobs import PostRequest, QueuedPost, queue_job
from pont.ui.shell.main_window import MainWindow

SHOTS = Path("/tmp/pontshots")
SEND_TIMEOUT = 30_000


def new_composer(window: MainWindow) -> ComposerWindow:
    composer = window.post_actions.new_post()
    assert composer is not None
    return composer


def type_into(qtbot: QtBot, composer: ComposerWindow, subject: str, body: str) -> None:
    composer.subject_edit.setText(subject)
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, body)


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # lay out at the size just set
    widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


def test_new_post_opens_a_composer_for_the_group(qtbot: QtBot, window: MainWindow) -> None:
    window.post_actions.new.trigger()
    (composer,) = window.post_actions.composers
    qtbot.addWidget(composer)
    assert composer.isVisible()
    assert composer.windowTitle() == "New post to Wellbeing Network — Pont"
    assert composer.to_label.text() == "Wellbeing Network (2 members)"  # active only
    assert "[Wellbeing]" in composer.subject_edit.placeholderText()
    panel = composer.panel
    assert panel.count_label.text() == "2 members"
    assert panel.left_out_label.text() == "1 member paused, so left out."
    assert panel.mode_label.text() == "Everyone is copied in; replies go to all."
    assert "Set up your mail account" in panel.batches_label.text()  # no account yet
    composer.resize(800, 600)
    shot(composer, "composer-empty.png")


def test_members_whose_mail_bounces_are_said_to_be_left_out(
    qtbot: QtBot, make_window: WindowFactory, db: Database, members: list[Member]
) -> None:
    db.execute("UPDATE members SET status = 'bouncing' WHERE id = ?", [members[1].id])
    composer = new_composer(make_window())
    qtbot.addWidget(composer)
    assert composer.panel.count_label.text() == "1 member"
    assert composer.panel.left_out_label.text() == (
        "1 member paused, so left out. 1 member’s mail keeps bouncing, so left out."
    )


def test_bold_list_and_link_give_html_and_readable_text(qtbot: QtBot, window: MainWindow) -> None:
    composer = new_composer(window)
    qtbot.addWidget(composer)
    editor = composer.editor
    assert editor.parts().html == ""  # nothing formatted: plain text only
    with qtbot.waitActive(composer):  # shortcuts work in the active window
        composer.activateWindow()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Important")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " notes")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.bullets.trigger()
    qtbot.keyClicks(editor, "first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.bullets.trigger()  # ends the list
    qtbot.keyClicks(editor, "See the report")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 6)
    editor.setTextCursor(cursor)
    editor.ask_address = lambda _current: "https://example.org/report"
    editor.ask_link()

    parts = editor.parts()
    assert parts.text == (
        "Important notes\n• first\n• second\nSee the report (https://example.org/report)"
    )
    assert "<b>Important</b> notes" in parts.html
    assert "<ul>\n<li>first</li>\n<li>second</li>\n</ul>" in parts.html
    assert '<a href="https://example.org/report">report</a>' in parts.html


def test_numbered_lists_and_only_web_or_mail_links(qtbot: QtBot, window: MainWindow) -> None:
    composer = new_composer(window)
    qtbot.addWidget(composer)
    editor = composer.editor
    editor.setFocus()
    editor.numbers.trigger()
    qtbot.keyClicks(editor, "one")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "two")
    assert editor.parts().text == "1. one\n2. two"
    assert "<ol>" in editor.parts().html
    editor.selectAll()
    editor.ask_address = lambda _current: "javascript:alert(1)"
    editor.ask_link()
    assert "not a web address" in composer.notice.text()
    assert "href" not in editor.parts().html
    editor.ask_address = lambda _current: "ann@example.org"
    editor.ask_link()
    assert '<a href="mailto:ann@example.org">' in editor.parts().html


def test_attach_by_button_and_by_drop_and_remove(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    composer = new_composer(window)
    qtbot.addWidget(composer)
    agenda = tmp_path / "agenda.pdf"
    agenda.write_bytes(b"%PDF" + b"x" * 2044)
    notes = tmp_path / "notes.txt"
    notes.write_text("Notes\n")
    composer.attach([agenda])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notes)), QUrl.fromLocalFile(str(tmp_path))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    composer.dropEvent(drop)
    box = composer.attachments
    assert box.isVisible()
    assert [box.list.item(i).text() for i in range(box.list.count())] == [
        "agenda.pdf  (2 KB)",
        "notes.txt  (6 bytes)",
    ]
    assert "folders" in composer.notice.text()  # the folder was left out, and why
    assert not box.warning.isVisible()
    box.list.setCurrentRow(0)
    box.remove_selected()
    assert [a.name for a in box.files()] == ["notes.txt"]


def test_attachments_over_the_limit_are_warned_about(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    composer = new_composer(window)
    qtbot.addWidget(composer)
    big = tmp_path / "video.mp4"
    with big.open("wb") as file:
        file.truncate(26 * 1024 * 1024)  # sparse: no real 26 MB written
    composer.attach([big])
    warning = composer.attachments.warning
    assert warning.isVisible()
    assert warning.text().startswith(
        "Together these files come to 27 MB. Email makes files about a third larger, so they "
        "would be more than the 25 MB one message can carry"
    )
    composer.subject_edit.setText("Recording")
    composer.send()
    assert composer.stage is Stage.WRITING  # not sent; still editable
    assert "27 MB" in composer.notice.text()


def test_attachments_are_warned_about_by_their_size_once_encoded(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A 22 MB file passed a check of its size against 25 MB; as base64 it is 30 MB."""
    composer = new_composer(window)
    qtbot.addWidget(composer)
    fits, too_big = tmp_path / "fits.mp4", tmp_path / "too-big.mp4"
    with fits.open("wb") as file:
        file.truncate(18_269_229)  # 24,999,998 bytes encoded
    with too_big.open("wb") as file:
        file.truncate(18_269_230)  # 25,000,002 bytes encoded
    composer.attach([fits])
    assert not composer.attachments.warning.isVisible()
    composer.attachments.set_files(())
    composer.attach([too_big])
    assert composer.attachments.warning.isVisible()
    assert "come to 18 MB. Email makes files about a third larger" in (
        composer.attachments.warning.text()
    )


def test_a_draft_saves_itself_and_its_open_composer_reopens_after_a_restart(
    qtbot: QtBot, window: MainWindow, db: Database, database_path: Path, group: Group
) -> None:
    composer = new_composer(window)
    type_into(qtbot, composer, "Spring meet-up", "We meet in Aberystwyth.")
    qtbot.waitUntil(lambda: len(list_drafts(db)) == 1, timeout=3000)  # by itself, as typed
    (draft,) = list_drafts(db)
    assert (draft.subject, draft.body_text) == ("Spring meet-up", "We meet in Aberystwyth.")
    qtbot.keyClicks(composer.editor, " Bring lunch.")
    window.close()  # Pont closes with the composer open: saved at once, without the timer
    assert list_drafts(db)[0].body_text == "We meet in Aberystwyth. Bring lunch."

    again = MainWindow(db, database_path)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: len(again.post_actions.composers) == 1, timeout=3000)
    reopened = again.post_actions.composers[0]
    qtbot.addWidget(reopened)
    assert reopened.subject_edit.text() == "Spring meet-up"
    assert reopened.editor.toPlainText() == "We meet in Aberystwyth. Bring lunch."
    assert reopened.draft.id == draft.id
    reopened.confirm = lambda *_args: True
    reopened.discard()
    assert list_drafts(db) == []
    again.close()


def test_discard_asks_first_and_keeps_the_draft_on_no(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    composer = new_composer(window)
    type_into(qtbot, composer, "Maybe", "Half a thought")
    composer.drafts.save_now()
    asked: list[str] = []
    composer.confirm = lambda _parent, title, *_rest: asked.append(title) or False
    composer.discard()
    assert asked == ["Discard this post?"] and composer.isVisible()
    assert len(list_drafts(db)) == 1
    composer.close()


def test_the_panel_shows_recipients_batches_and_allowance(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 5, per_message=2)
    window = make_window()
    composer = new_composer(window)
    qtbot.addWidget(composer)
    panel = composer.panel
    assert panel.count_label.text() == "5 members"
    assert panel.mode_label.text().replace("\u200b", "") == (
        f"Sent from the group address {mailbox.email.replace('@', '+practice@')}, members in "
        "Bcc; replies come to the group address."
    )
    assert panel.batches_label.text() == "3 batches of up to 2 people each."
    assert panel.allowance_label.text() == "Your provider sets no daily limit that Pont knows of."
    assert not panel.has_problem()
    assert world.group.mode is GroupMode.GROUP_ADDRESS


def test_copy_all_over_the_limit_is_explained_with_the_switch_offered(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 3, mode=GroupMode.COPY_ALL, per_message=2)
    window = make_window()
    composer = new_composer(window)
    qtbot.addWidget(composer)
    panel = composer.panel
    assert panel.has_problem() and panel.switch_button.isVisible()
    assert "3 members" in panel.problem_label.text()
    assert "at most 2 people" in panel.problem_label.text()
    type_into(qtbot, composer, "Hello", "Everyone")
    composer.send()
    assert composer.stage is Stage.WRITING
    assert "too large to copy everyone in" in composer.notice.text()
    composer.resize(800, 600)
    shot(composer, "composer-copy-all-too-large.png")

    qtbot.mouseClick(panel.switch_button, Qt.MouseButton.LeftButton)
    assert get_group(db, world.group.id).mode is GroupMode.GROUP_ADDRESS
    assert not panel.has_problem() and not panel.switch_button.isVisible()
    assert panel.batches_label.text() == "2 batches of up to 2 people each."


def test_send_shows_progress_and_the_post_arrives(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    mailbox: Mailbox,
    fault_smtp: Smtp,
    tmp_path: Path,
) -> None:
    world = make_world(db, mailbox, fault_smtp, 5, per_message=2)
    window = make_window()
    composer = new_composer(window)
    qtbot.addWidget(composer)
    type_into(qtbot, composer, "Pilot results", "The pilot went well.")
    composer.editor.selectAll()
    composer.editor.bold.trigger()
    handout = tmp_path / "handout.txt"
    handout.write_text("Handout\n")
    composer.attach([handout])
    composer.resize(800, 600)
    shot(composer, "composer-formatted.png")
    composer.drafts.save_now()
    assert len(list_drafts(db)) == 1
    seen: list[str] = []
    fault_smtp.faults.delay = 0.2  # slow enough to see each batch go
    sender = window.post_actions.sender
    sender.progressed.connect(lambda _step: seen.append(composer.progress_box.label.text()))
    composer.send()
    assert composer.stage is Stage.SENDING and composer.progress_box.isVisible()
    assert not composer.toolbar.send_action.isEnabled() and composer.editor.isReadOnly()
    qtbot.waitUntil(lambda: "Sending batch 2 of 3…" in seen, timeout=SEND_TIMEOUT)
    shot(composer, "composer-sending.png")
    qtbot.waitUntil(lambda: composer.stage is Stage.DONE, timeout=SEND_TIMEOUT)

    assert composer.progress_box.label.text() == "Sent to all 5 members."
    assert "Sending batch 1 of 3…" in seen and "Sent to 4 of 5 members." in seen
    assert list_drafts(db) == []  # the outbox holds the post now
    assert composer.post_id is not None
    assert post_status(db, composer.post_id).state is PostState.SENT
    (subject,) = inbox_subjects(mailbox.server, world.members[3])
    assert subject == "[Practice] Pilot results"
    with mailbox.server.imap(world.members[0]) as client:
        client.select_folder("INBOX", readonly=True)
        (uid,) = client.search("ALL")
        raw = client.fetch([uid], ["RFC822"])[uid][b"RFC822"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message.get_body(("plain",)).get_content().startswith("The pilot went well.")
    assert "<b>The pilot went well.</b>" in message.get_body(("html",)).get_content()
    assert [part.get_filename() for part in message.iter_attachments()] == ["handout.txt"]


def test_a_composer_closed_while_preparing_still_sends_the_post(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    mailbox: Mailbox,
    fault_smtp: Smtp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pont.ui.outbox import sender as outbox_sender

    world = make_world(db, mailbox, fault_smtp, 2)
    window = make_window()
    composer = new_composer(window)
    type_into(qtbot, composer, "Closed early", "Sent all the same.")
    gone = threading.Event()

    def queue_once_gone(request: PostRequest) -> QueuedPost:
        assert gone.wait(10)  # the composer is deleted before the post is queued
        return queue_job(request)

    monkeypatch.setattr(outbox_sender, "queue_job", queue_once_gone)
    composer.send()
    assert composer.progress_box.label.text() == "Preparing the post…"
    composer.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(composer), timeout=3000)
    gone.set()

    def sent() -> bool:
        return [p.state for p in outbox_status(db)] == [PostState.SENT]

    qtbot.waitUntil(sent, timeout=SEND_TIMEOUT)  # an exception in a callback fails the test
    assert inbox_subjects(mailbox.server, world.members[1]) == ["[Practice] Closed early"]
    assert list_drafts(db) == []


def test_a_draft_that_cannot_be_forgotten_queues_nothing(
    db: Database,
    database_path: Path,
    mailbox: Mailbox,
    fault_smtp: Smtp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pont.core.posting import drafts

    world = make_world(db, mailbox, fault_smtp, 2)
    draft = drafts.save_draft(
        db, Draft(id=None, group_id=world.group.id, subject="Twice?", body_text="Once only.")
    )
    assert draft.id is not None
    forget = drafts.delete_draft

    def forget_then_fail(database: Database, draft_id: int) -> None:
        forget(database, draft_id)  # the draft goes, then the transaction must bring it back
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(drafts, "delete_draft", forget_then_fail)
    request = PostRequest(database_path, world.group.id, world.account, draft.content(), draft.id)
    with pytest.raises(sqlite3.OperationalError):
        queue_job(request)
    assert outbox_status(db) == []  # so Send again queues it once
    assert [d.id for d in list_drafts(db)] == [draft.id]


def test_a_refused_password_pauses_with_what_to_do(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    from pont.core.mail.credentials import store_password

    make_world(db, mailbox, fault_smtp, 2)
    store_password(mailbox.email, "not-the-password")
    window = make_window()
    composer = new_composer(window)
    qtbot.addWidget(composer)
    type_into(qtbot, composer, "Hello", "Everyone")
    composer.send()
    qtbot.waitUntil(lambda: composer.progress_box.resume_button.isVisible(), timeout=SEND_TIMEOUT)
    text = composer.progress_box.label.text()
    assert text.startswith("Sending paused after 0 of 2 members:")
    assert "choose Resume to type the password again" in text

    asked: list[str] = []

    def answer(_parent: object, address: str) -> tuple[str, bool]:
        asked.append(address)
        return mailbox.password, False

    window.post_actions.sender.ask_password = answer
    store_password(mailbox.email, "")
    composer.progress_box.resume()
    qtbot.waitUntil(lambda: composer.stage is Stage.DONE, timeout=SEND_TIMEOUT)
    assert asked == [mailbox.email]
    assert composer.progress_box.label.text() == "Sent to all 2 members."


def test_demo_send_goes_through_the_outbox_in_batches_then_a_member_replies(
    qtbot: QtBot, make_window: WindowFactory, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's whole journey: composer, Send, the Outbox showing the batches go (to the
    rehearsal mail world, sped up), the Sent copy in Conversations, then a member's reply;
    nothing connects anywhere."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the demo tried to connect: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    seed_demo_profile(db)
    set_rehearsal_speed(db, 300.0)  # a rehearsal minute in a fifth of a second
    window = make_window(demo=True)
    group = window.group
    assert group is not None
    threads_before = len(list_threads(db, group.id))
    composer = new_composer(window)
    qtbot.addWidget(composer)
    assert composer.demo_note.isVisible()
    assert "nothing is really sent" in composer.demo_note.text()
    assert composer.panel.batches_label.text() == "4 batches of up to 9 people each."
    assert "nothing is really sent" in composer.panel.allowance_label.text()
    outbox = window.post_actions.show_outbox()
    qtbot.addWidget(outbox)
    assert outbox.demo_note.isVisible() and "rehearsal" in outbox.demo_note.text()
    seen: list[str] = []
    window.post_actions.sender.progressed.connect(
        lambda _step: seen.extend([outbox.progress_label.text(), outbox.details.text()])
    )
    type_into(qtbot, composer, "Welcome, newcomers", "Say hello below.")
    composer.send()
    qtbot.waitUntil(lambda: composer.stage is Stage.DONE, timeout=SEND_TIMEOUT)
    assert composer.progress_box.label.text() == "Sent to all 35 members."
    assert any("Sending batch 2 of 4" in text for text in seen)
    assert any("Sent to 18 of 35 members" in text for text in seen)
    # Between paced batches the post is still going, not waiting for Resume.
    assert any("so far; the rest follows" in text for text in seen)
    assert not any("choose Resume" in text for text in seen)
    outbox.reload()
    top = outbox.tree.topLevelItem(0)
    assert top is not None and top.text(2) == "Sent"
    batches = [top.child(n) for n in range(top.childCount())]
    assert [(b.text(0), b.text(2)) for b in batches] == [
        (f"Batch {n}", "Sent") for n in (1, 2, 3, 4)
    ]
    (post,) = outbox_status(db)
    assert post.state is PostState.SENT and post.sent_copy_saved

    # The Sent copy is in Conversations, and a member's reply follows it there.
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None
    qtbot.waitUntil(lambda: "replied" in window.statusBar().currentMessage(), timeout=5000)
    threads = list_threads(db, group.id)
    assert len(threads) == threads_before + 1
    newest = next(t for t in threads if t.subject == "Welcome, newcomers")
    assert newest.message_count == 2
    qtbot.waitUntil(lambda: view.threads.rowCount() == len(threads), timeout=3000)
    assert list_drafts(db) == []


def test_reply_to_group_threads_and_quotes(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    seed_demo_profile(db)
    set_rehearsal_speed(db, 600.0)
    window = make_window(demo=True)
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None
    view.table.selectRow(0)
    thread = view.reader.thread
    assert thread is not None
    replied = view.reader.messages()[-1]
    assert view.reply_button.isEnabled()
    window.resize(1100, 700)
    shot(window, "main-window-reply-button.png")
    qtbot.mouseClick(view.reply_button, Qt.MouseButton.LeftButton)
    (composer,) = window.post_actions.composers
    qtbot.addWidget(composer)
    assert composer.windowTitle().startswith("Reply to Wellbeing Network")
    subject = composer.subject_edit.text()
    assert subject.startswith("Re: [Wellbeing] ") and subject.count("[Wellbeing]") == 1
    assert composer.draft.in_reply_to == replied.message_key
    assert composer.draft.references[-1] == replied.message_key
    assert composer.quote_check.isVisible() and composer.quote_check.isChecked()
    author = replied.sender.name if replied.sender else ""
    assert composer.quote_check.text() == f"Include {author}’s &message under yours"
    type_into(qtbot, composer, subject, "Thank you, this helps.")
    window.resize(1100, 700)
    shot(composer, "composer-reply.png")
    composer.send()
    qtbot.waitUntil(lambda: composer.stage is Stage.DONE, timeout=SEND_TIMEOUT)

    messages = thread_messages(db, thread.id)
    mine = next(m for m in messages if m.body_text.startswith("Thank you, this helps."))
    assert f"{author} wrote:" in mine.body_text
    first_line = replied.body_text.strip().splitlines()[0]
    assert f"> {first_line}".rstrip() in mine.body_text
    (in_reply_to, refs) = db.execute(
        "SELECT in_reply_to, refs FROM messages WHERE message_key = ?", [mine.message_key]
    ).fetchone()
    assert in_reply_to == replied.message_key and replied.message_key in refs


def test_reply_without_their_message(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    seed_demo_profile(db)
    set_rehearsal_speed(db, 600.0)
    window = make_window(demo=True)
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None
    view.table.selectRow(0)
    thread = view.reader.thread
    assert thread is not None
    view.reply()
    (composer,) = window.post_actions.composers
    qtbot.addWidget(composer)
    composer.quote_check.setChecked(False)
    type_into(qtbot, composer, composer.subject_edit.text(), "Short reply.")
    composer.send()
    qtbot.waitUntil(lambda: composer.stage is Stage.DONE, timeout=SEND_TIMEOUT)
    mine = next(m for m in thread_messages(db, thread.id) if m.body_text.startswith("Short reply."))
    assert "wrote:" not in mine.body_text


def test_the_new_post_action_needs_a_group(window: MainWindow) -> None:
    assert window.post_actions.new.isEnabled()
    window.show_group(0)
    assert not window.post_actions.new.isEnabled()
