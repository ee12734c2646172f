"""The demo profile's archive: believable conversations, stored through the real code path."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from pont.core.archive.columns import moment_from_iso
from pont.core.archive.html_cleaning import clean_html
from pont.core.archive.reading import attachment_data, member_post_stats, thread_messages
from pont.core.archive.search import SNIPPET_START, search
from pont.core.archive.threads import list_threads
from pont.core.demo.profile import DEMO_GROUP, seed_demo_profile
from pont.core.members.addresses import address_key
from pont.core.members.groups import find_group
from pont.core.members.members import list_members
from pont.core.profile.store import open_database

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_demo_archive_has_a_dozen_threads_with_several_posters(db: Database) -> None:
    seed_demo_profile(db, NOW)
    group = find_group(db, DEMO_GROUP)
    threads = list_threads(db, group.id)
    assert len(threads) == 12
    assert all(thread.message_count >= 2 for thread in threads)
    assert max(thread.message_count for thread in threads) >= 5
    posters = {p.name for thread in threads for p in thread.participants}
    assert {"Siân Roberts", "Llŷr Jones", "Gwenllïan Evans", "Dafydd ap Gwilym"} <= posters
    assert len(posters) >= 25
    last = threads[0].last_activity
    first = threads[-1].first_activity
    assert last is not None and first is not None
    assert first < last <= NOW and (NOW - first).days > 60


def test_demo_archive_is_deterministic(db: Database) -> None:
    seed_demo_profile(db, NOW)
    other = open_database(":memory:")
    seed_demo_profile(other, NOW)
    query = "SELECT message_key, subject, sent, body_text FROM messages ORDER BY id"
    assert db.execute(query).fetchall() == other.execute(query).fetchall()


def test_demo_replies_come_in_different_styles(db: Database) -> None:
    seed_demo_profile(db, NOW)
    bodies = [row[0] for row in db.execute("SELECT body_text FROM messages")]
    assert any("________________________________\nFrom: " in body and "\nSent: " in body
               for body in bodies)  # fmt: skip
    assert any(" wrote:\n> " in body for body in bodies)
    [html] = db.execute("SELECT body_html FROM messages WHERE body_html != ''").fetchall()
    cleaned, blocked = clean_html(html[0])
    assert blocked and "https://" not in cleaned.split("<a ")[0]


def test_demo_attachment_can_be_saved(db: Database) -> None:
    seed_demo_profile(db, NOW)
    group = find_group(db, DEMO_GROUP)
    thread = next(t for t in list_threads(db, group.id) if "venues" in t.subject)
    [attachment] = thread_messages(db, thread.id)[0].attachments
    filename, content = attachment_data(db, attachment.id)
    assert filename == "venues.csv" and "Tŷ Hapus" in content.decode()


def test_demo_archive_is_searchable_and_counts_posts(db: Database) -> None:
    seed_demo_profile(db, NOW)
    group = find_group(db, DEMO_GROUP)
    hits = search(db, group.id, "swemwbs")
    assert len(hits) >= 3 and all(SNIPPET_START in hit.snippet for hit in hits)
    assert search(db, group.id, "gar")  # "Sir Gâr", typed without the accent
    stats = member_post_stats(db, group.id)
    assert stats["sian.roberts@example.org"].posts == 4


def test_seeding_twice_adds_nothing(db: Database) -> None:
    seed_demo_profile(db, NOW)
    seed_demo_profile(db, NOW)
    assert db.execute("SELECT count(*) FROM groups").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM threads").fetchone()[0] == 12


def test_no_demo_member_posted_before_joining(db: Database) -> None:
    """The members table shows each member's last post beside the day they joined: a post
    from before they joined made the demo look broken."""
    seed_demo_profile(db, NOW)
    group = find_group(db, DEMO_GROUP)
    joined = {address_key(m.email): m.joined for m in list_members(db, group.id)}
    rows = db.execute(
        "SELECT m.sender_key, min(m.sent) FROM message_groups mg"
        " JOIN messages m ON m.id = mg.message_id WHERE mg.group_id = ? GROUP BY m.sender_key",
        [group.id],
    ).fetchall()
    assert len(rows) >= 25
    firsts = {key: moment_from_iso(first) for key, first in rows}
    early = {
        key: (first, joined.get(key))
        for key, first in firsts.items()
        if key not in joined or first is None or first.date() < joined[key]
    }
    assert early == {}
