"""Join and leave by email against the real test servers: a stranger writes "join" to the
coordinator, sync sets it aside and handling files it, the coordinator approves, the
confirmation reaches the stranger's own mailbox, their answer makes them a member with their
consent on record, and the welcome arrives. Leaving: by one click, or by none."""

from __future__ import annotations

import email
import email.policy
import sys
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlite_utils import Database

sys.path.insert(0, str(Path(__file__).parents[1] / "posting" / "outbox"))
sys.path.insert(0, str(Path(__file__).parents[1] / "archive"))

from corpus import connector  # noqa: E402
from outbox_world import Clock, World, maildir_messages, make_world  # noqa: E402

from mailservers import DOMAIN, Mailbox, MailServer, Smtp  # noqa: E402
from pont.core.archive.sync import sync_account  # noqa: E402
from pont.core.group_mail.consent import ConsentHow, consent_for  # noqa: E402
from pont.core.group_mail.handling import GroupMailReport, handle_new_mail  # noqa: E402
from pont.core.group_mail.requests import (  # noqa: E402
    RequestKind,
    RequestState,
    approve_request,
    list_requests,
)
from pont.core.members.members import MemberStatus, find_member  # noqa: E402
from pont.core.posting.outbox.run import send_queued  # noqa: E402


@pytest.fixture
def smtp(mail_server: MailServer) -> Smtp:
    return mail_server.smtp


@pytest.fixture
def clock() -> Clock:
    return Clock()


def write(server: MailServer, to: str, sender: str, subject: str, in_reply_to: str = "") -> str:
    """A person's mail program sends a message to `to`; its Message-ID."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = key = make_msgid(domain=DOMAIN)
    if in_reply_to:
        message["In-Reply-To"] = message["References"] = in_reply_to
    message.set_content("Yes please.\n")
    server.deliver(to, message.as_bytes(), sender=sender)
    return key.strip("<>")


def sync_and_handle(db: Database, world: World, mailbox: Mailbox, clock: Clock) -> GroupMailReport:
    sync_account(db, world.account.id, connector(mailbox))
    return handle_new_mail(db, world.account, clock.now())


def send(db: Database, world: World, mailbox: Mailbox, clock: Clock) -> None:
    report = send_queued(db, world.account, mailbox.password, now_fn=clock.now, sleep=clock.sleep)
    assert report.waiting == 0


def arrived(
    server: MailServer, user: str, subject_start: str, seconds: float = 15.0
) -> EmailMessage:
    """The message whose subject starts so, once it reaches the user's mailbox (the test SMTP
    server may deliver after it has answered)."""
    deadline = time.monotonic() + seconds
    while True:
        for raw in maildir_messages(server, user):
            message = email.message_from_bytes(raw, policy=email.policy.default)
            if str(message["Subject"] or "").startswith(subject_start):
                return message  # type: ignore[return-value]
        if time.monotonic() > deadline:
            raise AssertionError(f"no “{subject_start}…” reached {user}")
        time.sleep(0.1)


def test_a_stranger_joins_by_email_and_confirms(
    db: Database, mailbox: Mailbox, smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, smtp, 2)
    server = mailbox.server
    stranger = server.new_user("stranger")

    write(server, mailbox.email, f"Carys Evans <{stranger}>", "join")
    assert sync_and_handle(db, world, mailbox, clock).requests == 1
    [request] = list_requests(db)
    assert (request.kind, request.email, request.group_id) == (
        RequestKind.JOIN, stranger, world.group.id
    )  # fmt: skip

    approve_request(db, request.id, clock.now())
    send(db, world, mailbox, clock)
    confirmation = arrived(server, stranger, "Confirm ")
    token = str(confirmation["Subject"]).split()[-1]
    assert "names and email addresses" in confirmation.get_content()  # type: ignore[attr-defined]

    answer_key = write(
        server, mailbox.email, f"Carys Evans <{stranger}>", f"Re: Confirm {token}",
        in_reply_to=str(confirmation["Message-ID"]),
    )  # fmt: skip
    assert sync_and_handle(db, world, mailbox, clock).confirmed == 1
    member = find_member(db, world.group.id, stranger)
    assert member.status is MemberStatus.ACTIVE
    consent = consent_for(db, world.group.id)[member.id]
    assert (consent.how, consent.message_key) == (ConsentHow.JOINED, answer_key)
    assert list_requests(db) == []

    send(db, world, mailbox, clock)
    welcome = arrived(server, stranger, "Welcome to Wellbeing Network")
    assert welcome["To"].addresses[0].addr_spec == stranger  # type: ignore[union-attr]
    # A second sync changes nothing: each message is handled once.
    assert sync_and_handle(db, world, mailbox, clock).total == 0


def test_a_member_leaves_with_one_click(
    db: Database, mailbox: Mailbox, smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, smtp, 2)
    server = mailbox.server
    leaving = world.members[0]
    # What a mail program's "unsubscribe" writes from the post's List-Unsubscribe link.
    write(server, mailbox.email, leaving, "Leave Wellbeing Network")
    sync_and_handle(db, world, mailbox, clock)
    [request] = list_requests(db)
    assert request.kind is RequestKind.LEAVE
    assert find_member(db, world.group.id, leaving).status is MemberStatus.ACTIVE

    assert approve_request(db, request.id, clock.now()).state is RequestState.DONE
    assert find_member(db, world.group.id, leaving).status is MemberStatus.LEFT
    send(db, world, mailbox, clock)
    arrived(server, leaving, "You have left Wellbeing Network")


def test_a_member_leaves_with_no_click_when_the_group_says_so(
    db: Database, mailbox: Mailbox, smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, smtp, 2)
    db.execute("UPDATE groups SET auto_leave = 1 WHERE id = ?", [world.group.id])
    server = mailbox.server
    leaving = world.members[1]
    write(server, mailbox.email, leaving, "Gadael")
    assert sync_and_handle(db, world, mailbox, clock).requests == 1
    assert find_member(db, world.group.id, leaving).status is MemberStatus.LEFT
    assert list_requests(db) == []
    send(db, world, mailbox, clock)
    arrived(server, leaving, "You have left Wellbeing Network")
