"""The members of one group as a table model, filtered as you type."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette

from pont.core.errors import DuplicateMember, InvalidAddress, PontError
from pont.core.members.addresses import checked_address
from pont.core.members.groups import Group
from pont.core.members.members import Member, MemberStatus
from pont.ui.language import describe
from pont.ui.members.columns import (
    EDITABLE_COLUMNS,
    NO_CONSENT,
    Column,
    ConsentShown,
    cell_text,
    column_title,
    consent_text,
    consent_tooltip,
    edited,
    filter_words,
    narrows,
    sorted_places,
    status_icon,
)
from pont.ui.members.roster import MemberRoster

if TYPE_CHECKING:
    from PySide6.QtCore import QModelRoleDataSpan

    from pont.core.archive.reading import PostStats

AnyIndex = QModelIndex | QPersistentModelIndex
# Called with (before, after) to save an inline edit; raises PontError when it cannot.
Saver = Callable[[Member, Member], None]


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
        self._roster = MemberRoster()  # the whole group in sort order
        self._words: tuple[str, ...] = ()
        # What the table shows: places in the roster, ascending, and those members.
        self._shown: list[int] = []
        self._members: list[Member] = []
        self._rows_by_id: dict[int, int] | None = None  # built when first asked for
        self._sort_column: Column | None = Column.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._saver: Saver | None = None
        self._post_stats: Mapping[str, PostStats] = {}
        self._consent: Mapping[int, ConsentShown] = {}
        self._locale = QLocale()
        self._status_icons = {status: status_icon(status) for status in MemberStatus}
        # Members who left stay listed (their history matters) but step back visually. A
        # colour, which Qt paints as a brush: QBrush would build QGradient's enums (~1 ms)
        # before the first paint.
        self._left_colour = QGuiApplication.palette().color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
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
        return list(self._roster.members)

    def shown_members(self) -> list[Member]:
        """The members the filter lets through, top to bottom."""
        return list(self._members)

    def row_of(self, member_id: int) -> int | None:
        """The row showing this member; None if they are not in the group or filtered out."""
        if self._rows_by_id is None:
            self._rows_by_id = {member.id: row for row, member in enumerate(self._members)}
        return self._rows_by_id.get(member_id)

    def member_count(self) -> int:
        return len(self._roster)

    def active_count(self) -> int:
        return self._roster.active_count()

    def filter_text(self) -> str:
        return " ".join(self._words)

    def is_filtering(self) -> bool:
        return bool(self._words)

    def address_problem(self, text: str, member_id: int | None = None) -> str | None:
        """Why text cannot be this member's address (syntax, or someone else has it), or None."""
        try:
            address = checked_address(text)
        except InvalidAddress as error:
            return describe(error)
        owner = self._roster.owner_of(address)
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
        return self._cell(self._members[index.row()], index.column(), role)

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N803
        """Every role a cell is painted with, in one call: Qt's delegate asks for seven at
        once, and a call into Python for each made every paint of the table ~15 % slower."""
        if not index.isValid():
            return
        member, column = self._members[index.row()], index.column()
        for place in range(roleDataSpan.size()):
            wanted = roleDataSpan[place]
            value = self._cell(member, column, wanted.role())
            # Cleared, not left alone: Qt's delegate hands the same span in for every cell.
            if value is None:
                wanted.clearData()
            else:
                wanted.setData(value)

    def shown_texts(self, column: Column, rows: int) -> list[str]:
        """What the first rows show in column: data() for each, without the model indexes
        (which call back into rowCount and columnCount, slow from Python)."""
        return [self._cell(member, column, _DISPLAY) for member in self._members[:rows]]

    def _cell(self, member: Member, column: int, role: int) -> Any:
        if column == Column.CONSENT:
            consent = self._consent.get(member.id, NO_CONSENT)
            if role in (_DISPLAY, _EDIT):
                return consent_text(self._locale, consent)
            if role == _TOOLTIP:  # the whole of it, for a column too narrow to show all
                return f"{consent_text(self._locale, consent)}: {consent_tooltip(consent)}"
            if role == _FOREGROUND:
                return self._left_colour if member.status is MemberStatus.LEFT else None
            return None
        if role == _DISPLAY:
            return cell_text(member, column, self._locale, self._post_stats)
        if role == _EDIT:
            if column == Column.STATUS:
                return member.status.value
            if column == Column.TAGS:
                return ", ".join(member.tags)
            if column == Column.NOTES:
                return member.notes
            return cell_text(member, column, self._locale, self._post_stats)
        if role == _FOREGROUND:
            return self._left_colour if member.status is MemberStatus.LEFT else None
        if role == _DECORATION and column == Column.STATUS:
            return self._status_icons[member.status]
        if role == _TOOLTIP and column == Column.NOTES and member.notes:
            return member.notes
        if role == _ALIGNMENT and column == Column.POSTS:
            return _RIGHT
        return None

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
        new_place_of_old = self._roster.reorder(self._sorted_places(self._roster.members))
        self._show(sorted(new_place_of_old[place] for place in old_shown))
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
            shown = list(range(len(self._roster)))
        elif narrows(self._words, words):  # typing forward: only the rows shown can match
            shown = self._roster.matching(words, self._shown)
        else:
            shown = self._roster.matching(words)
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
        unsorted = list(members)
        self._roster.fill([unsorted[place] for place in self._sorted_places(unsorted)])
        self._show(self._roster.matching(self._words))
        self.endResetModel()
        self.counts_changed.emit()

    def set_post_stats(self, post_stats: Mapping[str, PostStats]) -> None:
        """New Posts and Last post figures (by address_key), after the archive changed."""
        self._post_stats = post_stats
        if self._sort_column in (Column.POSTS, Column.LAST_POST):
            self.sort(self._sort_column, self._sort_order)
        elif self._members:
            last = len(self._members) - 1
            self.dataChanged.emit(self.index(0, Column.POSTS), self.index(last, Column.LAST_POST))

    def set_consent(self, consent: Mapping[int, ConsentShown]) -> None:
        """Each member's consent (by member id), after it was read or changed."""
        self._consent = consent
        if self._sort_column == Column.CONSENT:
            self.sort(self._sort_column, self._sort_order)
        elif self._members:
            last = len(self._members) - 1
            self.dataChanged.emit(self.index(0, Column.CONSENT), self.index(last, Column.CONSENT))

    def replace_member(self, member: Member) -> None:
        """Show a member's new details in the same row, even if the filter would now hide
        them: a row vanishing under the person editing it is disorienting."""
        place = self._roster.place_of(member.id)
        if place is None:
            return
        old = self._roster.replace(place, member)
        row = self.row_of(member.id)
        if row is not None:
            self._members[row] = member
            self.dataChanged.emit(self.index(row, 0), self.index(row, _COLUMN_COUNT - 1))
        elif self._roster.matching(self._words, [place]):
            # Hidden until now (an undo, say) and matching at last: show them in their place.
            row = bisect.bisect_left(self._shown, place)
            self.beginInsertRows(QModelIndex(), row, row)
            self._shown.insert(row, place)
            self._members.insert(row, member)
            self._rows_by_id = None
            self.endInsertRows()
        if old.status != member.status:
            self.counts_changed.emit()

    def insert_members(self, members: Iterable[Member]) -> None:
        """Show members added or restored in this group (others are ignored), in sort order;
        those the filter would hide are counted but not shown."""
        group_id = self._group.id if self._group else None
        roster = self._roster
        new = [m for m in members if m.group_id == group_id and roster.place_of(m.id) is None]
        if not new:
            return
        shown = roster.matching(self._words, roster.extend(new))
        if shown:
            first = len(self._members)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._shown.extend(shown)
            self._members.extend(roster.members[place] for place in shown)
            self._rows_by_id = None
            self.endInsertRows()
        if self._sort_column is not None:
            self.sort(self._sort_column, self._sort_order)
        self.counts_changed.emit()

    def remove_member_ids(self, member_ids: Iterable[int]) -> None:
        gone = self._roster.places_of(member_ids)
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
        new_place_of_old = self._roster.remove(gone)
        shown = [new_place_of_old[place] for place in self._shown if place not in gone]
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
        self.counts_changed.emit()

    def follow_changes(self, present: Iterable[Member], gone: Iterable[int]) -> None:
        """Show changes made elsewhere (a `pont` command, a join request): present are
        members as they are now (new, changed or as they were), gone those no longer there.
        Row by row, so the selection, the sort, the filter and the scroll position stay."""
        group_id = self._group.id if self._group else None
        gone_ids = set(gone)
        added: list[Member] = []
        changed: list[Member] = []
        roster = self._roster
        for member in present:
            place = roster.place_of(member.id)
            if member.group_id != group_id:
                gone_ids.add(member.id)  # moved to another group
            elif place is None:
                added.append(member)
            elif roster.members[place] != member:
                changed.append(member)
        self.remove_member_ids(gone_ids)
        for member in changed:
            self.replace_member(member)
        if added:
            self.insert_members(added)  # sorts them into place
        elif changed and self._sort_column is not None:
            self.sort(self._sort_column, self._sort_order)

    def _show(self, places: list[int]) -> None:
        self._shown = places
        everyone = self._roster.members
        self._members = [everyone[place] for place in places]
        self._rows_by_id = None

    def _sorted_places(self, members: list[Member]) -> list[int]:
        """The places in members in the table's sort order."""
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted_places(
            members, self._sort_column, descending, self._post_stats, self._consent
        )
