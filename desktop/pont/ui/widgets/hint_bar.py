"""A one-line message above a table, for what went wrong with the last edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from pont.ui.widgets.look import WARM_NOTE, WrappedLabel, make_note


class HintBar(QFrame):
    """A message above the table that explains why an edit was not saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._styled = False  # as a note, when first shown: most windows never show it
        self.label = WrappedLabel()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(self.tr("Message"))
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss message"))
        close.clicked.connect(self.dismiss)
        # The one thing to do about the message, when there is one (Sign in again…).
        self.action_button = QPushButton()
        self.action_button.setAccessibleName(self.tr("What to do about the message"))
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self._action: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, action: tuple[str, Callable[[], None]] | None = None) -> None:
        """Show text, with a button for `action` (its label, what it does) if given."""
        if not text:
            self.dismiss()
            return
        if not self._styled:
            make_note(self, "hintBar", WARM_NOTE)
            self._styled = True
        self.label.setText(text)
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.show()

    def dismiss(self) -> None:
        self.label.clear()
        self._action = None
        self.action_button.hide()
        self.hide()

    def _act(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
