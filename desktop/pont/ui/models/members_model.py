"""The members of one group as a table model, and the proxy that filters it as you type."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from pont.core.addresses import address_key, checked_address
from pont.core.errors import DuplicateMember, InvalidAddress, PontError
from pont.core.groups import Group
from pont.core.members import Member, MemberStatus, parse_tags
from pont.ui.models.member_columns import (
    BLANK_LAST,
    EDITABLE_COLUMNS,
    SORT_KEYS,
    STATUS_COLOURS,
    Column,
    column_title,
    fold,
    haystack,
    status_label,
)

__all__ = ["Column", "MembersFilterModel", "MembersTableModel", "column_title", "status_label"]

AnyIndex = QModelIndex | QPersistentModelIndex
# Called with (before, after) to save an inline edit; raises PontError when it cannot.
Saver = Callable[[Member, Member], None]


def _status_icon(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    return QIcon(pixmap)


_ROOT = QModelIndex()
_COLUMN_COUNT = len(Column)  # asked thousands of times a paint
# Combined once: or-ing Qt flags in Python costs more than the rest of flags() together.
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)


class MembersTableModel(QAbstractTableModel):
    """One group's members, held as core Member dataclasses (no SQL per row).

    Edits arrive through setData and go to the saver the window installs, which writes
    them with the core and pushes an undoable command; that command then calls
    replace_member, insert_members or remove_member_ids to show the result.

    Signals:
        edit_refused(str): an edit could not be saved; the sentence says why.
        counts_changed(): the number of members, or of active ones, changed.
    """

    edit_refused = Signal(str)
    counts_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._group: Group | None = None
        self._members: list[Member] = []
        # Read by MembersFilterModel on every keystroke, one folded string per row.
        self.haystacks: list[str] = []
        self._rows_by_id: dict[int, int] = {}
        self._owners: dict[str, int] = {}  # address_key → member id, for duplicate hints
        self._sort_column: Column | None = Column.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._saver: Saver | None = None
        self._active: int | None = None
        self._locale = QLocale()
        self._status_icons = {status: _status_icon(c) for status, c in STATUS_COLOURS.items()}
        # Members who left stay listed (their history matters) but step back visually.
        self._left_brush = QBrush(
            QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        )

    # -- reading -------------------------------------------------------------------------

    @property
    def group(self) -> Group | None:
        return self._group

    def member(self, row: int) -> Member:
        return self._members[row]

    def members(self) -> list[Member]:
        return list(self._members)

    def row_of(self, member_id: int) -> int | None:
        return self._rows_by_id.get(member_id)

    def member_count(self) -> int:
        return len(self._members)

    def active_count(self) -> int:
        # Cached: the status bar asks after every change, and counting 20,000 rows each
        # time a removal announces one of its row ranges adds up.
        if self._active is None:
            self._active = sum(1 for m in self._members if m.status is MemberStatus.ACTIVE)
        return self._active

    def address_problem(self, text: str, member_id: int | None = None) -> str | None:
        """Why text cannot be this member's address (syntax, or someone else has it), or None."""
        try:
            address = checked_address(text)
        except InvalidAddress as error:
            return str(error)
        owner = self._owners.get(address_key(address))
        if owner is not None and owner != member_id:
            group_name = self._group.name if self._group else ""
            return str(DuplicateMember(address, group_name))
        return None

    # -- Qt's table contract ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == _DISPLAY:
                return column_title(Column(section))
            if role == int(Qt.ItemDataRole.AccessibleTextRole):
                return column_title(Column(section))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        column = index.column()
        if column not in EDITABLE_COLUMNS:
            return _READ_ONLY
        # A note with line breaks is edited in the member dialog, where they survive.
        if column == Column.NOTES and "\n" in self._members[index.row()].notes:
            return _READ_ONLY
        return _EDITABLE

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        member = self._members[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._display(member, column)
        if role == _EDIT:
            if column == Column.STATUS:
                return member.status.value
            if column == Column.TAGS:
                return ", ".join(member.tags)
            return self._display(member, column) if column != Column.NOTES else member.notes
        if role == _FOREGROUND:
            return self._left_brush if member.status is MemberStatus.LEFT else None
        if role == _DECORATION and column == Column.STATUS:
            return self._status_icons[member.status]
        if role == _TOOLTIP and column == Column.NOTES and member.notes:
            return member.notes
        return None

    def _display(self, member: Member, column: int) -> str:
        if column == Column.NAME:
            return member.name
        if column == Column.EMAIL:
            return member.email
        if column == Column.ORGANISATION:
            return member.organisation
        if column == Column.STATUS:
            return status_label(member.status)
        if column == Column.TAGS:
            return ", ".join(member.tags)
        if column == Column.JOINED:
            joined = member.joined
            return self._locale.toString(QDate(joined.year, joined.month, joined.day), "d MMM yyyy")
        return member.notes.split("\n", 1)[0]

    def setData(self, index: AnyIndex, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        before = self._members[index.row()]
        try:
            after = _edited(before, Column(index.column()), value)
        except ValueError:
            return False
        if after == before:
            return True
        if self._saver is None:
            return False
        try:
            self._saver(before, after)
        except PontError as error:
            self.edit_refused.emit(str(error))
            return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with a key per column: far faster than a proxy's lessThan calls."""
        if not 0 <= column < len(Column):
            return
        self._sort_column, self._sort_order = Column(column), order
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        order_of_rows = self._sorted_rows()
        new_row_of_old = {old: new for new, old in enumerate(order_of_rows)}
        self._members = [self._members[row] for row in order_of_rows]
        self.haystacks = [self.haystacks[row] for row in order_of_rows]
        self._rebuild_lookups()
        self.changePersistentIndexList(
            old_persistent,
            [self.index(new_row_of_old[i.row()], i.column()) for i in old_persistent],
        )
        self.layoutChanged.emit()

    # -- changing -------------------------------------------------------------------------

    def set_saver(self, saver: Saver | None) -> None:
        self._saver = saver

    def set_group(self, group: Group | None, members: Iterable[Member]) -> None:
        self.beginResetModel()
        self._group = group
        self._members = list(members)
        self._members = [self._members[row] for row in self._sorted_rows()]
        self.haystacks = [haystack(member) for member in self._members]
        self._rebuild_lookups()
        self.endResetModel()
        self._counts_changed()

    def replace_member(self, member: Member) -> None:
        row = self._rows_by_id.get(member.id)
        if row is None:
            return
        old = self._members[row]
        self._members[row] = member
        self.haystacks[row] = haystack(member)
        if address_key(old.email) != address_key(member.email):
            self._owners.pop(address_key(old.email), None)
            self._owners[address_key(member.email)] = member.id
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        if old.status != member.status:
            self._counts_changed()

    def insert_members(self, members: Iterable[Member]) -> None:
        """Show members added or restored in this group (others are ignored), in sort order."""
        group_id = self._group.id if self._group else None
        new = [m for m in members if m.group_id == group_id and m.id not in self._rows_by_id]
        if not new:
            return
        first = len(self._members)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._members.extend(new)
        self.haystacks.extend(haystack(member) for member in new)
        self._rebuild_lookups()
        self.endInsertRows()
        if self._sort_column is not None:
            self.sort(self._sort_column, self._sort_order)
        self._counts_changed()

    def remove_member_ids(self, member_ids: Iterable[int]) -> None:
        rows = sorted({r for i in member_ids if (r := self._rows_by_id.get(i)) is not None})
        if not rows:
            return
        runs: list[list[int]] = []
        for row in rows:
            if runs and runs[-1][1] == row - 1:
                runs[-1][1] = row
            else:
                runs.append([row, row])
        # Many scattered rows (say, everyone matching a filter): one reset beats 1,000 signals.
        if len(runs) > 50:
            self.beginResetModel()
            gone = set(rows)
            self._members = [m for r, m in enumerate(self._members) if r not in gone]
            self.haystacks = [h for r, h in enumerate(self.haystacks) if r not in gone]
            self._rebuild_lookups()
            self.endResetModel()
        else:
            for first, last in reversed(runs):
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._members[first : last + 1]
                del self.haystacks[first : last + 1]
                self.endRemoveRows()
            self._rebuild_lookups()
        self._counts_changed()

    def _sorted_rows(self) -> list[int]:
        rows = list(range(len(self._members)))
        if self._sort_column is None:
            return rows
        key = SORT_KEYS[self._sort_column]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        blank = BLANK_LAST.get(self._sort_column)
        if blank is None:
            return sorted(rows, key=lambda r: key(self._members[r]), reverse=descending)
        filled = [r for r in rows if not blank(self._members[r])]
        empty = [r for r in rows if blank(self._members[r])]
        filled.sort(key=lambda r: key(self._members[r]), reverse=descending)
        empty.sort(key=lambda r: SORT_KEYS[Column.NAME](self._members[r]))
        return filled + empty

    def _counts_changed(self) -> None:
        self._active = None
        self.counts_changed.emit()

    def _rebuild_lookups(self) -> None:
        self._active = None
        self._rows_by_id = {member.id: row for row, member in enumerate(self._members)}
        self._owners = {address_key(member.email): member.id for member in self._members}


def _edited(member: Member, column: Column, value: Any) -> Member:
    """The member with one cell changed as typed; ValueError for a value of the wrong kind."""
    text = "" if value is None else str(value)
    if column == Column.STATUS:
        return dataclasses.replace(member, status=MemberStatus(text))
    if column == Column.TAGS:
        return dataclasses.replace(member, tags=parse_tags(text))
    text = text.strip()
    if column == Column.NAME:
        return dataclasses.replace(member, name=text)
    if column == Column.EMAIL:
        return dataclasses.replace(member, email=text)
    if column == Column.ORGANISATION:
        return dataclasses.replace(member, organisation=text)
    if column == Column.NOTES:
        return dataclasses.replace(member, notes=text)
    raise ValueError(column)


class MembersFilterModel(QSortFilterProxyModel):
    """Narrows the members table to rows whose name, address, organisation or tags contain
    every word typed (ignoring case and accents); sorting is handed to MembersTableModel,
    which does it in one pass of Python's sort instead of a call to lessThan per comparison.
    """

    def __init__(self, source: MembersTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._words: tuple[str, ...] = ()
        self.setSourceModel(source)

    def filter_text(self) -> str:
        return " ".join(self._words)

    def set_filter_text(self, text: str) -> None:
        words = tuple(fold(text).split())
        if words == self._words:
            return
        self._words = words
        # A full re-map (one layoutChanged) rather than endFilterChange's incremental
        # update: clearing a filter that showed every fourth row would otherwise announce
        # thousands of separate row ranges, each repainted and counted by the view.
        self.invalidate()

    def is_filtering(self) -> bool:
        return bool(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        words = self._words
        if not words:
            return True
        text = self._source.haystacks[source_row]
        # A plain loop: all() over a generator costs twice as much, 20,000 times a keystroke.
        for word in words:  # noqa: SIM110
            if word not in text:
                return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)
