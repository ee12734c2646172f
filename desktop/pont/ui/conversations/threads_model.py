"""One group's conversations as a table model: subject, who took part, size, last activity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
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

from pont.core.archive.threads import Thread
from pont.ui.conversations.formatting import friendly_time, people_summary

AnyIndex = QModelIndex | QPersistentModelIndex

_ROOT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_EARLIEST = datetime.min.replace(tzinfo=UTC)


class ThreadColumn(IntEnum):
    SUBJECT = 0
    PARTICIPANTS = 1
    MESSAGES = 2
    LAST_ACTIVITY = 3


def thread_column_title(column: ThreadColumn) -> str:
    match column:
        case ThreadColumn.SUBJECT:
            return QCoreApplication.translate("ThreadsTableModel", "Subject")
        case ThreadColumn.PARTICIPANTS:
            return QCoreApplication.translate("ThreadsTableModel", "People")
        case ThreadColumn.MESSAGES:
            return QCoreApplication.translate("ThreadsTableModel", "Messages")
        case ThreadColumn.LAST_ACTIVITY:
            return QCoreApplication.translate("ThreadsTableModel", "Last activity")


def _subject(thread: Thread) -> str:
    return thread.subject or QCoreApplication.translate("ThreadsTableModel", "(no subject)")


_SORT_KEYS: dict[ThreadColumn, Callable[[Thread], Any]] = {
    ThreadColumn.SUBJECT: lambda t: (not t.subject, t.subject.casefold(), t.id),
    ThreadColumn.PARTICIPANTS: lambda t: (people_summary(t.participants).casefold(), t.id),
    ThreadColumn.MESSAGES: lambda t: (t.message_count, t.id),
    ThreadColumn.LAST_ACTIVITY: lambda t: (t.last_activity or _EARLIEST, t.id),
}


class ThreadsTableModel(QAbstractTableModel):
    """A group's threads (core Thread dataclasses, read once), sorted in Python.

    The dates are worded against the moment the threads were set ("Today 14:05"), so a
    window left open overnight says "Yesterday" after the next sync, not before.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads: list[Thread] = []
        self._sort_column = ThreadColumn.LAST_ACTIVITY
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._now: datetime | None = None

    def set_threads(self, threads: Iterable[Thread], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._threads = self._sorted(threads)
        self._now = now
        self.endResetModel()

    def thread(self, row: int) -> Thread:
        return self._threads[row]

    def row_of(self, thread_id: int) -> int | None:
        return next((row for row, t in enumerate(self._threads) if t.id == thread_id), None)

    # -- Qt's table contract ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._threads)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(ThreadColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ThreadColumn):
            return None
        if role in (_DISPLAY, int(Qt.ItemDataRole.AccessibleTextRole)):
            return thread_column_title(ThreadColumn(section))
        if role == _ALIGNMENT and section == ThreadColumn.MESSAGES:
            return _RIGHT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        thread = self._threads[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == ThreadColumn.SUBJECT:
                return _subject(thread)
            if column == ThreadColumn.PARTICIPANTS:
                return people_summary(thread.participants)
            if column == ThreadColumn.MESSAGES:
                return str(thread.message_count)
            return friendly_time(thread.last_activity, self._now)
        if role == _TOOLTIP:
            if column == ThreadColumn.SUBJECT:
                return _subject(thread)
            if column == ThreadColumn.PARTICIPANTS:
                return "\n".join(person.display for person in thread.participants)
            return None
        if role == _ALIGNMENT and column == ThreadColumn.MESSAGES:
            return _RIGHT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(ThreadColumn):
            return
        self._sort_column, self._sort_order = ThreadColumn(column), order
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self._threads[index.row()].id for index in old_persistent]
        self._threads = self._sorted(self._threads)
        rows = {thread.id: row for row, thread in enumerate(self._threads)}
        self.changePersistentIndexList(
            old_persistent,
            [
                self.index(rows[thread_id], index.column())
                for thread_id, index in zip(old_ids, old_persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sorted(self, threads: Iterable[Thread]) -> list[Thread]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(threads, key=_SORT_KEYS[self._sort_column], reverse=descending)
