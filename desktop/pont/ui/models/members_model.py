"""The members of one group as a table model, filtered as you type."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from pont.core.addresses import address_key, checked_address
from pont.core.errors import DuplicateMember, InvalidAddress, PontError
from pont.core.groups import Group
from pont.core.members import Member, MemberStatus
from pont.ui.language import describe
from pont.ui.models.member_columns import (
    BLANK_LAST,
    EDITABLE_COLUMNS,
    SORT_KEYS,
    STATUS_COLOURS,
    Column,
    column_title,
    edited,
    filter_words,
    haystack,
    matching_rows,
    name_key,
    narrows,
    status_label,
)

if TYPE_CHECKING:
    from pont.core.archive_reading import PostStats

__all__ = ["Column", "MembersTableModel", "column_title", "status_label"]

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
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class MembersTableModel(QAbstractTableModel):
    """One group's members, held as core Member dataclasses (no SQL per row), narrowed to
    those matching the filter box.

    The rows are the members the filter lets through, and the table view shows this model
    directly. Filtering here, in one pass of Python over folded text, spares the call back
    into Python that a QSortFilterProxyModel makes for each of 20,000 rows a keystroke, and
    the proxy's own cost on every painted cell. member_count() and active_count() still
    count the whole group.

    Posts and Last post come from the group's archive: a dict by address key, looked up as
    a cell is shown, so a keystroke in the filter costs no more than before.

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
        # The whole group in sort order, with the folded text the filter searches.
        self._everyone: list[Member] = []
        self._haystacks: list[str] = []
        self._positions: dict[int, int] = {}  # member id → place in _everyone
        self._words: tuple[str, ...] = ()
        # What the table shows: places in _everyone, ascending, and those members.
        self._shown: list[int] = []
        self._members: list[Member] = []
        self._rows_by_id: dict[int, int] | None = None  # built when first asked for
        self._owners: dict[str, int] = {}  # address_key → member id, for duplicate hints
        self._sort_column: Column | None = Column.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._saver: Saver | None = None
        self._active: int | None = None
        self._post_stats: Mapping[str, PostStats] = {}
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
        """The member shown in this row."""
        return self._members[row]

    def members(self) -> list[Member]:
        """Everyone in the group, shown or not, in sort order."""
        return list(self._everyone)

    def shown_members(self) -> list[Member]:
        """The members the filter lets through, top to bottom."""
        return list(self._members)

    def row_of(self, member_id: int) -> int | None:
        """The row showing this member; None if they are not in the group or filtered out."""
        if self._rows_by_id is None:
            self._rows_by_id = {member.id: row for row, member in enumerate(self._members)}
        return self._rows_by_id.get(member_id)

    def member_count(self) -> int:
        return len(self._everyone)

    def active_count(self) -> int:
        # Cached: the status bar asks after every change, and counting 20,000 rows each
        # time a removal announces one of its row ranges adds up.
        if self._active is None:
            self._active = sum(1 for m in self._everyone if m.status is MemberStatus.ACTIVE)
        return self._active

    def filter_text(self) -> str:
        return " ".join(self._words)

    def is_filtering(self) -> bool:
        return bool(self._words)

    def post_stats(self, member: Member) -> PostStats | None:
        """The member's posts in the group's archive; None when they have none."""
        return self._post_stats.get(address_key(member.email))

    def address_problem(self, text: str, member_id: int | None = None) -> str | None:
        """Why text cannot be this member's address (syntax, or someone else has it), or None."""
        try:
            address = checked_address(text)
        except InvalidAddress as error:
            return describe(error)
        owner = self._owners.get(address_key(address))
        if owner is not None and owner != member_id:
            group_name = self._group.name if self._group else ""
            return describe(DuplicateMember(address, group_name))
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
            if role == _ALIGNMENT and section == Column.POSTS:
                return _RIGHT
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
        if role == _ALIGNMENT and column == Column.POSTS:
            return _RIGHT
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
        if column == Column.POSTS:
            # Blank while the group has no archive at all: a column of noughts would say
            # nobody ever wrote, when Pont has simply not read the mailbox yet.
            if not self._post_stats:
                return ""
            stats = self.post_stats(member)
            return str(stats.posts) if stats else "0"
        if column == Column.LAST_POST:
            stats = self.post_stats(member)
            if stats is None or stats.last_post is None:
                return ""
            day = stats.last_post.astimezone().date()
            return self._locale.toString(QDate(day.year, day.month, day.day), "d MMM yyyy")
        return member.notes.split("\n", 1)[0]

    def setData(self, index: AnyIndex, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        before = self._members[index.row()]
        try:
            after = edited(before, Column(index.column()), value)
        except ValueError:
            return False
        if after == before:
            return True
        if self._saver is None:
            return False
        try:
            self._saver(before, after)
        except PontError as error:
            self.edit_refused.emit(describe(error))
            return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with a key per column: far faster than a proxy's lessThan calls."""
        if not 0 <= column < len(Column):
            return
        self._sort_column, self._sort_order = Column(column), order
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_shown = self._shown
        order_of_places = self._sorted_places()
        new_place_of_old = [0] * len(order_of_places)
        for new, old in enumerate(order_of_places):
            new_place_of_old[old] = new
        self._everyone = [self._everyone[place] for place in order_of_places]
        self._haystacks = [self._haystacks[place] for place in order_of_places]
        self._show(sorted(new_place_of_old[place] for place in old_shown))
        self._positions = {member.id: place for place, member in enumerate(self._everyone)}
        new_row_of_place = {place: row for row, place in enumerate(self._shown)}
        self.changePersistentIndexList(
            old_persistent,
            [
                self.index(new_row_of_place[new_place_of_old[old_shown[i.row()]]], i.column())
                for i in old_persistent
            ],
        )
        self.layoutChanged.emit()

    # -- changing -------------------------------------------------------------------------

    def set_saver(self, saver: Saver | None) -> None:
        self._saver = saver

    def set_filter_text(self, text: str) -> None:
        """Show only members whose name, address, organisation or tags contain every word
        typed, ignoring case and accents."""
        words = filter_words(text)
        if words == self._words:
            return
        if not words:
            shown = list(range(len(self._everyone)))
        elif narrows(self._words, words):  # typing forward: only the rows shown can match
            shown = matching_rows(self._haystacks, words, self._shown)
        else:
            shown = matching_rows(self._haystacks, words)
        self._words = words
        if shown == self._shown:
            return  # the same people: nothing to redraw
        # A reset, not a layout change: the latter would map every persistent index (one a
        # selected cell) to its new row in Python. A new filter starts a new selection.
        self.beginResetModel()
        self._show(shown)
        self.endResetModel()

    def set_group(
        self,
        group: Group | None,
        members: Iterable[Member],
        post_stats: Mapping[str, PostStats] | None = None,
    ) -> None:
        """Show these members, filtered by the words already typed, with their posts in the
        group's archive (by address_key) if given."""
        self.beginResetModel()
        self._group = group
        self._post_stats = post_stats or {}
        self._everyone = list(members)
        self._everyone = [self._everyone[place] for place in self._sorted_places()]
        self._haystacks = [haystack(member) for member in self._everyone]
        self._show(matching_rows(self._haystacks, self._words))
        self._rebuild_lookups()
        self.endResetModel()
        self._counts_changed()

    def set_post_stats(self, post_stats: Mapping[str, PostStats]) -> None:
        """New Posts and Last post figures (by address_key), after the archive changed."""
        self._post_stats = post_stats
        if self._sort_column in (Column.POSTS, Column.LAST_POST):
            self.sort(self._sort_column, self._sort_order)
        elif self._members:
            last = len(self._members) - 1
            self.dataChanged.emit(self.index(0, Column.POSTS), self.index(last, Column.LAST_POST))

    def replace_member(self, member: Member) -> None:
        """Show a member's new details in the same row, even if the filter would now hide
        them: a row vanishing under the person editing it is disorienting."""
        place = self._positions.get(member.id)
        if place is None:
            return
        old = self._everyone[place]
        self._everyone[place] = member
        self._haystacks[place] = haystack(member)
        if address_key(old.email) != address_key(member.email):
            self._owners.pop(address_key(old.email), None)
            self._owners[address_key(member.email)] = member.id
        row = self.row_of(member.id)
        if row is not None:
            self._members[row] = member
            self.dataChanged.emit(self.index(row, 0), self.index(row, _COLUMN_COUNT - 1))
        elif matching_rows(self._haystacks, self._words, [place]):
            # Hidden until now (an undo, say) and matching at last: show them in their place.
            row = bisect.bisect_left(self._shown, place)
            self.beginInsertRows(QModelIndex(), row, row)
            self._shown.insert(row, place)
            self._members.insert(row, member)
            self._rows_by_id = None
            self.endInsertRows()
        if old.status != member.status:
            self._counts_changed()

    def insert_members(self, members: Iterable[Member]) -> None:
        """Show members added or restored in this group (others are ignored), in sort order;
        those the filter would hide are counted but not shown."""
        group_id = self._group.id if self._group else None
        new = [m for m in members if m.group_id == group_id and m.id not in self._positions]
        if not new:
            return
        first_place = len(self._everyone)
        self._everyone.extend(new)
        self._haystacks.extend(haystack(member) for member in new)
        places = range(first_place, len(self._everyone))
        shown = matching_rows(self._haystacks, self._words, places)
        self._rebuild_lookups()
        if shown:
            first = len(self._members)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._shown.extend(shown)
            self._members.extend(self._everyone[place] for place in shown)
            self._rows_by_id = None
            self.endInsertRows()
        if self._sort_column is not None:
            self.sort(self._sort_column, self._sort_order)
        self._counts_changed()

    def remove_member_ids(self, member_ids: Iterable[int]) -> None:
        gone = {p for i in member_ids if (p := self._positions.get(i)) is not None}
        if not gone:
            return
        rows = [row for row, place in enumerate(self._shown) if place in gone]
        runs: list[list[int]] = []
        for row in rows:
            if runs and runs[-1][1] == row - 1:
                runs[-1][1] = row
            else:
                runs.append([row, row])
        # The whole group first, so that whoever hears of the rows going counts right.
        new_place_of_old: list[int] = []
        kept = 0
        for place in range(len(self._everyone)):
            new_place_of_old.append(kept)
            kept += place not in gone
        shown = [new_place_of_old[place] for place in self._shown if place not in gone]
        self._everyone = [m for p, m in enumerate(self._everyone) if p not in gone]
        self._haystacks = [h for p, h in enumerate(self._haystacks) if p not in gone]
        self._rebuild_lookups()
        # Many scattered rows (say, everyone matching a filter): one reset beats 1,000 signals.
        if len(runs) > 50:
            self.beginResetModel()
            self._show(shown)
            self.endResetModel()
        else:
            for first, last in reversed(runs):
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._members[first : last + 1]
                self._rows_by_id = None
                self.endRemoveRows()
            self._show(shown)
        self._counts_changed()

    def _show(self, places: list[int]) -> None:
        self._shown = places
        everyone = self._everyone
        self._members = [everyone[place] for place in places]
        self._rows_by_id = None

    def _sorted_places(self) -> list[int]:
        members = self._everyone
        places = list(range(len(members)))
        if self._sort_column is None:
            return places
        key, blank = self._sort_key(self._sort_column)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if blank is None:
            return sorted(places, key=lambda p: key(members[p]), reverse=descending)
        filled = [p for p in places if not blank(members[p])]
        empty = [p for p in places if blank(members[p])]
        filled.sort(key=lambda p: key(members[p]), reverse=descending)
        empty.sort(key=lambda p: name_key(members[p]))
        return filled + empty

    def _sort_key(
        self, column: Column
    ) -> tuple[Callable[[Member], Any], Callable[[Member], bool] | None]:
        """How to sort by a column, and which of its cells are blank (kept last)."""
        stats = self._post_stats

        def posts(member: Member) -> tuple[int, tuple[bool, str, str]]:
            found = stats.get(address_key(member.email))
            return (found.posts if found else 0, name_key(member))

        def last_post(member: Member) -> datetime | None:
            found = stats.get(address_key(member.email))
            return found.last_post if found else None

        if column == Column.POSTS:
            return posts, None
        if column == Column.LAST_POST:
            return (lambda m: (last_post(m), m.id)), (lambda m: last_post(m) is None)
        return SORT_KEYS[column], BLANK_LAST.get(column)

    def _counts_changed(self) -> None:
        self._active = None
        self.counts_changed.emit()

    def _rebuild_lookups(self) -> None:
        self._active = None
        self._positions = {member.id: place for place, member in enumerate(self._everyone)}
        self._owners = {address_key(member.email): member.id for member in self._everyone}
