"""The members' table: Enter opens or edits, and columns fit the names they show."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from pont.core.members.members import MemberStatus
from pont.ui.members.columns import Column, column_title, day_text, status_label
from pont.ui.members.delegate import MemberItemDelegate
from pont.ui.members.model import MembersTableModel

# Narrowest and widest a text column is made to fit its contents, in average character
# widths; Status, Joined, Posts and Last post always fit, and Notes takes what is left.
_FIT = {
    Column.NAME: (14, 26),
    Column.EMAIL: (14, 36),
    Column.ORGANISATION: (12, 22),
    Column.TAGS: (10, 20),
    Column.CONSENT: (12, 20),
}
_SAMPLE_ROWS = 300  # enough to judge widths; measuring 20,000 rows would delay the first paint
_TITLE_ROOM = "members/title_room"  # "<room> <device pixel ratio> <header font>"

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings


class MembersTable(QTableView):
    """The members' table: rows selected whole, sorted by any column, edited inline with
    MemberItemDelegate; editing starts on Enter as well as F2 and double-click.

    Signals:
        open_requested(QModelIndex): Enter or double-click on a cell that is not edited inline.
    """

    open_requested = Signal(QModelIndex)

    def __init__(self, model: MembersTableModel) -> None:
        super().__init__()
        self._model = model
        # How much of a section the style keeps from its title: None until measured or
        # recalled (title_room, recall_title_room).
        self._title_room: int | None = None
        self.setModel(model)
        self.setAccessibleName(self.tr("Members"))
        self.setAccessibleDescription(
            self.tr(
                "One row per member. Enter or F2 edits a cell or opens the member; "
                "the Edit and Group menus hold the other actions"
            )
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as a person expects
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Uniform rows: the view never asks 20,000 rows how tall they want to be.
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        rows.hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSortingEnabled(True)
        self.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.delegate = MemberItemDelegate(model, self)
        self.setItemDelegate(self.delegate)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

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

    def title_room(self) -> int:
        """How much of a section the style keeps from its title: the margins, and room for
        the sort arrow, which any column may show (QStyle.SE_HeaderLabel)."""
        if self._title_room is None:
            self._title_room = self._measured_title_room()
        return self._title_room

    def _measured_title_room(self) -> int:
        from PySide6.QtWidgets import QStyle, QStyleOptionHeader

        header = self.horizontalHeader()
        option = QStyleOptionHeader()
        option.initFrom(header)
        height = header.height() if header.height() > 0 else header.sizeHint().height()
        option.rect = QRect(0, 0, 1000, height)
        option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
        option.state |= QStyle.StateFlag.State_Horizontal
        label = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
        return 1000 - label.width() + 1

    # Asking the style builds QStyle's Python enums (~5 ms), which the members' first paint
    # at start-up need not wait for: the room measured last time is used, for the same
    # header font at the same scale, and measured again once the window is built.

    def recall_title_room(self, settings: QSettings) -> None:
        """Use the title room noted in settings, if noted for this header font and scale."""
        room, _, noted_for = str(settings.value(_TITLE_ROOM, "")).partition(" ")
        readable = room.isascii() and room.isdigit() and len(room) <= 3
        if readable and noted_for == self._title_room_for():
            self._title_room = int(room)

    def note_title_room(self, settings: QSettings) -> None:
        """Measure the title room, for the next fit, and note it in settings."""
        measured = self._measured_title_room()
        self._title_room = measured
        noted = f"{measured} {self._title_room_for()}"
        if settings.value(_TITLE_ROOM) != noted:
            settings.setValue(_TITLE_ROOM, noted)

    def _title_room_for(self) -> str:
        return f"{self.devicePixelRatioF():g} {self.horizontalHeader().font().key()}"

    def fit_columns(self) -> None:
        """Column widths from a sample of rows, within sensible bounds; Notes takes the rest.

        Every title has room for itself and the sort arrow (Welsh titles run longer), and
        Status for its picker.
        """
        metrics = self.fontMetrics()
        average = metrics.averageCharWidth()
        padding = 16  # the delegate's margins either side of the text
        header = self.horizontalHeader()

        beside_title = self.title_room()

        def title(column: Column) -> int:
            return metrics.horizontalAdvance(column_title(column)) + beside_title

        def needed(column: Column) -> int:
            cells = self._model.shown_texts(column, _SAMPLE_ROWS)
            return max(
                [title(column), *(metrics.horizontalAdvance(text) + padding for text in cells)]
            )

        statuses = max(metrics.horizontalAdvance(status_label(s)) for s in MemberStatus)
        # The widest date, in the language's month names, as the model writes dates.
        locale = QLocale()
        dates = padding + max(
            metrics.horizontalAdvance(day_text(locale, date(2030, month, 28)))
            for month in range(1, 13)
        )
        fixed = {
            Column.STATUS: max(
                needed(Column.STATUS), statuses + padding + 18, self.delegate.status_picker_width()
            ),
            Column.JOINED: max(needed(Column.JOINED), dates),
            # Titles wider than any count or date: no need to measure the cells.
            Column.POSTS: title(Column.POSTS),
            Column.LAST_POST: max(title(Column.LAST_POST), dates),
        }
        floors = {
            column: max(narrowest * average, title(column))
            for column, (narrowest, _widest) in _FIT.items()
        }
        fitted = {
            column: max(floors[column], min(needed(column), widest * average))
            for column, (_narrowest, widest) in _FIT.items()
        }
        # Too wide for the window: the text columns other than Name give up width toward their
        # narrowest, in proportion, so that as much as can be shows without scrolling. Name
        # never does: the names are what the table is read by; past that, the table scrolls.
        # The width is the viewport's with a vertical scroll bar, whether or not the rows
        # need one yet, so that fitting again gives the same widths.
        viewport = self.maximumViewportSize().width() - self.verticalScrollBar().sizeHint().width()
        notes = max(10 * average, title(Column.NOTES))
        excess = sum(fitted.values()) + sum(fixed.values()) + notes - viewport
        giving = [column for column in _FIT if column != Column.NAME]
        slack = {column: fitted[column] - floors[column] for column in giving}
        if viewport > 300 and excess > 0 and sum(slack.values()) > 0:
            share = min(1.0, excess / sum(slack.values()))
            for column in giving:  # rounded up, so that the columns never end wider than the room
                fitted[column] -= math.ceil(slack[column] * share)
        # Notes, stretched as the last section, is never made narrower than the size it was
        # last given: give it its narrowest, and it takes whatever room is left over that.
        for column, width in (fitted | fixed | {Column.NOTES: notes}).items():
            header.resizeSection(column, width)
