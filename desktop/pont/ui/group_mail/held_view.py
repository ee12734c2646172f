"""Held posts in the window: the Held posts action (its text counts what waits), and the
dialog that lists one group's held posts with a preview of each, and Approve, Approve and add
as member, Reject with a reply, and Reject silently.

Deciding touches only the profile (the relay or the reply is queued in the outbox, in the
decision's transaction), but approving parses the post, builds the relay for every member and
rebuilds the group's threads: a second or so for a large post, so it runs on a worker with its
own connection. The outbox then sends through the callback the window gives, as for a post.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.group_mail.held import HeldPost, list_held, read_held, waiting_count
from pont.core.members.groups import GroupMode
from pont.ui.help.guide import Section, add_help_button
from pont.ui.language import shown
from pont.ui.widgets.empty_state import EmptyState
from pont.ui.widgets.look import WrappedLabel, set_text_colour
from pont.ui.widgets.workers import start_worker

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

    from pont.core.group_mail.held_decisions import HeldDecision
    from pont.core.mail.accounts import Account
    from pont.core.members.groups import Group

HELD_ROLE = Qt.ItemDataRole.UserRole


class HeldActions(QObject):
    """The Held posts action for the Post menu, and the dialog it opens. Its text says how
    many of the group's posts wait ("Held posts (2)…"); refresh() after a sync.

    Signals:
        status_message(str): a sentence for the status bar.
        members_changed(): a sender was added as a member.
    """

    status_message = Signal(str)
    members_changed = Signal()

    def __init__(
        self,
        window: QWidget,
        database: Callable[[], Database],
        database_path: Path,
        send: Callable[[Account], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._database_path = database_path
        self._send = send
        self._group: Group | None = None
        self._dialog: HeldPostsDialog | None = None
        self.open = QAction(self.tr("&Held posts…"), self)
        self.open.setToolTip(
            self.tr("Posts to the group’s address that wait for you to approve or reject")
        )
        self.open.triggered.connect(self.show_held)
        # In the status bar while posts wait; the Post menu's Held posts… opens them.
        self.set_group(None)

    def set_group(self, group: Group | None) -> None:
        self._group = group
        self.open.setEnabled(group is not None)
        if self._dialog is not None and group is not None:
            self._dialog.set_group(group)
        self.refresh()

    def waiting(self) -> int:
        if self._group is None:
            return 0
        try:
            return waiting_count(self._database(), self._group.id)
        except RuntimeError:  # before the profile is open
            return 0

    def refresh(self) -> None:
        """Count the group's held posts again (after a sync, or a decision)."""
        count = self.waiting()
        if count:
            self.open.setText(self.tr("&Held posts ({count})…").format(count=count))
        else:
            self.open.setText(self.tr("&Held posts…"))
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.reload()

    def show_held(self) -> HeldPostsDialog | None:
        if self._group is None:
            return None
        if self._dialog is None:
            self._dialog = HeldPostsDialog(
                self._window, self._database, self._database_path, self._decided
            )
        self._dialog.set_group(self._group)
        self._dialog.show()
        self._dialog.activateWindow()
        return self._dialog

    def _decided(self, message: str, account_id: int | None, member_added: bool) -> None:
        self.status_message.emit(message)
        if member_added:
            self.members_changed.emit()
        if account_id is not None and self._send is not None:
            from pont.core.mail.accounts import get_account

            self._send(get_account(self._database(), account_id))
        self.refresh()


class HeldPostsDialog(QDialog):
    """One group's held posts, oldest first; the chosen one's reason, size, dates and text,
    and the four decisions. Expired posts leave the list as it is read."""

    def __init__(
        self,
        parent: QWidget,
        database: Callable[[], Database],
        database_path: Path,
        decided: Callable[[str, int | None, bool], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._database_path = database_path
        self._decided = decided
        self._deciding = False
        self._group: Group | None = None
        self._posts: dict[int, HeldPost] = {}
        self.resize(860, 560)

        self.empty_state = EmptyState(self.tr("No held posts"), "", [])
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Held posts"))
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("From"), self.tr("Subject"), self.tr("Held"), self.tr("Expires")]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())

        self.reason_label = WrappedLabel()
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)  # a stranger's words
        self.reason_label.setAccessibleName(self.tr("Why it was held"))
        bold = self.reason_label.font()
        bold.setBold(True)
        self.reason_label.setFont(bold)
        self.facts_label = WrappedLabel()
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.facts_label.setAccessibleName(self.tr("Sender, size and dates"))
        set_text_colour(self.facts_label, None)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("The held message"))
        self.preview.setTabChangesFocus(True)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.reason_label)
        details_layout.addWidget(self.facts_label)
        details_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(details)
        splitter.setSizes([200, 300])
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty_state)
        self._list_page = splitter

        self.approve_button = QPushButton(self.tr("&Approve"))
        self.approve_button.setToolTip(self.tr("Pass the post on to the group’s members"))
        self.approve_button.clicked.connect(lambda: self.approve_post(add_as_member=False))
        self.add_button = QPushButton(self.tr("Approve and add as &member"))
        self.add_button.setToolTip(
            self.tr("Pass the post on, and make its sender a member of the group")
        )
        self.add_button.clicked.connect(lambda: self.approve_post(add_as_member=True))
        self.reject_button = QPushButton(self.tr("&Reject with reply"))
        self.reject_button.setToolTip(
            self.tr("Do not pass it on; send the sender a polite reply saying why")
        )
        self.reject_button.clicked.connect(lambda: self.reject_post(silently=False))
        self.spam_button = QPushButton(self.tr("Reject &silently (spam)"))
        self.spam_button.setToolTip(self.tr("Do not pass it on, and send nothing"))
        self.spam_button.clicked.connect(lambda: self.reject_post(silently=True))
        self.result_label = WrappedLabel()
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setAccessibleName(self.tr("What was done"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        add_help_button(close, Section.HELD_POSTS)
        row = QHBoxLayout()
        for button in (self.approve_button, self.add_button, self.reject_button, self.spam_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(row)

    # -- showing --------------------------------------------------------------------------

    def set_group(self, group: Group) -> None:
        if self._group is None or self._group.id != group.id:
            self.result_label.clear()  # what was done concerned another group
        self._group = group
        self.setWindowTitle(self.tr("Held posts: {group} — Pont").format(group=group.name))
        self.reload()

    def reload(self) -> None:
        if self._group is None:
            return
        chosen = self.current_post()
        posts = list_held(self._database(), self._group.id, with_preview=False)
        self._posts = {post.id: post for post in posts}
        self.tree.clear()
        for post in posts:
            item = QTreeWidgetItem(
                [
                    post.sender or self.tr("(no sender)"),
                    post.subject or self.tr("(no subject)"),
                    self._date(post.held),
                    self._date(post.expires),
                ]
            )
            item.setData(0, HELD_ROLE, post.id)
            item.setToolTip(1, post.subject)
            self.tree.addTopLevelItem(item)
            if chosen is not None and chosen.id == post.id:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        if posts:
            self.pages.setCurrentWidget(self._list_page)
        elif self._group.mode is GroupMode.COPY_ALL and not self._group.address:
            self.empty_state.set_texts(
                self.tr("No held posts"),
                self.tr(
                    "{group} copies everyone in, so replies go straight to every member and "
                    "nothing is held. Held posts come with the group-address way of sending: "
                    "a post to the group’s address from someone who is not a member waits here "
                    "for you to approve or reject."
                ).format(group=self._group.name),
            )
            self.pages.setCurrentWidget(self.empty_state)
        else:
            self.empty_state.set_texts(
                self.tr("No held posts"),
                self.tr(
                    "When someone who is not a member writes to {group}’s address, or the "
                    "group holds every post, or a post is too large to pass on, it waits here "
                    "for you to approve or reject. Posts you do not decide within {days} days "
                    "expire."
                ).format(group=self._group.name, days=self._group.hold_days),
            )
            self.pages.setCurrentWidget(self.empty_state)
        self._show_current()

    def _date(self, moment: datetime) -> str:
        # "8 Dec 2026": the month named in the window's language, never 8/12 or 12/8.
        day = moment.astimezone().date()
        return str(QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy"))

    def current_post(self) -> HeldPost | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self._posts.get(item.data(0, HELD_ROLE))

    def _show_current(self) -> None:
        post = self.current_post()
        for button in self._decision_buttons():
            button.setEnabled(post is not None and not self._deciding)
            button.setVisible(bool(self._posts))  # with nothing held, nothing to decide
        if post is not None and not post.can_relay:  # the relay would refuse it
            self.approve_button.setEnabled(False)
            self.add_button.setEnabled(False)
        if post is None:
            self.reason_label.clear()
            self.facts_label.clear()
            self.preview.clear()
            return
        self.reason_label.setText(shown(post.reason_text))
        self.facts_label.setText(
            self.tr("From {sender} · {size} · held on {held}, expires on {expires}").format(
                sender=post.sender or self.tr("(no sender)"),
                size=post.size_text,
                held=self._date(post.held),
                expires=self._date(post.expires),
            )
        )
        content = read_held(self._database(), post.id)
        text = content.text.strip() or self.tr("(The message has no text.)")
        if content.attachments:
            text += "\n\n" + self.tr("Attached: {files}").format(
                files=", ".join(content.attachments)
            )
        if content.unreadable:
            text = (
                self.tr("Part of this message could not be read; it is shown as well as it can be.")
                + "\n\n"
                + text
            )
        self.preview.setPlainText(text)

    def _decision_buttons(self) -> tuple[QPushButton, ...]:
        return (self.approve_button, self.add_button, self.reject_button, self.spam_button)

    # -- deciding -------------------------------------------------------------------------

    def approve_post(self, add_as_member: bool) -> None:
        post = self.current_post()
        if post is None or self._deciding:
            return
        if add_as_member:
            done = self.tr(
                "Approved “{subject}”: it is on its way to the members, and {sender} is now a "
                "member."
            ).format(subject=post.subject, sender=post.sender_email)
        else:
            done = self.tr("Approved “{subject}”: it is on its way to the members.").format(
                subject=post.subject
            )
        path, held_id = self._database_path, post.id

        def approve(_progress: Callable[[int, int], None]) -> HeldDecision:
            from pont.core.group_mail.held_decisions import approve_held

            return _deciding_on(
                path, lambda db: approve_held(db, held_id, add_as_member=add_as_member)
            )

        self._decide(
            approve, self.tr("Approving “{subject}”…").format(subject=post.subject),
            done, post, add_as_member,
        )  # fmt: skip

    def reject_post(self, silently: bool) -> None:
        post = self.current_post()
        if post is None or self._deciding:
            return
        if silently:
            done = self.tr("Rejected “{subject}” silently: nothing was sent.").format(
                subject=post.subject
            )
        else:
            done = self.tr("Rejected “{subject}”: a polite reply is on its way to {sender}.")
            done = done.format(subject=post.subject, sender=post.sender_email)
        path, held_id = self._database_path, post.id

        def reject(_progress: Callable[[int, int], None]) -> HeldDecision:
            from pont.core.group_mail.held_decisions import reject_held

            return _deciding_on(path, lambda db: reject_held(db, held_id, silently=silently))

        self._decide(
            reject, self.tr("Rejecting “{subject}”…").format(subject=post.subject),
            done, post, False,
        )  # fmt: skip

    def _decide(
        self,
        job: Callable[[Callable[[int, int], None]], HeldDecision],
        doing: str,
        done: str,
        post: HeldPost,
        member_added: bool,
    ) -> None:
        self._deciding = True
        self.result_label.setText(doing)
        self._show_current()

        def succeeded(decision: HeldDecision) -> None:
            self._deciding = False
            self._done(done, post.account_id if decision.post_id else None, member_added)

        def failed(message: str) -> None:
            self._deciding = False
            self.result_label.setText(message)
            self.reload()

        start_worker(self, job, succeeded, failed)

    def _done(self, message: str, account_id: int | None, member_added: bool) -> None:
        self.result_label.setText(message)
        self.reload()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._decided is not None:
            self._decided(message, account_id, member_added)


def _deciding_on(path: Path, decide: Callable[[Database], HeldDecision]) -> HeldDecision:
    """A decision on the worker's own connection (SQLite connections stay on their thread)."""
    from pont.core.profile.store import open_database

    db = open_database(path)
    try:
        return decide(db)
    finally:
        db.conn.close()
