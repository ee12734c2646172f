"""Bounces against the real test servers: a post to a dead address comes back as the
server's DSN, sync sets it aside (and out of the conversations), handling scores it, five
bounced posts suspend delivery to that member, and one step delivers to them again."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bounce_world import sample
from imapclient import IMAPClient
from sqlite_utils import Database

from mailservers import DEAD_PREFIX, DOMAIN, HOST, Mailbox, Smtp, wait_for_deliveries
from pont.core.archive.sync import sync_account
from pont.core.group_mail.bounces import bounce_score, reenable_member
from pont.core.group_mail.handling import GroupMailReport, handle_new_mail
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import Group, GroupMode, create_group, set_group_sending
from pont.core.members.members import MemberStatus, NewMember, add_member, find_member
from pont.core.posting.outbox.outbox import queue_post
from pont.core.posting.outbox.run import send_queued
from pont.core.posting.posts import PostContent, build_post


class _Clock:
    """The outbox's clock: sleeping moves it on at once."""

    def __init__(self) -> None:
        self.moment = datetime.now(UTC)

    def now(self) -> datetime:
        return self.moment

    def sleep(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def _connector(mailbox: Mailbox) -> Callable[[], IMAPClient]:
    def connect() -> IMAPClient:
        context = mailbox.server.certificates.client_context()
        client = IMAPClient(HOST, port=mailbox.server.imaps_port, ssl_context=context)
        client.login(mailbox.email, mailbox.password)
        return client

    return connect


def _world(db: Database, mailbox: Mailbox, smtp: Smtp, *members: str) -> tuple[Account, Group]:
    account = save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            display_name="Rhian Morgan",
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, smtp.smtps_port, Security.SSL),
        ),
    )
    group = create_group(db, "Wellbeing Network", "Wellbeing", "Practitioners")
    for address in members:
        add_member(db, group.id, NewMember(email=address))
    group = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    return account, group


def _post_and_sync(
    db: Database, mailbox: Mailbox, account: Account, group: Group, clock: _Clock, n: int
) -> GroupMailReport:
    """What `pont sync` does after a post: send it, sync the mailbox, handle what came."""
    content = PostContent(subject=f"News {n}", body_text="The pilot starts on Monday.\n")
    queue_post(db, build_post(db, group.id, account, content), account, clock.now())
    send_queued(db, account, mailbox.password, now_fn=clock.now, sleep=clock.sleep)
    wait_for_deliveries()
    sync_account(db, account.id, _connector(mailbox))
    return handle_new_mail(db, account)


def test_a_dead_address_is_scored_suspended_and_delivered_to_again(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    run = uuid.uuid4().hex[:8]
    live = f"live-{run}@{DOMAIN}"
    dead = f"{DEAD_PREFIX}{run}@{DOMAIN}"
    account, group = _world(db, mailbox, fault_smtp, live, dead)
    clock = _Clock()

    report = _post_and_sync(db, mailbox, account, group, clock, 1)

    assert report.bounces == 1
    member = find_member(db, group.id, dead)
    assert bounce_score(db, member.id, clock.now()) == 1.0
    # The DSN is set aside for the bounces, not filed among the group's conversations.
    stored = db.execute("SELECT subject FROM messages").fetchall()
    assert ("Undelivered Mail Returned to Sender",) not in stored

    for n in range(2, 6):
        assert _post_and_sync(db, mailbox, account, group, clock, n).bounces == 1
    assert find_member(db, group.id, dead).status is MemberStatus.BOUNCING
    assert find_member(db, group.id, live).status is MemberStatus.ACTIVE

    sent_before = len(fault_smtp.received)
    report = _post_and_sync(db, mailbox, account, group, clock, 6)
    recipients = {r.casefold() for e in fault_smtp.received[sent_before:] for r in e.rcpt_tos}
    assert live in recipients and dead not in recipients  # no more copies to the dead address
    assert report.bounces == 0

    assert reenable_member(db, member.id)
    sent_before = len(fault_smtp.received)
    report = _post_and_sync(db, mailbox, account, group, clock, 7)
    recipients = {r.casefold() for e in fault_smtp.received[sent_before:] for r in e.rcpt_tos}
    assert dead in recipients
    assert report.bounces == 1
    assert bounce_score(db, member.id, clock.now()) == 1.0  # counting afresh


def test_a_bounce_quoting_the_groups_tag_stays_out_of_the_conversations(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    account, group = _world(db, mailbox, fault_smtp, f"dewi.old@{DOMAIN}")
    # Exchange's NDR has "Undeliverable: [Wellbeing] …" for its subject.
    mailbox.server.deliver(mailbox.email, sample("exchange_online.eml"), sender="")
    ordinary = (
        f"From: Ann <ann@{DOMAIN}>\r\nTo: {mailbox.email}\r\nSubject: [Wellbeing] Hello\r\n"
        f"Message-ID: <hello-{uuid.uuid4().hex}@{DOMAIN}>\r\n\r\nHello all.\r\n"
    ).encode()
    mailbox.server.deliver(mailbox.email, ordinary)

    report = sync_account(db, account.id, _connector(mailbox))

    assert report.set_aside == 1
    subjects = [row[0] for row in db.execute("SELECT subject FROM messages").fetchall()]
    assert subjects == ["[Wellbeing] Hello"]
    kinds = db.execute("SELECT kind, subject FROM inbound").fetchall()
    assert kinds == [("bounce", "Undeliverable: [Wellbeing] Peer support pilot")]
