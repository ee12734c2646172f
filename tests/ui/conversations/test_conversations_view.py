"""The Conversations tab: thread list, reader (quotes, remote images, attachments), members'
Posts and Last post, and the words and dates it shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conversation_archive import (
    ANN,
    BOB,
    BOB_NEWSLETTER,
    DAFYDD,
    ROTA_PDF,
    SIAN,
    Archived,
    local_day,
    seed_archive,
)
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory, focused, table_index

from pont.core.archive.message_headers import Address
from pont.core.archive.threads import list_threads
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import Group
from pont.core.members.members import Member, NewMember, add_member
from pont.ui.conversations.formatting import (
    friendly_time,
    human_size,
    people_summary,
    safe_filename,
    split_quoted,
)
from pont.ui.conversations.reader import QUOTE_SCHEME, SAVE_SCHEME
from pont.ui.conversations.threads_model import ThreadColumn, ThreadsTableModel
from pont.ui.conversations.view import ConversationsView
from pont.ui.members.columns import Column
from pont.ui.shell.main_window import MainWindow

PEER_SUPPORT = "Peer support in rural areas"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def archive(db: Database, group: Group) -> Archived:
    return seed_archive(db, group)


@pytest.fixture
def people(db: Database, group: Group) -> list[Member]:
    """The four people writing in the archive, as members of the group."""
    return [
        add_member(db, group.id, NewMember(email, name=name), origin="test")
        for name, email in (SIAN, DAFYDD, ANN, BOB)
    ]


def conversations(window: MainWindow) -> ConversationsView:
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None and view.isVisible()
    return view


def thread_id(view: ConversationsView, subject: str) -> int:
    model = view.threads
    return next(t.id for t in map(model.thread, range(model.rowCount())) if t.subject == subject)


def click_link(view: ConversationsView, href: str) -> None:
    """Follow a link of the reader, as a click on it does."""
    assert href in view.reader.toHtml(), f"no link to {href}"
    view.reader.anchorClicked.emit(QUrl(href))


# -- the thread list ----------------------------------------------------------------------


def test_conversations_tab_lists_the_groups_threads_newest_first(
    make_window: WindowFactory, people: list[Member], archive: Archived
) -> None:
    window = make_window()
    assert window.tabs.currentWidget() is window.members_view, "Members stays the first tab"
    assert window.conversations_tab.view is None, "built only when first shown"
    view = conversations(window)
    model = view.threads

    def row(number: int) -> list[str]:
        return [model.index(number, column).data() for column in ThreadColumn]

    assert model.rowCount() == 3
    assert row(0) == [PEER_SUPPORT, "Siân Evans, Dafydd Rees, Ann Jones", "3", "2 Oct 2024"]
    assert [row(n)[0] for n in (1, 2)] == ["Autumn newsletter", "Web forms"]
    # The newest thread is open in the reader.
    assert view.reader.thread is not None and view.reader.thread.subject == PEER_SUPPORT
    model.sort(ThreadColumn.SUBJECT)
    assert row(0)[0] == "Autumn newsletter"


def test_thread_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, db: Database, group: Group, archive: Archived
) -> None:
    model = ThreadsTableModel()
    model.set_threads(list_threads(db, group.id))
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)
    model.sort(ThreadColumn.MESSAGES)
    model.sort(ThreadColumn.PARTICIPANTS)
    model.set_threads([])
    qtmodeltester.check(model)


def test_ctrl_2_shows_conversations_and_ctrl_1_members(
    qtbot: QtBot, make_window: WindowFactory, archive: Archived
) -> None:
    window = make_window()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach only the active window
    window.members_view.table.setFocus()
    qtbot.keyClick(window.members_view.table, Qt.Key.Key_2, CTRL)
    assert window.tabs.currentWidget() is window.conversations_tab
    view = window.conversations_tab.view
    assert view is not None and view.isAncestorOf(focused()), "keys go to what is shown"
    qtbot.keyClick(view.table, Qt.Key.Key_PageUp, CTRL)
    assert window.tabs.currentWidget() is window.members_view
    assert window.members_view.isAncestorOf(focused())
    qtbot.keyClick(window.members_view.table, Qt.Key.Key_F, CTRL | SHIFT)
    assert window.tabs.currentWidget() is window.conversations_tab
    assert focused() is view.search_edit


def test_without_an_archive_the_tab_says_how_to_get_one(
    make_window: WindowFactory, db: Database, members: list[Member]
) -> None:
    view = conversations(make_window())
    assert view.empty.isVisible()
    assert view.empty.title_label.text() == "No conversations yet"
    assert "Mail ▸ Set up mail account…" in view.empty.text_label.text()

    server = ServerSettings("mail.example.org", 993, Security.SSL)
    save_account(db, AccountSettings("me@example.org", "me@example.org", server, server))
    view.reload()
    assert view.empty.title_label.text() == "No messages for this group yet"


def test_threads_appear_when_the_archive_changes(
    qtbot: QtBot, make_window: WindowFactory, db: Database, group: Group, people: list[Member]
) -> None:
    window = make_window()
    view = conversations(window)
    assert view.empty.isVisible()
    assert table_index(window, SIAN[1], Column.POSTS).data() == ""  # no archive: no noughts
    seed_archive(db, group)
    window.archive_changed.emit()
    qtbot.waitUntil(lambda: view.threads.rowCount() == 3)
    assert not view.empty.isVisible()
    assert table_index(window, SIAN[1], Column.POSTS).data() == "1"


# -- the reader ---------------------------------------------------------------------------


def test_reader_shows_messages_in_order_with_quotes_folded(
    make_window: WindowFactory, archive: Archived
) -> None:
    view = conversations(make_window())
    reader = view.reader
    text = reader.toPlainText()
    order = [text.index(s) for s in ("Has anyone set up", "We meet monthly", "rota is attached")]
    assert order == sorted(order), "oldest message first"
    assert "Siân Evans <sian.evans@example.org>" in text
    assert "To Siân Evans, Dafydd Rees, Ann Jones, Bob Jones" in text
    # Dafydd's "On … wrote:" quote and Ann's Outlook original are folded away.
    assert "wrote:" not in text and "Sent: 01 October" not in text
    assert text.count("Show quoted text") == 2
    assert text.count("Has anyone set up") == 1

    click_link(view, f"{QUOTE_SCHEME}:{archive.reply}")
    text = reader.toPlainText()
    assert reader.is_expanded(archive.reply)
    assert "Siân Evans <sian.evans@example.org> wrote:" in text
    assert "> Has anyone set up" in text
    assert "Sent: 01 October" not in text, "only that message unfolds"
    assert "Hide quoted text" in text
    click_link(view, f"{QUOTE_SCHEME}:{archive.reply}")
    assert "wrote:" not in reader.toPlainText()


def test_html_message_is_cleaned_and_remote_images_are_blocked(
    make_window: WindowFactory, archive: Archived
) -> None:
    view = conversations(make_window())
    view.open_thread(thread_id(view, "Autumn newsletter"))
    reader = view.reader
    assert reader.has_blocked_content(archive.html_only)
    text = reader.toPlainText()
    assert "Remote images blocked" in text
    assert "The autumn newsletter is out." in text
    assert "alert" not in text and "tracker.example.com" not in reader.toHtml()
    # Even a picture that slipped through would not be fetched.
    url = QUrl("https://tracker.example.com/open.png")
    assert reader.loadResource(int(QTextDocument.ResourceType.ImageResource), url) is None
    assert reader.openLinks() is False


def test_links_open_outside_only_when_clicked(
    make_window: WindowFactory, archive: Archived, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "pont.ui.conversations.reader.QDesktopServices.openUrl",
        lambda url: opened.append(url.url()),
    )
    view = conversations(make_window())
    assert opened == []
    click_link(view, "https://example.org/notes")
    assert opened == ["https://example.org/notes"]


def test_an_attachment_saves_its_bytes(
    make_window: WindowFactory, archive: Archived, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = conversations(make_window())
    text = view.reader.toPlainText()
    assert "rota/plan:2024.pdf (10 KB)" in text and "Save…" in text
    suggested: list[str] = []
    target = tmp_path / "saved.pdf"

    def ask(parent: object, caption: str, directory: str) -> tuple[str, str]:
        suggested.append(directory)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    attachment = view.reader.messages()[2].attachments[0]
    click_link(view, f"{SAVE_SCHEME}:{attachment.id}")
    assert target.read_bytes() == ROTA_PDF
    assert Path(suggested[0]).name == "plan_2024.pdf"


def test_a_failed_save_says_why_in_plain_words(
    make_window: WindowFactory, archive: Archived, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = conversations(make_window())
    warnings: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "missing" / "x.pdf"), "")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    attachment = view.reader.messages()[2].attachments[0]
    click_link(view, f"{SAVE_SCHEME}:{attachment.id}")
    assert len(warnings) == 1 and warnings[0].startswith("Pont could not save “plan_2024.pdf”: ")
    assert "Traceback" not in warnings[0]


# -- members' Posts and Last post ---------------------------------------------------------


def test_members_table_shows_posts_and_last_post(
    qtbot: QtBot, make_window: WindowFactory, people: list[Member], archive: Archived
) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: table_index(window, BOB[1], Column.POSTS).data() != "")
    assert table_index(window, BOB[1], Column.POSTS).data() == "2"
    assert table_index(window, BOB[1], Column.LAST_POST).data() in local_day(BOB_NEWSLETTER)
    assert table_index(window, ANN[1], Column.POSTS).data() == "1"
    model = window.members_view.model
    model.sort(Column.POSTS, Qt.SortOrder.DescendingOrder)
    assert model.member(0).email == BOB[1]
    model.sort(Column.LAST_POST, Qt.SortOrder.DescendingOrder)
    assert model.member(0).email == ANN[1]  # 2 Oct, the latest


# -- words and dates ----------------------------------------------------------------------


def test_split_quoted_finds_the_usual_quoting_styles() -> None:
    gmail = "Agreed.\n\nOn Tue, 1 Oct 2024 at 10:00, Siân <s@example.org>\nwrote:\n> Hello\n"
    assert [(s.quoted, s.text.strip()) for s in split_quoted(gmail)] == [
        (False, "Agreed."),
        (True, "On Tue, 1 Oct 2024 at 10:00, Siân <s@example.org>\nwrote:\n> Hello"),
    ]
    inline = "> first point\nYes.\n> second point\nNo."
    assert [s.quoted for s in split_quoted(inline)] == [True, False, True, False]
    outlook = "Thanks!\n\n-----Original Message-----\nFrom: Ann\nSent: today\n\nHi"
    assert [s.quoted for s in split_quoted(outlook)] == [False, True]
    outlook_rule = "Thanks!\n________________________________\nFrom: Ann\nSent: today\nHi"
    assert split_quoted(outlook_rule)[1].text.startswith("______")
    plain = "From: the start of the year,\nwe meet weekly."  # no "Sent:": not a quote
    assert [s.quoted for s in split_quoted(plain)] == [False]


def test_friendly_time_says_when_as_a_person_would() -> None:
    now = datetime(2025, 3, 14, 15, 0).astimezone()
    at = now.replace(hour=9, minute=5)
    assert friendly_time(at, now) == "Today 09:05"
    assert friendly_time(at - timedelta(days=1), now) == "Yesterday 09:05"
    assert friendly_time(at - timedelta(days=3), now) == "Tue 09:05"
    assert friendly_time(at.replace(month=1, day=3), now) == "3 Jan"
    assert friendly_time(at.replace(year=2024, month=10, day=3), now) == "3 Oct 2024"
    assert friendly_time(None, now) == ""
    assert friendly_time(datetime(2024, 10, 3, 12, tzinfo=UTC), now).endswith("2024")


def test_sizes_names_and_file_names() -> None:
    assert [human_size(n) for n in (1, 512, 2_400, 2_400_000, 15_000_000)] == [
        "1 byte",
        "512 bytes",
        "2.4 KB",
        "2.4 MB",
        "15 MB",
    ]
    people = [Address("Siân Evans", "s@x"), Address("Dafydd Rees", "d@x")]
    people += [Address("", f"p{n}@x") for n in range(3)]
    assert people_summary(people) == "Siân Evans, Dafydd Rees +3"
    assert people_summary(people[:3]) == "Siân Evans, Dafydd Rees, p0@x"
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\temp\\re:port?.pdf") == "re_port_.pdf"
    assert safe_filename(".hidden") == "hidden"
    assert safe_filename("CON.txt") == "_CON.txt"
    assert safe_filename("") == "attachment"
