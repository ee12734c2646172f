"""The outbox against the real test servers: batches, Sent copies, and every SMTP answer."""

from __future__ import annotations

import re
import smtplib
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from outbox_world import (
    Clock,
    World,
    batch_lines,
    build,
    copies,
    delivered,
    maildir_messages,
    make_world,
)
from sqlite_utils import Database

from mailservers import HOST, Mailbox, Smtp
from pont.core.errors import CopyAllTooLarge, OutboxBusy
from pont.core.i18n import Sentence
from pont.core.members.groups import GroupMode
from pont.core.posting.outbox.outbox import (
    SETTLE_SECONDS,
    BatchState,
    OutboxReport,
    PostState,
    RecipientResult,
    SendProgress,
    cancel_post,
    outbox_status,
    post_status,
    queue_post,
    retry_failed,
)
from pont.core.posting.outbox.plan import plan_post
from pont.core.posting.outbox.run import send_queued
from pont.core.posting.outbox.sending import outbox_lock
from pont.core.profile.store import open_database


def send(
    db: Database, world: World, mailbox: Mailbox, clock: Clock, **options: Any
) -> OutboxReport:
    return send_queued(
        db, world.account, mailbox.password, now_fn=clock.now, sleep=clock.sleep, **options
    )


def test_a_250_member_post_goes_in_3_batches_one_copy_each(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 250)
    built = build(db, world)
    plan = plan_post(db, world.account, 250)
    # 100 recipients a message: 99 members and the coordinator, whose copy is the receipt.
    assert (plan.batches, plan.per_message, plan.days, plan.allowance_left_today) == (
        3, 99, 1, None
    )  # fmt: skip
    post_id = queue_post(db, built, world.account, clock.now())
    stored = post_status(db, post_id)
    assert stored.state is PostState.QUEUED
    assert [len(b.recipients) for b in stored.batches] == [99, 99, 52]

    steps: list[SendProgress] = []
    report = send(db, world, mailbox, clock, progress=steps.append)

    assert (report.batches_sent, report.recipients_accepted, report.waiting) == (3, 250, 0)
    assert [(s.batch, s.state) for s in steps] == [
        (1, BatchState.SENDING), (1, BatchState.SENT),
        (2, BatchState.SENDING), (2, BatchState.SENT),
        (3, BatchState.SENDING), (3, BatchState.SENT),
    ]  # fmt: skip
    assert steps[-1].recipients_done == steps[-1].recipients == 250
    assert len(fault_smtp.received) == 3  # one transaction per batch...
    assert [len(e.rcpt_tos) for e in fault_smtp.received] == [100, 100, 53]
    assert all(e.rcpt_tos[-1] == mailbox.email for e in fault_smtp.received)
    status = post_status(db, post_id)
    assert status.state is PostState.SENT and status.complete and status.sent_copy_saved
    assert len(status.with_result(RecipientResult.ACCEPTED)) == 250
    for member in world.members:
        (raw,) = delivered(mailbox.server, member, built.message_key)
        head = raw.split(b"\r\n\r\n", 1)[0].decode()
        for header in ("List-Id:", "List-Post:", "List-Help:", "List-Unsubscribe:"):
            assert header in head
        assert "Precedence: list" in head
        assert member not in head  # members are only in the envelope (Bcc)
        (line,) = batch_lines(raw)
        assert re.fullmatch(r"[123] [0-9a-f]{32}", line)
        assert "\nBcc:" not in head  # nor does the receipt's recipient show
    assert copies(mailbox.server, mailbox.email, built.message_key, "Sent") == 1
    assert copies(mailbox.server, mailbox.email, built.message_key) == 0  # receipts tidied
    (sent_copy,) = maildir_messages(mailbox.server, mailbox.email, "Sent")
    assert b"X-Pont-Batch" not in sent_copy  # Pont's own copy is the post as stored

    again = send(db, world, mailbox, clock)
    assert again.batches_sent == 0 and len(fault_smtp.received) == 3
    assert copies(mailbox.server, mailbox.email, built.message_key, "Sent") == 1


def test_copy_all_sends_one_message_to_everyone(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 30, mode=GroupMode.COPY_ALL, per_message=50)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    send(db, world, mailbox, clock)
    assert post_status(db, post_id).state is PostState.SENT
    (envelope,) = fault_smtp.received
    assert sorted(envelope.rcpt_tos[:-1]) == sorted(world.members)
    assert envelope.rcpt_tos[-1] == mailbox.email  # the receipt, last
    raw = delivered(mailbox.server, world.members[7], built.message_key)[0]
    assert world.members[12].encode() in raw.split(b"\r\n\r\n", 1)[0]  # everyone in To


def test_copy_all_larger_than_the_limit_is_explained_before_anything_is_stored(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 10, mode=GroupMode.COPY_ALL, per_message=10)
    plan = plan_post(db, world.account, 10, copy_all=True)
    assert "group address" in plan.problem and "10 members" in plan.problem
    with pytest.raises(CopyAllTooLarge) as raised:
        queue_post(db, build(db, world), world.account, clock.now())
    assert "at most 9 people" in str(raised.value)  # and the coordinator's receipt
    assert outbox_status(db) == []
    assert fault_smtp.received == []


def test_421_after_n_messages_waits_and_resumes_later_without_duplicates(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    fault_smtp.faults.busy_after = 2
    world = make_world(db, mailbox, fault_smtp, 36, per_message=10)  # 4 batches of 9
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    refused_at = clock.now()

    report = send(db, world, mailbox, clock)
    assert (report.batches_sent, report.waiting) == (2, 2)
    # A minute after the 421 (the run may then have waited a second for the last receipt,
    # which the server delivers a moment after its 250).
    assert report.next_attempt == refused_at + timedelta(minutes=1)
    status = post_status(db, post_id)
    third = status.batches[2]
    assert (third.state, third.attempts) == (BatchState.WAITING, 1)
    assert "421" in third.problem and "try later" in third.problem
    # Kept whole, so the window can still say it in Welsh after reading it back.
    assert isinstance(third.problem, Sentence) and third.problem.context == "Outbox"

    clock.advance(seconds=30)
    assert send(db, world, mailbox, clock).batches_sent == 0  # not yet
    clock.advance(seconds=31)
    assert send(db, world, mailbox, clock).batches_sent == 2
    assert post_status(db, post_id).complete
    assert all(copies(mailbox.server, m, built.message_key) == 1 for m in world.members)


def test_a_retry_due_soon_is_waited_for_within_patience(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    fault_smtp.faults.busy_after = 1
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    post_id = queue_post(db, build(db, world), world.account, clock.now())
    report = send(db, world, mailbox, clock, patience=120)
    assert report.batches_sent == 2 and clock.slept[0] == 60.0
    # Then, at most, a second for the last batch's receipt, which the server delivers a
    # moment after its 250.
    assert clock.slept[1:] in ([], [1.0])
    assert post_status(db, post_id).complete


def test_refused_recipients_are_marked_with_the_reason_and_the_others_get_it(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    gone, also_gone = world.members[3], world.members[14]
    fault_smtp.faults.refuse = {
        gone: "550 5.1.1 No such user here",
        also_gone: "553 5.1.3 Mailbox name not allowed",
    }
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    report = send(db, world, mailbox, clock)
    assert {(r.email, r.reason) for r in report.refused} == {
        (gone, "550 5.1.1 No such user here"),
        (also_gone, "553 5.1.3 Mailbox name not allowed"),
    }
    status = post_status(db, post_id)
    assert all(b.state is BatchState.SENT for b in status.batches)
    assert not status.complete and "2 addresses refused" in status.problem
    assert isinstance(status.problem, Sentence) and status.problem.values == {"count": 2}
    assert {r.email for r in status.with_result(RecipientResult.REFUSED)} == {gone, also_gone}
    for member in world.members:
        assert copies(mailbox.server, member, built.message_key) == (
            0 if member in (gone, also_gone) else 1
        )

    # Fixed on the server's side (the mailbox exists again): Retry sends to those two only.
    fault_smtp.faults.refuse = {}
    assert retry_failed(db, post_id) == 2
    send(db, world, mailbox, clock)
    status = post_status(db, post_id)
    assert status.complete and status.state is PostState.SENT
    assert len(status.batches) == 3 and len(status.batches[2].recipients) == 2
    assert all(copies(mailbox.server, m, built.message_key) == 1 for m in world.members)


def test_a_batch_whose_every_recipient_is_refused_fails_with_the_reason(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 4, per_message=2)
    fault_smtp.faults.refuse = {m: "550 5.7.1 Relaying denied" for m in world.members[:2]}
    post_id = queue_post(db, build(db, world), world.account, clock.now())
    report = send(db, world, mailbox, clock)
    assert (report.batches_sent, report.batches_failed) == (1, 1)
    status = post_status(db, post_id)
    assert status.state is PostState.FAILED
    assert status.batches[0].state is BatchState.FAILED
    assert "550 5.7.1 Relaying denied" in status.batches[0].problem
    assert status.sent_copy_saved  # batch 2 went: the coordinator's Sent shows the post


def test_a_client_gone_while_the_server_takes_the_message_finds_it_filed(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    """A server that has the whole message delivers it and files it in Sent even when the
    client is gone before the reply (killed, as in test_post_send_kill.py): the Sent folder
    then holds the evidence Pont settles the batch by. The test server once stopped between
    the two, leaving a delivered message with no Sent copy, and Pont rightly sent it again."""
    fault_smtp.faults.save_to_sent = True
    deliver = fault_smtp.delivery._deliver
    taking = threading.Event()

    def slow_deliver(sender: str, recipients: list[str], content: bytes) -> None:
        taking.set()
        time.sleep(0.5)  # the client leaves meanwhile
        deliver(sender, recipients, content)

    fault_smtp.delivery._deliver = slow_deliver  # type: ignore[method-assign]
    member = mailbox.server.new_user("member")
    message = (
        f"From: {mailbox.email}\r\nTo: {member}\r\nSubject: Pilot\r\n"
        "Message-ID: <gone-client@example.org>\r\n\r\nIt starts on Monday.\r\n"
    ).encode()
    client = smtplib.SMTP_SSL(
        HOST, fault_smtp.smtps_port, context=mailbox.server.certificates.client_context()
    )
    client.login(mailbox.email, mailbox.password)
    client.mail(mailbox.email)
    client.rcpt(member)
    client.putcmd("data")
    assert client.getreply()[0] == 354
    client.send(message + b".\r\n")
    assert taking.wait(5)
    client.close()  # gone before the 250
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not maildir_messages(
        mailbox.server, mailbox.email, "Sent"
    ):
        time.sleep(0.05)
    assert copies(mailbox.server, member, "gone-client@example.org") == 1
    assert copies(mailbox.server, mailbox.email, "gone-client@example.org", "Sent") == 1


def test_slow_replies_are_waited_for(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    fault_smtp.faults.delay = 0.3
    world = make_world(db, mailbox, fault_smtp, 4, per_message=2)
    post_id = queue_post(db, build(db, world), world.account, clock.now())
    assert send(db, world, mailbox, clock).batches_sent == 2
    assert post_status(db, post_id).complete


def test_a_refused_password_pauses_the_outbox_with_a_sentence(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 4, per_message=2)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    report = send_queued(db, world.account, "wrong", now_fn=clock.now, sleep=clock.sleep)
    assert report.paused.startswith("127.0.0.1 did not accept the password for")
    status = post_status(db, post_id)
    assert status.state is PostState.PAUSED and status.problem == report.paused
    assert all(b.state is BatchState.WAITING and b.attempts == 0 for b in status.batches)
    assert fault_smtp.received == []

    assert send(db, world, mailbox, clock).batches_sent == 2
    assert post_status(db, post_id).state is PostState.SENT


def test_a_message_too_large_for_the_server_is_explained(
    db: Database, mailbox: Mailbox, mail_server: object, clock: Clock
) -> None:
    from mailservers import MailServer, SmtpFaults

    assert isinstance(mail_server, MailServer)
    small = mail_server.start_smtp(SmtpFaults(max_size=500))
    try:
        world = make_world(db, mailbox, small, 4, per_message=2)
        post_id = queue_post(db, build(db, world), world.account, clock.now())
        report = send(db, world, mailbox, clock)
    finally:
        small.stop()
    status = post_status(db, post_id)
    assert status.state is PostState.FAILED
    assert all(b.state is BatchState.FAILED for b in status.batches)
    (problem,) = report.problems
    assert problem.startswith("This post is ") and "takes messages of at most 25 MB" in problem
    assert "Make the attachments smaller" in problem


def test_a_size_the_server_announces_is_checked_before_sending(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock, tmp_path: Path
) -> None:
    from pont.core.posting.posts import PostContent, build_post

    world = make_world(db, mailbox, fault_smtp, 2, per_message=2)
    for controller in fault_smtp._controllers:  # the next connection announces SIZE 2000
        controller.SMTP_kwargs = {**controller.SMTP_kwargs, "data_size_limit": 2000}  # type: ignore[attr-defined]
    big = tmp_path / "report.pdf"
    big.write_bytes(b"%PDF" + bytes(range(256)) * 20)
    built = build_post(
        db, world.group.id, world.account, PostContent("Report", "Attached.", attachments=(big,))
    )
    post_id = queue_post(db, built, world.account, clock.now())
    report = send(db, world, mailbox, clock)
    assert fault_smtp.received == []
    assert "takes messages of at most 2 KB" in report.problems[0]
    assert post_status(db, post_id).state is PostState.FAILED


def test_cancel_stops_after_the_current_batch(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 6, per_message=2)
    post_id = queue_post(db, build(db, world), world.account, clock.now())
    cancel = threading.Event()

    def cancel_once_one_is_sent(step: SendProgress) -> None:
        if step.state is BatchState.SENT:
            cancel.set()

    report = send(db, world, mailbox, clock, progress=cancel_once_one_is_sent, cancel=cancel)
    assert report.cancelled and report.batches_sent == 1
    status = post_status(db, post_id)
    assert status.state is PostState.CANCELLED
    assert [b.state for b in status.batches] == [
        BatchState.SENT, BatchState.CANCELLED, BatchState.CANCELLED
    ]  # fmt: skip
    assert status.sent_copy_saved
    assert send(db, world, mailbox, clock).batches_sent == 0


def test_cancel_a_queued_post(db: Database, mailbox: Mailbox, fault_smtp: Smtp) -> None:
    world = make_world(db, mailbox, fault_smtp, 3, per_message=2)
    post_id = queue_post(db, build(db, world), world.account)
    cancel_post(db, post_id)
    assert post_status(db, post_id).state is PostState.CANCELLED
    send_queued(db, world.account, mailbox.password)
    assert fault_smtp.received == []


def test_a_post_larger_than_the_days_allowance_is_spread_over_days(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """iCloud: 1,000 recipients a day. 1,188 members in batches of 99 (and the receipt, which
    counts): 10 today, 2 tomorrow."""
    fault_smtp.faults.deliver = False  # this test counts transactions, not mailboxes
    world = make_world(db, mailbox, fault_smtp, 1188, per_message=100, provider="icloud.com")
    plan = plan_post(db, world.account, 1188, clock.now())
    assert (plan.batches, plan.days, plan.allowance_left_today) == (12, 2, 1000)
    assert plan.batch_times[9] == clock.now()
    assert plan.batch_times[10] == clock.now() + timedelta(days=1)
    assert any("will wait for the allowance" in note for note in plan.notes)
    post_id = queue_post(db, build(db, world), world.account, clock.now())

    start = clock.now()
    report = send(db, world, mailbox, clock)
    assert (report.batches_sent, report.waiting) == (10, 2)
    assert report.next_attempt == start + timedelta(days=1)
    # Accepted and forgotten, so no receipt came: the run waited for them, then stopped.
    assert clock.now() == start + timedelta(seconds=SETTLE_SECONDS)
    assert plan_post(db, world.account, 1, clock.now()).allowance_left_today == 0
    clock.advance(hours=23)
    assert send(db, world, mailbox, clock).batches_sent == 0
    clock.advance(hours=1)
    assert send(db, world, mailbox, clock).batches_sent == 2
    assert post_status(db, post_id).complete
    assert len(fault_smtp.received) == 12


def test_sending_is_paced_for_the_provider(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """Microsoft 365: 30 messages a minute, so two seconds between batches."""
    fault_smtp.faults.deliver = False
    world = make_world(db, mailbox, fault_smtp, 4, per_message=1, provider="office365.com")
    queue_post(db, build(db, world), world.account, clock.now())
    assert send(db, world, mailbox, clock).batches_sent == 4
    assert len(clock.slept) == 3 and all(1.5 < s <= 2.0 for s in clock.slept)


def test_only_one_process_sends_an_outbox_at_a_time(tmp_path: Path) -> None:
    first = open_database(tmp_path / "pont.sqlite3")
    second = open_database(tmp_path / "pont.sqlite3")
    with outbox_lock(first), pytest.raises(OutboxBusy), outbox_lock(second):
        pass
    with outbox_lock(second):
        pass
    first.close()
    second.close()
