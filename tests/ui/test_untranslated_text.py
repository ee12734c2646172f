"""Every string a coordinator can see goes through Qt's translation, in a form lupdate has
collected into the .ts. A translator that marks each string it finds in pont_cy.ts as
⟦…⟧ is installed, every window and dialog is walked, and any visible words left outside
the marks (other than the profile's own data) were written without tr()."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import translations
from PySide6.QtCore import QModelIndex, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from window_walk import WINDOW_KINDS, all_windows

from pont.ui.language import LANGUAGES
from pont.ui.shell.main_window import MainWindow


def _known_strings() -> set[tuple[str, str]]:
    root = ET.parse(translations.ts_file("cy")).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


class MarkingTranslator(QTranslator):
    """Marks every string pont_cy.ts holds; anything else stays as the code wrote it."""

    def __init__(self, known: set[tuple[str, str]]) -> None:
        super().__init__()
        self.known = known

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"⟦{source}⟧" if (context, source) in self.known else ""

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


@pytest.fixture
def marking(qapp: QApplication) -> Iterator[None]:
    translator = MarkingTranslator(_known_strings())
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def _data(db: Database) -> list[str]:
    """The profile's own words (names, subjects, tags…): shown as they are, never translated.
    Each line of a longer text counts on its own too: a reply quotes a message line by line."""
    words: set[str] = set()
    for table in db.table_names():
        if table.startswith(("fts", "messages_fts", "_")) or table == "sqlite_sequence":
            continue
        for row in db[table].rows:
            for value in row.values():
                if isinstance(value, str):
                    words.update(text for text in [value, *value.splitlines()] if len(text) > 1)
    return sorted(words, key=len, reverse=True)


def _column_headings(view: QTableView | QTreeView) -> list[str]:
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    if header.isHidden():
        return []
    model = view.model()
    return [
        str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for column in range(model.columnCount(QModelIndex()))
    ]


def _action_texts(actions: list[QAction]) -> Iterator[str]:
    for action in actions:
        yield action.text()
        yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield menu.title()
            yield from _action_texts(menu.actions())


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for the words a person can see or hear in root."""
    yield "window title", root.windowTitle()
    if isinstance(root, QMainWindow):
        for text in _action_texts(root.menuBar().actions()):
            yield "menu", text
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        yield f"{kind} tooltip", widget.toolTip()
        yield f"{kind} accessible name", widget.accessibleName()
        yield f"{kind} accessible description", widget.accessibleDescription()
        for text in _action_texts(widget.actions()):
            yield f"{kind} action", text
        if isinstance(widget, QLabel):
            yield "label", widget.text()
        elif isinstance(widget, QAbstractButton):
            yield "button", widget.text()
        elif isinstance(widget, QGroupBox):
            yield "box title", widget.title()
        elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield "tab", widget.tabText(i)
                yield "tab tooltip", widget.tabToolTip(i)
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield "choice", widget.itemText(i)
        elif isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            for header in _column_headings(widget):
                yield "column heading", header


MARKED = re.compile(r"⟦[^⟦⟧]*⟧")  # the innermost: translations fill in translations
# Keys, units, file types and names that read the same in every language.
UNTRANSLATABLE = re.compile(
    r"\b(Ctrl|Shift|Alt|Meta|PgUp|PgDown|Del|Esc|Ins|Return|Enter|Space|Tab|F\d+|[A-Z])\b"
    r"|\b(kB|MB|GB|bytes?)\b|\bPont\b|\bIMAP\b|\bSMTP\b|\bUTF-8\b|\bCSV\b"
    r"|\S+@\S+|https?://\S+"
)


def untranslated_words(text: str, data: list[str]) -> str:
    while MARKED.search(text):
        text = MARKED.sub(" ", text)
    # The profile's words go before the tags do: "Name <address>" looks like a tag.
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    for value in data:
        if value in plain:
            plain = plain.replace(value, " ")
    plain = UNTRANSLATABLE.sub(" ", plain)
    return plain.strip() if re.search(r"[^\W\d_]{2,}", plain) else ""


@pytest.mark.usefixtures("marking")
def test_every_visible_string_is_translatable(
    qtbot: QtBot, demo_window: MainWindow, db: Database, database_path: Path, tmp_path: Path
) -> None:
    data = _data(db) + list(LANGUAGES.values())  # each language is named in itself
    offenders: dict[str, str] = {}
    walked = set()
    marked = 0
    for shown in all_windows(qtbot, demo_window, db, database_path, tmp_path):
        walked.add(type(shown).__name__)
        for where, text in visible_texts(shown):
            marked += "⟦" in text
            left = untranslated_words(text, data)
            if left:
                offenders.setdefault(text, f"{type(shown).__name__} {where}: {text!r}")
    assert len(walked) == WINDOW_KINDS, walked
    assert marked > 300  # the walk does see the windows' words
    assert not offenders, "Shown without translation:\n" + "\n".join(offenders.values())
