from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from pont.core.members.groups import Group, create_group, delete_group
from pont.core.posting.drafts import (
    Draft,
    DraftAttachment,
    DraftNotFound,
    delete_draft,
    get_draft,
    list_drafts,
    save_draft,
)
from pont.core.posting.posts import PostContent

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_a_draft_round_trips(db: Database, group: Group, tmp_path: Path) -> None:
    draft = Draft(
        None,
        group.id,
        subject="Re: Spring walks",
        body_text="Ydw, diolch 🌱",
        body_html="<p>Ydw, <b>diolch</b> 🌱</p>",
        attachments=(DraftAttachment(tmp_path / "map ŵ.pdf", "map ŵ.pdf", 1234),),
        in_reply_to="root@example.org",
        references=("first@example.org", "root@example.org"),
    )
    saved = save_draft(db, draft, NOW)
    assert saved.id is not None and saved.updated == NOW
    assert saved == replace(draft, id=saved.id, updated=NOW)
    assert get_draft(db, saved.id) == saved
    path, name, size = saved.attachments[0]
    assert (path, name, size) == (tmp_path / "map ŵ.pdf", "map ŵ.pdf", 1234)
    assert saved.content() == PostContent(
        "Re: Spring walks",
        "Ydw, diolch 🌱",
        "<p>Ydw, <b>diolch</b> 🌱</p>",
        (tmp_path / "map ŵ.pdf",),
        "root@example.org",
        ("first@example.org", "root@example.org"),
    )


def test_saving_again_updates_the_same_draft(db: Database, group: Group) -> None:
    first = save_draft(db, Draft(None, group.id, subject="Spr"), NOW)
    again = save_draft(db, replace(first, subject="Spring walks"), NOW + timedelta(seconds=3))
    assert again.id == first.id
    assert [d.subject for d in list_drafts(db)] == ["Spring walks"]
    assert get_draft(db, again.id or 0).updated == NOW + timedelta(seconds=3)


def test_drafts_are_listed_newest_first_and_by_group(db: Database, group: Group) -> None:
    other = create_group(db, "Data Club")
    old = save_draft(db, Draft(None, group.id, subject="old"), NOW)
    new = save_draft(db, Draft(None, group.id, subject="new"), NOW + timedelta(minutes=1))
    elsewhere = save_draft(db, Draft(None, other.id, subject="data"), NOW)
    assert list_drafts(db, group.id) == [new, old]
    assert list_drafts(db, other.id) == [elsewhere]
    assert len(list_drafts(db)) == 3


def test_delete_and_missing_drafts(db: Database, group: Group) -> None:
    saved = save_draft(db, Draft(None, group.id, subject="gone soon"))
    assert saved.id is not None
    delete_draft(db, saved.id)
    delete_draft(db, saved.id)  # twice is fine: sending and discarding may race
    with pytest.raises(DraftNotFound):
        get_draft(db, saved.id)
    with pytest.raises(DraftNotFound):
        save_draft(db, saved)


def test_a_deleted_group_takes_its_drafts(db: Database, group: Group) -> None:
    save_draft(db, Draft(None, group.id, subject="orphan"))
    delete_group(db, group.id)
    assert list_drafts(db) == []


def test_saving_as_you_type_is_fast(db: Database, group: Group) -> None:
    draft = save_draft(db, Draft(None, group.id, subject="Spring walks"))
    body = "A paragraph of a post being written, with some Welsh: ŵ ŷ. " * 40
    timings = []
    for length in range(200):
        start = time.perf_counter()
        draft = save_draft(db, replace(draft, body_text=body[:length], body_html=body[:length]))
        timings.append(time.perf_counter() - start)
    timings.sort()
    median = timings[len(timings) // 2]
    print(f"save_draft: median {median * 1000:.2f} ms, worst {timings[-1] * 1000:.2f} ms")
    assert median < 0.002
