"""The members table with its filter box, edit hints and the "No members yet" page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.groups import Group
from pont.core.members.members import Member, MemberStatus
from pont.ui.members.columns import Column, read_consent
from pont.ui.members.model import MembersTableModel
from pont.ui.members.table import MembersTable
from pont.ui.widgets.empty_state import EmptyState
from pont.ui.widgets.hint_bar import HintBar
from pont.ui.widgets.look import name_qt_buttons

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction
    from sqlite_utils import Database

    from pont.core.archive.reading import PostStats


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

        self.list_stack = QStackedWidget()  # the table, or no_match when made
        self.list_stack.addWidget(self.table)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(6)
        list_layout.addWidget(self.filter_edit)
        list_layout.addWidget(self.hint_bar)
        list_layout.addWidget(self.list_stack, 1)

        self.pages = QStackedWidget()  # the list, or empty_group when made
        self.pages.addWidget(list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setTabOrder(self.filter_edit, self.table)

        self.model.edit_refused.connect(self.hint_bar.show_message)
        self._told_bouncing: tuple[int, ...] = ()  # whom the bouncing notice is about
        self._bouncing_notice = ""
        self.model.counts_changed.connect(self._tell_bouncing)
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

    # The pages shown instead of the table are made when first needed: start-up shows the
    # members sooner without them (~3 ms). Their buttons go just after the table in the
    # Tab order, where they would have been had they been made with it.

    @cached_property
    def no_match(self) -> EmptyState:
        """Shown instead of the table when the filter hides everyone."""
        page = EmptyState(self.tr("No members match"), "", [self.tr("Clear the filter")])
        page.button_clicked.connect(lambda _n: self.clear_filter())
        self.list_stack.addWidget(page)
        self._tab_after_table(page)
        return page

    @cached_property
    def empty_group(self) -> EmptyState:
        """Shown instead of the list when the group has no members."""
        page = EmptyState(
            self.tr("No members yet"),
            self.tr("Add members or import a list."),
            [self.tr("Add member…"), self.tr("Import a list…")],
        )
        page.button_clicked.connect(self._empty_button_clicked)
        self.pages.addWidget(page)
        self._tab_after_table(page)
        return page

    def _tab_after_table(self, page: EmptyState) -> None:
        for before, after in pairwise([self.table, *page.buttons]):
            QWidget.setTabOrder(before, after)

    def _build_table(self) -> MembersTable:
        table = MembersTable(self.model)
        table.delegate.hint_changed.connect(self.hint_bar.show_message)
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
        self.table.fit_columns()
        self._update_page()
        self._told_bouncing, self._bouncing_notice = (), ""
        self._tell_bouncing()

    def _tell_bouncing(self) -> None:
        """Say, above the table, whose mail keeps bouncing (delivery to them is paused), with
        a button that selects them; the row menu then offers to deliver to them again."""
        bouncing = tuple(m.id for m in self.model.members() if m.status is MemberStatus.BOUNCING)
        if bouncing == self._told_bouncing:
            return
        self._told_bouncing = bouncing
        if not bouncing:
            # Once no one bounces, the notice goes (but not another one shown since).
            if self._bouncing_notice and self.hint_bar.text() == self._bouncing_notice:
                self.hint_bar.dismiss()
            self._bouncing_notice = ""
            return
        self._bouncing_notice = self._bouncing_text(bouncing)
        self.hint_bar.show_message(
            self._bouncing_notice, (self.tr("Show them"), lambda: self._show_bouncing(bouncing))
        )

    def _show_bouncing(self, member_ids: tuple[int, ...]) -> None:
        self.select_members(member_ids)
        self._bouncing_notice = self.tr(
            "Right-click and choose “Deliver to them again”, or leave delivery paused."
        )
        self.hint_bar.show_message(self._bouncing_notice)

    def _bouncing_text(self, member_ids: tuple[int, ...]) -> str:
        if len(member_ids) == 1:
            row = self.model.row_of(member_ids[0])
            who = self.model.member(row) if row is not None else None
            name = (who.name or who.email) if who is not None else ""
            return self.tr("{who}’s mail keeps bouncing: delivery to them is paused.").format(
                who=name
            )
        return self.tr("{count} members’ mail keeps bouncing: delivery to them is paused.").format(
            count=len(member_ids)
        )

    def load_consent(self, db: Database) -> None:
        """Read the shown group's consents into the Consent column."""
        group = self.model.group
        self.model.set_consent(read_consent(db, group.id) if group else {})

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

    def count_text(self) -> str:
        """How many members the group has and the filter shows, for the status bar."""
        model = self.model
        total = model.member_count()
        if model.group is None:
            return ""
        if model.is_filtering():
            return self.tr("{shown} of {total} members shown").format(
                shown=model.rowCount(), total=total
            )
        if total == 0:
            return self.tr("No members yet")
        if total == 1:
            return self.tr("1 member · {active} active").format(active=model.active_count())
        return self.tr("{total} members · {active} active").format(
            total=total, active=model.active_count()
        )

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
        ):
            from PySide6.QtGui import QKeySequence  # its ~70 keys' enum waits for a key

            if event.matches(QKeySequence.StandardKey.Cancel):
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

    def select_members(self, member_ids: Iterable[int]) -> None:
        """Select these members' rows (clearing a filter that hides any), the first current."""
        wanted = list(member_ids)
        if any(self.model.row_of(i) is None for i in wanted) and self.model.is_filtering():
            self.clear_filter()
        rows = [row for row in (self.model.row_of(i) for i in wanted) if row is not None]
        if not rows:
            return
        last_column = self.model.columnCount() - 1
        selection = QItemSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        selection_model = self.table.selectionModel()
        first = self.model.index(min(rows), Column.NAME)
        selection_model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(first)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

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
