"""A centred message with buttons, shown instead of an empty table or an empty window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pont.ui.widgets.look import set_text_colour


class EmptyState(QWidget):
    """Says what is missing and offers the next step, e.g. "No members yet".

    Signals:
        button_clicked(int): the index of the button pressed, in the order given.
    """

    button_clicked = Signal(int)

    def __init__(
        self, title: str, text: str, buttons: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.text_label = QLabel(text)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text_label.setWordWrap(True)
        self.text_label.setMaximumWidth(self.fontMetrics().averageCharWidth() * 72)
        set_text_colour(self.text_label, None)

        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        row.addStretch(1)
        for number, label in enumerate(buttons):
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, n=number: self.button_clicked.emit(n))
            if number == 0:
                button.setDefault(True)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title_label)
        layout.addSpacing(6)
        # Stretch on both sides rather than an alignment flag: an aligned label gets its
        # one-line size hint and the wrapped lines beyond it are cut off.
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(self.text_label, 100)
        text_row.addStretch(1)
        layout.addLayout(text_row)
        layout.addSpacing(18)
        layout.addLayout(row)
        layout.addStretch(3)
        self.setAccessibleName(title)

    def set_texts(self, title: str, text: str) -> None:
        self.title_label.setText(title)
        self.text_label.setText(text)
        self.setAccessibleName(title)
