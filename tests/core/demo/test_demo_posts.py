from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from pont.core.archive.reading import thread_messages
from pont.core.archive.threads import list_threads
from pont.core.demo.posts import demo_account, post_to_demo_archive
from pont.core.demo.profile import DEMO_GROUP, seed_demo_profile
from pont.core.members.groups import find_group
from pont.core.members.members import MemberStatus, list_members
from pont.core.posting.posts import PostContent, build_post, recipients_limit

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_a_demo_post_lands_in_the_archive_as_sent_to_the_members(db: Database) -> None:
    seed_demo_profile(db, NOW)
    group = find_group(db, DEMO_GROUP)
    threads_before = len(list_threads(db, group.id))
    account = demo_account()
    assert recipients_limit(account) == 100
    content = PostContent("Autumn meet-up", "Who can host in October?")
    built = build_post(db, group.id, account, content, NOW + timedelta(hours=1))
    post_to_demo_archive(db, built)

    threads = list_threads(db, group.id)
    assert len(threads) == threads_before + 1
    newest = threads[0]
    assert newest.subject == "Autumn meet-up"  # threads show the topic, tag dropped
    assert newest.message_keys == (built.message_key,)
    (message,) = thread_messages(db, newest.id)
    assert message.sender is not None and message.sender.name == "Siân Roberts"
    active = {m.email for m in list_members(db, group.id) if m.status is MemberStatus.ACTIVE}
    assert {r.email for r in message.recipients} == active
    assert "Who can host in October?" in message.body_text
    reason = db.execute(
        "SELECT reason FROM message_groups mg JOIN messages m ON m.id = mg.message_id"
        " WHERE m.message_key = ?",
        [built.message_key],
    ).fetchone()[0]
    assert reason == "posted"
    assert db.execute("SELECT count(*) FROM posts").fetchone()[0] == 0  # nothing queued


def test_a_demo_reply_joins_its_thread(db: Database) -> None:
    seed_demo_profile(db, NOW)
    group = find_group(db, DEMO_GROUP)
    thread = list_threads(db, group.id)[0]
    last = thread.message_keys[-1]
    content = PostContent(
        f"Re: {thread.subject}", "Thanks all.", in_reply_to=last, references=thread.message_keys
    )
    built = build_post(db, group.id, demo_account(), content, NOW + timedelta(hours=1))
    post_to_demo_archive(db, built)
    again = next(t for t in list_threads(db, group.id) if t.id == thread.id)
    assert again.message_keys[-1] == built.message_key
    assert again.message_count == thread.message_count + 1
