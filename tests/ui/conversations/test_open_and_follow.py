"""Opening an attachment from a private copy, and the thread list following new posts
(issue 15 item 10)."""

from __future__ import annotations

import os
import stat
from email.message import EmailMessage
from pathlib import Path

import pytest
from conversation_archive import ROTA_PDF, Archived, seed_archive
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.reading import thread_messages
from pont.core.archive.threads import rebuild_threads
from pont.core.members.groups import Group
from pont.ui.conversations.formatting import safe_filename
from pont.ui.conversations.opening import is_risky
from pont.ui.conversations.reader import OPEN_SCHEME
from pont.ui.conversations.view import ConversationsView


@pytest.fixture
def archived(db: Database, group: Group) -> Archived:
    return seed_archive(db, group)


@pytest.fixture
def view(make_window: WindowFactory, archived: Archived) -> ConversationsView:
    window = make_window()
    window.tabs.setCurrentWidget(window.conversations_tab)
    assert window.conversations_tab.view is not None
    return window.conversations_tab.view


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What was handed to the system to open: the boundary with the desktop."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return urls


def rota_attachment_id(view: ConversationsView) -> int:
    for row in range(view.threads.rowCount()):
        view.open_thread(view.threads.thread(row).id)
        for message in view.reader.messages():
            if message.attachments:
                return message.attachments[0].id
    raise AssertionError("no attachment")


HOSTILE = {
    "../../x": "x",
    "..\\..\\evil.pdf": "evil.pdf",
    "CON.txt": "_CON.txt",
    "aux": "_aux",
    "COM1 .txt": "_COM1 .txt",
    ".bashrc": "bashrc",
    "report.pdf.": "report.pdf",
    "\u202eexe.pdf": "exe.pdf",  # shown as "fdp.exe" with the override left in
    "in\u200bvisible.doc": "invisible.doc",
    "line\nbreak.txt": "line_break.txt",
    "": "attachment",
}


@pytest.mark.parametrize(("hostile", "safe"), HOSTILE.items())
def test_hostile_names_become_safe_file_names(hostile: str, safe: str) -> None:
    assert safe_filename(hostile) == safe


def test_a_long_name_is_cut_with_its_suffix_kept() -> None:
    cut = safe_filename("a" * 500 + ".pdf")
    assert len(cut) == 120 and cut.endswith("aaa.pdf")
    assert len(safe_filename("a" * 500)) == 120
    assert len(safe_filename("é" * 500 + ".pdf").encode()) < 255


@pytest.mark.parametrize("hostile", [*HOSTILE, "a" * 500, "a" * 300 + ".pdf"])
def test_opening_writes_a_private_safe_copy_and_hands_it_to_the_system(
    view: ConversationsView, opened: list[QUrl], hostile: str
) -> None:
    path = view.open_attachment(rota_attachment_id(view), hostile)
    assert path is not None and opened == [QUrl.fromLocalFile(str(path))]
    assert path.name == safe_filename(hostile)
    assert path.read_bytes() == ROTA_PDF
    root = path.parent.parent
    assert root.name.startswith("pont-attachments-")
    assert path.resolve().is_relative_to(root.resolve())
    if os.name == "posix":  # only this user can look inside
        assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_two_attachments_of_one_name_both_open(view: ConversationsView, opened: list[QUrl]) -> None:
    attachment = rota_attachment_id(view)
    first = view.open_attachment(attachment, "plan.pdf")
    second = view.open_attachment(attachment, "plan.pdf")
    assert first is not None and second is not None and first != second
    assert first.exists() and second.exists() and len(opened) == 2
    view.copies.remove()
    assert not first.exists()


def test_the_open_link_opens_it(view: ConversationsView, opened: list[QUrl]) -> None:
    attachment = rota_attachment_id(view)
    href = f"{OPEN_SCHEME}:{attachment}"
    assert href in view.reader.toHtml()
    view.reader.anchorClicked.emit(QUrl(href))
    [url] = opened
    assert Path(url.toLocalFile()).name == "plan_2024.pdf"  # "rota/plan:2024.pdf"


@pytest.mark.parametrize(
    "name", ["setup.exe", "invoice.pdf.js", "run.BAT", "x.scr", "a.vbs", "link.lnk", "i.msi",
             "s.ps1", "c.cmd", "j.jar", "h.hta", "\u202efdp.exe"]
)  # fmt: skip
def test_a_file_that_can_run_is_opened_only_when_the_coordinator_says_so(
    view: ConversationsView, opened: list[QUrl], name: str
) -> None:
    assert is_risky(name)
    asked: list[str] = []
    view.confirm = lambda _parent, title, *_rest: asked.append(title) or False  # type: ignore[method-assign]
    assert view.open_attachment(rota_attachment_id(view), name) is None
    assert len(asked) == 1 and "can run as a program" not in asked[0]
    assert opened == []
    view.confirm = lambda *_args: True  # type: ignore[method-assign]
    assert view.open_attachment(rota_attachment_id(view), name) is not None
    assert len(opened) == 1


def test_harmless_kinds_open_without_a_question(
    view: ConversationsView, opened: list[QUrl]
) -> None:
    view.confirm = lambda *_args: pytest.fail("asked about a PDF")  # type: ignore[method-assign]
    for name in ("rota.pdf", "photo.JPG", "notes.txt", "exe.pdf", "\u202eexe.pdf"):
        assert not is_risky(name)
        assert view.open_attachment(rota_attachment_id(view), name) is not None
    assert len(opened) == 5


def test_no_program_to_open_it_says_so(
    view: ConversationsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    warned: list[str] = []
    view.warn = lambda _parent, _title, text: warned.append(text)  # type: ignore[method-assign]
    assert view.open_attachment(rota_attachment_id(view), "odd.xyz") is None
    assert warned == [
        "Pont could not open “odd.xyz”: this computer has no program set to open files of this "
        "kind. You can save it instead."
    ]


# -- following new posts ------------------------------------------------------------------


def file_post(db: Database, group: Group, key: str, subject: str, reply_to: str = "") -> None:
    message = EmailMessage()
    message["From"] = "Rhian Morgan <rhian@example.org>"
    message["Subject"] = subject
    message["Date"] = "Wed, 1 Jan 2031 09:00:00 +0000"  # newer than the whole archive
    message["Message-ID"] = f"<{key}>"
    if reply_to:
        message["In-Reply-To"] = f"<{reply_to}>"
        message["References"] = f"<{reply_to}>"
    message.set_content("Posted just now.\n" + "More.\n" * 80)
    raw = message.as_bytes()
    with db.atomic():
        store_message(db, parse_message(raw), raw, {group.id: "list-id"})
    rebuild_threads(db, [group.id])


def shown_subject(view: ConversationsView) -> str:
    thread = view.reader.thread
    assert thread is not None
    return thread.subject


def test_a_new_post_is_selected_and_scrolled_into_view(
    view: ConversationsView, db: Database, group: Group
) -> None:
    newest = shown_subject(view)  # the window opens on the newest conversation
    view.table.resize(600, 40)  # room for one row: the new one must be scrolled to
    view.table.sortByColumn(1, view.table.horizontalHeader().sortIndicatorOrder())
    file_post(db, group, "new@example.org", "[Wellbeing] Spring gathering")
    view.reload()
    assert shown_subject(view) == "Spring gathering" != newest
    row = view.threads.row_of(view.reader.thread.id)  # type: ignore[union-attr]
    assert view.table.currentIndex().row() == row
    index = view.threads.index(row, 0)
    assert view.table.viewport().rect().intersects(view.table.visualRect(index))


def test_someone_reading_an_older_conversation_is_left_there(
    view: ConversationsView, db: Database, group: Group
) -> None:
    older = view.threads.thread(view.threads.rowCount() - 1)
    view.open_thread(older.id)
    view.reader.verticalScrollBar().setValue(0)
    file_post(db, group, "new@example.org", "[Wellbeing] Spring gathering")
    view.reload()
    assert view.reader.thread is not None and view.reader.thread.id == older.id


def test_a_reply_in_the_open_conversation_is_scrolled_to_when_read_to_the_end(
    view: ConversationsView, db: Database, group: Group
) -> None:
    view.reader.resize(500, 150)
    thread = view.threads.thread(view.threads.rowCount() - 1)  # not the newest conversation
    view.open_thread(thread.id)
    last = thread_messages(db, thread.id)[-1]
    bar = view.reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    end = bar.value()
    file_post(db, group, "reply-new@example.org", "Re: x", reply_to=last.message_key)
    view.reload()
    assert view.reader.thread is not None and view.reader.thread.id == thread.id
    assert view.reader.messages()[-1].message_key == "reply-new@example.org"
    assert bar.value() > end, "down to the new message, below where the reading ended"


def test_a_reload_with_nothing_new_keeps_the_reading_place(
    view: ConversationsView, db: Database
) -> None:
    view.reader.resize(500, 150)
    bar = view.reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    where = bar.value()
    assert where > 0
    rendered: list[object] = []
    view.reader.document().contentsChanged.connect(lambda: rendered.append(1))
    view.reload()  # as the window does whenever the database changes
    assert bar.value() == where
    assert rendered == [], "nothing new: the reader is left alone (and any text chosen)"
