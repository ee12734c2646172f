"""The window's actions for posts: New post, Reply to group, the Outbox, and the drafts that
reopen at start-up. The composer and the outbox code load when first used."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pont.core.members.groups import Group

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.reading import ArchivedMessage
    from pont.core.posting.drafts import Draft
    from pont.ui.accounts.session_passwords import SessionPasswords
    from pont.ui.composer.reply import ReplySource
    from pont.ui.composer.window import ComposerWindow
    from pont.ui.outbox.sender import OutboxSender
    from pont.ui.outbox.view import OutboxDialog


class PostActions(QObject):
    """Opens composers (one window per post) and the Outbox window, and owns the outbox's
    sender. Drafts left from last time reopen in their composers when the profile opens:
    an unsent post is unfinished work the coordinator meant to send, so it comes back in
    front of them as they left it, rather than behind a notice they might dismiss.

    In the demo the outbox sends to the rehearsal mail world (pont.core.demo.rehearsal), whose
    filing of the Sent copy and, a few seconds later, of a member's reply it announces.

    Signals:
        archive_changed(): a post or a member's reply was filed in the archive (the demo).
        status_message(str): a sentence for the status bar.
    """

    archive_changed = Signal()
    status_message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        database: Callable[[], Database],
        database_path: Path,
        passwords: SessionPasswords,
        demo: bool = False,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._database_path = database_path
        self._passwords = passwords
        self._demo = demo
        self._group: Group | None = None
        self._sender: OutboxSender | None = None
        self._outbox: OutboxDialog | None = None
        self.composers: list[ComposerWindow] = []
        self._closing = False

        self.new = QAction(self.tr("&New post…"), self)
        # Ctrl+N adds a member; Ctrl+M is Thunderbird's new message, Ctrl+Shift+M Outlook's.
        self.new.setShortcuts([QKeySequence("Ctrl+M"), QKeySequence("Ctrl+Shift+M")])
        self.new.setToolTip(self.tr("Write to the group’s members (Ctrl+M)"))
        self.new.triggered.connect(self.new_post)
        self.outbox = QAction(self.tr("&Outbox…"), self)
        self.outbox.setToolTip(self.tr("Posts being sent, waiting, or not delivered"))
        self.outbox.triggered.connect(self.show_outbox)
        self.set_group(None)

    def set_group(self, group: Group | None) -> None:
        self._group = group
        self.new.setEnabled(group is not None)

    @property
    def sender(self) -> OutboxSender:
        if self._sender is None:
            from pont.ui.outbox.sender import OutboxSender

            self._sender = OutboxSender(
                self._window, self._database, self._database_path, self._passwords
            )
            if self._demo:
                self._sender.run_finished.connect(self._rehearsal_run_finished)
        return self._sender

    # -- composers ------------------------------------------------------------------------

    def new_post(self) -> ComposerWindow | None:
        if self._group is None:
            return None
        from pont.core.posting.drafts import Draft

        return self.open_draft(Draft(None, self._group.id))

    def reply_to(self, message: ArchivedMessage) -> ComposerWindow | None:
        """A composer replying to an archived message, in the shown group."""
        if self._group is None:
            return None
        from pont.core.posting.drafts import Draft
        from pont.core.posting.posts import tagged_subject
        from pont.ui.composer.reply import reply_source

        source = reply_source(message)
        draft = Draft(
            None,
            self._group.id,
            subject=tagged_subject(source.subject, self._group.tag, reply=True),
            in_reply_to=source.message_key,
            references=source.thread_keys(),
        )
        return self.open_draft(draft, source)

    def open_draft(self, draft: Draft, reply: ReplySource | None = None) -> ComposerWindow:
        from pont.ui.composer.window import ComposerServices, ComposerWindow

        if reply is None and draft.in_reply_to:
            from pont.ui.composer.reply import find_reply_source

            reply = find_reply_source(self._database(), draft.in_reply_to)
        services = ComposerServices(
            self._database,
            self._database_path,
            self.sender,
            self._demo,
            self.archive_changed.emit,
        )
        composer = ComposerWindow(services, draft, reply)
        self.composers.append(composer)
        composer.closed.connect(lambda: self._forget(composer))
        composer.show()
        composer.activateWindow()
        return composer

    def _forget(self, composer: ComposerWindow) -> None:
        if composer in self.composers:
            self.composers.remove(composer)

    def reopen_drafts(self) -> list[ComposerWindow]:
        """Open a composer for each draft left from last time (oldest at the back)."""
        from pont.core.posting.drafts import list_drafts

        shown = {composer.draft.id for composer in self.composers}
        drafts = [d for d in list_drafts(self._database()) if d.id not in shown]
        opened = [self.open_draft(draft) for draft in reversed(drafts)]
        if drafts:
            count = len(drafts)
            self.status_message.emit(
                self.tr("Your unsent post is open again.")
                if count == 1
                else self.tr("Your {n} unsent posts are open again.").format(n=count)
            )
        return opened

    # -- the outbox -----------------------------------------------------------------------

    def start(self) -> None:
        """Once the profile is open: send what a previous session left in the outbox, when
        the password is to hand (never asking at start-up)."""
        if self._demo:
            from pont.core.demo.rehearsal import replies_due

            if replies_due(self._database()):  # answers owed when the demo last closed
                self._deliver_demo_replies()
        from pont.core.posting.outbox.outbox import PostState, outbox_status

        unfinished = (PostState.QUEUED, PostState.SENDING)
        if any(p.state in unfinished for p in outbox_status(self._database())):
            self.sender.resume(ask=False)

    def show_outbox(self) -> OutboxDialog:
        from pont.ui.outbox.view import OutboxDialog

        if self._outbox is None:
            self._outbox = OutboxDialog(self._window, self._database, self.sender)
            if self._demo:
                from pont.core.demo.rehearsal import rehearsal_speed

                minute = 60.0 / rehearsal_speed(self._database())
                self._outbox.demo_note.setText(
                    self.tr(
                        "Demo: these batches go to a rehearsal mail world, not to anyone. "
                        "They go a minute apart, as your provider would want, and in the demo "
                        "a minute takes {seconds} seconds."
                    ).format(seconds=f"{round(minute, 1):g}")
                )
                self._outbox.demo_note.show()
        self._outbox.reload()
        self._outbox.show()
        self._outbox.activateWindow()
        return self._outbox

    # -- the demo's rehearsal ---------------------------------------------------------------

    def _rehearsal_run_finished(self, _email: str, report: object) -> None:
        """A rehearsal run filed its Sent copies: Conversations shows them at once, and a
        member's reply follows a few seconds later."""
        from pont.core.demo.rehearsal import replies_due, reply_delay

        self.archive_changed.emit()
        db = self._database()
        if replies_due(db):
            QTimer.singleShot(int(reply_delay(db) * 1000), self._deliver_demo_replies)

    def _deliver_demo_replies(self) -> None:
        if self._closing:
            return
        from pont.core.demo.rehearsal import deliver_replies
        from pont.core.profile.store import open_database
        from pont.ui.widgets.workers import start_worker

        path = self._database_path

        def deliver(_progress: object) -> int:
            db = open_database(path)
            try:
                return deliver_replies(db)
            finally:
                db.close()

        def delivered(count: int) -> None:
            if count and not self._closing:
                self.archive_changed.emit()
                self.status_message.emit(
                    self.tr("A member replied to your post: see Conversations.")
                    if count == 1
                    else self.tr("Members replied to {n} of your posts: see Conversations.").format(
                        n=count
                    )
                )

        start_worker(self, deliver, delivered, lambda _message: None)

    def shutdown(self) -> None:
        """The window is closing: each composer saves its draft, and sending stops."""
        self._closing = True
        for composer in list(self.composers):
            composer.close()
        if self._sender is not None:
            self._sender.shutdown()
        for thread in self.findChildren(QThread):  # a demo reply being filed
            thread.quit()
            while shiboken6.isValid(thread) and not thread.isFinished():
                time.sleep(0.01)
