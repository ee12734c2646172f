"""The page a profile with no group yet shows instead of the members table: what Pont does, and
the first steps as buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pont.ui.widgets.look import WrappedLabel, set_text_colour


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.rstrip("…"))
    button.setMinimumHeight(button.sizeHint().height() + 8)  # big, clear targets
    # Enter presses the button with the focus, as in a dialog (outside one, a push button
    # takes only Space): the page says Enter makes a group, and Tab leads to the others.
    button.setAutoDefault(True)
    return button


class WelcomePage(QWidget):
    """Says in two lines what Pont does, then the first steps, each with its buttons: make a
    group, add people (a contacts file, or pasted addresses; a group is made first), connect
    the mailbox; then the getting-started guide, and the demo (Help ▸ Open the demo; no button
    in the demo itself).

    Signals:
        make_group_requested(): Make a group.
        import_requested(): Import a contacts file (once a group is made).
        paste_requested(): Paste addresses (once a group is made).
        connect_requested(): Connect your mailbox.
        guide_requested(): Read the getting-started guide.
        demo_requested(): Try the demo.
    """

    make_group_requested = Signal()
    import_requested = Signal()
    paste_requested = Signal()
    connect_requested = Signal()
    guide_requested = Signal()
    demo_requested = Signal()

    def __init__(self, in_demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Welcome to Pont"))

        title = QLabel(self.tr("Welcome to Pont"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = WrappedLabel(
            self.tr(
                "Pont runs an email group from your own mailbox: it keeps the list of members "
                "and sends each post to all of them, in batches your provider accepts. "
                "Replies come back to you, and Pont keeps them as conversations."
            )
        )

        self.make_group_button = _button(self.tr("Make a group…"))
        self.make_group_button.setDefault(True)
        self.make_group_button.clicked.connect(self.make_group_requested)
        self.import_button = _button(self.tr("Import a contacts file…"))
        self.import_button.clicked.connect(self.import_requested)
        self.paste_button = _button(self.tr("Paste addresses…"))
        self.paste_button.clicked.connect(self.paste_requested)
        self.connect_button = _button(self.tr("Connect your mailbox…"))
        self.connect_button.clicked.connect(self.connect_requested)
        self.mailbox_label = WrappedLabel()
        self.mailbox_label.setAccessibleName(self.tr("Your mailbox"))
        self.connected_mark = QLabel()

        steps = QGridLayout()
        steps.setHorizontalSpacing(14)
        steps.setVerticalSpacing(18)
        steps.setColumnStretch(1, 1)
        self._add_step(
            steps,
            1,
            self.tr("Make a group"),
            WrappedLabel(
                self.tr("A name, and a short tag for subject lines, such as [Wellbeing].")
            ),
            [self.make_group_button],
        )
        self._add_step(
            steps,
            2,
            self.tr("Add people"),
            WrappedLabel(
                self.tr(
                    "From a contacts file saved from Excel, Outlook, Gmail or a phone, or "
                    "addresses pasted from an email. Pont asks for the group’s name first."
                )
            ),
            [self.import_button, self.paste_button],
        )
        self.connect_number = self._add_step(
            steps, 3, self.tr("Connect your mailbox"), self.mailbox_label, [self.connect_button]
        )

        self.guide_button = _button(self.tr("Read the getting-started guide"))
        self.guide_button.clicked.connect(self.guide_requested)
        self.demo_button = _button(self.tr("Try the demo"))
        self.demo_button.setToolTip(
            self.tr(
                "A sample group with members and conversations; it sends no email, and Start my "
                "own group brings you back here"
            )
        )
        self.demo_button.clicked.connect(self.demo_requested)
        more = QHBoxLayout()
        more.addWidget(self.guide_button)
        more.addWidget(self.demo_button)
        more.addStretch(1)

        column = QWidget()
        column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 96)
        layout = QVBoxLayout(column)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(22)
        layout.addLayout(steps)
        layout.addSpacing(22)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addLayout(more)
        layout.addStretch(1)

        centred = QWidget()
        row = QHBoxLayout(centred)
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(centred)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 24, 0, 0)
        outer.addWidget(scroll)

        self.demo_button.setVisible(not in_demo)
        self.show_mailbox("")

    def _add_step(
        self,
        grid: QGridLayout,
        number: int,
        title: str,
        text: QLabel,
        buttons: list[QPushButton],
    ) -> QLabel:
        badge = QLabel(str(number))
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        size = self.fontMetrics().height() * 2
        badge.setFixedSize(size, size)
        badge.setStyleSheet(
            f"QLabel {{ border: 2px solid palette(highlight); border-radius: {size // 2}px;"
            " font-weight: bold; }"
        )
        badge.setAccessibleName(self.tr("Step {number}").format(number=number))
        heading = QLabel(title)
        bold = heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        heading.setFont(bold)
        set_text_colour(text, None)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(heading)
        words.addWidget(text)
        actions = QVBoxLayout()
        actions.setSpacing(6)
        for button in buttons:
            actions.addWidget(button)
            button.setAccessibleDescription(f"{title}: {text.text()}")
        actions.addStretch(1)
        row = grid.rowCount()
        grid.addWidget(badge, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(words, row, 1)
        grid.addLayout(actions, row, 2)
        return badge

    def show_mailbox(self, email: str) -> None:
        """The mailbox connected already ('' for none): step 3 then says so, done."""
        if email:
            self.mailbox_label.setText(
                self.tr("Connected: {email}. The group’s mail goes from this mailbox.").format(
                    email=email
                )
            )
            self.connect_number.setText("✓")
        else:
            self.mailbox_label.setText(
                self.tr(
                    "Pont sends from your own email account and reads the replies there. "
                    "Microsoft 365 mailboxes sign in with Microsoft; Gmail and Yahoo need an "
                    "app password, and Pont shows you how."
                )
            )
            self.connect_number.setText("3")
        self.connect_button.setVisible(not email)
        self.connect_button.setAccessibleDescription(self.mailbox_label.text())

    def focus_first_step(self) -> None:
        self.make_group_button.setFocus(Qt.FocusReason.OtherFocusReason)
