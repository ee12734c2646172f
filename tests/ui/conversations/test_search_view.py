"""Searching a group's archive from the Conversations tab: snippets, opening a hit, Esc."""

from __future__ import annotations

import pytest
from conversation_archive import DAFYDD_REPLIED, local_day, seed_archive
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.archive.message_headers import Address
from pont.core.archive.search import SNIPPET_END, SNIPPET_START, SearchHit, search
from pont.core.members.groups import Group
from pont.ui.conversations.formatting import snippet_html
from pont.ui.conversations.search_model import HTML_ROLE, SearchResultsModel
from pont.ui.conversations.view import ConversationsView


@pytest.fixture
def view(make_window: WindowFactory, db: Database, group: Group) -> ConversationsView:
    seed_archive(db, group)
    window = make_window()
    window.tabs.setCurrentWidget(window.conversations_tab)
    assert window.conversations_tab.view is not None
    return window.conversations_tab.view


def type_search(qtbot: QtBot, view: ConversationsView, text: str) -> None:
    qtbot.keyClicks(view.search_edit, text)
    qtbot.waitUntil(lambda: not view._search_timer.isActive())


def hits_html(view: ConversationsView) -> list[str]:
    model = view.results.results
    return [model.index(row).data(HTML_ROLE) for row in range(model.rowCount())]


def test_typing_shows_results_with_the_matches_in_bold(
    qtbot: QtBot, view: ConversationsView
) -> None:
    assert view.search_edit.placeholderText() == "Search messages…"
    type_search(qtbot, view, "village")
    assert view.results.isVisible() and not view.table.isVisible()
    html = hits_html(view)
    assert len(html) == 2  # Dafydd's reply, and Ann's quoting it
    assert all("<b>village</b>" in hit for hit in html)
    (day,) = local_day(DAFYDD_REPLIED)
    assert any(f"Dafydd Rees · {day}" in hit for hit in html)
    text = view.results.results.index(0).data()
    assert "village" in text and "\x02" not in text


def test_snippet_text_is_escaped_before_matches_are_marked(
    qtbot: QtBot, view: ConversationsView
) -> None:
    type_search(qtbot, view, "script")
    [html] = hits_html(view)
    assert "&lt;<b>script</b>&gt; tags &amp; other code" in html
    assert "<script>" not in html
    marked = f"a <i> {SNIPPET_START}b&c{SNIPPET_END}"
    assert snippet_html(marked) == "a &lt;i&gt; <b>b&amp;c</b>"


def test_clicking_a_result_opens_its_thread_at_that_message(
    qtbot: QtBot, view: ConversationsView
) -> None:
    view.open_thread(view.threads.thread(2).id)  # another thread is open
    view.reader.resize(500, 150)  # small enough to need scrolling
    type_search(qtbot, view, "rota")
    model = view.results.results
    [hit] = [model.hit(row) for row in range(model.rowCount())]
    rect = view.results.visualRect(model.index(0))
    qtbot.mouseClick(view.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = view.reader
    assert reader.thread is not None and reader.thread.id == hit.thread_id
    assert [m.id for m in reader.messages()][-1] == hit.message_id
    assert reader.verticalScrollBar().value() > 0, "scrolled down to Ann's message"


def test_escape_clears_the_search_and_shows_the_threads_again(
    qtbot: QtBot, view: ConversationsView
) -> None:
    type_search(qtbot, view, "rural")
    assert view.results.isVisible()
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Escape)
    assert view.search_edit.text() == ""
    assert view.table.isVisible() and view.threads.rowCount() == 3


def test_no_match_says_so_and_offers_to_clear(qtbot: QtBot, view: ConversationsView) -> None:
    type_search(qtbot, view, "zebra")
    assert view.no_match.isVisible()
    assert view.no_match.title_label.text() == "No messages match “zebra”"
    qtbot.mouseClick(view.no_match.buttons[0], Qt.MouseButton.LeftButton)
    assert view.search_edit.text() == "" and view.table.isVisible()


def test_search_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, db: Database, group: Group, qapp: object
) -> None:
    seed_archive(db, group)
    model = SearchResultsModel()
    model.set_hits(search(db, group.id, "peer"))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    hit = SearchHit(1, None, "", Address("", "x@example.org"), None, "plain")
    model.set_hits([hit])
    assert model.index(0).data() == "(no subject) — x@example.org — plain"
