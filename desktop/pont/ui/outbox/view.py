"""The Outbox window: every post with its state, its batches and each address the server
refused, with Resume, Retry failed and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.posting.outbox.outbox import (
    BatchState,
    PostState,
    PostStatus,
    RecipientResult,
    SendProgress,
    outbox_status,
)
from pont.ui.help.guide import Section, add_help_button
from pont.ui.outbox.words import (
    can_resume,
    needs_retry,
    progress_words,
    result_words,
    state_words,
    stored,
)
from pont.ui.widgets.look import COOL_NOTE, WrappedLabel, make_note, set_text_colour

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.outbox.sender import OutboxSender

POST_ROLE = Qt.ItemDataRole.UserRole


class OutboxDialog(QDialog):
    """Lists the outbox's posts, newest first; a post opens to its batches, and a batch to
    the addresses the server refused. Follows the sending as it happens."""

    def __init__(
        self, parent: QWidget, database: Callable[[], Database], sender: OutboxSender
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._sender = sender
        self._posts: dict[int, PostStatus] = {}
        self.setWindowTitle(self.tr("Outbox — Pont"))
        self.resize(820, 460)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Posts in the outbox"))
        self.tree.setHeaderLabels(
            [self.tr("Post"), self.tr("Group"), self.tr("State"), self.tr("Recipients")]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.details = WrappedLabel()
        self.details.setAccessibleName(self.tr("What happened to the post"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_label = WrappedLabel()
        self.progress_label.setAccessibleName(self.tr("Sending progress"))
        set_text_colour(self.progress_label, None)
        self.empty_label = WrappedLabel(
            self.tr("The outbox is empty: posts you send appear here until they have gone.")
        )
        set_text_colour(self.empty_label, None)

        self.resume_button = QPushButton(self.tr("Re&sume"))
        self.resume_button.setToolTip(self.tr("Send what is waiting now"))
        self.resume_button.clicked.connect(self.resume)
        self.retry_button = QPushButton(self.tr("&Retry failed"))
        self.retry_button.setToolTip(self.tr("Send again to the batches and addresses that failed"))
        self.retry_button.clicked.connect(self.retry)
        self.cancel_button = QPushButton(self.tr("&Cancel post"))
        self.cancel_button.setToolTip(self.tr("Send no more of this post"))
        self.cancel_button.clicked.connect(self.cancel)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        add_help_button(close, Section.OUTBOX)
        row = QHBoxLayout()
        for button in (self.resume_button, self.retry_button, self.cancel_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        # In the demo: what the rehearsal is (PostActions.show_outbox fills it in).
        self.demo_note = WrappedLabel()
        make_note(self.demo_note, "demoNote", COOL_NOTE, "padding: 4px 8px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.progress_label)
        layout.addLayout(row)

        self.demo_note.hide()
        sender.progressed.connect(self._progressed)
        sender.outbox_changed.connect(self.reload)
        sender.run_failed.connect(lambda _email, message: self.progress_label.setText(message))

    # -- showing --------------------------------------------------------------------------

    def reload(self) -> None:
        chosen = self.current_post()
        posts = list(reversed(outbox_status(self._database())))
        self._posts = {p.id: p for p in posts}
        self.tree.clear()
        for post in posts:
            item = QTreeWidgetItem(
                [post.subject, post.group_name, state_words(post), f"{post.recipients:,}"]
            )
            item.setData(0, POST_ROLE, post.id)
            item.setToolTip(2, result_words(post))
            self.tree.addTopLevelItem(item)
            if len(post.batches) > 1 or not post.complete:
                self._add_batches(item, post)
            if chosen is not None and chosen.id == post.id:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.empty_label.setVisible(not posts)
        self._update_buttons()

    def _add_batches(self, item: QTreeWidgetItem, post: PostStatus) -> None:
        for batch in post.batches:
            words = self._batch_words(batch.state)
            if batch.problem:
                words = self.tr("{state}: {problem}").format(
                    state=words, problem=stored(batch.problem)
                )
            child = QTreeWidgetItem(
                [self.tr("Batch {n}").format(n=batch.number), "", words, str(len(batch.recipients))]
            )
            child.setToolTip(2, words)
            child.setData(0, POST_ROLE, post.id)
            item.addChild(child)
            for recipient in batch.recipients:
                if recipient.result is RecipientResult.REFUSED:
                    refused = QTreeWidgetItem(
                        [
                            recipient.email,
                            "",
                            self.tr("Refused: {reason}").format(reason=stored(recipient.reason)),
                        ]
                    )
                    refused.setData(0, POST_ROLE, post.id)
                    child.addChild(refused)
            child.setExpanded(batch.state is BatchState.FAILED or child.childCount() > 0)
        item.setExpanded(post.state is not PostState.SENT or not post.complete)

    def _batch_words(self, state: BatchState) -> str:
        match state:
            case BatchState.WAITING:
                return self.tr("Waiting")
            case BatchState.SENDING:
                return self.tr("Sending")
            case BatchState.SENT:
                return self.tr("Sent")
            case BatchState.FAILED:
                return self.tr("Failed")
            case BatchState.CANCELLED:
                return self.tr("Cancelled")

    def current_post(self) -> PostStatus | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self._posts.get(item.data(0, POST_ROLE))

    def _update_buttons(self) -> None:
        post = self.current_post()
        going = post is not None and (
            self._sender.is_sending(post.id)
            or (
                post.state in (PostState.QUEUED, PostState.SENDING)
                and self._sender.is_running_for(post.account_email)
            )
        )
        if post is not None and going:
            # Between paced batches the run is still going: not a post to resume.
            done = sum(len(b.recipients) for b in post.batches if b.state is BatchState.SENT)
            self.details.setText(
                self.tr(
                    "Sent to {done} of {count} members so far; the rest follows, batch by "
                    "batch, paced as your provider wants."
                ).format(done=f"{done:,}", count=f"{post.recipients:,}")
            )
        else:
            self.details.setText(result_words(post) if post is not None else "")
        self.details.setVisible(post is not None)
        self.resume_button.setEnabled(
            post is not None and can_resume(post) and not self._sender.is_sending(post.id)
        )
        self.retry_button.setEnabled(post is not None and needs_retry(post))
        self.cancel_button.setEnabled(post is not None and can_resume(post))

    def _progressed(self, step: SendProgress) -> None:
        self.progress_label.setText(
            self.tr("“{subject}”: {progress}").format(
                subject=step.subject, progress=progress_words(step)
            )
        )
        if step.state is not BatchState.SENDING:
            self.reload()

    # -- acting ---------------------------------------------------------------------------

    def resume(self) -> None:
        from pont.core.mail.accounts import find_account

        post = self.current_post()
        if post is not None:
            self._sender.send(find_account(self._database(), post.account_email))

    def retry(self) -> None:
        post = self.current_post()
        if post is not None:
            self._sender.retry(post.id)

    def cancel(self) -> None:
        post = self.current_post()
        if post is not None:
            self._sender.cancel(post.id)
            self.reload()
