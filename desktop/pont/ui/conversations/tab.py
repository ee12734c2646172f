"""The Conversations tab, whose view (and the archive code behind it) loads when first shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pont.core.members.groups import Group

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.conversations.view import ConversationsView


class ConversationsTab(QWidget):
    """Holds the place of the ConversationsView until the tab is first shown or searched:
    the window then opens without loading the archive, the HTML cleaner or the reader.

    Its answers to the message shown (reply_action, private_reply_action, forward_action)
    go in the Post menu, with Thunderbird's shortcuts (Ctrl+R answers the sender;
    Ctrl+Shift+R, "reply all", the group; Ctrl+L forwards). They work while the tab is shown.

    Signals:
        reply_requested(object): the ArchivedMessage to reply to the group about.
        private_reply_requested(object): the ArchivedMessage to answer its sender alone.
        forward_requested(object): the ArchivedMessage to forward to someone.
    """

    reply_requested = Signal(object)
    private_reply_requested = Signal(object)
    forward_requested = Signal(object)

    def __init__(
        self,
        database: Callable[[], Database],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._group: Group | None = None
        self._view: ConversationsView | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.reply_action = self._answer_action(
            self.tr("&Reply to group…"),
            "Ctrl+Shift+R",
            self.tr("Write to the group about the conversation shown"),
        )
        self.private_reply_action = self._answer_action(
            self.tr("Reply to &sender…"),
            "Ctrl+R",
            self.tr("Write to the sender of the message shown alone; the group does not see it"),
        )
        self.forward_action = self._answer_action(
            self.tr("For&ward…"),
            "Ctrl+L",
            self.tr("Send the message shown, with its attachments, to someone else"),
        )
        self.reply_action.triggered.connect(lambda: self.ensure_view().reply())
        self.private_reply_action.triggered.connect(lambda: self.ensure_view().reply_to_sender())
        self.forward_action.triggered.connect(lambda: self.ensure_view().forward())

    def _answer_action(self, text: str, keys: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setData(tip)  # the tooltip while it can be used
        self._enable(action, False)  # until a message is shown in this tab
        return action

    def _enable(self, action: QAction, enabled: bool) -> None:
        action.setEnabled(enabled)
        # Greyed out, its tooltip says why.
        action.setToolTip(
            str(action.data())
            if enabled
            else self.tr("Open a conversation in the Conversations tab (Ctrl+2) first")
        )

    def _enable_answers(self) -> None:
        answerable = (False, False, False)
        if self._view is not None and self.isVisible():
            answerable = self._view.answerable()
        actions = (self.reply_action, self.private_reply_action, self.forward_action)
        for action, enabled in zip(actions, answerable, strict=True):
            self._enable(action, enabled)

    @property
    def view(self) -> ConversationsView | None:
        """The view, once built."""
        return self._view

    def ensure_view(self) -> ConversationsView:
        if self._view is None:
            from pont.ui.conversations.view import ConversationsView

            self._view = ConversationsView(self._database)
            self._view.reply_requested.connect(self.reply_requested)
            self._view.private_reply_requested.connect(self.private_reply_requested)
            self._view.forward_requested.connect(self.forward_requested)
            self._view.answers_changed.connect(self._enable_answers)
            self._layout.addWidget(self._view)
            self._view.set_group(self._group)
            self._view.show()  # a child added to a shown widget stays hidden until told
        return self._view

    def set_group(self, group: Group | None) -> None:
        self._group = group
        if self._view is not None:
            self._view.set_group(group)

    def reload(self) -> None:
        """The archive changed: read it again if it is being shown."""
        if self._view is not None:
            self._view.reload()

    def focus_search(self) -> None:
        self.ensure_view().focus_search()

    def focus_list(self) -> None:
        """Focus the conversations, or the search results while searching."""
        self.ensure_view().focus_list()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_view()
        super().showEvent(event)
        self._enable_answers()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._enable_answers()
