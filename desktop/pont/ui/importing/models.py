"""Table models for the import dialog's preview: a CSV's first rows, and the people found."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from pont.core.members.contacts import Contact
from pont.core.members.importers.csv_file import CsvTable
from pont.core.members.importers.mapping import ColumnMapping
from pont.core.members.names import first_name_first
from pont.ui.importing.sources import Standing, Tally
from pont.ui.language import shown
from pont.ui.widgets.look import ERROR_COLOUR

PREVIEW_ROWS = 50

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


translate = QCoreApplication.translate


def plural(count: int, one: str, many: str) -> str:
    """one or many (both already translated) with {count} filled in.

    Qt's own plural forms need a compiled English translation, which Pont does not ship.
    """
    return (one if count == 1 else many).format(count=f"{count:,}")


def outcome(standing: Standing, detail: str) -> str:
    """What importing will do with one person, in a few words."""
    if standing is Standing.NEW:
        return translate("ImportPreview", "Added")
    if standing is Standing.MEMBER:
        return translate("ImportPreview", "Already a member")
    if standing is Standing.LEFT:
        return translate("ImportPreview", "Left the group before; stays left")
    if standing is Standing.REPEATED:
        return translate("ImportPreview", "Skipped: the same address as {where}").format(
            where=shown(detail)
        )
    return translate("ImportPreview", "Skipped: {reason}").format(reason=shown(detail))


def _quiet_colour() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class CsvPreviewModel(QAbstractTableModel):
    """The first rows of a CSV as read: columns that are not imported are greyed out, and
    the used cells of a row that will be skipped are red, with the reason as a tooltip."""

    def __init__(self, table: CsvTable, mapping: ColumnMapping, parent: QObject | None = None):
        super().__init__(parent)
        self._table = table
        self._rows = table.rows[:PREVIEW_ROWS]
        self._mapping = mapping
        self._standings: list[tuple[Standing, str]] = []

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._table.headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _one_line(self._rows[row][column])
        if role == Qt.ItemDataRole.ToolTipRole:
            standing = self._standing(row)
            if standing is not None and standing[0] is not Standing.NEW:
                return outcome(*standing)
            return self._rows[row][column].strip() or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._mapping.field_for(column) is None:
                return _quiet_colour()
            standing = self._standing(row)
            if standing is not None and standing[0] is Standing.UNUSABLE:
                return ERROR_COLOUR
        return None

    def _standing(self, row: int) -> tuple[Standing, str] | None:
        return self._standings[row] if row < len(self._standings) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._table.headers):
                return self._table.headers[section]
            return None
        # The spreadsheet's own row numbers, as the report after importing uses them.
        return str(self._table.row_number(section)) if 0 <= section < len(self._rows) else None

    def set_mapping(self, mapping: ColumnMapping) -> None:
        self._mapping = mapping
        self._changed()

    def set_standings(self, standings: list[tuple[Standing, str]]) -> None:
        """What importing will do with each row shown (one per row, as counted); [] for unknown."""
        self._standings = standings[: len(self._rows)]
        self._changed()

    def _changed(self) -> None:
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self._table.headers) - 1)
            roles = [Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole]
            self.dataChanged.emit(self.index(0, 0), last, roles)


class PeopleColumn(IntEnum):
    NAME = 0
    EMAIL = 1
    ORGANISATION = 2
    OUTCOME = 3


class PeopleModel(QAbstractTableModel):
    """The people read from a vCard file or pasted text, and what importing will do with each."""

    def __init__(self, tally: Tally | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._contacts: list[Contact] = []
        self._standings: list[tuple[Standing, str]] = []
        self._first_names_first = False  # names shown as the import will write them
        if tally is not None:
            self.set_tally(tally)

    def set_tally(self, tally: Tally | None) -> None:
        self.beginResetModel()
        self._contacts = list(tally.parsed.contacts) if tally else []
        self._standings = list(tally.standings) if tally else []
        self.endResetModel()

    def set_first_names_first(self, turn: bool) -> None:
        if turn != self._first_names_first:
            self._first_names_first = turn
            if self._contacts:
                last = self.index(len(self._contacts) - 1, PeopleColumn.NAME)
                self.dataChanged.emit(self.index(0, PeopleColumn.NAME), last)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(PeopleColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._contacts[index.row()]
        standing, detail = self._standings[index.row()]
        column = PeopleColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column is PeopleColumn.NAME:
                name = first_name_first(contact.name) if self._first_names_first else contact.name
                return _one_line(name)
            if column is PeopleColumn.EMAIL:
                return contact.email.strip()
            if column is PeopleColumn.ORGANISATION:
                return _one_line(contact.organisation)
            return outcome(standing, detail)
        if role == Qt.ItemDataRole.ForegroundRole:
            if standing is Standing.UNUSABLE:
                return ERROR_COLOUR
            if standing is not Standing.NEW and column is PeopleColumn.OUTCOME:
                return _quiet_colour()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            titles = {
                PeopleColumn.NAME: self.tr("Name"),
                PeopleColumn.EMAIL: self.tr("Email address"),
                PeopleColumn.ORGANISATION: self.tr("Organisation"),
                PeopleColumn.OUTCOME: self.tr("When you import"),
            }
            return titles.get(PeopleColumn(section)) if 0 <= section < len(PeopleColumn) else None
        if 0 <= section < len(self._contacts):
            where = shown(self._contacts[section].where)
            return where[:1].upper() + where[1:]
        return None
