"""The window's actions for posts: New post, Reply to group, Drafts, the Outbox, and the
drafts that reopen at start-up. The composer and the outbox code load when first used."""

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
from pont.ui.language import settings_for

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.reading import ArchivedMessage
    from pont.core.posting.drafts import Draft
    from pont.ui.accounts.session_passwords import SessionPasswords
    from pont.ui.composer.direct import DirectComposer, DirectKind
    from pont.ui.composer.drafts_dialog import DraftsDialog
    from pont.ui.composer.reply import ReplySource
    from pont.ui.composer.window import ComposerServices, ComposerWindow
    from pont.ui.outbox.sender import OutboxSender
    from pont.ui.outbox.view import OutboxDialog


# In window.ini: the drafts whose composers were open when Pont last closed ("3,7").
OPEN_DRAFTS_KEY = "open_drafts"


class PostActions(QObject):
    """Opens composers (one window per post, one per draft), the Drafts and Outbox windows,
    and owns the outbox's sender.

    A composer closed with words in it says "Saved as a draft", and the draft waits in
    Post ▸ Drafts. Composers still open when Pont closed (or stopped) reopen when the
    profile opens: that post was unfinished work in front of the coordinator, so it comes
    back as they left it; drafts they put aside themselves wait in the list, and the
    status bar says so, rather than each opening a window at every start.

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
        self._drafts_dialog: DraftsDialog | None = None
        self._settings = settings_for(database_path.parent)
        self._closing = False
        self.composers: list[ComposerWindow] = []

        self.new = QAction(self.tr("&New post…"), self)
        # Ctrl+N adds a member; Ctrl+M is Thunderbird's new message, Ctrl+Shift+M Outlook's.
        self.new.setShortcuts([QKeySequence("Ctrl+M"), QKeySequence("Ctrl+Shift+M")])
        self.new.setToolTip(self.tr("Write to the group’s members (Ctrl+M)"))
        self.new.triggered.connect(self.new_post)
        self.drafts_list = QAction(self.tr("&Drafts…"), self)
        self.drafts_list.setToolTip(self.tr("Posts you wrote and have not sent yet"))
        self.drafts_list.triggered.connect(self.show_drafts)
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

    # -- to one person: a private reply, a forward --------------------------------------

    def reply_to_sender(self, message: ArchivedMessage) -> DirectComposer | None:
        """A window answering the message's sender alone, not the group."""
        from pont.ui.composer.direct import DirectKind

        return self._open_direct(DirectKind.PRIVATE_REPLY, message)

    def forward(self, message: ArchivedMessage) -> DirectComposer | None:
        """A window forwarding the message, with its attachments, to an address typed."""
        from pont.ui.composer.direct import DirectKind

        return self._open_direct(DirectKind.FORWARD, message)

    def _open_direct(self, kind: DirectKind, message: ArchivedMessage) -> DirectComposer | None:
        if self._group is None:
            return None
        from pont.ui.composer.direct import DirectComposer

        # The main window holds it (a window of its own all the same) until it closes.
        composer = DirectComposer(self._services(), self._group.id, kind, message, self._window)
        composer.queued.connect(self.status_message)
        composer.show()
        composer.activateWindow()
        return composer

    def _services(self) -> ComposerServices:
        from pont.ui.composer.window import ComposerServices

        return ComposerServices(
            self._database,
            self._database_path,
            self.sender,
            self._demo,
            self.archive_changed.emit,
        )

    def open_draft(self, draft: Draft, reply: ReplySource | None = None) -> ComposerWindow:
        """A composer for the draft; the one it is open in already, raised, if there is."""
        from pont.ui.composer.window import ComposerServices, ComposerWindow

        shown = self.composer_for(draft.id) if draft.id is not None else None
        if shown is not None:
            shown.showNormal()
            shown.raise_()
            shown.activateWindow()
            return shown
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
        composer.kept_as_draft.connect(self._kept_as_draft)
        composer.drafts.saved.connect(self._remember_open)
        composer.drafts.saved.connect(self._drafts_changed)  # its subject, its time
        composer.show()
        composer.activateWindow()
        self._drafts_changed()
        return composer

    def composer_for(self, draft_id: int) -> ComposerWindow | None:
        """The composer this draft is open in, if any."""
        return next((c for c in self.composers if c.draft.id == draft_id), None)

    def _forget(self, composer: ComposerWindow) -> None:
        if composer in self.composers:
            self.composers.remove(composer)
        self._remember_open()
        self._drafts_changed()

    def _kept_as_draft(self) -> None:
        if not self._closing:
            self.status_message.emit(self.tr("Saved as a draft. Post ▸ Drafts opens it again."))

    def _remember_open(self) -> None:
        """Note which drafts are open, so that they reopen if Pont stops with them open."""
        if self._closing:
            return
        ids = [c.draft.id for c in self.composers if c.drafts.kept()]
        self._write_open_drafts(sorted(i for i in ids if i is not None))

    def _write_open_drafts(self, ids: list[int]) -> None:
        value = ",".join(str(i) for i in ids)
        if self._settings.value(OPEN_DRAFTS_KEY, "") != value:
            self._settings.setValue(OPEN_DRAFTS_KEY, value)

    def reopen_drafts(self) -> list[ComposerWindow]:
        """Open a composer for each draft that was open when Pont last closed (the oldest at
        the back); say how many others wait in Post ▸ Drafts."""
        from pont.core.posting.drafts import list_drafts

        were_open = {
            int(part)
            for part in str(self._settings.value(OPEN_DRAFTS_KEY, "")).split(",")
            if part.isdigit()
        }
        drafts = list_drafts(self._database())
        again = [d for d in drafts if d.id in were_open and self.composer_for(d.id) is None]
        opened = [self.open_draft(draft) for draft in reversed(again)]
        waiting = len(drafts) - len(again)
        if opened:
            count = len(opened)
            self.status_message.emit(
                self.tr("Your unsent post is open again.")
                if count == 1
                else self.tr("Your {n} unsent posts are open again.").format(n=count)
            )
        elif waiting:
            self.status_message.emit(
                self.tr("1 draft waits in Post ▸ Drafts.")
                if waiting == 1
                else self.tr("{n} drafts wait in Post ▸ Drafts.").format(n=waiting)
            )
        return opened

    # -- the drafts window ----------------------------------------------------------------

    def show_drafts(self) -> DraftsDialog:
        from pont.ui.composer.drafts_dialog import DraftsDialog, DraftsServices

        if self._drafts_dialog is None:
            services = DraftsServices(
                self._database,
                lambda draft_id: self.composer_for(draft_id) is not None,
                self._close_unsaved,
            )
            self._drafts_dialog = DraftsDialog(self._window, services)
            self._drafts_dialog.open_requested.connect(self.open_draft)
        self._drafts_dialog.reload()
        self._drafts_dialog.show()
        self._drafts_dialog.activateWindow()
        return self._drafts_dialog

    def _close_unsaved(self, draft_id: int) -> None:
        """The Drafts window deletes this draft: its composer, if open, closes without it."""
        composer = self.composer_for(draft_id)
        if composer is not None:
            composer.drafts.discard()
            composer.close()

    def _drafts_changed(self) -> None:
        dialog = self._drafts_dialog
        if dialog is not None and dialog.isVisible() and not self._closing:
            dialog.reload()

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
        """The window is closing: each composer saves its draft (noted, to reopen next
        time), and sending stops."""
        self._closing = True
        kept: list[int] = []
        for composer in list(self.composers):
            composer.close()
            if composer.drafts.kept() and composer.draft.id is not None:
                kept.append(composer.draft.id)
        self._write_open_drafts(sorted(kept))
        self._settings.sync()
        if self._sender is not None:
            self._sender.shutdown()
        for thread in self.findChildren(QThread):  # a demo reply being filed
            thread.quit()
            while shiboken6.isValid(thread) and not thread.isFinished():
                time.sleep(0.01)
