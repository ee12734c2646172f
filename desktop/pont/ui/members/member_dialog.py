"""The dialog that adds a member, or edits all of one member's details at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from pont.core.errors import PontError
from pont.core.members.groups import Group
from pont.core.members.importers.pasted import typed_address
from pont.core.members.members import Member, MemberStatus, NewMember, parse_tags
from pont.ui.help.guide import Section, add_help_button
from pont.ui.language import describe
from pont.ui.members.columns import choosable_statuses, status_label
from pont.ui.widgets.look import (
    ERROR_COLOUR,
    WrappedLabel,
    lay_out_form_dialog,
    problem_label,
    sentence,
    set_text_colour,
)

# Why an address cannot be used in this group (syntax or a duplicate), or None.
AddressCheck = Callable[[str], "str | None"]
# Saves what the dialog holds; returns the member as stored or raises PontError.
MemberSaver = Callable[[NewMember], Member]


class MemberDialog(QDialog):
    """Asks for a member's address (required, checked as it is typed), name, organisation,
    tags and notes; when editing, their status too. OK stays disabled until the address
    can be used, and a refusal from the store keeps the dialog open with the reason.

    Signals:
        member_saved(object): the Member as stored.
    """

    member_saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        group: Group,
        check_address: AddressCheck,
        save: MemberSaver,
        member: Member | None = None,
    ) -> None:
        super().__init__(parent)
        self._check_address = check_address
        self._save = save
        self.saved_member: Member | None = None
        if member is None:
            self.setWindowTitle(self.tr("Add a member to {group}").format(group=group.name))
        else:
            self.setWindowTitle(self.tr("Edit member of {group}").format(group=group.name))
        self.setMinimumWidth(520)

        self.email_edit = QLineEdit(member.email if member else "")
        self.email_edit.setAccessibleName(self.tr("Email address (required)"))
        self.email_edit.setPlaceholderText(self.tr("name@example.org"))
        self.email_hint = WrappedLabel()
        self.email_hint.setAccessibleName(self.tr("Email address check"))
        self.name_edit = QLineEdit(member.name if member else "")
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.organisation_edit = QLineEdit(member.organisation if member else "")
        self.organisation_edit.setAccessibleName(self.tr("Organisation"))
        self.tags_edit = QLineEdit(", ".join(member.tags) if member else "")
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("Separate tags with commas, e.g. NHS, rural"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status in choosable_statuses(member.status if member else None):
            self.status_combo.addItem(status_label(status), status.value)
        if member is not None:
            self.status_combo.setCurrentIndex(self.status_combo.findData(member.status.value))
        self.notes_edit = QPlainTextEdit(member.notes if member else "")
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.error_label = problem_label(self.tr("Problem"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Email:"), self.email_edit)
        form.addRow("", self.email_hint)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("O&rganisation:"), self.organisation_edit)
        form.addRow(self.tr("&Tags:"), self.tags_edit)
        if member is not None:
            form.addRow(self.tr("&Status:"), self.status_combo)
        else:
            self.status_combo.hide()
        form.addRow(self.tr("N&otes:"), self.notes_edit)

        self.buttons, self.ok_button = lay_out_form_dialog(
            self,
            form,
            self.error_label,
            self.tr("Save changes") if member else self.tr("Add member"),
        )
        add_help_button(self.buttons, Section.MEMBER)

        self.email_edit.textChanged.connect(self._check)
        self.email_edit.editingFinished.connect(self._split_name_from_address)
        self._check(self.email_edit.text())

    def _split_name_from_address(self) -> None:
        """ "Ann Jones <ann@example.org>" typed or pasted as the address, as Paste addresses
        takes it: the address stays, and the name goes to an empty Name."""
        name, email = typed_address(self.email_edit.text())
        if email != self.email_edit.text().strip():
            self.email_edit.setText(email)
        if name and not self.name_edit.text().strip():
            self.name_edit.setText(name)

    def _check(self, text: str) -> None:
        self.error_label.hide()
        text = typed_address(text)[1]
        if not text:
            set_text_colour(self.email_hint, None)
            self.email_hint.setText(
                self.tr("Required: the address Pont sends the group’s mail to.")
            )
            self.email_hint.show()
            self.ok_button.setEnabled(False)
            return
        problem = self._check_address(text)
        set_text_colour(self.email_hint, ERROR_COLOUR if problem else None)
        self.email_hint.setText(sentence(problem) if problem else "")
        self.email_hint.setVisible(bool(problem))
        self.ok_button.setEnabled(problem is None)

    def values(self) -> NewMember:
        """What is typed now, as the core takes it."""
        name, email = typed_address(self.email_edit.text())
        return NewMember(
            email=email,
            name=self.name_edit.text().strip() or name,
            organisation=self.organisation_edit.text().strip(),
            status=MemberStatus(self.status_combo.currentData()),
            tags=parse_tags(self.tags_edit.text()),
            notes=self.notes_edit.toPlainText().strip(),
        )

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            member = self._save(self.values())
        except PontError as error:
            self.error_label.setText(sentence(describe(error)))
            self.error_label.show()
            self.email_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.saved_member = member
        self.member_saved.emit(member)
        super().accept()
