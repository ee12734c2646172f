"""The members table with its filter box, edit hints and the "No members yet" page."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pont.core.groups import Group
from pont.core.members import Member, MemberStatus
from pont.ui.empty_state import EmptyState
from pont.ui.hint_bar import HintBar
from pont.ui.look import name_qt_buttons
from pont.ui.member_delegate import MemberItemDelegate
from pont.ui.models.member_columns import Column, column_title, status_label
from pont.ui.models.members_model import MembersTableModel

if TYPE_CHECKING:
    from pont.core.archive_reading import PostStats

# Narrowest and widest a text column is made to fit its contents, in average character
# widths; Status, Joined, Posts and Last post always fit, and Notes takes what is left.
_FIT = {
    Column.NAME: (14, 26),
    Column.EMAIL: (18, 36),
    Column.ORGANISATION: (12, 22),
    Column.TAGS: (10, 20),
}
_SAMPLE_ROWS = 300  # enough to judge widths; measuring 20,000 rows would delay the first paint


class MembersTable(QTableView):
    """A table that starts editing on Enter as well as F2 and double-click.

    Signals:
        open_requested(QModelIndex): Enter or double-click on a cell that is not edited inline.
    """

    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and self.state() != QAbstractItemView.State.EditingState
            and index.isValid()
        ):
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            else:
                self.open_requested.emit(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.open_requested.emit(index)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


class MembersView(QWidget):
    """Shows one group's members: filter box, table, and what to do when there are none.

    Signals:
        add_member_requested(): "Add member…" on the empty page.
        import_requested(): "Import a list…" on the empty page.
        open_member_requested(int): the id of a member to edit in the member dialog.
        selection_changed(): the selected members changed.
        shown_count_changed(): the filter now shows a different number of members.
    """

    add_member_requested = Signal()
    import_requested = Signal()
    open_member_requested = Signal(int)
    selection_changed = Signal()
    shown_count_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MembersTableModel(self)
        self._context_actions: list[QAction | None] = []

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter members…"))
        self.filter_edit.setAccessibleName(self.tr("Filter members"))
        self.filter_edit.setAccessibleDescription(
            self.tr(
                "Shows only members whose name, address, organisation or tags contain the words"
            )
        )
        self.filter_edit.setClearButtonEnabled(True)
        name_qt_buttons(self.filter_edit, self.tr("Clear the filter"))
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.filter_edit.installEventFilter(self)

        self.hint_bar = HintBar()
        self.table = self._build_table()

        self.no_match = EmptyState(self.tr("No members match"), "", [self.tr("Clear the filter")])
        self.no_match.button_clicked.connect(lambda _n: self.clear_filter())
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.no_match)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(6)
        list_layout.addWidget(self.filter_edit)
        list_layout.addWidget(self.hint_bar)
        list_layout.addWidget(self.list_stack, 1)

        self.empty_group = EmptyState(
            self.tr("No members yet"),
            self.tr("Add members or import a list."),
            [self.tr("Add member…"), self.tr("Import a list…")],
        )
        self.empty_group.button_clicked.connect(self._empty_button_clicked)

        self.pages = QStackedWidget()
        self.pages.addWidget(list_page)
        self.pages.addWidget(self.empty_group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setTabOrder(self.filter_edit, self.table)

        self.model.edit_refused.connect(self.hint_bar.show_message)
        # A reset (a new filter, say) clears the selection without the selection model
        # saying so.
        self.model.modelReset.connect(self.selection_changed)
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.counts_changed,  # members the filter hides came or went
        ):
            signal.connect(self._update_page)

    def _build_table(self) -> MembersTable:
        table = MembersTable()
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Members"))
        table.setAccessibleDescription(
            self.tr(
                "One row per member. Enter or F2 edits a cell or opens the member; "
                "the Edit and Group menus hold the other actions"
            )
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table, as a person expects
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Uniform rows: the view never asks 20,000 rows how tall they want to be.
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        rows.hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.delegate = MemberItemDelegate(self.model, table)
        self.delegate.hint_changed.connect(self.hint_bar.show_message)
        table.setItemDelegate(self.delegate)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        table.open_requested.connect(self._open_requested)
        table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        return table

    # -- showing a group ------------------------------------------------------------------

    def show_group(
        self,
        group: Group | None,
        members: list[Member],
        post_stats: Mapping[str, PostStats] | None = None,
    ) -> None:
        """Show these members, and their posts in the archive (by address_key) if given;
        the filter is kept only when it is the same group again."""
        previous = self.model.group
        if group is None or previous is None or group.id != previous.id:
            self.filter_edit.clear()
        self.hint_bar.dismiss()
        self.table.clearSelection()
        self.model.set_group(group, members, post_stats)
        self.table.setAccessibleName(
            self.tr("Members of {group}").format(group=group.name) if group else self.tr("Members")
        )
        self.fit_columns()
        self._update_page()

    def fit_columns(self) -> None:
        """Column widths from a sample of rows, within sensible bounds; Notes takes the rest."""
        metrics = self.table.fontMetrics()
        average = metrics.averageCharWidth()
        padding = 16  # the delegate's margins either side of the text
        sample = range(min(self.model.rowCount(), _SAMPLE_ROWS))
        header = self.table.horizontalHeader()

        def needed(column: Column) -> int:
            title = metrics.horizontalAdvance(column_title(column)) + 28  # and the sort arrow
            cells = (self.model.data(self.model.index(row, column)) for row in sample)
            return max([title, *(metrics.horizontalAdvance(text) + padding for text in cells)])

        statuses = max(metrics.horizontalAdvance(status_label(s)) for s in MemberStatus)
        # The widest date, in the language's month names, as the model writes dates.
        locale = QLocale()
        dates = padding + max(
            metrics.horizontalAdvance(locale.toString(QDate(2030, month, 28), "d MMM yyyy"))
            for month in range(1, 13)
        )
        fixed = {
            Column.STATUS: max(needed(Column.STATUS), statuses + padding + 18),
            Column.JOINED: max(needed(Column.JOINED), dates),
            # Titles wider than any count or date: no need to measure the cells.
            Column.POSTS: metrics.horizontalAdvance(column_title(Column.POSTS)) + 28,
            Column.LAST_POST: max(
                metrics.horizontalAdvance(column_title(Column.LAST_POST)) + 28, dates
            ),
        }
        fitted = {
            column: max(narrowest * average, min(needed(column), widest * average))
            for column, (narrowest, widest) in _FIT.items()
        }
        # Too wide for the window: the text columns give up width toward their narrowest, in
        # proportion, so that every column (and a little of Notes) shows without scrolling.
        # The width is the viewport's with a vertical scroll bar, whether or not the rows
        # need one yet, so that fitting again gives the same widths; and Notes, stretched
        # as the last section, keeps at least the header's default section size.
        table = self.table
        viewport = (
            table.maximumViewportSize().width() - table.verticalScrollBar().sizeHint().width()
        )
        notes = max(10 * average, header.defaultSectionSize())
        room = viewport - sum(fixed.values()) - notes
        slack = {column: width - _FIT[column][0] * average for column, width in fitted.items()}
        excess = sum(fitted.values()) - room
        if viewport > 300 and excess > 0 and sum(slack.values()) > 0:
            share = min(1.0, excess / sum(slack.values()))
            fitted = {  # rounded up, so that the columns never end wider than the room
                column: width - math.ceil(slack[column] * share) for column, width in fitted.items()
            }
        for column, width in (fitted | fixed).items():
            header.resizeSection(column, width)

    def _update_page(self) -> None:
        if self.model.group is not None and self.model.member_count() == 0:
            name = self.model.group.name
            self.empty_group.set_texts(
                self.tr("No members yet"),
                self.tr(
                    "Add members to {group} one by one, or import a list from a "
                    "spreadsheet, your address book or a pasted list of addresses."
                ).format(group=name),
            )
            self.pages.setCurrentWidget(self.empty_group)
        else:
            self.pages.setCurrentIndex(0)
            if self.model.rowCount() == 0 and self.model.is_filtering():
                self.no_match.set_texts(
                    self.tr("No members match “{text}”").format(
                        text=self.filter_edit.text().strip()
                    ),
                    self.tr("Try fewer letters, or clear the filter to see everyone."),
                )
                self.list_stack.setCurrentWidget(self.no_match)
            else:
                self.list_stack.setCurrentWidget(self.table)
        self.shown_count_changed.emit()

    def _empty_button_clicked(self, number: int) -> None:
        (self.add_member_requested if number == 0 else self.import_requested).emit()

    # -- filter ---------------------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        self.hint_bar.dismiss()  # about an earlier edit; the person has moved on
        self.model.set_filter_text(text)
        self._update_page()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def clear_filter(self) -> None:
        self.filter_edit.clear()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc in the filter box clears it and goes back to the table.
        if (
            watched is self.filter_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Cancel)
        ):
            self.clear_filter()
            return True
        return super().eventFilter(watched, event)

    # -- selection ------------------------------------------------------------------------

    def selected_members(self) -> list[Member]:
        """The selected members, top to bottom as shown."""
        # From the selection's ranges: selectedRows() asks flags() of every cell, which for
        # "select all" on 20,000 members takes most of a second.
        rows: set[int] = set()
        selection = self.table.selectionModel().selection()
        for number in range(selection.size()):
            selected = selection.at(number)
            rows.update(range(selected.top(), selected.bottom() + 1))
        return [self.model.member(row) for row in sorted(rows)]

    def shown_members(self) -> list[Member]:
        """Everyone the filter lets through, in the order shown."""
        return self.model.shown_members()

    def current_member(self) -> Member | None:
        index = self.table.currentIndex()
        return self.model.member(index.row()) if index.isValid() else None

    def is_shown(self, member_id: int) -> bool:
        """Whether the member is in this group and the filter lets them through."""
        return self.model.row_of(member_id) is not None

    def select_member(self, member_id: int, column: Column = Column.NAME) -> None:
        row = self.model.row_of(member_id)
        if row is None:
            return
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _open_requested(self, index: QModelIndex) -> None:
        self.open_member_requested.emit(self.model.member(index.row()).id)

    # -- right-click menu -----------------------------------------------------------------

    def set_context_actions(self, actions: list[QAction | None]) -> None:
        """The row menu's actions in order; None draws a separator."""
        self._context_actions = actions

    def context_menu(self) -> QMenu:
        menu = QMenu(self.table)
        menu.setAccessibleName(self.tr("Member actions"))
        for action in self._context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        if not self.table.indexAt(position).isValid():
            self.table.clearSelection()
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()
