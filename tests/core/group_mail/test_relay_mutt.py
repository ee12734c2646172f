"""Members answer through the group address with a real mail program: mutt's reply-all and
list-reply go to the group address, the coordinator's sync sets the answer aside, Pont relays
it, and every other active member gets it exactly once, with nobody else added and nothing to
the author. Then a reply-all to the relayed copy does the same."""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from core.posting.outbox.outbox_world import World, build, copies, delivered, make_world
from mailservers import Mailbox, Smtp, mailbox_user
from mutt_driver import ANSWER, needs_mutt, run_mutt, setup_mutt
from pont.core.archive.sync import sync_account
from pont.core.group_mail.handling import handle_new_mail
from pont.core.mail.connections import open_imap
from pont.core.members.groups import group_address
from pont.core.posting.outbox.outbox import post_status, queue_post
from pont.core.posting.outbox.run import send_queued
from pont.core.profile.store import open_database

pytestmark = needs_mutt


def wait_for(check: Callable[[], bool], seconds: float = 20.0) -> None:
    """Servers deliver after they answer 250, as real ones do: poll, never assume."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not delivered in time"
        time.sleep(0.05)


def relay_round(db: Database, world: World, mailbox: Mailbox) -> int:
    """The coordinator's sync, the group's handling and the outbox run: the relays queued."""
    sync_account(db, world.account.id, lambda: open_imap(world.account, mailbox.password))
    relayed = handle_new_mail(db, world.account).relayed
    send_queued(db, world.account, mailbox.password, settle=5.0)
    return relayed


def coordinator_has(mailbox: Mailbox, message_key: str) -> Callable[[], bool]:
    return lambda: copies(mailbox.server, mailbox_user(mailbox.email), message_key) >= 1


def mutt_answer(
    tmp_path: Path, mailbox: Mailbox, smtp: Smtp, member: str, keys: str, subject_key: str
) -> email.message.EmailMessage:
    """The member answers (in mutt, with `keys`) the message whose Message-ID is subject_key,
    alone in a Maildir of its own; what mutt sent."""
    home = setup_mutt(tmp_path / member, mailbox, smtp, member)
    source = mailbox.server.dovecot.root / "home" / member / "Maildir"
    only = tmp_path / member / "one"
    for part in ("cur", "new", "tmp"):
        (only / part).mkdir(parents=True)
    (raw,) = delivered(mailbox.server, member, subject_key)
    (only / "new" / "1.mail").write_bytes(raw)
    assert source.is_dir()
    before = len(smtp.received)
    run_mutt(home, only, f"push {keys}<send-message><quit>")
    assert len(smtp.received) == before + 1
    envelope = smtp.received[-1]
    assert envelope.mail_from == member
    return email.message_from_bytes(envelope.original_content or b"", policy=email.policy.default)


@pytest.mark.parametrize("keys", ["<group-reply>", "<list-reply>"])
def test_a_members_reply_reaches_every_other_member_once(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp, keys: str
) -> None:
    db: Database = open_database(tmp_path / "pont.sqlite3")
    world = make_world(db, mailbox, fault_smtp, 5, per_message=10)
    address = group_address(mailbox.email, world.group)
    post = build(db, world, "Peer support pilot")
    queue_post(db, post, world.account)
    send_queued(db, world.account, mailbox.password, settle=5.0)
    for member in world.members:
        wait_for(lambda m=member: copies(mailbox.server, m, post.message_key) == 1)

    author = world.members[2]
    reply = mutt_answer(tmp_path, mailbox, fault_smtp, author, keys, post.message_key)
    key = reply["Message-ID"].strip("<>")
    assert fault_smtp.received[-1].rcpt_tos == [address]
    wait_for(coordinator_has(mailbox, key))

    assert relay_round(db, world, mailbox) == 1
    others = [m for m in world.members if m != author]
    for member in others:
        wait_for(lambda m=member: copies(mailbox.server, m, key) >= 1)
    time.sleep(0.5)  # a second copy would have come by now
    assert {m: copies(mailbox.server, m, key) for m in world.members} == {
        **{m: 1 for m in others},
        author: 0,
    }
    (relay_envelope,) = [
        e
        for e in fault_smtp.received
        if key.encode() in (e.original_content or b"") and e.mail_from == mailbox.email
    ]
    # the members, and the coordinator's own receipt: nobody else
    assert sorted(relay_envelope.rcpt_tos) == sorted([*others, mailbox.email])
    # A re-sync and handling relay nothing twice.
    assert relay_round(db, world, mailbox) == 0
    assert all(copies(mailbox.server, m, key) == 1 for m in others)

    # A second member answers the relayed copy with reply-all: to the author and the group.
    second = world.members[4]
    answer = mutt_answer(tmp_path, mailbox, fault_smtp, second, "<group-reply>", key)
    second_key = answer["Message-ID"].strip("<>")
    assert sorted(fault_smtp.received[-1].rcpt_tos) == sorted([author, address])
    assert answer["In-Reply-To"] == f"<{key}>"
    assert str(answer["Subject"]).count("[Wellbeing]") == 1
    assert ANSWER.strip() in answer.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    wait_for(coordinator_has(mailbox, second_key))
    assert relay_round(db, world, mailbox) == 1
    for member in world.members:
        if member != second:
            wait_for(lambda m=member: copies(mailbox.server, m, second_key) >= 1)
    time.sleep(0.5)
    # the author had it straight from the second member: the relay left them out
    assert {m: copies(mailbox.server, m, second_key) for m in world.members} == {
        **{m: 1 for m in world.members if m != second},
        second: 0,
    }
    assert all(post_status(db, p).complete for (p,) in db.execute("SELECT id FROM posts"))
    db.close()
