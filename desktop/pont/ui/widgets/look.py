"""Looks the widgets share: red for a problem, a quieter tone for hints, wrapped labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QPushButton

ERROR_COLOUR = QColor("#b00020")
# The same red lightened for a dark palette: #b00020 on a dark window is below 3:1.
_ERROR_COLOUR_ON_DARK = QColor("#ff8a80")

# Notes in a coloured box: (background, border, text) on a light and on a dark palette.
NoteColours = tuple[tuple[str, str, str], tuple[str, str, str]]
WARM_NOTE: NoteColours = (("#fff4e5", "#e0a040", "#4a3000"), ("#3d2c10", "#a0702a", "#ffe2b8"))
COOL_NOTE: NoteColours = (("#e8f0fe", "#8ab4f8", "#0b2e6b"), ("#1c2b45", "#4a6fa5", "#d2e3fc"))


FIND_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def is_dark(palette: QPalette) -> bool:
    """Whether the palette (the system's, followed by Pont) draws light text on dark."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def note_colours(palette: QPalette, colours: NoteColours) -> tuple[str, str, str]:
    """Background, border and text of a note box that stays readable on this palette."""
    return colours[1] if is_dark(palette) else colours[0]


def note_style(
    object_name: str,
    palette: QPalette,
    colours: NoteColours,
    extra: str = "",
) -> str:
    """A style sheet for the widget with this object name: a note box in these colours."""
    background, border, text = note_colours(palette, colours)
    return (
        f"#{object_name} {{ background: {background}; border: 1px solid {border};"
        f" border-radius: 4px; {extra} }}"
        f"#{object_name}, #{object_name} QLabel {{ color: {text}; }}"
    )


class _PaletteFollower(QObject):
    """Runs restyle again whenever the system switches between light and dark, so colours
    chosen for one palette never stay on the other. Qt tells only windows
    (ApplicationPaletteChange): a widget with a style sheet or a palette of its own gets no
    PaletteChange. So this watches the widget's window too, found when the widget is shown.
    The widget is its parent: kept in an attribute as well, PySide later handed Qt's calls
    a fresh wrapper without this object's attributes."""

    def __init__(self, widget: QWidget, restyle: Callable[[], None]) -> None:
        super().__init__(widget)
        self.setObjectName("paletteFollower")
        self.restyle = restyle
        self.styled_for = QApplication.palette(widget).cacheKey()
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        widget = self.parent()
        if not isinstance(widget, QWidget):
            return False
        kind = event.type()
        if watched is widget and kind == QEvent.Type.Show:
            window = widget.window()
            if window is not widget:
                window.removeEventFilter(self)  # once per window, however often shown
                window.installEventFilter(self)
        if kind in (QEvent.Type.Show, QEvent.Type.ApplicationPaletteChange):
            key = QApplication.palette(widget).cacheKey()
            if key != self.styled_for:
                self.styled_for = key
                self.restyle()
        return False


def follow_palette(widget: QWidget, restyle: Callable[[], None]) -> None:
    """Style widget with restyle now and again on every change of the system's palette;
    a later call for the same widget replaces the earlier restyle."""
    follower = widget.findChild(_PaletteFollower, "paletteFollower", FIND_DIRECT)
    if follower is None:
        _PaletteFollower(widget, restyle)
    else:
        follower.restyle = restyle
    restyle()


def system_palette(widget: QWidget) -> QPalette:
    """The application's palette for this kind of widget: unlike widget.palette(), not
    coloured by Pont's own style sheets and text colours."""
    return QApplication.palette(widget)


def make_note(
    widget: QWidget,
    object_name: str,
    colours: NoteColours,
    extra: str = "",
) -> None:
    """Draw widget as a note box in colours that suit the system's light or dark palette."""
    widget.setObjectName(object_name)
    follow_palette(
        widget,
        lambda: widget.setStyleSheet(
            note_style(object_name, system_palette(widget), colours, extra)
        ),
    )


def set_text_colour(label: QLabel, colour: QColor | None) -> None:
    """Red for a problem; None for the quieter colour of a hint (follows the theme)."""

    def restyle() -> None:
        system = system_palette(label)
        shown = colour
        if shown == ERROR_COLOUR and is_dark(system):
            shown = _ERROR_COLOUR_ON_DARK
        if shown is None:
            shown = QColor(system.color(QPalette.ColorRole.WindowText))
            shown.setAlphaF(0.7)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, shown)
        label.setPalette(palette)

    follow_palette(label, restyle)


def sentence(text: str) -> str:
    """The text ending in a full stop, so another sentence can follow it."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def lay_out_form_dialog(
    dialog: QDialog, form: QFormLayout, error_label: QLabel, ok_text: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """The form, its error line, and OK (named for what it does) and Cancel buttons."""
    from PySide6.QtWidgets import QDialogButtonBox  # only dialogs need its enums

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
        # QLabel.heightForWidth counts the minimum height in: fixed once at a narrow width (a
        # page of tabs is laid out small before it is shown), it could never shrink again.
        minimum = self.minimumHeight()
        self.setMinimumHeight(0)
        needed = self.heightForWidth(width) if self.text() else 0
        self.setMinimumHeight(minimum)
        if needed != self.minimumHeight() and needed >= margins.top() + margins.bottom():
            self.setMinimumHeight(needed)


def name_qt_buttons(widget: QWidget, name: str) -> None:
    """Name the buttons Qt adds on its own (a line edit's clear button, the » of a toolbar or
    menu bar with no room left), which a screen reader would otherwise announce as "button"."""
    if isinstance(widget, QLineEdit):
        buttons = widget.findChildren(QToolButton)
    else:
        buttons = [
            button
            for button in widget.findChildren(QToolButton)
            if button.objectName() in ("qt_toolbar_ext_button", "qt_menubar_ext_button")
        ]
    for button in buttons:
        button.setAccessibleName(name)


def problem_label(accessible_name: str) -> WrappedLabel:
    """A red, hidden-until-needed line where a dialog says what is wrong."""
    label = WrappedLabel()
    set_text_colour(label, ERROR_COLOUR)
    label.setAccessibleName(accessible_name)
    label.hide()
    return label


def tab_to_checked(group: QButtonGroup) -> None:
    """Tab into a group of choices (radio buttons) lands on the chosen one, as on every
    desktop. Qt keeps Tab focus only on the choice that last had focus, and until one has,
    every choice has it: Tab landed on the first and skipped the rest, so with the second
    chosen Tab never reached it, and Space on the first changed the choice unasked."""

    def follow_the_choice() -> None:
        if group.checkedButton() is None:
            return
        for button in group.buttons():
            policy = button.focusPolicy().value
            tab = Qt.FocusPolicy.TabFocus.value
            chosen = button.isChecked()
            button.setFocusPolicy(Qt.FocusPolicy(policy | tab if chosen else policy & ~tab))

    follow_the_choice()
    group.buttonToggled.connect(follow_the_choice)
