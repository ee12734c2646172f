"""No word cut short, in English or Welsh: each column header of the members and
conversations tables has room for its title (and the sort arrow, which any column can get),
each status picker for its longest status, and the Name column is not squeezed to make room
for the others. Welsh words run longer ("Gweithgarwch diwethaf", "Gweithredol"), so widths
fixed for English clipped them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import translations
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionHeader,
    QTableView,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.demo.profile import seed_demo_profile
from pont.core.members.members import list_members
from pont.ui.language import install_language
from pont.ui.members.columns import Column
from pont.ui.members.member_dialog import MemberDialog
from pont.ui.shell.main_window import MainWindow


@pytest.fixture(scope="module", autouse=True)
def compiled_translations() -> None:
    translations.compile_all()


@pytest.fixture(params=["en", "cy"])
def demo_in(
    request: pytest.FixtureRequest, qapp: QApplication, make_window: WindowFactory, db: Database
) -> Iterator[MainWindow]:
    """The demo window at its first size, in each language (conftest puts English back)."""
    assert install_language(qapp, request.param)
    seed_demo_profile(db)
    yield make_window(demo=True)


def clipped_headers(table: QTableView) -> list[str]:
    """The titles whose section leaves less room than the text needs, with the sort arrow
    drawn: the room is what the style gives the label (QStyle.SE_HeaderLabel)."""
    header = table.horizontalHeader()
    model = table.model()
    metrics = header.fontMetrics()
    clipped = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.rect = QRect(0, 0, header.sectionSize(column), header.height())
        option.text = title
        option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
        option.state |= QStyle.StateFlag.State_Horizontal
        room = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
        if metrics.horizontalAdvance(title) > room.width():
            clipped.append(f"{title} ({metrics.horizontalAdvance(title)} > {room.width()})")
    return clipped


def clipped_choices(combo: QComboBox) -> list[str]:
    """The choices whose text (and icon) would not fit the picker's own field, closed."""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.rect = combo.rect()
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    metrics = combo.fontMetrics()
    clipped = []
    for row in range(combo.count()):
        text = combo.itemText(row)
        icon = combo.iconSize().width() + 4 if not combo.itemIcon(row).isNull() else 0
        if metrics.horizontalAdvance(text) + icon > field.width():
            clipped.append(f"{text} ({metrics.horizontalAdvance(text) + icon} > {field.width()})")
    return clipped


def test_every_members_column_title_fits(demo_in: MainWindow) -> None:
    assert clipped_headers(demo_in.members_view.table) == []


def test_every_conversations_column_title_fits(demo_in: MainWindow, qtbot: QtBot) -> None:
    demo_in.tabs.setCurrentIndex(1)
    table = demo_in.conversations_tab.ensure_view().table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    assert clipped_headers(table) == []


# Offscreen Qt cannot raise a popup nor give it the keyboard; it says so. Nothing to do with Pont.
@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_the_status_picker_shows_every_status_whole(demo_in: MainWindow, qtbot: QtBot) -> None:
    table = demo_in.members_view.table
    index = table.model().index(0, Column.STATUS)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.viewport().findChild(QComboBox)
    assert combo is not None and combo.isVisible()
    assert combo.count() >= 3
    assert clipped_choices(combo) == []
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    metrics = view.fontMetrics()
    cut = [
        combo.itemText(row)
        for row in range(combo.count())
        if metrics.horizontalAdvance(combo.itemText(row)) + combo.iconSize().width()
        > view.visualRect(view.model().index(row, 0)).width()
    ]
    combo.hidePopup()
    assert cut == []


def test_the_member_dialogs_status_picker_shows_every_status_whole(
    demo_in: MainWindow, qtbot: QtBot, db: Database
) -> None:
    group = demo_in.group
    assert group is not None
    member = list_members(db, group.id)[0]
    dialog = MemberDialog(demo_in, group, lambda _address: None, lambda _new: None, member)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped_choices(dialog.status_combo) == []


def test_the_name_column_is_not_squeezed_for_the_others(demo_in: MainWindow) -> None:
    """The names are what a coordinator reads the table by: at the window's first size they
    show whole (up to the widest a name column is made), whatever else must scroll."""
    table = demo_in.members_view.table
    model = table.model()
    metrics = table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(str(model.index(row, Column.NAME).data()))
        for row in range(model.rowCount())
    )
    room = table.horizontalHeader().sectionSize(Column.NAME) - 16  # the cell's padding
    assert min(widest, 26 * metrics.averageCharWidth() - 16) <= room
    assert table.horizontalHeader().sectionResizeMode(Column.NAME) is (
        QHeaderView.ResizeMode.Interactive
    )
