"""Each batch's copy says when that batch went (RFC 5322's Date is "the date and time at which
the creator of the message indicated that the message was complete and ready to enter the
mail delivery system"): a batch held back for hours by the provider's limits once kept the
post's Date, and spam filters scored it (SpamAssassin's DATE_IN_PAST_03_06). Receipts and
Sent copies are matched by Message-ID and X-Pont-Batch, so exactly-once holds all the same."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta
from email.message import EmailMessage

from graph_world import make_graph_world
from outbox_world import Clock, World, build, copies, delivered, maildir_messages, make_world
from sqlite_utils import Database

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox, Smtp
from oauth_keys import SigningKey
from pont.core.posting.outbox.outbox import BatchState, SendProgress, post_status, queue_post
from pont.core.posting.outbox.run import send_queued


def dates(raw: bytes) -> list[datetime]:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return [header.datetime for header in message.get_all("Date", [])]


def send(db: Database, world: World, mailbox: Mailbox, clock: Clock, **options: object) -> None:
    send_queued(
        db,
        world.account,
        mailbox.password,
        now_fn=clock.now,
        sleep=clock.sleep,
        **options,  # type: ignore[arg-type]
    )


def test_a_batch_held_back_for_hours_goes_with_the_hour_it_went(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    fault_smtp.faults.busy_after = 1  # the provider's hourly cap: batch 2 must wait
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)  # two batches of 9
    built = build(db, world)
    (written,) = dates(built.mime)
    post_id = queue_post(db, built, world.account, clock.now())
    first_run = clock.now()
    send(db, world, mailbox, clock)
    batches = post_status(db, post_id).batches
    assert [b.state for b in batches] == [BatchState.SENT, BatchState.WAITING]

    clock.advance(hours=5)
    second_run = clock.now()
    send(db, world, mailbox, clock)
    assert post_status(db, post_id).complete
    by_batch = {b.number: b.recipients for b in post_status(db, post_id).batches}
    for number, run in ((1, first_run), (2, second_run)):
        for member in by_batch[number]:
            (raw,) = delivered(mailbox.server, member.email, built.message_key)
            (went,) = dates(raw)
            assert run <= went <= run + timedelta(minutes=1), (number, went, run)
    # Pont's own copy in Sent is the post as stored, with the Date it was written.
    (sent_copy,) = maildir_messages(mailbox.server, mailbox.email, "Sent")
    assert dates(sent_copy) == [written]
    assert copies(mailbox.server, mailbox.email, built.message_key) == 0  # receipts tidied


def test_a_cut_batch_is_settled_by_its_receipt_whatever_its_date(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """Batch 2 is taken and its 250 lost: its receipt, with that batch's own Date, settles
    it, and nobody gets a second copy with a newer one."""
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    steps: list[SendProgress] = []

    def cut_the_second(step: SendProgress) -> None:
        steps.append(step)
        if step.batch == 1 and step.state is BatchState.SENT:
            clock.advance(hours=2)
            fault_smtp.faults.drop_after_accepting = 1

    send(db, world, mailbox, clock, progress=cut_the_second)
    assert [s.detail for s in steps if s.batch == 2 and s.state is BatchState.SENT] == [
        "Its receipt reached your Inbox: it had gone."
    ]
    assert len(fault_smtp.received) == 2  # batch 2 went once
    assert post_status(db, post_id).complete
    went = []
    for batch in post_status(db, post_id).batches:
        moments = set()
        for member in batch.recipients:
            (raw,) = delivered(mailbox.server, member.email, built.message_key)
            moments |= set(dates(raw))
        went.append(moments)
    first, second = went
    assert len(first) == len(second) == 1 and min(second) - max(first) >= timedelta(hours=2)


def test_through_microsoft_graph_each_batch_says_when_it_went(
    db: Database,
    mailbox: Mailbox,
    graph_server: GraphServer,
    signing_key: SigningKey,
    clock: Clock,
) -> None:
    world = make_graph_world(db, mailbox, 18)  # two batches of 9 (and the group address)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    start = clock.now()

    def hours_between(step: SendProgress) -> None:
        if step.batch == 1 and step.state is BatchState.SENT:
            clock.advance(hours=3)

    send_queued(
        db,
        world.account,
        MintedTokens(signing_key, mailbox.email),
        now_fn=clock.now,
        sleep=clock.sleep,
        graph_endpoint=graph_server.endpoint,
        settle=3.0,
        progress=hours_between,
    )
    assert post_status(db, post_id).complete
    first, second = (dates(raw) for raw in graph_server.sent)
    assert first == [start] and len(second) == 1
    assert timedelta(hours=3) <= second[0] - start <= timedelta(hours=3, minutes=1)
    for member in world.members:
        assert copies(mailbox.server, member, built.message_key) == 1
