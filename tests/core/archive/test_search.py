"""Search: what ranks first, and queries that can never make it fail (issue 12, 10 and 15)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from pont.core.archive import search as search_module
from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.search import match_expression, search
from pont.core.archive.threads import rebuild_threads
from pont.core.members.groups import Group


def store(db: Database, group: Group, key: str, subject: str, body: str) -> None:
    raw = (
        f"Message-ID: <{key}>\r\nFrom: Ann Jones <ann@example.org>\r\nSubject: {subject}\r\n"
        f"Date: Tue, 1 Apr 2025 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"\r\n{body}\r\n"
    ).encode()
    with db.atomic():
        store_message(db, parse_message(raw), raw, {group.id: "tag"})


@pytest.fixture
def archive(db: Database, group: Group) -> Group:
    # The subject hit is in the longer message: bm25 favours short messages, so with equal
    # column weights the body hit would come first.
    store(
        db,
        group,
        "subject-hit@x",
        "[Wellbeing] Allotment plans for the spring and summer",
        "We meet on Saturday to share out the plots, seeds and tools for the new season, and "
        "to agree who waters what while people are away in August.",
    )
    store(db, group, "body-hit@x", "[Wellbeing] Weekly update", "Allotment next week.")
    store(db, group, "neither@x", "[Wellbeing] Minutes", "Nothing about gardens here.")
    rebuild_threads(db, [group.id])
    return group


def test_a_subject_hit_ranks_above_a_body_hit(db: Database, archive: Group) -> None:
    hits = search(db, archive.id, "allotment")
    assert [hit.subject for hit in hits] == [
        "[Wellbeing] Allotment plans for the spring and summer",
        "[Wellbeing] Weekly update",
    ]


def test_with_equal_weights_the_body_hit_would_rank_first(
    db: Database, archive: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test above is only worth having if equal weights fail it.
    monkeypatch.setattr(search_module, "_COLUMN_WEIGHTS", "1.0, 1.0, 1.0, 1.0")
    assert search(db, archive.id, "allotment")[0].subject == "[Wellbeing] Weekly update"


@pytest.mark.parametrize(
    "query", ["allot\x00ment", "\x00", '"\x00"', "a\x00*", "caf\udce9", "\ud800"]
)
def test_nul_and_lone_surrogates_in_a_query_do_not_raise(
    db: Database, archive: Group, query: str
) -> None:
    search(db, archive.id, query)
    # NUL parts words as a space does: the words on either side are still found.
    assert [hit.message_id for hit in search(db, archive.id, "allotment\x00next")] == [
        hit.message_id for hit in search(db, archive.id, "allotment next")
    ]


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40))
def test_no_query_raises(db_for_fuzz: tuple[Database, Group], query: str) -> None:
    db, group = db_for_fuzz
    search(db, group.id, query)
    assert "\x00" not in match_expression(query)


@pytest.fixture(scope="module")
def db_for_fuzz(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, Group]:
    from pont.core.members.groups import create_group
    from pont.core.profile.store import open_database

    db = open_database(tmp_path_factory.mktemp("fuzz") / "pont.sqlite3")
    group = create_group(db, "Wellbeing Network", "Wellbeing")
    store(db, group, "a@x", "[Wellbeing] Café", "Social prescribing in Cardiff, O'Brien's report")
    rebuild_threads(db, [group.id])
    return db, group
