"""Walks a window with Tab and Shift+Tab, as a keyboard user would, and tells which widgets
the keyboard never reaches and which show no mark when it does."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QRadioButton,
    QTabBar,
    QToolButton,
    QWidget,
)

# A focus mark changes a patch of pixels at least this many wide and high. A text caret is
# one column wide: it blinks away half the time, and read-only text has none, so it is not
# counted as a mark on its own.
MARK_SPAN = 3
# A pixel is part of a mark when a colour channel moves by a quarter of its range: Fusion's
# current item in a focused list is a shade darker (20 levels of 255), which no one sees.
VISIBLE_CHANGE = 64
# Tab inside one widget (a reader's links) before focus moves on: more than this is a trap.
STEPS_WITHIN = 40


def describe(widget: QWidget) -> str:
    """The widget as a reader of a failure finds it: its type, name and words."""
    words = ""
    for getter in ("text", "accessibleName", "toolTip"):
        value = getattr(widget, getter, None)
        words = value() if callable(value) else ""
        if isinstance(words, str) and words.strip():
            break
    name = widget.objectName()
    return f"{type(widget).__name__}{f' #{name}' if name else ''} {words.strip()!r}"


def _inside_compound(widget: QWidget, window: QWidget) -> bool:
    """A part of a combo box or spin box, which the compound's own focus covers."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def _arrow_reached(widget: QWidget) -> bool:
    """An unchecked radio button beside a checked one: Tab stops at the checked one and the
    arrow keys move between them, as in every toolkit (Qt takes Tab focus from the others)."""
    if not isinstance(widget, QRadioButton) or widget.isChecked():
        return False
    group = widget.group()
    siblings = (
        group.buttons()
        if group is not None
        else [b for b in widget.parentWidget().findChildren(QRadioButton) if b.autoExclusive()]
    )
    return any(b.isChecked() and b.isVisible() and b.isEnabled() for b in siblings)


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.window() is window and widget.isVisible() and widget.isEnabled()


def tab_stops(window: QWidget) -> list[QWidget]:
    """Every shown, enabled widget of the window that takes focus from Tab."""
    stops = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not _shown(widget, window) or _arrow_reached(widget):
            continue
        if widget.focusProxy() is not None or _inside_compound(widget, window):
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus:
            stops.append(widget)
    return stops


def _qt_own_button(button: QAbstractButton) -> bool:
    """Buttons Qt adds inside its widgets, which their keys already work (a line edit's
    clear button, a tab bar's scroll arrows, a tool bar's » for what does not fit)."""
    parent = button.parentWidget()
    return isinstance(parent, QLineEdit | QTabBar) or button.objectName().startswith("qt_")


def _in_a_menu(button: QAbstractButton, window: QWidget) -> bool:
    """A tool button whose action the window's menu bar offers too (reached with Alt)."""
    if not isinstance(button, QToolButton) or button.defaultAction() is None:
        return False
    action = button.defaultAction()
    for bar in window.findChildren(QMenuBar):
        menus = [a.menu() for a in bar.actions() if a.menu() is not None]
        while menus:
            menu = menus.pop()
            if action in menu.actions():
                return True
            menus += [a.menu() for a in menu.actions() if a.menu() is not None]
    return False


def unreachable_buttons(window: QWidget) -> list[QWidget]:
    """Shown buttons that never take keyboard focus and are in no menu either."""
    return [
        button
        for button in window.findChildren(QAbstractButton)
        if _shown(button, window)
        and not button.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not _qt_own_button(button)
        and not _arrow_reached(button)
        and not _inside_compound(button, window)
        and not _in_a_menu(button, window)
    ]


def _argb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _differing_pixels(first: bytes, second: bytes, start: int, end: int) -> Iterator[int]:
    """Byte offsets of the pixels that differ between start and end, found by halving: a
    focus ring changes a few pixels a row, so most halves compare equal at C speed."""
    if first[start:end] == second[start:end]:
        return
    if end - start == 4:
        yield start
        return
    middle = start + (end - start) // 8 * 4
    yield from _differing_pixels(first, second, start, middle)
    yield from _differing_pixels(first, second, middle, end)


def _visibly_changed(first: bytes, second: bytes, offset: int) -> bool:
    return (
        max(
            abs(a - b)
            for a, b in zip(first[offset : offset + 3], second[offset : offset + 3], strict=True)
        )
        >= VISIBLE_CHANGE
    )


def shows_a_mark(focused: QImage, unfocused: QImage) -> bool:
    """Whether focus visibly changes a patch of the widget bigger than a caret."""
    one, other = _argb(focused), _argb(unfocused)
    if one.size() != other.size():
        return True
    first, second = bytes(one.constBits()), bytes(other.constBits())
    line, width = one.bytesPerLine(), one.width() * 4
    rows, columns = set(), set()
    for y in range(one.height()):
        for offset in _differing_pixels(first, second, y * line, y * line + width):
            if _visibly_changed(first, second, offset):
                rows.add(y)
                columns.add((offset - y * line) // 4)
    return len(rows) >= MARK_SPAN and len(columns) >= MARK_SPAN


@dataclass
class Walk:
    """What Tab and Shift+Tab found in one window."""

    forward: list[QWidget] = field(default_factory=list)
    backward: list[QWidget] = field(default_factory=list)
    missed: list[QWidget] = field(default_factory=list)
    unmarked: list[QWidget] = field(default_factory=list)
    trapped: list[QWidget] = field(default_factory=list)

    def walks_back(self) -> bool:
        """Whether Shift+Tab went round the same widgets as Tab, the other way."""
        if not self.forward:
            return not self.backward
        return self.backward == [self.forward[0], *reversed(self.forward[1:])]


def _press(key: Qt.Key) -> QWidget | None:
    """Press the key until focus leaves the widget that has it (Tab goes through a reader's
    links first); the same widget back means the widget keeps Tab for itself."""
    widget = QApplication.focusWidget()
    assert widget is not None
    for _ in range(STEPS_WITHIN):
        QTest.keyClick(widget, key)
        if QApplication.focusWidget() is not widget:
            break
    return QApplication.focusWidget()


def _deselect(widget: QWidget) -> None:
    """Tab selects a line edit's text, which then shows as long as it has focus: a mark only
    while the field has text, so left out of the comparison."""
    edits = (
        widget.findChildren(QLineEdit) if isinstance(widget, QComboBox | QAbstractSpinBox) else []
    )
    for edit in [widget, *edits]:
        if isinstance(edit, QLineEdit):
            edit.deselect()


def walk(window: QWidget, start: QWidget | None = None) -> Walk:
    """Tab from the window's focus widget round to it again, picturing each widget as focus
    arrives and again once it has moved on; then Shift+Tab back round."""
    stops = tab_stops(window)
    result = Walk()
    first = start or window.focusWidget() or (stops[0] if stops else None)
    if first is None:
        return result
    if first.focusProxy() is not None:
        first = first.focusProxy()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    # As after a first Tab: styles draw focus marks only once the keyboard has moved focus.
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    limit = len(stops) + 3
    current = QApplication.focusWidget()
    pictures: dict[int, QImage] = {}
    while current is not None and current not in result.forward and len(result.forward) < limit:
        result.forward.append(current)
        _deselect(current)
        pictures[id(current)] = current.grab().toImage()
        arrived = _press(Qt.Key.Key_Tab)
        if arrived is current:  # a window with one stop is a cycle of one
            if len(stops) > 1:
                result.trapped.append(current)
            break
        if not shows_a_mark(pictures[id(current)], current.grab().toImage()):
            result.unmarked.append(current)
        current = arrived
    if current is not None and current is not result.forward[0]:
        result.forward.append(current)  # the cycle closed somewhere else: shown as such
    reached = set(map(id, result.forward))
    result.missed = [stop for stop in stops if id(stop) not in reached]

    first.setFocus(Qt.FocusReason.BacktabFocusReason)
    current = QApplication.focusWidget()
    while current is not None and current not in result.backward and len(result.backward) < limit:
        result.backward.append(current)
        arrived = _press(Qt.Key.Key_Backtab)
        if arrived is current:
            break
        current = arrived
    return result
