"""The main window's undo stack, with Edit ▸ Undo and Redo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack

if TYPE_CHECKING:
    from pont.ui.shell.main_window import MainWindow

# The words keep the translation context they had as part of MainWindow.


class UndoActions(QObject):
    """The stack of changes to members, with Undo and Redo, each naming the change it
    would undo or redo. A change made in another group first shows that group, so the
    coordinator sees it undone.

    Signals:
        status_message(str): a sentence for the status bar about what was undone or redone.
    """

    status_message = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        # A child of this object, so the stack's last signals, as it is deleted, find
        # these slots already disconnected.
        self.stack = QUndoStack(self)
        self.undo = QAction(QCoreApplication.translate("MainWindow", "&Undo"), self)
        self.undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo.triggered.connect(self.undo_change)
        self.redo = QAction(QCoreApplication.translate("MainWindow", "&Redo"), self)
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [
            k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys
        ]
        self.redo.setShortcuts(redo_keys)
        self.redo.triggered.connect(self.redo_change)
        self._update_texts()
        self.stack.indexChanged.connect(self._update_texts)
        self.stack.cleanChanged.connect(self._update_texts)

    def undo_change(self) -> None:
        self._show_group_of(self.stack.index() - 1)
        text = self.stack.undoText()
        self.stack.undo()
        if text:
            self.status_message.emit(
                QCoreApplication.translate("MainWindow", "Undone: {what}.").format(what=text)
            )

    def redo_change(self) -> None:
        self._show_group_of(self.stack.index())
        text = self.stack.redoText()
        self.stack.redo()
        if text:
            self.status_message.emit(
                QCoreApplication.translate("MainWindow", "Redone: {what}.").format(what=text)
            )

    def _show_group_of(self, index: int) -> None:
        """Undoing a change to another group first shows that group, so it is seen."""
        if not 0 <= index < self.stack.count():
            return
        group_id = getattr(self.stack.command(index), "group_id", None)
        shown = self._window.group
        if group_id is not None and shown is not None and group_id != shown.id:
            self._window.reload_groups(select_id=group_id)

    def _update_texts(self) -> None:
        stack = self.stack
        undo, redo = stack.undoText(), stack.redoText()
        self.undo.setEnabled(stack.canUndo())
        self.undo.setText(
            QCoreApplication.translate("MainWindow", "&Undo {what}").format(what=undo)
            if undo
            else QCoreApplication.translate("MainWindow", "&Undo")
        )
        self.redo.setEnabled(stack.canRedo())
        self.redo.setText(
            QCoreApplication.translate("MainWindow", "&Redo {what}").format(what=redo)
            if redo
            else QCoreApplication.translate("MainWindow", "&Redo")
        )
