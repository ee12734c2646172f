"""Driving Pont with the keyboard alone, as a person would: keys go to the widget that has
the focus (or to the open menu), never a click, a slot or a value set from outside.

Pont's dialogs run modally (exec), which does not return until they close; a test written as
straight-line code would stop at the first one. So a journey is a generator: it yields
`keys(...)` (sent from the event loop, where a dialog it opens may run its own loop) and
`until(...)` (the condition polled from the event loop), and `Journey` plays it."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QWidget


@dataclass(frozen=True)
class Until:
    condition: Callable[[], bool]
    what: str


@dataclass(frozen=True)
class Keys:
    send: Callable[[], None]
    what: str


Step = Until | Keys


def until(condition: Callable[[], bool], what: str) -> Until:
    return Until(condition, what)


def receiver() -> QWidget:
    """Where the keyboard's keys go now: the open menu, else the focused widget, else the
    active window."""
    widget = (
        QApplication.activePopupWidget()
        or QApplication.focusWidget()
        or QApplication.activeModalWidget()
        or QApplication.activeWindow()
    )
    assert widget is not None, "nothing has the keyboard"
    return widget


def key(
    key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, times: int = 1
) -> Keys:
    def send() -> None:
        for _ in range(times):
            QTest.keyClick(receiver(), key, modifiers)

    return Keys(send, f"{QTest.__name__} key {key!r} {modifiers!r}")


def text(typed: str) -> Keys:
    def send() -> None:
        for character in typed:
            QTest.keyClicks(receiver(), character)

    return Keys(send, f"typing {typed!r}")


def access_key(label: str) -> str:
    """The letter a label underlines (after its single '&'), as a person reads it."""
    found = re.search(r"&([^&])", label.replace("&&", ""))
    assert found is not None, f"{label!r} has no access key"
    return found.group(1)


def _letter_key(letter: str) -> Qt.Key:
    upper = letter.upper()
    assert len(upper) == 1 and "A" <= upper <= "Z", f"access key {letter!r} is not a letter"
    return Qt.Key(Qt.Key.Key_A.value + ord(upper) - ord("A"))


def alt(label: str) -> Keys:
    """Alt and the letter the label underlines."""
    return key(_letter_key(access_key(label)), Qt.KeyboardModifier.AltModifier)


def letter(label: str) -> Keys:
    """The underlined letter alone, as in an open menu."""
    return key(_letter_key(access_key(label)))


def label_for(widget: QWidget) -> str:
    """The text of the label whose access key moves to this widget."""
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.isVisible():
            return label.text()
    raise AssertionError(f"no visible label leads to {widget.accessibleName()!r}")


def menu_item(menu: QMenu, label: str) -> Iterator[Step]:
    """Alt and the menu's letter, then the item's letter: how a menu is used by keyboard."""
    yield alt(menu.title())
    yield until(lambda: QApplication.activePopupWidget() is menu, f"{menu.title()} open")
    yield letter(label)
    yield until(lambda: QApplication.activePopupWidget() is None, f"{menu.title()} closed")


def focused_on(widget: QWidget) -> Until:
    return until(lambda: QApplication.focusWidget() is widget, f"focus on {widget!r}")


def modal(kind: type[QDialog]) -> Until:
    return until(
        lambda: isinstance(QApplication.activeModalWidget(), kind), f"a {kind.__name__} open"
    )


class Journey(QObject):
    """Plays a journey's steps from the event loop: keys in their own timer callback (so a
    dialog they open runs without stopping the journey), conditions polled every 20 ms. The
    first failure or the deadline ends it, closes what dialogs are open, and is kept in
    `error` for the test to raise."""

    def __init__(self, steps: Iterator[Step], seconds: float) -> None:
        super().__init__()
        self._steps = steps
        self._deadline = time.monotonic() + seconds
        self._waiting: Until | None = None
        self.finished = False
        self.error: BaseException | None = None
        self.done_steps: list[str] = []

    def start(self) -> None:
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if self.finished:
            return
        if self._waiting is not None:
            try:
                ready = self._waiting.condition()
            except Exception as error:
                self._fail(error)
                return
            if not ready:
                if time.monotonic() > self._deadline:
                    self._fail(
                        AssertionError(
                            f"timed out waiting for: {self._waiting.what}; the keyboard was at "
                            f"{QApplication.focusWidget()!r} in {QApplication.activeWindow()!r}"
                        )
                    )
                    return
                QTimer.singleShot(20, self._next)
                return
            self.done_steps.append(self._waiting.what)
            self._waiting = None
        try:
            step = next(self._steps)
        except StopIteration:
            self.finished = True
            return
        except BaseException as error:
            self._fail(error)
            return
        if isinstance(step, Until):
            self._waiting = step
            QTimer.singleShot(0, self._next)
        else:
            # The keys first; then the journey goes on, inside a dialog's loop if they
            # opened one.
            QTimer.singleShot(0, lambda: self._send(step))
            QTimer.singleShot(0, self._next)

    def _send(self, step: Keys) -> None:
        if self.finished:
            return
        try:
            step.send()
            self.done_steps.append(step.what)
        except BaseException as error:
            self._fail(error)

    def _fail(self, error: BaseException) -> None:
        if self.finished:
            return
        self.error, self.finished = error, True
        self._steps.close()
        QTimer.singleShot(0, close_dialogs)


def close_dialogs() -> None:
    """Close every open menu and modal dialog, so the loops they run return."""
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    for _ in range(10):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        if isinstance(dialog, QDialog):
            dialog.reject()
        dialog.close()
        QApplication.processEvents()
