"""Helpers for driving the main window's members table in tests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget

from pont.ui.members.columns import Column
from pont.ui.shell.main_window import MainWindow

# make_window(demo=False) in conftest: the real window on the test's profile, shown.
WindowFactory = Callable[..., MainWindow]


def table_index(window: MainWindow, email: str, column: Column = Column.NAME) -> QModelIndex:
    """The table's index for the member with this address, who must be shown."""
    model = window.members_view.model
    row = next((r for r in range(model.rowCount()) if model.member(r).email == email), None)
    assert row is not None, f"{email} is not in the table"
    return model.index(row, column)


def select(window: MainWindow, *emails: str) -> None:
    """Select the rows of these members, as a person would with Ctrl+click."""
    table = window.members_view.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for email in emails:
        index = table_index(window, email)
        table.selectionModel().setCurrentIndex(index, flags)
    table.setFocus(Qt.FocusReason.OtherFocusReason)


def shown_emails(window: MainWindow) -> list[str]:
    view = window.members_view
    return [view.model.index(row, Column.EMAIL).data() for row in range(view.model.rowCount())]


def focused() -> QWidget | None:
    return QApplication.focusWidget()
