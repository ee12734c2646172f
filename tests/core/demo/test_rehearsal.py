"""The demo's rehearsal mail world: a demo post goes through the real outbox, batch by batch,
paced, to nobody, with its Sent copy in the archive and then a member's reply; no socket."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlite_utils import Database

from pont.core.archive.reading import thread_messages
from pont.core.archive.threads import list_threads
from pont.core.demo import rehearsal
from pont.core.demo.profile import (
    DEMO_GROUP,
    RECIPIENTS_PER_MESSAGE,
    is_rehearsal,
    rehearsal_account,
    seed_demo_profile,
)
from pont.core.demo.rehearsal import (
    deliver_replies,
    rehearse_queued,
    replies_due,
    set_rehearsal_speed,
)
from pont.core.mail.accounts import ReadRoute, list_accounts
from pont.core.members.groups import find_group
from pont.core.posting.outbox.outbox import BatchState, PostState, post_status, queue_post
from pont.core.posting.outbox.plan import plan_post
from pont.core.posting.posts import PostContent, build_post

# 600 times faster: a minute's pacing takes a tenth of a second.
FAST = 600.0


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Any attempt to connect anywhere (or even to look a name up) fails the test."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise AssertionError(f"the rehearsal tried to connect: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == []


def _queue(db: Database, subject: str = "Autumn meet-up") -> int:
    group = find_group(db, DEMO_GROUP)
    account = rehearsal_account(db)
    built = build_post(db, group.id, account, PostContent(subject, "Who can host in October?"))
    return queue_post(db, built, account)


def test_the_demo_profile_has_one_rehearsal_mailbox_that_reads_nothing(db: Database) -> None:
    seed_demo_profile(db)
    seed_demo_profile(db)  # opened again: still one
    (account,) = list_accounts(db)
    assert is_rehearsal(account)
    assert account.reading is ReadRoute.NONE
    assert account.smtp.host.endswith(".invalid") and account.imap.host.endswith(".invalid")


def test_a_demo_profile_from_before_the_rehearsal_gets_its_mailbox(db: Database) -> None:
    seed_demo_profile(db)
    db.execute("DELETE FROM accounts")
    assert list_accounts(db) == []
    seed_demo_profile(db)
    assert [a.email for a in list_accounts(db)] == ["sian.roberts@example.org"]


def test_the_plan_shows_batches_in_the_demo(db: Database) -> None:
    seed_demo_profile(db)
    group = find_group(db, DEMO_GROUP)
    active = len(build_post(db, group.id, rehearsal_account(db), PostContent("x", "y")).recipients)
    plan = plan_post(db, rehearsal_account(db), active)
    assert plan.batches == 4
    assert plan.per_message == RECIPIENTS_PER_MESSAGE


def test_a_demo_post_goes_batch_by_batch_then_its_sent_copy_then_a_reply(
    db: Database, no_sockets: list[Any]
) -> None:
    seed_demo_profile(db)
    set_rehearsal_speed(db, FAST)
    group = find_group(db, DEMO_GROUP)
    threads_before = len(list_threads(db, group.id))
    post_id = _queue(db)
    steps = []
    started = time.monotonic()
    report = rehearse_queued(db, rehearsal_account(db), steps.append)
    took = time.monotonic() - started

    status = post_status(db, post_id)
    assert status.state is PostState.SENT and status.sent_copy_saved
    assert [b.state for b in status.batches] == [BatchState.SENT] * 4
    assert report.batches_sent == 4 and report.problems == []
    assert [s.batch for s in steps if s.state is BatchState.SENT] == [1, 2, 3, 4]
    # Paced: a rehearsal minute between batches, three gaps, sped up 600 times.
    assert 3 * 60 / FAST <= took < 3.0

    threads = list_threads(db, group.id)
    assert len(threads) == threads_before + 1
    newest = threads[0]
    assert newest.message_keys == (status.message_key,)  # the Sent copy, filed as sync would
    assert replies_due(db) == [(post_id, status.message_key)]

    assert deliver_replies(db) == 1
    thread = next(t for t in list_threads(db, group.id) if t.id == newest.id)
    assert thread.message_count == 2
    post, reply = thread_messages(db, thread.id)
    assert post.message_key == status.message_key
    assert reply.sender is not None and reply.sender.email.endswith("@example.org")
    assert reply.sender.name != "Siân Roberts"
    assert reply.subject.startswith("Re: ")
    assert deliver_replies(db) == 0  # one reply per post


def test_a_second_run_sends_nothing_again(db: Database, no_sockets: list[Any]) -> None:
    seed_demo_profile(db)
    set_rehearsal_speed(db, FAST)
    post_id = _queue(db)
    rehearse_queued(db, rehearsal_account(db))
    delivered = db.execute(
        "SELECT value FROM settings WHERE key = ?", [rehearsal.DELIVERED_SETTING]
    ).fetchone()
    again = rehearse_queued(db, rehearsal_account(db))
    assert again.batches_sent == 0 and again.recovered == 0
    assert (
        db.execute(
            "SELECT value FROM settings WHERE key = ?", [rehearsal.DELIVERED_SETTING]
        ).fetchone()
        == delivered
    )
    assert post_status(db, post_id).state is PostState.SENT


@pytest.mark.parametrize("taken", [True, False])
def test_a_batch_left_sending_is_settled_by_what_the_rehearsal_took(
    db: Database, no_sockets: list[Any], taken: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after a kill between the data's start and recording the answer: a batch the
    rehearsal took is recorded as sent, never sent twice; one it never took goes again."""
    seed_demo_profile(db)
    set_rehearsal_speed(db, FAST)
    post_id = _queue(db)
    key = post_status(db, post_id).message_key
    db.execute(
        "UPDATE batches SET state = 'sending', attempts = 1, started = '2026-01-01T00:00:00+00:00',"
        " data_started = '2026-01-01T00:00:00+00:00' WHERE post_id = ? AND number = 1",
        [post_id],
    )
    if taken:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [rehearsal.DELIVERED_SETTING, f'["{key} 1"]'],
        )
    sent: list[int] = []
    transact = rehearsal.RehearsalRoute.transact

    def counting(self: rehearsal.RehearsalRoute, data: bytes, before: Any) -> Any:
        assert self._batch is not None
        sent.append(self._batch.number)
        return transact(self, data, before)

    monkeypatch.setattr(rehearsal.RehearsalRoute, "transact", counting)
    report = rehearse_queued(db, rehearsal_account(db))
    assert report.recovered == 1
    assert sent == ([2, 3, 4] if taken else [1, 2, 3, 4])
    assert [b.state for b in post_status(db, post_id).batches] == [BatchState.SENT] * 4


def test_cancel_stops_after_the_batch_being_sent(db: Database, no_sockets: list[Any]) -> None:
    import threading

    seed_demo_profile(db)
    set_rehearsal_speed(db, 60.0)  # a second between batches
    post_id = _queue(db)
    cancel = threading.Event()

    def progress(step: Any) -> None:
        if step.state is BatchState.SENT and step.batch == 1:
            cancel.set()

    rehearse_queued(db, rehearsal_account(db), progress, cancel)
    states = [b.state for b in post_status(db, post_id).batches]
    assert states[0] is BatchState.SENT
    assert BatchState.SENT not in states[1:]
    assert post_status(db, post_id).state is PostState.CANCELLED
