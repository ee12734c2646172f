"""The dialog that creates a group or changes its name, tag, description and how posts go out,
and, on pages of their own, how the group handles its mail and what its notices say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pont.core.errors import PontError
from pont.core.group_mail.notices import NoticeKind
from pont.core.members.groups import (
    MAX_FOOTER_LENGTH,
    MAX_TAG_LENGTH,
    Group,
    GroupMode,
    NoticeLanguage,
    PostingPolicy,
    group_address,
    suggested_tag,
)
from pont.ui.help.guide import Section, add_help_button
from pont.ui.language import describe
from pont.ui.members.group_mail_page import GroupMailSettings, NoticeEditor
from pont.ui.widgets.look import (
    WrappedLabel,
    lay_out_form_dialog,
    problem_label,
    set_text_colour,
    tab_to_checked,
)


@dataclass(frozen=True, slots=True)
class GroupDetails:
    """What the dialog asks for, as typed; the core checks and tidies it."""

    name: str
    tag: str
    description: str
    mode: GroupMode
    footer: str  # '' = the description
    posting: PostingPolicy = PostingPolicy.MEMBERS
    hold_days: int = 14
    auto_leave: bool = False
    language: NoticeLanguage = NoticeLanguage.ENGLISH
    welcome: str = ""  # '' = Pont's wording
    goodbye: str = ""


# Called with the details; returns the group as stored or raises PontError.
GroupSaver = Callable[[GroupDetails], Group]
# Checks the saved group's address (ui/group_mail/address_check); returns the group as it is
# then (back in copy-all mode when no address worked).
AddressCheck = Callable[[QWidget, Group], Group]


class GroupDialog(QDialog):
    """Asks for a group's name, the tag its subject lines carry, a description, and how its
    posts go out (copy everyone in, or from a group address) with the footer line under them.

    The tag follows the name (Wellbeing Network → Wellbeing) until it is typed by hand.
    `sender` is the mailbox the group's posts go from, so the group address shown is the real
    one; None when no account is set up yet.
    Saving happens in accept(), so a refused name keeps the dialog open with the reason.

    Signals:
        group_saved(object): the Group as stored.
    """

    group_saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        save: GroupSaver,
        group: Group | None = None,
        sender: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._sender = sender
        self._tag_typed = group is not None
        self.saved_group: Group | None = None
        self._before = group
        # Checks a group's address as it switches to group-address mode (set by the window).
        self.address_check: AddressCheck | None = None
        self.setWindowTitle(self.tr("Edit group") if group else self.tr("New group"))
        self.setMinimumWidth(560)

        self.name_edit = QLineEdit(group.name if group else "")
        self.name_edit.setAccessibleName(self.tr("Group name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Wellbeing Network"))
        self.name_edit.setMaxLength(100)
        self.tag_edit = QLineEdit(group.tag if group else "")
        self.tag_edit.setAccessibleName(self.tr("Tag for subject lines"))
        self.tag_edit.setMaxLength(MAX_TAG_LENGTH)
        self.preview = WrappedLabel()
        self.preview.setAccessibleName(self.tr("Subject line preview"))
        self.description_edit = QPlainTextEdit(group.description if group else "")
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.description_edit.setPlaceholderText(
            self.tr("One or two sentences saying what the group is for")
        )
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.copy_all_button = QRadioButton(self.tr("&Copy everyone in"))
        self.copy_all_explanation = self._explanation(
            self.tr("Members see each other’s addresses and reply to all. Best for small groups.")
        )
        self.group_address_button = QRadioButton(self.tr("Send from a &group address"))
        self.group_address_explanation = self._explanation("")
        self.mode_buttons = QButtonGroup(self)
        for button in (self.copy_all_button, self.group_address_button):
            self.mode_buttons.addButton(button)
        mode = group.mode if group else GroupMode.COPY_ALL
        self.group_address_button.setChecked(mode is GroupMode.GROUP_ADDRESS)
        self.copy_all_button.setChecked(mode is GroupMode.COPY_ALL)
        tab_to_checked(self.mode_buttons)
        modes = QWidget()
        modes.setAccessibleName(self.tr("How posts go out"))
        modes_layout = QVBoxLayout(modes)
        modes_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.copy_all_button,
            self.copy_all_explanation,
            self.group_address_button,
            self.group_address_explanation,
        ):
            modes_layout.addWidget(widget)

        self.footer_edit = QLineEdit(group.footer if group else "")
        self.footer_edit.setAccessibleName(self.tr("Footer line"))
        self.footer_edit.setMaxLength(MAX_FOOTER_LENGTH)
        footer_hint = WrappedLabel(
            self.tr(
                "One line under every post, after the group’s name, saying what the group is."
                " Left empty, the description is used."
            )
        )
        set_text_colour(footer_hint, None)
        self.error_label = problem_label(self.tr("Problem"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name_edit)
        self._add_with_hint(form, self.tr("&Tag for subject lines:"), self.tag_edit, self.preview)
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow(self.tr("How posts go out:"), modes)
        self._add_with_hint(form, self.tr("&Footer line:"), self.footer_edit, footer_hint)

        self._group = group
        self.tabs = self._tabs(form)
        self.buttons, self.ok_button = lay_out_form_dialog(
            self,
            self.tabs_form,
            self.error_label,
            self.tr("Save changes") if group else self.tr("Create group"),
        )
        add_help_button(self.buttons, Section.GROUP_SETTINGS)
        column = self.layout()
        assert isinstance(column, QVBoxLayout)  # as lay_out_form_dialog made it
        self._column = column
        # Room the window is given beyond what it needs goes above the buttons, not into
        # gaps under the hints.
        column.insertStretch(1)

        self.name_edit.textChanged.connect(self._name_changed)
        self.tag_edit.textEdited.connect(self._tag_edited)
        self.tag_edit.textChanged.connect(self._update)
        self.description_edit.textChanged.connect(self._update_footer_placeholder)
        self.name_edit.textChanged.connect(self._update_notices)
        self.mode_buttons.buttonToggled.connect(self._update_notices)
        self.mail_settings.changed.connect(self._update_notices)
        self._update()
        self._update_footer_placeholder()
        self._update_notices()
        # The name first: the tabs' bar would otherwise take the keys typed.
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Qt sizes the window from the wrapped lines' heights at a narrower width than they
        # get, which left a band of empty space; the height for the actual width fits.
        self._column.activate()
        # Each page of the tabs lays itself out later, after a wrapped line sized at a
        # narrower width has asked for less height: lay them out now, once more.
        for page in (self.tabs.widget(index) for index in range(self.tabs.count())):
            for layout in page.findChildren(QLayout):
                layout.activate()
        self._column.activate()
        height = self._column.totalHeightForWidth(self.width())
        if height > 0:
            self.resize(self.width(), height)

    def _tabs(self, form: QFormLayout) -> QTabWidget:
        """The group's own page (the form), then the pages about its mail."""
        group = self._group
        general = QWidget()
        page = QVBoxLayout(general)
        page.addLayout(form)
        page.addStretch(1)  # the pages share the tallest one's height; room goes below
        self.mail_settings = GroupMailSettings(group)
        self.welcome_editor = NoticeEditor(
            NoticeKind.WELCOME, group.welcome if group else "", self._draft, self._sender
        )
        self.goodbye_editor = NoticeEditor(
            NoticeKind.GOODBYE, group.goodbye if group else "", self._draft, self._sender
        )
        tabs = QTabWidget()
        tabs.setAccessibleName(self.tr("Group settings"))
        tabs.tabBar().setAccessibleName(self.tr("Group settings"))
        tabs.addTab(general, self.tr("Group"))
        tabs.addTab(self.mail_settings, self.tr("Mail to the group"))
        tabs.addTab(self.welcome_editor, self.tr("Welcome"))
        tabs.addTab(self.goodbye_editor, self.tr("Goodbye"))
        self.tabs_form = QFormLayout()
        self.tabs_form.setContentsMargins(0, 0, 0, 0)
        self.tabs_form.addRow(tabs)
        return tabs

    def _draft(self) -> Group:
        """The group as the fields stand, for the notices' previews."""
        base = self._group or Group(0, "", "", "")
        return replace(
            base,
            name=" ".join(self.name_edit.text().split()) or self.tr("Your group"),
            tag=self.tag_edit.text().strip().strip("[]").strip(),
            mode=self.mode,
            posting=self.mail_settings.posting,
            language=self.mail_settings.language,
            welcome=self.welcome_editor.template,
            goodbye=self.goodbye_editor.template,
        )

    def _update_notices(self, *_: object) -> None:
        self.mail_settings.show_group_address_mode(self.mode is GroupMode.GROUP_ADDRESS)
        self.welcome_editor.refresh()
        self.goodbye_editor.refresh()

    @staticmethod
    def _add_with_hint(form: QFormLayout, label: str, field: QWidget, hint: QLabel) -> None:
        # The hint sits just under its field: a row of its own left a gap as tall as a field.
        column = QVBoxLayout()
        column.setSpacing(2)
        column.setContentsMargins(0, 0, 0, 4)
        column.addWidget(field)
        column.addWidget(hint)
        name = QLabel(label)
        name.setBuddy(field)
        form.addRow(name, column)

    def _explanation(self, text: str) -> WrappedLabel:
        """A quieter line under a choice, indented to start where the choice's words do."""
        label = WrappedLabel(text)
        set_text_colour(label, None)
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + (
            style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        )
        label.setContentsMargins(indent, 0, 0, 4)
        return label

    @property
    def mode(self) -> GroupMode:
        if self.group_address_button.isChecked():
            return GroupMode.GROUP_ADDRESS
        return GroupMode.COPY_ALL

    def _name_changed(self, name: str) -> None:
        if not self._tag_typed:
            self.tag_edit.setText(suggested_tag(name))
        self._update()

    def _tag_edited(self, _text: str) -> None:
        self._tag_typed = True

    def _update(self) -> None:
        tag = self.tag_edit.text().strip().strip("[]").strip()
        example = self.tr("Notes from Tuesday’s call")
        if tag:
            self.preview.setText(
                self.tr("Subjects will look like: {subject}").format(subject=f"[{tag}] {example}")
            )
        else:
            self.preview.setText(self.tr("Subjects will carry no tag."))
        self._update_group_address(tag)
        self.ok_button.setEnabled(bool(self.name_edit.text().strip()))
        self.error_label.hide()

    def _update_group_address(self, tag: str) -> None:
        # The address follows the tag as it is typed, as posts will once it is saved.
        draft = Group(0, self.name_edit.text(), tag, "")
        if self._sender:
            address = group_address(self._sender, draft)
        else:
            detail = group_address("you@yourdomain", draft).partition("+")[2].partition("@")[0]
            address = self.tr("your address with +{detail}").format(detail=detail)
        self.group_address_explanation.setText(
            self.tr(
                "Posts come from {address} and reach members in batches; replies go to that "
                "address, and the footer lists the members. For larger groups."
            ).format(address=address)
        )
        self.group_address_button.setAccessibleDescription(self.group_address_explanation.text())
        self.copy_all_button.setAccessibleDescription(self.copy_all_explanation.text())

    def _update_footer_placeholder(self) -> None:
        description = " ".join(self.description_edit.toPlainText().split())
        self.footer_edit.setPlaceholderText(
            description or self.tr("e.g. Sharing what works in community wellbeing")
        )

    def _focus_problem(self) -> None:
        """Show the page whose field was refused: a notice's wording, else the group's own."""
        for editor in (self.welcome_editor, self.goodbye_editor):
            if not editor.problem.isHidden():
                self.tabs.setCurrentWidget(editor)
                editor.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.tabs.setCurrentIndex(0)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        details = GroupDetails(
            self.name_edit.text(),
            self.tag_edit.text(),
            self.description_edit.toPlainText(),
            self.mode,
            self.footer_edit.text(),
            self.mail_settings.posting,
            self.mail_settings.hold_days_spin.value(),
            self.mail_settings.auto_leave_box.isChecked(),
            self.mail_settings.language,
            self.welcome_editor.template,
            self.goodbye_editor.template,
        )
        try:
            group = self._save(details)
        except PontError as error:
            self.error_label.setText(describe(error))
            self.error_label.show()
            self._focus_problem()
            return
        if (
            self.address_check is not None
            and group.mode is GroupMode.GROUP_ADDRESS
            and not group.address_checked
            and (self._before is None or self._before.mode is not GroupMode.GROUP_ADDRESS)
        ):
            group = self.address_check(self, group)  # issue 14: checked before it is used
        self.saved_group = group
        self.group_saved.emit(group)
        super().accept()
