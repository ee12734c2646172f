"""The composer's attachments: a list with each file's name and size, a Remove button, and a
plain warning when together, base64-encoded as they will be sent, they are more than a message
can carry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pont.core.posting.drafts import DraftAttachment
from pont.ui.conversations.formatting import human_size
from pont.ui.widgets.look import ERROR_COLOUR, WrappedLabel, set_text_colour


class AttachmentsBox(QWidget):
    """Hidden while the post has no attachments.

    Signals:
        changed(): a file was added or removed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files: list[DraftAttachment] = []
        self._limit = 0
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Attachments"))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove attachment"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.warning = WrappedLabel()
        self.warning.setAccessibleName(self.tr("Attachment size warning"))
        set_text_colour(self.warning, ERROR_COLOUR)
        self.warning.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        self.hide()

    def files(self) -> tuple[DraftAttachment, ...]:
        return tuple(self._files)

    def total(self) -> int:
        return sum(a.size for a in self._files)

    def set_limit(self, limit: int) -> None:
        self._limit = limit
        self._refresh()

    def set_files(self, files: tuple[DraftAttachment, ...]) -> None:
        self._files = list(files)
        self._refresh()

    def add(self, paths: list[Path]) -> list[Path]:
        """Attach these files; returns the ones that are not files (folders, gone)."""
        refused = []
        known = {a.path for a in self._files}
        for path in paths:
            if not path.is_file():
                refused.append(path)
            elif path not in known:
                self._files.append(DraftAttachment(path, path.name, path.stat().st_size))
                known.add(path)
        self._refresh()
        self.changed.emit()
        return refused

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(item) for item in self.list.selectedItems()), reverse=True)
        if not rows and self.list.currentRow() >= 0:
            rows = [self.list.currentRow()]
        for row in rows:
            del self._files[row]
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        # imported here, as window.py does: posts pulls in the email package
        from pont.core.posting.posts import encoded_size

        self.list.clear()
        for attachment in self._files:
            item = QListWidgetItem(f"{attachment.name}  ({human_size(attachment.size)})")
            item.setToolTip(str(attachment.path))
            self.list.addItem(item)
        self.setVisible(bool(self._files))
        # what the files take in the message, as base64: the provider's limit is on that
        encoded = encoded_size(*(a.size for a in self._files))
        too_big = bool(self._limit) and encoded > self._limit
        if too_big:
            self.warning.setText(
                self.tr(
                    "Together these files come to {size}. Email makes files about a third "
                    "larger, so they would be more than the {limit} one message can carry, and "
                    "the post could not be sent. Remove some, or share them as a link."
                ).format(size=human_size(self.total()), limit=human_size(self._limit))
            )
        self.warning.setVisible(too_big)

    def too_big(self) -> bool:
        return not self.warning.isHidden()
