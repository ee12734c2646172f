"""A message from the coordinator to one person, outside the group: a private reply to a
post's sender (Ctrl+R in Conversations) or a post forwarded to an address they type
(Ctrl+L). It goes through the outbox like a post, so it is sent once, even after a crash."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pont.core.errors import InvalidAddress
from pont.core.members.addresses import checked_address
from pont.core.posting.direct import DirectContent, forward_subject, reply_subject
from pont.ui.composer.reply import QuoteCheck, forwarded_text, reply_source
from pont.ui.composer.sending import sending_account
from pont.ui.conversations.formatting import human_size
from pont.ui.widgets import prompts
from pont.ui.widgets.hint_bar import HintBar
from pont.ui.widgets.look import WrappedLabel
from pont.ui.widgets.workers import start_worker

if TYPE_CHECKING:
    from pont.core.archive.reading import ArchivedMessage
    from pont.core.mail.accounts import Account
    from pont.ui.composer.window import ComposerServices


_TITLE_SUBJECT = 60  # characters of a subject in the window's title


class DirectKind(Enum):
    PRIVATE_REPLY = "private-reply"
    FORWARD = "forward"


def queue_direct_job(
    database_path: Path,
    group_id: int,
    account: Account,
    content: DirectContent,
    attachment_ids: tuple[int, ...],
) -> int:
    """Read the files a forward carries, build the message and queue it; its post id."""
    from pont.core.posting.direct import carried_files, queue_direct
    from pont.core.profile.store import open_database

    db = open_database(database_path)
    try:
        files = carried_files(db, attachment_ids)
        return queue_direct(db, group_id, account, replace(content, files=files))
    finally:
        db.close()


class DirectComposer(QDialog):
    """Writes one message to one person. Send hands it to the outbox (off the GUI thread)
    and closes the window; the outbox sends it.

    Signals:
        queued(str): the message is in the outbox; a sentence for the status bar.
    """

    queued = Signal(str)

    def __init__(
        self,
        services: ComposerServices,
        group_id: int,
        kind: DirectKind,
        message: ArchivedMessage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services = services
        self._group_id = group_id
        self.kind = kind
        self.message = message
        self._sending = False
        self._sent = False
        self.post_id: int | None = None
        self.confirm = prompts.confirm  # tests answer in its place
        source = reply_source(message)
        sender = message.sender

        self.notice = HintBar()
        self.notice.setAccessibleName(self.tr("Problem with the message"))
        self.to_edit = QLineEdit()
        self.to_edit.setAccessibleName(self.tr("To"))
        self.subject_edit = QLineEdit()
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(self.tr("Message"))
        self.body.setTabChangesFocus(True)
        self.about = WrappedLabel()
        self.about.setTextFormat(Qt.TextFormat.PlainText)  # file names are the sender's
        if kind is DirectKind.PRIVATE_REPLY and sender is not None:
            self.to_edit.setText(f"{sender.name} <{sender.email}>" if sender.name else sender.email)
            self.to_edit.setReadOnly(True)
            self.subject_edit.setText(reply_subject(message.subject))
            self.quote_check: QuoteCheck | None = QuoteCheck(source)
            self.about.setText(
                self.tr("Only {name} gets this. The group does not see it.").format(
                    name=sender.display
                )
            )
            self.setWindowTitle(self.tr("Reply to {name} — Pont").format(name=sender.display))
        else:
            self.to_edit.setPlaceholderText(self.tr("name@example.org"))
            self.subject_edit.setText(forward_subject(message.subject))
            self.quote_check = None
            self.body.setPlainText("\n\n" + forwarded_text(message))
            files = ", ".join(
                f"{a.filename or self.tr('attachment')} ({human_size(a.size)})"
                for a in message.attachments
            )
            self.about.setText(
                self.tr("The message goes to the address you type; the group does not see it.")
                + (" " + self.tr("Its attachments go with it: {files}.").format(files=files))
                * bool(files)
            )
            subject = " ".join(message.subject.split())
            if len(subject) > _TITLE_SUBJECT:
                subject = subject[: _TITLE_SUBJECT - 1].rstrip() + "…"
            self.setWindowTitle(self.tr("Forward “{subject}” — Pont").format(subject=subject))
        self._build_layout()
        self._written = (self.to_edit.text(), self.subject_edit.text(), self.body.toPlainText())
        self.to_edit.textEdited.connect(lambda _text: self.notice.dismiss())
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send)
        self.resize(640, 480)
        self.body.moveCursor(self.body.textCursor().MoveOperation.Start)
        (self.body if self.to_edit.isReadOnly() else self.to_edit).setFocus()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&To:"), self.to_edit)
        form.addRow(self.tr("&Subject:"), self.subject_edit)
        self.buttons = QDialogButtonBox()
        self.send_button = QPushButton(self.tr("Se&nd"))
        self.send_button.setToolTip(self.tr("Put the message in the outbox to go now (Ctrl+Enter)"))
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.send_button.clicked.connect(self.send)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        if self.quote_check is not None:
            layout.addWidget(self.quote_check)
        layout.addWidget(self.buttons)

    # -- what it sends --------------------------------------------------------------------

    def content(self) -> DirectContent:
        """The message as written (the files a forward carries are read when queued)."""
        message = self.message
        body = self.body.toPlainText()
        if self.kind is DirectKind.PRIVATE_REPLY and message.sender is not None:
            to, name = message.sender.email, message.sender.name
            if self.quote_check is not None and self.quote_check.isChecked():
                body = f"{body.rstrip()}\n\n{reply_source(message).quoted_text()}".lstrip("\n")
            return DirectContent(
                to,
                name,
                self.subject_edit.text(),
                body,
                in_reply_to=message.message_key,
                references=message.references,
            )
        return DirectContent(self.to_edit.text().strip(), "", self.subject_edit.text(), body)

    def send(self) -> None:
        if self._sending:
            return
        content = self.content()
        try:
            checked_address(content.to)
        except InvalidAddress as error:
            self.notice.show_message(str(error))
            self.to_edit.setFocus()
            return
        if not content.subject.strip():
            self.notice.show_message(self.tr("The message needs a subject."))
            self.subject_edit.setFocus()
            return
        account = sending_account(self._services, self._group_id)
        if account is None:
            self.notice.show_message(
                self.tr(
                    "Pont cannot send yet: connect your mailbox first (Mail ▸ Set up mail "
                    "account…)."
                )
            )
            return
        password = self._services.sender.password_for(account)
        if password is None:
            self.notice.show_message(
                self.tr("Not sent: Pont needs the password for {email}.").format(
                    email=account.email
                )
            )
            return
        self._set_sending(True)
        ids = tuple(a.id for a in self.message.attachments) * (self.kind is DirectKind.FORWARD)
        path, group_id = self._services.database_path, self._group_id

        def queued(post_id: int) -> None:
            sender = self._services.sender
            sender.send(account, ask=False)  # the password is to hand: asked for above
            sender.outbox_changed.emit()
            if not shiboken6.isValid(self):
                return
            self.post_id = post_id
            self._sent = True
            self.queued.emit(
                self.tr("Your message to {email} is in the outbox.").format(email=content.to)
            )
            self._sending = False
            self.close()

        def failed(problem: str) -> None:
            if shiboken6.isValid(self):
                self._set_sending(False)
                self.notice.show_message(problem)

        start_worker(
            self._services.sender,
            lambda _progress: queue_direct_job(path, group_id, account, content, ids),
            queued,
            failed,
        )

    def _set_sending(self, sending: bool) -> None:
        self._sending = sending
        for widget in (self.to_edit, self.subject_edit, self.body, self.send_button):
            widget.setEnabled(not sending)

    def is_changed(self) -> bool:
        """Whether anything was written since the window opened."""
        now = (self.to_edit.text(), self.subject_edit.text(), self.body.toPlainText())
        return now != self._written

    def reject(self) -> None:
        """Esc, Cancel and closing the window: what was written is thrown away only when
        the coordinator says so."""
        if self._sending:  # being queued: it goes, and the window goes when it has
            return
        if (
            not self._sent
            and self.is_changed()
            and not self.confirm(
                self,
                self.tr("Discard this message?"),
                self.tr("Throw away what you wrote to {to}?").format(
                    to=self.to_edit.text().strip() or self.tr("this person")
                ),
                self.tr("It is not kept as a draft."),
                self.tr("Discard"),
            )
        ):
            return
        super().reject()
