"""A batch whose answer never came is settled by its own receipt: the copy of that very
transaction that reaches the coordinator's INBOX (see the top of outbox/run.py). Against a
server that does not file sent mail, every member gets exactly one copy."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from outbox_world import Clock, World, batch_lines, build, copies, delivered, make_world
from sqlite_utils import Database

from mailservers import HOST, Mailbox, Smtp, TlsProxy, free_port
from pont.core.archive.sync import sync_account
from pont.core.archive.threads import list_threads
from pont.core.mail.accounts import Security, ServerSettings, get_account
from pont.core.mail.connections import open_imap
from pont.core.members.members import NewMember, add_member
from pont.core.posting.outbox.outbox import (
    SETTLE_SECONDS,
    BatchState,
    OutboxReport,
    SendProgress,
    post_status,
    queue_post,
)
from pont.core.posting.outbox.plan import members_per_message
from pont.core.posting.outbox.receipts import RETRY_RECEIPTS_AFTER
from pont.core.posting.outbox.run import send_queued

CAME = "Its receipt reached your Inbox: it had gone."
IN_SENT = "Found in the Sent folder: it had gone."
NONE_CAME = "No receipt reached your Inbox: it goes again."


def send(
    db: Database, world: World, mailbox: Mailbox, clock: Clock, **options: Any
) -> OutboxReport:
    return send_queued(
        db, world.account, mailbox.password, now_fn=clock.now, sleep=clock.sleep, **options
    )


def settled(steps: list[SendProgress], batch: int) -> list[str]:
    """What became of a batch, step by step, after it was sent."""
    return [s.detail for s in steps if s.batch == batch and s.state is not BatchState.SENDING]


def inbox(mailbox: Mailbox, key: str) -> int:
    return copies(mailbox.server, mailbox.email, key)


def each_member(mailbox: Mailbox, world: World, key: str) -> list[int]:
    return [copies(mailbox.server, member, key) for member in world.members]


@pytest.mark.parametrize("cut_by", ["server", "proxy"])
def test_a_batch_cut_after_the_server_took_it_is_settled_by_its_receipt(
    db: Database,
    mailbox: Mailbox,
    fault_smtp: Smtp,
    cut_proxy: TlsProxy,
    clock: Clock,
    cut_by: str,
) -> None:
    """The server takes batch 2 and answers 250, which never reaches Pont: the server cuts the
    connection itself, or a proxy between them does (defect 13's window). The server files
    nothing in Sent, so only the receipt tells: no batch goes twice."""
    if cut_by == "server":
        fault_smtp.faults.drop_after_accepting = 0
    world = make_world(db, mailbox, fault_smtp, 27, per_message=10, smtp_port=cut_proxy.port)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    steps: list[SendProgress] = []

    def cut_the_second(step: SendProgress) -> None:
        if step.batch == 1 and step.state is BatchState.SENT:
            if cut_by == "server":
                fault_smtp.faults.drop_after_accepting = 1
            else:
                cut_proxy.cut_after_data = {2}

    report = send(
        db, world, mailbox, clock, progress=lambda s: [steps.append(s), cut_the_second(s)]
    )
    assert fault_smtp.delivery.cut + cut_proxy.cut == 1 and report.recovered == 1
    assert settled(steps, 2) == [CAME]
    assert len(fault_smtp.received) == 3  # batch 2 went once
    assert each_member(mailbox, world, built.message_key) == [1] * 27
    assert post_status(db, post_id).complete
    assert inbox(mailbox, built.message_key) == 0  # every receipt tidied away
    assert copies(mailbox.server, mailbox.email, built.message_key, "Sent") == 1  # Pont's own


def test_a_batch_cut_before_the_server_took_it_goes_again_once(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    fault_smtp.faults.drop_before_accepting = 1
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    steps: list[SendProgress] = []
    start = clock.now()
    report = send(db, world, mailbox, clock, progress=steps.append)
    assert report.recovered == 1 and report.batches_sent == 2
    assert settled(steps, 1) == [NONE_CAME, ""]
    # It waited for the receipt as long as a server may take to deliver one, not longer.
    assert (clock.now() - start).total_seconds() == pytest.approx(SETTLE_SECONDS, abs=1.0)
    assert each_member(mailbox, world, built.message_key) == [1] * 18
    assert post_status(db, post_id).complete
    assert inbox(mailbox, built.message_key) == 0


@pytest.mark.parametrize("evidence", ["receipts", "sent folder only"])
def test_another_batchs_copy_never_settles_this_one(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock, evidence: str
) -> None:
    """Batch 1 went, and its copies are in the coordinator's INBOX (its receipt) and in Sent
    (filed by the server, as Gmail does). Batch 2 is cut after its data, before the server
    took it. Batch 2's fate is decided by batch 2's own copy, never batch 1's: it goes again,
    exactly once. (A Sent copy of any batch taken as proof for another once passed every
    test; here its members would get nothing.) With a per-message limit too small for a
    receipt, the Sent folder is the only evidence, and the same holds."""
    fault_smtp.faults.save_to_sent = True
    per_message = 10 if evidence == "receipts" else 3
    members = 3 * members_per_message(per_message)  # three batches
    world = make_world(db, mailbox, fault_smtp, members, per_message=per_message)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    steps: list[SendProgress] = []

    def after_the_first(step: SendProgress) -> None:
        steps.append(step)
        if step.batch == 1 and step.state is BatchState.SENT:
            assert copies(mailbox.server, mailbox.email, built.message_key, "Sent") == 1
            assert inbox(mailbox, built.message_key) == (1 if evidence == "receipts" else 0)
            fault_smtp.faults.save_to_sent = False
            fault_smtp.faults.drop_before_accepting = 1

    send(db, world, mailbox, clock, progress=after_the_first)
    assert settled(steps, 2) == [NONE_CAME, ""]
    assert len(fault_smtp.received) == 3  # batch 2 was taken once: on its second try
    assert each_member(mailbox, world, built.message_key) == [1] * len(world.members)
    status = post_status(db, post_id)
    assert status.complete and [b.attempts for b in status.batches] == [1, 2, 1]


def test_a_receipt_forged_by_a_member_settles_nothing(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """A member of batch 1 knows the post's Message-ID and batch 1's token. Copies they send
    the coordinator claiming to be batch 2 (with batch 1's token, with none, with any) do not
    settle batch 2, and tidying leaves them alone: they are not Pont's."""
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    built = build(db, world)
    queue_post(db, built, world.account, clock.now())
    steps: list[SendProgress] = []

    def forge(step: SendProgress) -> None:
        steps.append(step)
        if step.batch == 1 and step.state is BatchState.SENT:
            member = world.members[0]
            (got,) = delivered(mailbox.server, member, built.message_key)
            (line,) = batch_lines(got)
            token = line.split()[1]
            for claim in (f"2 {token}", "2", f"2 {'0' * 32}", f"1 {token}x"):
                forged = (
                    f"From: {member}\r\nTo: {mailbox.email}\r\n"
                    f"Message-ID: <{built.message_key}>\r\nX-Pont-Batch: {claim}\r\n"
                    "Subject: [Wellbeing] Peer support pilot\r\n\r\nIt went, honest.\r\n"
                ).encode()
                mailbox.server.deliver(mailbox.email, forged, sender=member)
            fault_smtp.faults.drop_before_accepting = 1

    send(db, world, mailbox, clock, progress=forge)
    assert settled(steps, 2) == [NONE_CAME, ""]
    assert each_member(mailbox, world, built.message_key) == [1] * 18
    assert inbox(mailbox, built.message_key) == 4  # the forgeries, and no receipt


def test_a_server_that_answers_at_once_and_delivers_later(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, cut_proxy: TlsProxy
) -> None:
    """As real servers do: the 250 comes at once, the copies half a second later. The proxy
    cuts batch 2's 250; Pont waits for its receipt (real time here), finds it, sends nothing
    twice, and at the end waits for the other receipts too, so it can tidy them."""
    fault_smtp.faults.deliver_after = 0.5
    cut_proxy.cut_after_data = {2}
    world = make_world(db, mailbox, fault_smtp, 27, per_message=10, smtp_port=cut_proxy.port)
    built = build(db, world)
    post_id = queue_post(db, built, world.account)
    steps: list[SendProgress] = []
    began = time.monotonic()
    report = send_queued(db, world.account, mailbox.password, steps.append, settle=10.0)
    assert time.monotonic() - began < 8  # the receipt came: no waiting out the settle time
    assert cut_proxy.cut == 1 and report.recovered == 1
    assert settled(steps, 2) == [CAME]
    assert len(fault_smtp.received) == 3
    time.sleep(1.0)  # any copy still on its way has arrived
    assert each_member(mailbox, world, built.message_key) == [1] * 27
    assert post_status(db, post_id).complete
    assert inbox(mailbox, built.message_key) == 0


def test_the_coordinator_as_a_member_keeps_their_own_copy(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """In their batch the coordinator's own copy is the receipt (no second recipient); it
    settles a cut there, and tidying leaves it in their INBOX, deleting the other receipts."""
    world = make_world(db, mailbox, fault_smtp, 17, per_message=10)
    add_member(db, world.group.id, NewMember(email=mailbox.email, name="Aaron Coordinator"))
    built = build(db, world)  # "Aaron" sorts first: the coordinator is in batch 1
    post_id = queue_post(db, built, world.account, clock.now())
    fault_smtp.faults.drop_after_accepting = 1
    steps: list[SendProgress] = []
    send(db, world, mailbox, clock, progress=steps.append)
    first, second = fault_smtp.received
    assert first.rcpt_tos.count(mailbox.email) == 1 and len(first.rcpt_tos) == 9
    assert second.rcpt_tos[-1] == mailbox.email and len(second.rcpt_tos) == 10
    assert settled(steps, 1) == [CAME]
    assert each_member(mailbox, world, built.message_key) == [1] * 17
    assert inbox(mailbox, built.message_key) == 1  # theirs, as a member
    assert post_status(db, post_id).complete


def test_a_provider_that_drops_copies_to_oneself(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """No receipt ever arrives. After one run that waited for them in vain, the account sends
    none for a week, so nothing waits or piles up; a provider's Sent copy still settles a cut
    batch. A week on, receipts are tried again."""
    fault_smtp.faults.drop_to_sender = True
    world = make_world(db, mailbox, fault_smtp, 9, per_message=10)
    start = clock.now()
    first = queue_post(db, build(db, world, "First"), world.account, clock.now())
    send(db, world, mailbox, clock)
    assert post_status(db, first).complete
    assert clock.now() - start >= timedelta(seconds=SETTLE_SECONDS)
    assert fault_smtp.received[-1].rcpt_tos[-1] == mailbox.email

    fault_smtp.faults.save_to_sent = True
    fault_smtp.faults.drop_after_accepting = 1
    built = build(db, world, "Second")
    second = queue_post(db, built, world.account, clock.now())
    steps: list[SendProgress] = []
    before = clock.now()
    send(db, world, mailbox, clock, progress=steps.append)
    assert mailbox.email not in fault_smtp.received[-1].rcpt_tos  # no receipt asked for
    assert settled(steps, 1) == [IN_SENT]
    assert clock.now() == before  # found at once, and nothing else to wait for
    assert post_status(db, second).complete
    assert each_member(mailbox, world, built.message_key) == [1] * 9

    clock.moment += RETRY_RECEIPTS_AFTER
    clock.advance(minutes=1)
    queue_post(db, build(db, world, "Third"), world.account, clock.now())
    send(db, world, mailbox, clock)
    assert fault_smtp.received[-1].rcpt_tos[-1] == mailbox.email  # tried again


def test_tidying_touches_nothing_but_receipts(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """The coordinator's own mail stays as it was, even mail they marked deleted (a plain
    EXPUNGE would have removed it), and mail that only looks like a receipt."""
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    built = build(db, world)
    queue_post(db, built, world.account, clock.now())
    server = mailbox.server
    theirs = (
        "From: ann@example.org\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{key}>\r\n"
        "{extra}\r\nHello.\r\n"
    )
    server.deliver(
        mailbox.email,
        theirs.format(
            to=mailbox.email, subject="Lunch", key="lunch@example.org", extra=""
        ).encode(),
    )
    server.deliver(mailbox.email, theirs.format(
        to=mailbox.email, subject="Looks like one", key="other@example.org",
        extra="X-Pont-Batch: 1 " + "a" * 32 + "\r\n",
    ).encode())  # fmt: skip
    with server.imap(mailbox.email) as client:
        client.select_folder("INBOX")
        (lunch,) = client.search(["SUBJECT", "Lunch"])
        client.add_flags([lunch], [b"\\Deleted"])
    send(db, world, mailbox, clock)
    assert inbox(mailbox, built.message_key) == 0
    with server.imap(mailbox.email) as client:
        client.select_folder("INBOX", readonly=True)
        flags = client.get_flags(client.search(["ALL"]))
        subjects = {
            data[b"ENVELOPE"].subject: flags[uid]
            for uid, data in client.fetch(list(flags), ["ENVELOPE"]).items()
        }
    assert sorted(subjects) == [b"Looks like one", b"Lunch"]
    assert b"\\Deleted" in subjects[b"Lunch"]


def test_sync_files_the_post_once_with_its_receipts_in_the_inbox(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """A sync while receipts wait in the INBOX (here: between batches) stores the post once,
    by its Message-ID; the Sent copy and the other receipts add nothing."""
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    built = build(db, world)
    queue_post(db, built, world.account, clock.now())
    account = get_account(db, world.account.id)

    def sync() -> int:
        return sync_account(
            db, account.id, lambda: open_imap(account, mailbox.password)
        ).group_messages

    stored: list[int] = []

    def sync_between(step: SendProgress) -> None:
        if step.batch == 1 and step.state is BatchState.SENT:
            assert inbox(mailbox, built.message_key) == 1
            stored.append(sync())

    send(db, world, mailbox, clock, progress=sync_between)
    assert stored == [1]
    assert sync() == 0
    (thread,) = list_threads(db, world.group.id)
    assert thread.message_keys == (built.message_key,)
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1


def test_a_mailbox_that_cannot_be_read_leaves_the_batch_unsettled(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    """Pont cannot look for the receipt: it sends nothing blind. That batch stays unsettled
    (the others go on), the run says why, and the next run settles it by its receipt."""
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    fault_smtp.faults.drop_after_accepting = 1
    nowhere = replace(world.account, imap=ServerSettings(HOST, free_port(), Security.SSL))
    report = send_queued(db, nowhere, mailbox.password, now_fn=clock.now, sleep=clock.sleep)
    assert report.problems and "refused the connection" in report.problems[0]
    assert (report.recovered, report.waiting) == (0, 1)
    status = post_status(db, post_id)
    assert [b.state for b in status.batches] == [BatchState.SENDING, BatchState.SENT]
    assert len(fault_smtp.received) == 2

    steps: list[SendProgress] = []
    report = send(db, world, mailbox, clock, progress=steps.append)
    assert report.recovered == 1 and settled(steps, 1) == [CAME]
    assert len(fault_smtp.received) == 2
    assert each_member(mailbox, world, built.message_key) == [1] * 18
    assert post_status(db, post_id).complete
    assert inbox(mailbox, built.message_key) == 0


@pytest.mark.parametrize(
    ("stopped", "looked_for"), [(timedelta(seconds=5), SETTLE_SECONDS), (timedelta(hours=2), 0)]
)
def test_a_batch_left_unsettled_is_looked_for_only_while_its_receipt_could_come(
    db: Database,
    mailbox: Mailbox,
    fault_smtp: Smtp,
    clock: Clock,
    stopped: timedelta,
    looked_for: float,
) -> None:
    """A run stopped with a batch's data begun and never reached the server. Started again
    at once, Pont waits the settle time for a receipt; hours later, one look is enough: any
    receipt would be there by then."""
    world = make_world(db, mailbox, fault_smtp, 9, per_message=10)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    db.execute(
        "UPDATE batches SET state = 'sending', attempts = 1, data_started = ? WHERE post_id = ?",
        [(clock.now() - stopped).isoformat(timespec="seconds"), post_id],
    )
    steps: list[SendProgress] = []
    start = clock.now()
    report = send(db, world, mailbox, clock, progress=steps.append)
    assert report.recovered == 1 and settled(steps, 1) == [NONE_CAME, ""]
    assert (clock.now() - start).total_seconds() == pytest.approx(looked_for, abs=1.0)
    assert each_member(mailbox, world, built.message_key) == [1] * 9


def test_a_run_in_a_hurry_leaves_late_receipts_to_the_next(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    """The window is closing: the run does not wait for receipts still on their way. The next
    run, with nothing to send, tidies them."""
    fault_smtp.faults.deliver_after = 1.0
    world = make_world(db, mailbox, fault_smtp, 18, per_message=10)
    built = build(db, world)
    post_id = queue_post(db, built, world.account)
    hurry = threading.Event()
    hurry.set()
    began = time.monotonic()
    send_queued(db, world.account, mailbox.password, settle=10.0, hurry=hurry)
    assert time.monotonic() - began < 1.0 and post_status(db, post_id).complete
    time.sleep(1.5)
    assert inbox(mailbox, built.message_key) == 2
    assert send_queued(db, world.account, mailbox.password, settle=10.0).batches_sent == 0
    assert inbox(mailbox, built.message_key) == 0
    assert each_member(mailbox, world, built.message_key) == [1] * 18
