"""The reader and a stranger's message built to freeze it, or one Pont read only in part
(issue 12, defects 1 and 4)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.threads import list_threads, rebuild_threads
from pont.core.members.groups import Group
from pont.ui.conversations.formatting import split_quoted
from pont.ui.conversations.reader import (
    SHOWN_CHARACTERS,
    SHOWN_LINES,
    SOURCE_SCHEME,
    shown_part,
)
from pont.ui.conversations.view import ConversationsView

LONG_NOTE = "Only the beginning of this long message is shown."
PART_NOTE = "Pont could not read all of this message"


def store(db: Database, group: Group, key: str, raw_body: bytes, content_type: bytes) -> int:
    raw = (
        f"Message-ID: <{key}>\r\nFrom: Bryn <bryn@example.org>\r\n".encode()
        + b"Subject: [Wellbeing] "
        + key.encode()
        + b"\r\nDate: Tue, 1 Apr 2025 10:00:00 +0000\r\nContent-Type: "
        + content_type
        + b"\r\n\r\n"
        + raw_body
    )
    with db.atomic():
        message_id = store_message(db, parse_message(raw), raw, {group.id: "tag"})
    rebuild_threads(db, [group.id])
    return message_id


def open_message(
    make_window: WindowFactory, db: Database, group: Group, key: str
) -> ConversationsView:
    window = make_window()
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None
    thread = next(t for t in list_threads(db, group.id) if key in t.subject)
    view.open_thread(thread.id)
    return view


def test_split_quoted_is_linear_on_blank_lines() -> None:
    started = time.perf_counter()
    segments = split_quoted("Hi\n" + "\n" * 200_000 + "> quoted\n" + "\n" * 200_000 + "Bye")
    assert time.perf_counter() - started < 1.0  # 454 s, when each line looked ahead
    assert [segment.quoted for segment in segments] == [False, True, False]


@pytest.mark.parametrize("kind", ["blank lines", "one line", "html"])
def test_a_huge_message_is_shown_in_part_at_once_and_can_be_saved_whole(
    make_window: WindowFactory,
    db: Database,
    group: Group,
    kind: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if kind == "blank lines":
        body, content_type = b"Hi\r\n" + b"\r\n" * 200_000 + b"The end.\r\n", b"text/plain"
    elif kind == "one line":
        body, content_type = b"word " * 400_000 + b"The end.\r\n", b"text/plain"
    else:
        body, content_type = b"<p>" + b"<br>" * 200_000 + b"The end.</p>", b"text/html"
    message_id = store(db, group, "huge", body, content_type)
    view = open_message(make_window, db, group, "huge")
    reader = view.reader

    started = time.perf_counter()
    reader.show_thread(reader.thread, reader.messages())  # as a click on the thread does
    assert time.perf_counter() - started < 1.0, "the window would freeze"

    text = reader.toPlainText()
    assert LONG_NOTE in text and "The end." not in text
    assert len(text) < SHOWN_CHARACTERS + 2_000
    target = tmp_path / "saved.eml"
    suggested: list[str] = []

    def ask(parent: object, caption: str, directory: str) -> tuple[str, str]:
        suggested.append(directory)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    reader.anchorClicked.emit(QUrl(f"{SOURCE_SCHEME}:{message_id}"))
    assert Path(suggested[0]).name == "[Wellbeing] huge.eml"
    assert target.read_bytes().endswith(body)


def test_a_message_read_in_part_says_so(
    make_window: WindowFactory, db: Database, group: Group
) -> None:
    store(db, group, "odd", b"Caf\xe9 on Friday\r\n", b"text/plain; charset=undefined")
    store(db, group, "fine", b"All well.\r\n", b"text/plain; charset=utf-8")
    view = open_message(make_window, db, group, "odd")
    text = view.reader.toPlainText()
    assert PART_NOTE in text and "Café on Friday" in text
    assert f"{SOURCE_SCHEME}:" in view.reader.toHtml()
    view = open_message(make_window, db, group, "fine")
    assert PART_NOTE not in view.reader.toPlainText()


def test_a_message_at_the_limits_is_shown_whole() -> None:
    lines = "line\n" * (SHOWN_LINES - 1) + "last"
    assert shown_part(lines) == (lines, False)
    cut, was_cut = shown_part(lines + "\nmore")
    assert was_cut and cut == lines
    assert shown_part("x" * SHOWN_CHARACTERS) == ("x" * SHOWN_CHARACTERS, False)
    assert shown_part("x" * (SHOWN_CHARACTERS + 1))[1]
