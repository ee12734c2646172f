"""The Drafts window (Post ▸ Drafts): the profile's unsent posts, to open again or delete."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.groups import list_groups
from pont.core.posting.drafts import Draft, delete_draft, list_drafts, save_draft
from pont.ui.conversations.formatting import friendly_time
from pont.ui.widgets.empty_state import EmptyState
from pont.ui.widgets.hint_bar import HintBar

if TYPE_CHECKING:
    from sqlite_utils import Database

DRAFT_ROLE = Qt.ItemDataRole.UserRole
FIRST_WORDS = 8  # a draft without a subject is known by its first words


@dataclass(frozen=True)
class DraftsServices:
    """What the Drafts window needs from the post actions."""

    database: Callable[[], Database]
    is_open: Callable[[int], bool]  # the draft is open in a composer
    close_composer: Callable[[int], None]  # the draft's composer, if any, closes unsaved


class _DraftsTree(QTreeWidget):
    """Enter opens the current draft, Delete deletes it (a tree would ignore both)."""

    open_requested = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.open_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Delete) and self.currentItem():
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)


class DraftsDialog(QDialog):
    """Lists the profile's drafts, the latest changed first: group, subject (or the first
    words), when last changed and how many files are attached. Open (Enter, double-click)
    brings one back into a composer, or raises the composer it is open in; Delete throws it
    away with an Undo.

    Signals:
        open_requested(object): the Draft to open in a composer.
    """

    open_requested = Signal(object)

    def __init__(self, parent: QWidget, services: DraftsServices) -> None:
        super().__init__(parent)
        self._services = services
        self._drafts: dict[int, Draft] = {}
        self.setWindowTitle(self.tr("Drafts — Pont"))
        self.resize(760, 380)

        self.hint_bar = HintBar()
        self.tree = _DraftsTree()
        self.tree.setAccessibleName(self.tr("Drafts"))
        self.tree.setAccessibleDescription(
            self.tr("Posts written but not sent. Enter opens one, Delete throws it away")
        )
        self.tree.setHeaderLabels(
            [self.tr("Subject"), self.tr("Group"), self.tr("Last changed"), self.tr("Files")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda *_: self.open_current())
        self.tree.open_requested.connect(self.open_current)
        self.tree.delete_requested.connect(self.delete_current)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())

        self.empty = EmptyState(
            self.tr("No drafts"),
            self.tr("A post you close before sending is kept here as a draft, to finish later."),
            [],
        )

        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_button.setAutoDefault(False)
        self.delete_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(buttons)

    # -- showing --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the drafts again, keeping the current one chosen if it is still there."""
        db = self._services.database()
        current = self.current_draft()
        names = {group.id: group.name for group in list_groups(db)}
        drafts = list_drafts(db)
        self._drafts = {d.id: d for d in drafts if d.id is not None}
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for draft in drafts:
            item = self._item(draft, names.get(draft.group_id, ""))
            self.tree.addTopLevelItem(item)
            if current is not None and draft.id == current.id:
                chosen = item
        if chosen is None and self.tree.topLevelItemCount():
            chosen = self.tree.topLevelItem(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self.tree.setVisible(bool(drafts))
        self.empty.setVisible(not drafts)
        self._update_buttons()

    def _item(self, draft: Draft, group_name: str) -> QTreeWidgetItem:
        title = self.title_of(draft)
        if draft.id is not None and self._services.is_open(draft.id):
            title = self.tr("{title} (open)").format(title=title)
        files = len(draft.attachments)
        when = friendly_time(draft.updated) if draft.updated else ""
        item = QTreeWidgetItem([title, group_name, when, str(files) if files else ""])
        item.setData(0, DRAFT_ROLE, draft.id)
        item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if files:
            item.setToolTip(3, ", ".join(a.name for a in draft.attachments))
        return item

    def title_of(self, draft: Draft) -> str:
        """The subject, else the first words of the post, else what it carries."""
        if draft.subject.strip():
            return draft.subject.strip()
        words = draft.body_text.split()
        if words:
            shown = " ".join(words[:FIRST_WORDS])
            return shown + ("…" if len(words) > FIRST_WORDS else "")
        return self.tr("(no subject, {n} files)").format(n=len(draft.attachments))

    def _update_buttons(self) -> None:
        chosen = self.current_draft() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def current_draft(self) -> Draft | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self._drafts.get(int(item.data(0, DRAFT_ROLE)))

    def select_draft(self, draft_id: int) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, DRAFT_ROLE) == draft_id:
                self.tree.setCurrentItem(item)

    # -- acting ---------------------------------------------------------------------------

    def open_current(self) -> None:
        draft = self.current_draft()
        if draft is not None:
            self.hint_bar.dismiss()
            self.open_requested.emit(draft)

    def delete_current(self) -> None:
        """Delete the chosen draft (closing its composer, if open), with Undo."""
        draft = self.current_draft()
        if draft is None or draft.id is None:
            return
        self._services.close_composer(draft.id)
        delete_draft(self._services.database(), draft.id)
        self.reload()
        self.hint_bar.show_message(
            self.tr("Deleted “{title}”.").format(title=self.title_of(draft)),
            (self.tr("&Undo"), lambda: self._restore(draft)),
        )
        self.tree.setFocus()

    def _restore(self, draft: Draft) -> None:
        saved = save_draft(self._services.database(), replace(draft, id=None), now=draft.updated)
        self.hint_bar.dismiss()
        self.reload()
        if saved.id is not None:
            self.select_draft(saved.id)
        self.tree.setFocus()
