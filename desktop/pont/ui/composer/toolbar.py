"""The composer's tool bar: Send, the editor's formatting, Attach… and Discard."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from pont.ui.widgets.look import name_qt_buttons

# The tool bar's words were the composer window's and are translated under its name.
translate = QCoreApplication.translate


class PostToolBar(QToolBar):
    """Its actions are the window's to connect; all of them work only while the post is
    being written."""

    def __init__(self, formatting: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(translate("ComposerWindow", "Post tools"), parent)
        self.setAccessibleName(translate("ComposerWindow", "Post tools"))
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.send_action = QAction(translate("ComposerWindow", "&Send"), self)
        self.send_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.send_action.setToolTip(
            translate("ComposerWindow", "Send the post to the group (Ctrl+Enter)")
        )
        self.attach_action = QAction(translate("ComposerWindow", "&Attach…"), self)
        self.attach_action.setToolTip(
            translate("ComposerWindow", "Attach files (or drop them on this window)")
        )
        self.discard_action = QAction(translate("ComposerWindow", "&Discard"), self)
        self.discard_action.setToolTip(translate("ComposerWindow", "Throw this post away"))
        self._formatting = formatting
        self.addAction(self.send_action)
        self.addSeparator()
        self.addActions(formatting)
        self.addSeparator()
        self.addAction(self.attach_action)
        self.addSeparator()
        self.addAction(self.discard_action)
        name_qt_buttons(self, translate("ComposerWindow", "More tools"))
        self._reach_from_the_keyboard()

    def add_tool(self, action: QAction) -> None:
        """One more button at the end (Help), reached from the keyboard like the others."""
        self.addAction(action)
        self._reach_from_the_keyboard()

    def _reach_from_the_keyboard(self) -> None:
        """Tab stops at every button, and Alt with a button's underlined letter presses it.
        A tool bar's buttons take no focus, and they show an action's words without its
        "&", so its access key did nothing: Alt+A typed an "a" into the post instead."""
        for action in self.actions():
            button = self.widgetForAction(action)
            if button is None or action.isSeparator():
                continue
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            action.setIconText(action.text())  # the button's text keeps its "&"

    def set_writing(self, writing: bool) -> None:
        for action in [
            self.send_action,
            self.attach_action,
            self.discard_action,
            *self._formatting,
        ]:
            action.setEnabled(writing)
