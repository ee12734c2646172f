"""Inline editors for the members table: a checked address box, a status list, plain text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QHelpEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from pont.core.members.members import MemberStatus
from pont.ui.members.columns import (
    Column,
    choosable_statuses,
    column_title,
    status_icon,
    status_label,
)
from pont.ui.members.model import MembersTableModel
from pont.ui.widgets.look import sentence

AnyIndex = QModelIndex | QPersistentModelIndex


class AddressValidator(QValidator):
    """Accepts an address only when check() finds no problem with it.

    Anything else is Intermediate, never Invalid, so typing is never blocked; an item
    view will not commit a line edit whose input is not Acceptable.
    """

    def __init__(self, check: Callable[[str], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.problem: str | None = None

    def validate(self, text: str, position: int) -> QValidator.State:
        self.problem = self._check(text)
        if self.problem is None:
            return QValidator.State.Acceptable
        return QValidator.State.Intermediate


class MemberItemDelegate(QStyledItemDelegate):
    """Creates the editor each members-table column needs, and explains refused values.

    Signals:
        hint_changed(str): a sentence about the value being typed; empty when all is well.
    """

    hint_changed = Signal(str)

    def __init__(self, model: MembersTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        self.hint_changed.emit("")
        column = Column(index.column())
        if column == Column.STATUS:
            combo = QComboBox(parent)
            for status in choosable_statuses(self._model.member(index.row()).status):
                combo.addItem(status_icon(status), status_label(status), status.value)
            combo.setAccessibleName(column_title(column))
            # Choosing from the list is the whole edit: save it at once.
            combo.activated.connect(lambda _row: self._commit_and_close(combo))
            return combo
        editor = QLineEdit(parent)
        editor.setAccessibleName(column_title(column))
        if column == Column.EMAIL:
            member_id = self._model.member(index.row()).id
            validator = AddressValidator(
                lambda text: self._model.address_problem(text, member_id), editor
            )
            editor.setValidator(validator)
            editor.textEdited.connect(lambda _text: self._explain(validator))
        elif column == Column.TAGS:
            editor.setPlaceholderText(self.tr("Separate tags with commas"))
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        # The status picker covers the whole cell, dot and all (its items carry the dots):
        # placed beside the dot, as a line edit is, it was too narrow for "Gweithredol".
        if isinstance(editor, QComboBox):
            editor.setGeometry(option.rect)
        else:
            super().updateEditorGeometry(editor, option, index)

    def status_picker_width(self) -> int:
        """How wide the status picker must be to show every status whole, in this language."""
        combo = QComboBox()
        for status in MemberStatus:
            combo.addItem(status_icon(status), status_label(status))
        width = combo.sizeHint().width()
        combo.deleteLater()
        return width

    def _explain(self, validator: AddressValidator) -> None:
        if validator.problem is None:
            self.hint_changed.emit("")
        else:
            self.hint_changed.emit(
                self.tr(
                    "{problem} Press Enter when it is right, or Esc to leave it as it was."
                ).format(problem=sentence(validator.problem))
            )

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            if editor.hasAcceptableInput():
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def destroyEditor(self, editor: QWidget, index: AnyIndex) -> None:
        # Focus moved away from an address that is still wrong: nothing was saved, say so.
        if isinstance(editor, QLineEdit) and not editor.hasAcceptableInput():
            validator = editor.validator()
            if isinstance(validator, AddressValidator) and validator.problem:
                self.hint_changed.emit(
                    self.tr("The address was not changed. {problem}").format(
                        problem=sentence(validator.problem)
                    )
                )
        super().destroyEditor(editor, index)

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        # The full text as a tooltip, but only where the cell had to cut it short.
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            text = index.data(Qt.ItemDataRole.ToolTipRole) or index.data()
            if isinstance(text, str) and text:
                width = option.fontMetrics.horizontalAdvance(str(index.data() or ""))
                # Leave room for the cell's padding and, in Status, its icon.
                if width + 16 > option.rect.width() or text != index.data():
                    QToolTip.showText(event.globalPos(), text, view)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().helpEvent(event, view, option, index)
