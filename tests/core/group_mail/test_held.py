"""Held posts: listed with a plain reason and a safe preview, decided once each (a relay, a
polite reply, or silence) in one transaction, and expired after the group's hold_days;
against a real profile database, and the real test servers for what is sent."""

from __future__ import annotations

import email.parser
import email.policy
from datetime import UTC, datetime, timedelta

import pytest
from held_world import hold, stranger_address, stranger_post, wait_until
from sqlite_utils import Database

from core.posting.outbox.outbox_world import Clock, World, delivered, make_world
from mailservers import DOMAIN, Mailbox, Smtp
from pont.core import activity
from pont.core.errors import InvalidAddress, PontError
from pont.core.group_mail.held import (
    HeldPostDecided,
    HeldPostNotFound,
    HeldState,
    HoldReason,
    NoAddressToAnswer,
    get_held,
    list_held,
    read_held,
    waiting_count,
)
from pont.core.group_mail.held_decisions import approve_held, reject_held
from pont.core.i18n import Sentence, for_storage
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import GroupMode, create_group, set_group_sending
from pont.core.members.members import list_members
from pont.core.posting.outbox.run import send_queued

NOW = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def offline(db: Database) -> World:
    """A group on an account whose servers are never reached (nothing is sent)."""
    server = ServerSettings("mail.example.org", 993, Security.SSL)
    account = save_account(
        db,
        AccountSettings(
            email="coord@example.org", username="coord", display_name="Rhian Morgan",
            imap=server, smtp=server,
        ),
    )  # fmt: skip
    group = create_group(db, "Wellbeing Network", "Wellbeing", "Practitioners")
    group = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    return World(group, account, ())


def outbox_posts(db: Database) -> list[tuple[str, str]]:
    return [(kind, subject) for kind, subject in db.execute("SELECT kind, subject FROM posts")]


def actions(db: Database) -> list[str]:
    return [entry.action for entry in activity.entries(db) if entry.action.startswith("held")]


# --- listing ---------------------------------------------------------------------------------


def test_held_posts_are_listed_per_group_with_a_reason_in_words(
    db: Database, offline: World
) -> None:
    account, group = offline.account, offline.group
    other = set_group_sending(
        db, create_group(db, "Carers Cymru", "Carers").id, mode=GroupMode.GROUP_ADDRESS,
        account_id=account.id,
    )  # fmt: skip
    first = hold(db, account, group, stranger_post(account, group, "sam@example.net"), NOW)
    later = NOW + timedelta(hours=2)
    big = hold(
        db, account, group,
        stranger_post(account, group, "ann@example.net", "Slides", name="Ann Jones"),
        later, HoldReason.TOO_LARGE, "31 MB, over Gmail's 25 MB",
    )  # fmt: skip
    hold(
        db, account, other, stranger_post(account, other, "x@example.net"), NOW, HoldReason.ANNOUNCE
    )

    listed = list_held(db, group.id, NOW + timedelta(days=1))
    assert [post.id for post in listed] == [first, big]  # oldest first
    sam, ann = listed
    assert (sam.sender, sam.subject, sam.group_name) == (
        "Sam Stranger <sam@example.net>", "Can I share our event?", "Wellbeing Network"
    )  # fmt: skip
    assert sam.reason_text == "The sender, sam@example.net, is not a member of Wellbeing Network."
    assert sam.preview == "We run a peer support evening in Aberystwyth every month."
    assert (sam.held, sam.expires, sam.state) == (NOW, NOW + timedelta(days=14), HeldState.HELD)
    assert sam.size_text.endswith("bytes") and sam.size > 300
    assert ann.reason_text == (
        "It is too large for your provider to pass on (31 MB, over Gmail's 25 MB)."
    )
    (announce,) = list_held(db, other.id, NOW)
    assert announce.reason_text == "Carers Cymru is an announcement group: only you post to it."
    assert len(list_held(db, None, NOW)) == 3
    assert (waiting_count(db, group.id, NOW), waiting_count(db, None, NOW)) == (2, 3)


def test_the_relays_own_words_for_a_post_too_large_are_shown_as_its_reason(
    db: Database, offline: World
) -> None:
    account, group = offline.account, offline.group
    said = Sentence(
        "Relay",
        "The message is {size}, more than the {limit} your provider takes in one message.",
        {"size": "31 MB", "limit": "25 MB"},
    )
    raw = stranger_post(account, group, "ann@example.net")
    held_id = hold(db, account, group, raw, NOW, HoldReason.TOO_LARGE, for_storage(said))

    reason = get_held(db, held_id).reason_text
    assert reason == "The message is 31 MB, more than the 25 MB your provider takes in one message."
    assert isinstance(reason, Sentence) and reason.context == "Relay"  # the window translates it
    assert not get_held(db, held_id).can_relay


def test_hostile_stored_messages_are_still_listed_and_read_safely(
    db: Database, offline: World
) -> None:
    account, group = offline.account, offline.group
    no_boundary = (
        b"From: \x1b[31mEvil\x1b[0m <evil@example.net>\r\n"
        b"Subject: =?utf-8?b?4oCuZXZpbA==?= \x07bell\r\n"  # a right-to-left override, a BEL
        b"Content-Type: multipart/mixed\r\n\r\n"
        b"--xyz\r\nContent-Type: text/plain; charset=no-such-charset\r\n\r\n"
        b"caf\xe9 \x1b]0;title\x07 text\r\n--xyz--\r\n"
    )
    nested = (
        b"Subject: deep\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n" + b"--a\r\n" * 5000
    )
    headerless = b"\xff\xfe\x00garbage with no headers at all" * 1000
    ids = [
        hold(db, account, group, raw, NOW + timedelta(minutes=n))
        for n, raw in enumerate([no_boundary, nested, headerless])
    ]

    listed = list_held(db, group.id, NOW)
    assert [post.id for post in listed] == ids
    evil = listed[0]
    shown = evil.sender + evil.subject + evil.preview + evil.reason_text
    assert not any(ch in shown for ch in "\x1b\x07\u202e"), shown
    assert "text" in evil.preview
    content = read_held(db, ids[0])
    assert "\x1b" not in content.text and "text" in content.text
    for held_id in ids:
        assert read_held(db, held_id).text is not None
    assert listed[2].reason_text.startswith("The sender, (no address), is not a member")


# --- deciding, once --------------------------------------------------------------------------


def test_an_unknown_or_decided_post_is_refused_in_a_sentence(db: Database, offline: World) -> None:
    account, group = offline.account, offline.group
    held_id = hold(db, account, group, stranger_post(account, group, "spam@example.net"), NOW)

    with pytest.raises(HeldPostNotFound, match="There is no held post number 99"):
        reject_held(db, 99, NOW, silently=True)
    decision = reject_held(db, held_id, NOW, silently=True, origin="cli")
    assert (decision.state, decision.post_id) == (HeldState.REJECTED, None)
    with pytest.raises(HeldPostDecided, match=f"Held post {held_id} was rejected already"):
        reject_held(db, held_id, NOW, silently=True)
    with pytest.raises(HeldPostDecided, match="rejected already"):
        reject_held(db, held_id, NOW)
    with pytest.raises(HeldPostDecided, match="rejected already"):
        approve_held(db, held_id, NOW, add_as_member=True)

    assert actions(db) == ["held-reject-silently"]
    assert outbox_posts(db) == [] and list_members(db, group.id) == []
    assert get_held(db, held_id).state is HeldState.REJECTED
    assert list_held(db, group.id, NOW) == []
    assert [p.state for p in list_held(db, group.id, NOW, waiting_only=False)] == [
        HeldState.REJECTED
    ]


def test_a_decision_that_fails_leaves_the_post_waiting(db: Database, offline: World) -> None:
    account, group = offline.account, offline.group
    raw = stranger_post(account, group, "not an address")
    held_id = hold(db, account, group, raw, NOW)

    with pytest.raises(NoAddressToAnswer, match="Reject it silently instead"):
        reject_held(db, held_id, NOW)
    with pytest.raises(InvalidAddress):
        approve_held(db, held_id, NOW, add_as_member=True)

    assert get_held(db, held_id).state is HeldState.HELD
    assert actions(db) == [] and outbox_posts(db) == [] and list_members(db, group.id) == []
    reject_held(db, held_id, NOW, silently=True)  # spam needs no address
    assert get_held(db, held_id).state is HeldState.REJECTED


# --- expiry ----------------------------------------------------------------------------------


def test_held_posts_expire_after_the_groups_hold_days(db: Database, offline: World) -> None:
    account, group = offline.account, offline.group
    old = hold(db, account, group, stranger_post(account, group, "a@example.net"), NOW)
    new = hold(
        db, account, group, stranger_post(account, group, "b@example.net"), NOW + timedelta(days=5)
    )

    almost = NOW + timedelta(days=14, seconds=-1)
    assert [p.id for p in list_held(db, group.id, almost)] == [old, new]
    day_14 = NOW + timedelta(days=14)
    assert waiting_count(db, group.id, day_14) == 1  # counting writes nothing...
    assert actions(db) == []
    assert [p.id for p in list_held(db, group.id, day_14)] == [new]  # ...listing expires
    assert actions(db) == ["held-expire"]
    assert get_held(db, old).state is HeldState.EXPIRED and get_held(db, old).decided == day_14
    list_held(db, group.id, day_14 + timedelta(hours=1))
    assert actions(db) == ["held-expire"]  # once
    with pytest.raises(HeldPostDecided, match=f"Held post {old} expired before it was decided"):
        approve_held(db, old, day_14)

    # A longer setting keeps what still waits; deciding expires first, as listing does.
    db.execute("UPDATE groups SET hold_days = 30 WHERE id = ?", [group.id])
    day_20 = NOW + timedelta(days=20)
    assert [p.expires for p in list_held(db, group.id, day_20)] == [NOW + timedelta(days=35)]
    with pytest.raises(HeldPostDecided, match="expired"):
        reject_held(db, new, NOW + timedelta(days=35), silently=True)
    assert actions(db) == ["held-expire", "held-expire"]


# --- against the real servers ----------------------------------------------------------------


@pytest.fixture
def clock() -> Clock:
    return Clock()


def send(db: Database, world: World, mailbox: Mailbox, clock: Clock) -> None:
    report = send_queued(db, world.account, mailbox.password, now_fn=clock.now, sleep=clock.sleep)
    assert report.problems == [] and report.paused == ""


def test_rejecting_sends_one_polite_reply_to_the_sender_only(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 3)
    db.execute("UPDATE groups SET language = 'both' WHERE id = ?", [world.group.id])
    stranger = stranger_address(DOMAIN)
    raw = stranger_post(world.account, world.group, stranger)
    held_id = hold(db, world.account, world.group, raw, clock.now())
    post_key = get_held(db, held_id).message_key

    decision = reject_held(db, held_id, clock.now())
    with pytest.raises(HeldPostDecided):
        reject_held(db, held_id, clock.now())
    send(db, world, mailbox, clock)
    send(db, world, mailbox, clock)

    (reply_key,) = db.execute(
        "SELECT message_key FROM posts WHERE id = ? AND kind = 'reply'", [decision.post_id]
    ).fetchone()
    wait_until(lambda: bool(delivered(mailbox.server, stranger, reply_key)))
    (reply,) = delivered(mailbox.server, stranger, reply_key)
    head, _, body = reply.partition(b"\r\n\r\n")
    assert f"In-Reply-To: <{post_key}>".encode() in head
    assert b"Auto-Submitted: auto-replied" in head
    text = email.parser.BytesParser(policy=email.policy.default).parsebytes(reply)
    words = text.get_content()
    welsh = words.index("Diolch am ysgrifennu at y grŵp Wellbeing Network")
    assert welsh < words.index("Thank you for writing to Wellbeing Network")  # Welsh first
    for member in world.members:
        assert delivered(mailbox.server, member, reply_key) == []
    # One transaction to the stranger and the coordinator's receipt: nobody else.
    assert [sorted(e.rcpt_tos) for e in fault_smtp.received] == [sorted([stranger, mailbox.email])]
    assert actions(db) == ["held-reject"]


def test_a_post_held_for_review_is_declined_with_no_invitation_to_join(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 3)
    member = world.members[0]
    raw = stranger_post(world.account, world.group, member)
    held_id = hold(db, world.account, world.group, raw, clock.now(), HoldReason.MODERATED)

    decision = reject_held(db, held_id, clock.now())
    send(db, world, mailbox, clock)

    (reply_key,) = db.execute(
        "SELECT message_key FROM posts WHERE id = ? AND kind = 'reply'", [decision.post_id]
    ).fetchone()
    wait_until(lambda: bool(delivered(mailbox.server, member, reply_key)))
    (reply,) = delivered(mailbox.server, member, reply_key)
    words = email.parser.BytesParser(policy=email.policy.default).parsebytes(reply).get_content()
    assert "this one was not passed on to the group's members" in words
    assert "join" not in words  # they are a member already


def test_rejecting_silently_sends_nothing(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    stranger = stranger_address(DOMAIN)
    held_id = hold(
        db,
        world.account,
        world.group,
        stranger_post(world.account, world.group, stranger),
        clock.now(),
    )

    reject_held(db, held_id, clock.now(), silently=True)
    send(db, world, mailbox, clock)

    assert fault_smtp.received == [] and outbox_posts(db) == []
    assert actions(db) == ["held-reject-silently"]


def test_an_approved_post_reaches_each_member_once_and_its_author_not_at_all(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 3)
    stranger = stranger_address(DOMAIN)
    held_id = hold(
        db, world.account, world.group, stranger_post(world.account, world.group, stranger),
        clock.now(), HoldReason.MODERATED,
    )  # fmt: skip
    key = get_held(db, held_id).message_key

    decision = approve_held(db, held_id, clock.now())
    with pytest.raises(HeldPostDecided, match="was approved already"):
        approve_held(db, held_id, clock.now())
    send(db, world, mailbox, clock)
    send(db, world, mailbox, clock)

    assert decision.post_id is not None and decision.member_id is None
    assert outbox_posts(db) == [("relay", "[Wellbeing] Can I share our event?")]
    for member in world.members:
        (copy,) = delivered(mailbox.server, member, key)  # the original Message-ID, once
        assert b"Sam Stranger via Wellbeing Network" in copy.partition(b"\r\n\r\n")[0]
    assert delivered(mailbox.server, stranger, key) == []
    assert actions(db) == ["held-approve"]
    assert list_members(db, world.group.id)[-1].email != stranger


def test_approving_and_adding_makes_the_sender_a_member_who_gets_no_copy(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    stranger = stranger_address(DOMAIN)
    raw = stranger_post(world.account, world.group, stranger)
    held_id = hold(db, world.account, world.group, raw, clock.now())
    key = get_held(db, held_id).message_key

    decision = approve_held(db, held_id, clock.now(), add_as_member=True, origin="cli")
    send(db, world, mailbox, clock)

    newcomer = list_members(db, world.group.id)[-1]
    assert (newcomer.email, newcomer.name, newcomer.status.value) == (
        stranger, "Sam Stranger", "active"
    )  # fmt: skip
    assert decision.member_id == newcomer.id
    assert all(len(delivered(mailbox.server, m, key)) == 1 for m in world.members)
    assert delivered(mailbox.server, stranger, key) == []  # the author, now a member
    assert [(e.action, e.origin) for e in activity.entries(db)][-2:] == [
        ("add", "cli"), ("held-approve-add-member", "cli")
    ]  # fmt: skip


def test_a_post_too_large_to_relay_cannot_be_approved_and_still_waits(
    db: Database, mailbox: Mailbox, fault_smtp: Smtp, clock: Clock
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    body = "x" * 76 + "\r\n"
    raw = stranger_post(
        world.account, world.group, stranger_address(DOMAIN), body=body * 400_000
    )  # about 31 MB, over the test provider's limit
    held_id = hold(db, world.account, world.group, raw, clock.now(), HoldReason.TOO_LARGE)

    with pytest.raises(PontError, match="more than the 25 MB your provider takes"):
        approve_held(db, held_id, clock.now(), add_as_member=True)

    assert get_held(db, held_id).state is HeldState.HELD
    assert outbox_posts(db) == [] and len(list_members(db, world.group.id)) == 2
