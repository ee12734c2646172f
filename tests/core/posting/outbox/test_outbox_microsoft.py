"""The outbox with Microsoft's sign-in (MSAL against the tests' OpenID Connect server, the
test playing the browser): when Microsoft withdraws the sign-in during a send, the post
waits, paused with a sentence, and goes once the coordinator signs in again."""

from __future__ import annotations

from outbox_world import Clock, build, delivered, make_world
from sqlite_utils import Database

from mailservers import Mailbox, Smtp
from oauth_browser import Browser, SignInWorld
from pont.core.mail.microsoft.sign_in import MicrosoftTokens, sign_in_with_browser
from pont.core.mail.tokens import Permission
from pont.core.posting.outbox.outbox import BatchState, PostState, post_status, queue_post
from pont.core.posting.outbox.run import send_queued


def _sign_in(world: SignInWorld, email: str) -> MicrosoftTokens:
    return sign_in_with_browser(
        email,
        [Permission.IMAP, Permission.SMTP],
        world.setup,
        show_address=lambda _url: None,
        open_browser=Browser().open,
        timeout=30,
    )


def test_a_sign_in_withdrawn_during_a_send_pauses_the_post_until_signed_in_again(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock, microsoft: SignInWorld
) -> None:
    world = make_world(db, mailbox, fault_smtp, 4, per_message=2)
    built = build(db, world)
    post_id = queue_post(db, built, world.account, clock.now())
    # Tokens that live a minute: each connection must refresh first (the refresh margin is
    # five minutes), and the refresh token is then withdrawn, as a password reset does.
    microsoft.server.token_lifetime = 60.0
    _sign_in(microsoft, mailbox.email)
    microsoft.server.revoke(mailbox.email)

    tokens = MicrosoftTokens(mailbox.email, microsoft.setup)
    report = send_queued(db, world.account, tokens, now_fn=clock.now, sleep=clock.sleep)

    assert report.paused.startswith("Pont needs you to sign in with Microsoft again")
    status = post_status(db, post_id)
    assert status.state is PostState.PAUSED and status.problem == report.paused
    assert all(b.state is BatchState.WAITING and b.attempts == 0 for b in status.batches)
    assert fault_smtp.received == []

    microsoft.server.token_lifetime = 3600.0
    again = _sign_in(microsoft, mailbox.email)
    report = send_queued(db, world.account, again, now_fn=clock.now, sleep=clock.sleep)

    assert (report.batches_sent, report.paused) == (2, "")
    assert post_status(db, post_id).state is PostState.SENT
    for member in world.members:
        assert len(delivered(mailbox.server, member, built.message_key)) == 1
