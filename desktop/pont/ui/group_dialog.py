"""The dialog that creates a group or changes its name, subject tag and description."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from pont.core.errors import PontError
from pont.core.groups import MAX_TAG_LENGTH, Group, suggested_tag
from pont.ui.look import (
    WrappedLabel,
    lay_out_form_dialog,
    problem_label,
)

# Called with (name, tag, description); returns the group as stored or raises PontError.
GroupSaver = Callable[[str, str, str], Group]


class GroupDialog(QDialog):
    """Asks for a group's name, the tag its subject lines carry, and a description.

    The tag follows the name (Wellbeing Network → Wellbeing) until it is typed by hand.
    Saving happens in accept(), so a refused name keeps the dialog open with the reason.

    Signals:
        group_saved(object): the Group as stored.
    """

    group_saved = Signal(object)

    def __init__(self, parent: QWidget, save: GroupSaver, group: Group | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._tag_typed = group is not None
        self.saved_group: Group | None = None
        self.setWindowTitle(self.tr("Edit group") if group else self.tr("New group"))
        self.setMinimumWidth(520)

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
        self.error_label = problem_label(self.tr("Problem"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Tag for subject lines:"), self.tag_edit)
        form.addRow("", self.preview)
        form.addRow(self.tr("&Description:"), self.description_edit)

        self.buttons, self.ok_button = lay_out_form_dialog(
            self,
            form,
            self.error_label,
            self.tr("Save changes") if group else self.tr("Create group"),
        )

        self.name_edit.textChanged.connect(self._name_changed)
        self.tag_edit.textEdited.connect(self._tag_edited)
        self.tag_edit.textChanged.connect(self._update)
        self._update()

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
        self.ok_button.setEnabled(bool(self.name_edit.text().strip()))
        self.error_label.hide()

    def accept(self) -> None:
        try:
            group = self._save(
                self.name_edit.text(), self.tag_edit.text(), self.description_edit.toPlainText()
            )
        except PontError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.saved_group = group
        self.group_saved.emit(group)
        super().accept()
