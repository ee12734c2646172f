"""Search results by conversation (issue 15 item 10): one per thread, how many of its
messages match, the best one's snippet, and markers the mail's text cannot forge."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from pont.core.archive import search as search_module
from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.search import (
    SNIPPET_END,
    SNIPPET_START,
    search,
    search_conversations,
)
from pont.core.archive.threads import rebuild_threads
from pont.core.members.groups import Group


def store(
    db: Database, group: Group, key: str, subject: str, body: str, reply_to: str = ""
) -> None:
    threading = f"In-Reply-To: <{reply_to}>\r\nReferences: <{reply_to}>\r\n" if reply_to else ""
    raw = (
        f"Message-ID: <{key}>\r\nFrom: Ann Jones <ann@example.org>\r\nSubject: {subject}\r\n"
        f"Date: Tue, 1 Apr 2025 10:{len(key):02d}:00 +0000\r\n{threading}"
        "Content-Type: text/plain; charset=utf-8\r\n"
        f"\r\n{body}\r\n"
    ).encode()
    with db.atomic():
        store_message(db, parse_message(raw), raw, {group.id: "tag"})


@pytest.fixture
def garden(db: Database, group: Group) -> Group:
    store(db, group, "a1@x", "[W] Allotments", "Who wants an allotment plot this year?")
    store(db, group, "a2@x", "Re: [W] Allotments", "Me, a small allotment please.", "a1@x")
    store(db, group, "a3@x", "Re: [W] Allotments", "Count me in for the allotment.", "a2@x")
    store(db, group, "b1@x", "[W] Minutes", "The allotment came up briefly at the meeting.")
    store(db, group, "c1@x", "[W] Rota", "Nothing about gardens here.")
    rebuild_threads(db, [group.id])
    return group


def test_one_row_per_conversation_with_its_count_of_matching_messages(
    db: Database, garden: Group
) -> None:
    found = search_conversations(db, garden.id, "allotment")
    assert [(c.subject, c.matches) for c in found] == [
        ("Allotments", 3),  # the subject hit ranks first (bm25, subject weighted)
        ("Minutes", 1),
    ]
    best = found[0].best
    assert best.thread_id == found[0].thread_id
    assert f"{SNIPPET_START}allotment{SNIPPET_END}" in best.snippet.lower() or (
        f"{SNIPPET_START}Allotments{SNIPPET_END}" in best.snippet
    )
    # the same messages, ungrouped, as search() finds them
    assert len(search(db, garden.id, "allotment")) == 4


def test_counts_include_matches_older_than_the_ranked_window(
    db: Database, garden: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RANKED_WINDOW", 1)
    (newest,) = search_conversations(db, garden.id, "allotment")
    assert (newest.subject, newest.matches) == ("Minutes", 1)
    monkeypatch.setattr(search_module, "RANKED_WINDOW", 2)
    counts = {c.subject: c.matches for c in search_conversations(db, garden.id, "allotment")}
    assert counts == {"Allotments": 3, "Minutes": 1}


def test_the_mails_own_marker_characters_are_not_taken_for_matches(
    db: Database, group: Group
) -> None:
    forged = f"{SNIPPET_START}forged{SNIPPET_END} <b>bold</b> &amp; the harvest"
    store(db, group, "f1@x", "[W] Harvest", forged)
    rebuild_threads(db, [group.id])
    (found,) = search_conversations(db, group.id, "harvest")
    (hit,) = search(db, group.id, "harvest")
    for snippet in (found.best.snippet, hit.snippet):
        assert snippet.count(SNIPPET_START) == snippet.count(SNIPPET_END) == 1
        assert f"{SNIPPET_START}harvest{SNIPPET_END}" in snippet
        assert "forged <b>bold</b> &amp;" in snippet


def test_nothing_to_find_finds_nothing(db: Database, garden: Group) -> None:
    assert search_conversations(db, garden.id, "") == []
    assert search_conversations(db, garden.id, "zebra") == []
    assert search_conversations(db, garden.id, '"') == []
