"""The list of groups down the left of the window, each with its member count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.groups import Group

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction, QPainter

GROUP_ID_ROLE = Qt.ItemDataRole.UserRole
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1


class _GroupDelegate(QStyledItemDelegate):
    """Draws the group's name, and its member count in a quieter colour on the right."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        from PySide6.QtWidgets import QStyle  # see GroupsSidebar.show_counts

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(3, 0, -6, 0)  # the names where Qt draws them without counts
        count = str(index.data(COUNT_ROLE) or 0)
        metrics = opt.fontMetrics
        count_width = metrics.horizontalAdvance(count) + 10
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - count_width)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignLeft, elided)
        muted = opt.palette.color(role)
        muted.setAlphaF(0.65)
        painter.setPen(muted)
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignRight, count)
        painter.restore()


class GroupsSidebar(QWidget):
    """Lists the groups; choosing one shows its members.

    Signals:
        group_selected(int): the chosen group's id, or 0 when none is chosen.
        new_group_requested(): "New group…" was pressed.
    """

    group_selected = Signal(int)
    new_group_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context_actions: list[QAction | None] = []
        title = QLabel(self.tr("Groups"))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Groups"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_context_menu)
        self.list.currentItemChanged.connect(self._current_changed)
        title.setBuddy(self.list)
        self.new_button = QPushButton(self.tr("New group…"))
        self.new_button.setAccessibleName(self.tr("New group"))
        self.new_button.clicked.connect(self.new_group_requested)

        self.setMinimumWidth(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_button)

    def show_counts(self) -> None:
        """Show each group's member count beside its name. Until then the names alone show:
        the counts are drawn in Python with QStyle, whose Python enums (~5 ms) start-up's
        first paint of the members need not wait for."""
        if not isinstance(self.list.itemDelegate(), _GroupDelegate):
            self.list.setItemDelegate(_GroupDelegate(self.list))

    def set_groups(self, groups: list[Group], select_id: int | None = None) -> None:
        """Show groups, choosing select_id if it is there, else keeping the current choice."""
        keep = select_id if select_id is not None else self.current_group_id()
        self.list.blockSignals(True)
        self.list.clear()
        chosen: QListWidgetItem | None = None
        for group in groups:
            item = QListWidgetItem(group.name)
            self._describe(item, group)
            self.list.addItem(item)
            if group.id == keep:
                chosen = item
        if chosen is None and self.list.count():
            chosen = self.list.item(0)
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        self.list.blockSignals(False)
        self.group_selected.emit(self.current_group_id())

    def update_counts(self, groups: list[Group]) -> None:
        """Refresh names and counts in place, without changing which group is chosen."""
        by_id = {group.id: group for group in groups}
        for row in range(self.list.count()):
            item = self.list.item(row)
            group = by_id.get(int(item.data(GROUP_ID_ROLE)))
            if group is not None:
                self._describe(item, group)

    def _describe(self, item: QListWidgetItem, group: Group) -> None:
        item.setText(group.name)
        # Rows with room to breathe, as tall with the counts as without.
        item.setSizeHint(QSize(1, self.list.fontMetrics().height() + 10))
        item.setData(GROUP_ID_ROLE, group.id)
        item.setData(COUNT_ROLE, group.member_count)
        members = (
            self.tr("1 member")
            if group.member_count == 1
            else self.tr("{count} members").format(count=group.member_count)
        )
        item.setToolTip(f"{group.name} · {group.subject_tag} · {members}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{group.name}, {members}")

    def group_ids(self) -> list[int]:
        """The groups listed, top to bottom."""
        return [int(self.list.item(row).data(GROUP_ID_ROLE)) for row in range(self.list.count())]

    def current_group_id(self) -> int:
        item = self.list.currentItem()
        return int(item.data(GROUP_ID_ROLE)) if item is not None else 0

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.group_selected.emit(int(current.data(GROUP_ID_ROLE)) if current is not None else 0)

    def set_context_actions(self, actions: list[QAction | None]) -> None:
        self._context_actions = actions

    def _show_context_menu(self, position: QPoint) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        self.list.setCurrentItem(item)  # the menu acts on the group that was clicked
        menu = QMenu(self.list)
        for action in self._context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(self.list.viewport().mapToGlobal(position))
        menu.deleteLater()
