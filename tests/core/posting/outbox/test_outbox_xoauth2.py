"""The outbox signing in with access tokens (XOAUTH2) to the test servers, which check them as
Exchange Online does: a post goes out, and a refused token pauses the outbox as a refused
password does."""

from __future__ import annotations

from outbox_world import Clock, build, delivered, make_world
from sqlite_utils import Database

from mailservers import Mailbox, Smtp
from minted_tokens import MintedTokens
from pont.core.mail.tokens import Permission
from pont.core.posting.outbox.outbox import BatchState, PostState, post_status, queue_post
from pont.core.posting.outbox.run import send_queued


def test_an_outbox_run_sends_over_xoauth2(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 4, per_message=2)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    tokens = MintedTokens(mailbox.email, mailbox.server.signing_key)

    report = send_queued(db, world.account, tokens, now_fn=clock.now, sleep=clock.sleep)

    assert (report.batches_sent, report.recipients_accepted, report.paused) == (2, 4, "")
    assert post_status(db, post_id).complete
    for member in world.members:
        assert len(delivered(mailbox.server, member, built.message_key)) == 1
    # The run's two connections, SMTP to send and IMAP for the receipts and the Sent copy,
    # each signed in with a token asked for as it opened.
    assert tokens.asked == [Permission.SMTP, Permission.IMAP]


def test_a_refused_token_pauses_the_outbox_until_the_next_run(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 4, per_message=2)
    post_id = queue_post(db, build(db, world), world.account, clock.now())
    expired = MintedTokens(mailbox.email, mailbox.server.signing_key, issued_ago=7200.0)

    report = send_queued(db, world.account, expired, now_fn=clock.now, sleep=clock.sleep)

    assert report.paused.startswith(f"127.0.0.1 did not accept Pont's sign-in for {mailbox.email}")
    status = post_status(db, post_id)
    assert status.state is PostState.PAUSED and status.problem == report.paused
    assert all(b.state is BatchState.WAITING and b.attempts == 0 for b in status.batches)
    assert fault_smtp.received == []

    fresh = MintedTokens(mailbox.email, mailbox.server.signing_key)
    assert (
        send_queued(db, world.account, fresh, now_fn=clock.now, sleep=clock.sleep).batches_sent == 2
    )
    assert post_status(db, post_id).state is PostState.SENT
