"""The way in and out of the demo: the banner at the top of the demo's window (what this is,
what to try, Start my own group), File ▸ Start my own group and Help ▸ Open the demo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from pont.ui.widgets.look import COOL_NOTE, WrappedLabel, make_note

# Opens the other profile in a new window in place of this one (pont.app gives it): the
# coordinator's own (False) or the demo (True); None when it could not.
ProfileSwitch = Callable[[bool], "QWidget | None"]


class DemoActions(QObject):
    """File ▸ Start my own group (in the demo) and Help ▸ Open the demo (elsewhere)."""

    def __init__(self, window: QWidget, demo: bool) -> None:
        super().__init__(window)
        self._window = window
        self.switch: ProfileSwitch | None = None  # pont.app sets it; tests may too
        self.start_own = QAction(self.tr("&Start my own group…"), self)
        self.start_own.setToolTip(
            self.tr("Leave the demo and open your own profile, to make your own group")
        )
        self.start_own.triggered.connect(self.start_own_group)
        self.start_own.setVisible(demo)
        self.open_demo = QAction(self.tr("Open the &demo"), self)
        self.open_demo.setToolTip(
            self.tr("A sample group to try Pont on: nothing you do there reaches anyone")
        )
        self.open_demo.triggered.connect(self.show_demo)
        self.open_demo.setVisible(not demo)

    def start_own_group(self) -> QWidget | None:
        return self.switch(False) if self.switch is not None else None

    def show_demo(self) -> QWidget | None:
        return self.switch(True) if self.switch is not None else None


class DemoBanner(QFrame):
    """At the top of the demo's window: what the demo is, what to try next, and the way out."""

    def __init__(self, actions: DemoActions, new_post_keys: QKeySequence) -> None:
        super().__init__()
        self.setObjectName("demoBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        make_note(self, "demoBanner", COOL_NOTE)
        self.setAccessibleName(self.tr("About the demo"))
        keys = new_post_keys.toString(QKeySequence.SequenceFormat.NativeText)
        self.label = WrappedLabel(
            self.tr(
                "<b>This is a demo group: nothing you do here reaches anyone.</b> Try writing "
                "a post ({keys}) and watch it go out in batches in the Outbox (Post ▸ Outbox); "
                "a member’s reply then arrives in Conversations. The demo stays here when you "
                "start your own group: Help ▸ Open the demo."
            ).format(keys=keys)
        )
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAccessibleName(self.tr("About the demo"))
        self.start_button = QPushButton(self.tr("&Start my own group"))
        self.start_button.setToolTip(actions.start_own.toolTip())
        self.start_button.clicked.connect(actions.start_own_group)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignVCenter)
