"""Looks the widgets share: red for a problem, a quieter tone for hints, wrapped labels."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ERROR_COLOUR = QColor("#b00020")


def set_text_colour(label: QLabel, colour: QColor | None) -> None:
    """Red for a problem; None for the quieter colour of a hint (follows the theme)."""
    palette = label.palette()
    if colour is None:
        colour = QColor(palette.color(QPalette.ColorRole.WindowText))
        colour.setAlphaF(0.7)
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


def sentence(text: str) -> str:
    """The text ending in a full stop, so another sentence can follow it."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def lay_out_form_dialog(
    dialog: QDialog, form: QFormLayout, error_label: QLabel, ok_text: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """The form, its error line, and OK (named for what it does) and Cancel buttons."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error_label)
    layout.addWidget(buttons)
    return buttons, ok_button


class WrappedLabel(QLabel):
    """A word-wrapped label that keeps the height its text needs at its current width.

    Qt lays a wrapped label out by a height-for-width the window does not always ask
    again after the text changes, which cut messages off mid-line; a minimum height fixed
    from the text keeps every line visible and lets a dialog grow to fit.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        margins = self.contentsMargins()
        width = max(self.width(), self.minimumSizeHint().width())
        needed = self.heightForWidth(width) if self.text() else 0
        if needed != self.minimumHeight() and needed >= margins.top() + margins.bottom():
            self.setMinimumHeight(needed)


def problem_label(accessible_name: str) -> WrappedLabel:
    """A red, hidden-until-needed line where a dialog says what is wrong."""
    label = WrappedLabel()
    set_text_colour(label, ERROR_COLOUR)
    label.setAccessibleName(accessible_name)
    label.hide()
    return label
