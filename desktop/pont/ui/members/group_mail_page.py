"""The group dialog's pages about the group's own mail: who can post to its address, how long
held posts wait, leaving without asking, the notices' language, and the welcome and goodbye
wording with a preview of what a member gets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pont.core.archive.message_headers import Address
from pont.core.errors import PontError
from pont.core.group_mail.notices import NoticeKind, pont_wording, preview_notice
from pont.core.members.groups import MAX_HOLD_DAYS, Group, NoticeLanguage, PostingPolicy
from pont.core.members.notice_templates import MAX_TEMPLATE_LENGTH
from pont.ui.language import current_language, describe
from pont.ui.widgets.look import WrappedLabel, problem_label, set_text_colour, tab_to_checked

# Whom the preview shows a notice to; a Welsh name, so that its letters are seen to arrive.
SAMPLE_MEMBER = Address("Siân Jones", "sian.jones@example.org")
# The coordinator's address in a preview when no mailbox is set up yet.
NO_SENDER = "you@example.org"


def _hint(text: str) -> WrappedLabel:
    label = WrappedLabel(text)
    set_text_colour(label, None)
    return label


def _new_group_language() -> NoticeLanguage:
    """A group made in a Welsh window writes to its members in Welsh, then English: its
    coordinator works in Welsh, and not every member may read it."""
    return NoticeLanguage.BOTH if current_language() == "cy" else NoticeLanguage.ENGLISH


class GroupMailSettings(QWidget):
    """Who can post to the group's address, held posts' expiry, leaving without asking, and
    the language of the group's notices.

    Signals:
        changed(): a setting changed (the notices' previews follow the language and policy).
    """

    changed = Signal()

    def __init__(self, group: Group | None) -> None:
        super().__init__()
        current = group or Group(0, "", "", "", language=_new_group_language())
        self.members_button = QRadioButton(self.tr("&Members post freely"))
        self.moderated_button = QRadioButton(self.tr("Every post is &held for me to approve"))
        self.announce_button = QRadioButton(self.tr("&Only I post: an announcement group"))
        self._posting = {
            PostingPolicy.MEMBERS: self.members_button,
            PostingPolicy.MODERATED: self.moderated_button,
            PostingPolicy.ANNOUNCE: self.announce_button,
        }
        self.posting_buttons = QButtonGroup(self)
        posting = QWidget()
        posting.setAccessibleName(self.tr("Who can post"))
        posting_layout = QVBoxLayout(posting)
        posting_layout.setContentsMargins(0, 0, 0, 0)
        for button in self._posting.values():
            self.posting_buttons.addButton(button)
            posting_layout.addWidget(button)
        self._posting[current.posting].setChecked(True)
        tab_to_checked(self.posting_buttons)
        self.posting_hint = _hint(
            self.tr(
                "A post from anyone who is not a member is always held for you to approve or "
                "reject."
            )
        )
        posting_layout.addWidget(self.posting_hint)

        self.hold_days_spin = QSpinBox()
        self.hold_days_spin.setRange(1, MAX_HOLD_DAYS)
        self.hold_days_spin.setValue(current.hold_days)
        self.hold_days_spin.setAccessibleName(self.tr("Days before held posts expire"))
        self.hold_days_spin.setSuffix(self.tr(" days"))
        self.auto_leave_box = QCheckBox(self.tr("Let people &leave without asking me"))
        self.auto_leave_box.setChecked(current.auto_leave)
        self.auto_leave_box.setAccessibleDescription(
            self.tr(
                "When someone writes asking to leave, Pont takes them off the group and sends "
                "the goodbye message. Unticked, each request waits for you in Requests."
            )
        )
        leave_hint = _hint(self.auto_leave_box.accessibleDescription())

        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(self.tr("Language of the group’s notices"))
        for language, label in (
            (NoticeLanguage.ENGLISH, self.tr("English")),
            (NoticeLanguage.WELSH, "Cymraeg"),
            (NoticeLanguage.BOTH, self.tr("Both: Cymraeg, then English")),
        ):
            self.language_combo.addItem(label, language.value)
        self.language_combo.setCurrentIndex(self.language_combo.findData(current.language.value))
        language_hint = _hint(
            self.tr(
                "The footer under each post, welcome and goodbye messages, confirmations and "
                "replies to members go in this language, whatever language Pont shows you."
            )
        )

        self.copy_all_note = _hint(
            self.tr(
                "Who can post and held posts apply once the group sends from a group address "
                "(on the Group page)."
            )
        )
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Each question above its answer: beside it, a long label (Welsh) squeezed the choices.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.copy_all_note)
        who = QLabel(self.tr("Who can post:"))
        form.addRow(who, posting)
        days = QLabel(self.tr("Held posts &expire after:"))
        days.setBuddy(self.hold_days_spin)
        spin_row = QHBoxLayout()
        spin_row.addWidget(self.hold_days_spin)
        spin_row.addStretch(1)
        form.addRow(days, spin_row)
        leaving = QVBoxLayout()
        leaving.setSpacing(2)
        leaving.addWidget(self.auto_leave_box)
        leaving.addWidget(leave_hint)
        form.addRow(self.tr("Leaving:"), leaving)
        language = QLabel(self.tr("&Notices in:"))
        language.setBuddy(self.language_combo)
        notices = QVBoxLayout()
        notices.setSpacing(2)
        notices.addWidget(self.language_combo)
        notices.addWidget(language_hint)
        form.addRow(language, notices)
        self._group_address_only: tuple[QWidget, ...] = (
            posting,
            self.hold_days_spin,
            who,
            days,
        )

        self.posting_buttons.buttonToggled.connect(lambda *_: self.changed.emit())
        self.language_combo.currentIndexChanged.connect(lambda *_: self.changed.emit())

    @property
    def posting(self) -> PostingPolicy:
        for policy, button in self._posting.items():
            if button.isChecked():
                return policy
        return PostingPolicy.MEMBERS

    @property
    def language(self) -> NoticeLanguage:
        return NoticeLanguage(self.language_combo.currentData())

    def show_group_address_mode(self, group_address: bool) -> None:
        """Who can post and held posts mean something only for a group address."""
        for widget in self._group_address_only:
            widget.setEnabled(group_address)
        self.copy_all_note.setVisible(not group_address)


class NoticeEditor(QWidget):
    """The coordinator's own wording for one notice (empty: Pont's), and below it the notice
    as a sample member would get it, kept up to date as they type.

    `draft` gives the group as the dialog's fields stand, `sender` the coordinator's address.
    """

    def __init__(
        self,
        kind: NoticeKind,
        template: str,
        draft: Callable[[], Group],
        sender: str | None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self._draft = draft
        self._sender = sender or NO_SENDER
        welcome = kind is NoticeKind.WELCOME
        self.editor = QPlainTextEdit(template)
        self.editor.setAccessibleName(
            self.tr("Your welcome message") if welcome else self.tr("Your goodbye message")
        )
        self.editor.setPlaceholderText(
            self.tr("Empty: Pont’s own wording, shown below. Type here to write your own.")
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.start_button = QPushButton(self.tr("&Start from Pont’s wording"))
        self.start_button.setAccessibleDescription(
            self.tr("Puts Pont’s own wording in the box, to change as you like")
        )
        self.start_button.clicked.connect(self._start_from_pont)
        placeholders = _hint(
            self.tr(
                "{name}: the member’s name · {group}: the group’s name · {post}: how to write "
                "to the group · {leave}: how to leave. With both languages, put the Welsh "
                "above a line of five dashes (-----) and the English below it."
            )
        )
        self.problem = problem_label(self.tr("Problem with the wording"))
        self.preview_title = QLabel()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(
            self.tr("Preview of the welcome message")
            if welcome
            else self.tr("Preview of the goodbye message")
        )
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 9 + 12)
        self.preview.setTabChangesFocus(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        heading = QLabel(self.tr("&Your wording:"))
        heading.setBuddy(self.editor)
        column.addWidget(heading)
        column.addWidget(self.editor)
        column.addLayout(buttons)
        column.addWidget(placeholders)
        column.addWidget(self.problem)
        column.addWidget(self.preview_title)
        column.addWidget(self.preview, 1)
        self.editor.textChanged.connect(self.refresh)

    @property
    def template(self) -> str:
        return self.editor.toPlainText()

    def _start_from_pont(self) -> None:
        self.editor.setPlainText(pont_wording(self._draft(), self._sender, self.kind))
        self.editor.setFocus()

    def refresh(self) -> None:
        """Show the notice as the sample member would get it, or what is wrong with the
        wording (the last good preview stays, greyed)."""
        template = self.template[: MAX_TEMPLATE_LENGTH * 2]
        try:
            text = preview_notice(
                self._draft(), self._sender, self.kind, SAMPLE_MEMBER, template or None
            )
        except PontError as error:
            self.problem.setText(describe(error))
            self.problem.show()
            self.preview.setEnabled(False)
            return
        self.problem.hide()
        self.preview.setEnabled(True)
        self.preview_title.setText(
            self.tr("What {name} would get:").format(name=SAMPLE_MEMBER.name)
        )
        self.preview.setPlainText(
            self.tr("Subject: {subject}").format(subject=text.subject) + "\n\n" + text.body
        )
