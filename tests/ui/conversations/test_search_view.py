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
from pont.core.archive.search import (
    SNIPPET_END,
    SNIPPET_START,
    ConversationHit,
    SearchHit,
    search_conversations,
)
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
    # Dafydd's reply and Ann's quoting it: one conversation, two matching messages, the
    # best-ranked one's snippet
    [html] = hits_html(view)
    assert "<b>Peer support in rural areas</b>" in html and "<b>village</b>" in html
    (day,) = local_day(DAFYDD_REPLIED)
    assert f"2 matching messages · Dafydd Rees · {day}" in html
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
    [found] = [model.hit(row) for row in range(model.rowCount())]
    assert view.reader.thread is None, "the reader was cleared for the results"
    rect = view.results.visualRect(model.index(0))
    qtbot.mouseClick(view.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = view.reader
    assert reader.thread is not None and reader.thread.id == found.thread_id
    assert [m.id for m in reader.messages()][-1] == found.best.message_id
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
    model.set_hits(search_conversations(db, group.id, "peer"))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    hit = SearchHit(1, None, "", Address("", "x@example.org"), None, "plain")
    model.set_hits([ConversationHit(None, "", 1, hit)])
    assert model.index(0).data() == "(no subject) — 1 matching message — x@example.org — plain"


def test_the_reader_is_cleared_while_results_show_and_back_after(
    qtbot: QtBot, view: ConversationsView
) -> None:
    view.open_thread(view.threads.thread(1).id)
    shown = view.reader.thread
    assert shown is not None and view.reply_button.isEnabled()
    type_search(qtbot, view, "newsletter")
    assert view.reader.thread is None and not view.reader.messages()
    assert "Choose a conversation from the results" in view.reader.toPlainText()
    assert not view.reply_button.isEnabled() and not view.forward_button.isEnabled()
    view.reload()  # a sync while the results show brings no old message back
    assert view.reader.thread is None
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Escape)
    assert view.reader.thread is not None and view.reply_button.isEnabled()
    qtbot.keyClicks(view.search_edit, "peer")  # and a sync comes before the search has run:
    view.reload()  # the search it runs is a new one all the same, and clears the reader
    assert view.reader.thread is None and view.results.isVisible()


def test_hostile_snippet_text_cannot_forge_bold_or_markup(
    qtbot: QtBot, view: ConversationsView, db: Database, group: Group
) -> None:
    from email.message import EmailMessage

    from pont.core.archive.filing import store_message
    from pont.core.archive.messages import parse_message
    from pont.core.archive.threads import rebuild_threads

    message = EmailMessage()
    message["From"] = "Mallory <m@example.org>"
    message["Subject"] = "[Wellbeing] Quince jam"
    message["Message-ID"] = "<jam@example.org>"
    message["Date"] = "Tue, 1 Apr 2025 10:00:00 +0000"
    message.set_content(
        f"quince {SNIPPET_START}stolen{SNIPPET_END} <b>fake</b> <script>x()</script> &lt;"
    )
    raw = message.as_bytes()
    with db.atomic():
        store_message(db, parse_message(raw), raw, {group.id: "list-id"})
    rebuild_threads(db, [group.id])
    view.reload()
    type_search(qtbot, view, "quince")
    [html] = hits_html(view)
    assert html.count("<b>") == 2  # the subject, and the one real match
    assert "<b>quince</b>" in html and "<b>stolen</b>" not in html
    assert "&lt;b&gt;fake&lt;/b&gt; &lt;script&gt;x()&lt;/script&gt; &amp;lt;" in html
    assert "<script>" not in html


def test_the_answers_are_for_the_message_a_result_led_to(
    qtbot: QtBot, view: ConversationsView
) -> None:
    type_search(qtbot, view, "village")
    found = view.results.results.hit(0)
    rect = view.results.visualRect(view.results.results.index(0))
    qtbot.mouseClick(view.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    latest = view.reader.messages()[-1]
    assert found.best.message_id != latest.id  # Dafydd's reply, not Ann's after it
    assert view.answered_message().id == found.best.message_id
    forwarded: list[object] = []
    view.forward_requested.disconnect()  # no window: only which message
    view.forward_requested.connect(forwarded.append)
    view.forward_button.click()
    assert forwarded == [view.reader.message(found.best.message_id)]
    view.clear_search()
    view.open_thread(view.threads.thread(1).id)  # chosen in the list: its latest
    assert view.answered_message().id == view.reader.messages()[-1].id
