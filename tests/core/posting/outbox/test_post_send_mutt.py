"""A real mail program replies to a post: mutt's own reply-all, driven in batch mode through a
pseudo-terminal, reaches the group, and after a sync sits in the post's thread."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from outbox_world import World, build, copies, delivered, make_world
from sqlite_utils import Database

from mailservers import Mailbox, Smtp
from mutt_driver import ANSWER, needs_mutt, run_mutt, setup_mutt
from pont.core.archive.sync import sync_account
from pont.core.archive.threads import list_threads
from pont.core.mail.connections import open_imap
from pont.core.members.groups import GroupMode, group_address
from pont.core.posting.outbox.outbox import post_status, queue_post
from pont.core.posting.outbox.run import send_queued
from pont.core.profile.store import open_database

pytestmark = needs_mutt


@pytest.mark.parametrize("mode", [GroupMode.COPY_ALL, GroupMode.GROUP_ADDRESS])
def test_mutt_replies_to_all_and_the_reply_joins_the_posts_thread(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp, mode: GroupMode
) -> None:
    db: Database = open_database(tmp_path / "pont.sqlite3")
    world: World = make_world(db, mailbox, fault_smtp, 5, mode=mode, per_message=10)
    built = build(db, world, "Peer support pilot")
    post_id = queue_post(db, built, world.account)
    send_queued(db, world.account, mailbox.password)
    assert post_status(db, post_id).complete
    replier = world.members[2]
    assert copies(mailbox.server, replier, built.message_key) == 1

    home = setup_mutt(tmp_path, mailbox, fault_smtp, replier)
    maildir = mailbox.server.dovecot.root / "home" / replier / "Maildir"
    run_mutt(home, maildir)

    reply_envelope = fault_smtp.received[-1]
    assert reply_envelope.mail_from == replier
    reply = email.message_from_bytes(
        reply_envelope.original_content or b"", policy=email.policy.default
    )
    # Written by mutt: its reply-all chose the recipients and threaded the reply.
    assert str(reply["User-Agent"]).startswith("Mutt/")
    assert reply["In-Reply-To"] == f"<{built.message_key}>"
    assert reply["Subject"] == "Re: [Wellbeing] Peer support pilot"
    assert ANSWER.strip() in reply.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    others = [m for m in world.members if m != replier]
    if mode is GroupMode.COPY_ALL:
        assert sorted(reply_envelope.rcpt_tos) == sorted([mailbox.email, *others])
        for member in others:
            (got,) = delivered(mailbox.server, member, reply["Message-ID"].strip("<>"))
            assert ANSWER.strip().encode() in got
    else:
        assert reply_envelope.rcpt_tos == [group_address(mailbox.email, world.group)]

    # The coordinator's sync files the reply (INBOX) under the post (Sent).
    report = sync_account(db, world.account.id, lambda: open_imap(world.account, mailbox.password))
    assert report.group_messages == 2
    (thread,) = list_threads(db, world.group.id)
    assert thread.message_keys == (built.message_key, reply["Message-ID"].strip("<>"))
    db.close()
