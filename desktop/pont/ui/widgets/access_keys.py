"""Alt and a letter is an access key (a button's or label's underlined letter), never a
letter typed into a text box."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

_ALT_ONLY = (
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
)


# On a Mac, Option (Qt's Alt) and a letter is how é or ŵ is typed.
OPTION_TYPES_LETTERS = sys.platform == "darwin"


def is_unused_access_key(event: QKeyEvent) -> bool:
    """Alt (with or without Shift) and a printable key. Not on a Mac, where Option is how
    letters such as é are typed; and AltGr (Ctrl+Alt on Windows) is never Alt alone."""
    if OPTION_TYPES_LETTERS:
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return modifiers in _ALT_ONLY and event.text().isprintable() and bool(event.text())


class _AccessKeysNotTyped(QObject):
    """Swallows an access key no button took: Qt types it into the text box otherwise (a
    key press arrives only once no shortcut or mnemonic has claimed it)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        return (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and is_unused_access_key(event)
        )


def keep_access_keys_out(owner: QObject, *text_boxes: QObject) -> None:
    """Alt+letter types nothing into these text boxes; owner keeps the filter."""
    keeper = _AccessKeysNotTyped(owner)
    for box in text_boxes:
        box.installEventFilter(keeper)
