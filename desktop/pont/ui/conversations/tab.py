"""The Conversations tab, whose view (and the archive code behind it) loads when first shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pont.core.members.groups import Group

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.conversations.view import ConversationsView


class ConversationsTab(QWidget):
    """Holds the place of the ConversationsView until the tab is first shown or searched:
    the window then opens without loading the archive, the HTML cleaner or the reader.

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
