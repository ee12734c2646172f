"""The composer's sending box: the post going out batch by batch once Send has handed it to
the outbox, with Cancel sending, Retry failed, Resume and Close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from pont.core.members.groups import get_group
from pont.ui.widgets.look import WrappedLabel

if TYPE_CHECKING:
    from pont.core.mail.accounts import Account
    from pont.core.posting.outbox.outbox import OutboxReport, SendProgress
    from pont.ui.composer.window import ComposerServices
    from pont.ui.outbox.jobs import QueuedPost

# The box's words were the composer window's and are translated under its name.
translate = QCoreApplication.translate


def sending_account(services: ComposerServices, group_id: int) -> Account | None:
    """The mailbox a group's posts go from: its own, else the profile's first (in the demo,
    the rehearsal mailbox: pont.core.demo.rehearsal)."""
    from pont.core.errors import NoMailAccount
    from pont.core.mail.accounts import group_account

    db = services.database()
    try:
        return group_account(db, get_group(db, group_id))
    except NoMailAccount:
        return None


class SendingProgress(QWidget):
    """Hidden while the post is being written. Once the outbox holds the post (follow()), it
    shows each batch going, why sending stopped, and the buttons that start it again.

    Signals:
        resumed(): Retry failed or Resume set the post going again.
        ended(): the post went as far as it will go; nothing is left to resume.
    """

    resumed = Signal()
    ended = Signal()

    def __init__(self, services: ComposerServices, group_id: int) -> None:
        super().__init__()
        self._services = services
        self._group_id = group_id
        self._post_id: int | None = None
        self.label = WrappedLabel()
        self.label.setAccessibleName(translate("ComposerWindow", "Sending progress"))
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(translate("ComposerWindow", "Sending progress"))
        self.cancel_button = QPushButton(translate("ComposerWindow", "&Cancel sending"))
        self.cancel_button.setToolTip(
            translate("ComposerWindow", "Stop after the batch being sent now")
        )
        self.cancel_button.clicked.connect(self.cancel_sending)
        self.retry_button = QPushButton(translate("ComposerWindow", "&Retry failed"))
        self.retry_button.clicked.connect(self.retry_failed)
        self.resume_button = QPushButton(translate("ComposerWindow", "Re&sume"))
        self.resume_button.clicked.connect(self.resume)
        self.close_button = QPushButton(translate("ComposerWindow", "C&lose"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.bar, 1)
        for button in (self.cancel_button, self.retry_button, self.resume_button):
            buttons.addWidget(button)
            button.hide()
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.label)
        box.addLayout(buttons)
        self.hide()

    @property
    def post_id(self) -> int | None:
        return self._post_id

    def show_progress(self, text: str, busy: bool) -> None:
        self.label.setText(text)
        if busy:
            self.bar.setRange(0, 0)
        self.show()

    def set_writing(self, writing: bool) -> None:
        """Close is offered once the post has left the writing; Cancel works again."""
        self.close_button.setVisible(not writing)
        self.cancel_button.setEnabled(True)

    def follow(self, queued: QueuedPost) -> None:
        """Follow the post the outbox holds now."""
        self._post_id = queued.post_id
        sender = self._services.sender
        sender.progressed.connect(self._progressed)
        sender.run_finished.connect(self._run_finished)
        sender.run_failed.connect(self._run_failed)
        self.bar.setRange(0, queued.recipients)
        self.show_progress(
            translate("ComposerWindow", "Sending to {n} members…").format(n=queued.recipients),
            busy=False,
        )
        self.cancel_button.show()

    def stop_following(self) -> None:
        if self._post_id is not None:
            sender = self._services.sender
            sender.progressed.disconnect(self._progressed)
            sender.run_finished.disconnect(self._run_finished)
            sender.run_failed.disconnect(self._run_failed)

    def _progressed(self, step: SendProgress) -> None:
        if step.post_id != self._post_id:
            return
        from pont.ui.outbox.words import progress_words

        self.bar.setRange(0, max(step.recipients, 1))
        self.bar.setValue(step.recipients_done)
        self.label.setText(progress_words(step))

    def _run_finished(self, _email: str, report: OutboxReport) -> None:
        if self._post_id is None:
            return
        from pont.core.errors import PostNotFound
        from pont.core.posting.outbox.outbox import PostState, post_status
        from pont.ui.outbox.words import can_resume, needs_retry, result_words

        try:
            status = post_status(self._services.database(), self._post_id)
        except PostNotFound:
            return
        if self._services.sender.is_sending(self._post_id):
            return
        self.label.setText(result_words(status, report))
        self.bar.setValue(self.bar.maximum() if status.complete else 0)
        self.cancel_button.setVisible(can_resume(status) and status.state is not PostState.PAUSED)
        self.retry_button.setVisible(needs_retry(status))
        self.resume_button.setVisible(can_resume(status))
        if not can_resume(status):
            self.ended.emit()
            self.cancel_button.hide()

    def _run_failed(self, _email: str, message: str) -> None:
        if self._post_id is not None:
            self.label.setText(message)
            self.resume_button.show()

    def cancel_sending(self) -> None:
        if self._post_id is not None:
            self._services.sender.cancel(self._post_id)
            self.cancel_button.setEnabled(False)
            self.label.setText(
                translate("ComposerWindow", "Cancelling after the batch being sent…")
            )

    def retry_failed(self) -> None:
        if self._post_id is not None:
            self.resumed.emit()
            self.retry_button.hide()
            self.resume_button.hide()
            self._services.sender.retry(self._post_id)

    def resume(self) -> None:
        account = sending_account(self._services, self._group_id)
        if account is not None and self._services.sender.send(account):
            self.resumed.emit()
            self.resume_button.hide()
            self.label.setText(translate("ComposerWindow", "Sending…"))
