"""Bounces read with flufl.bounce, matched to members and posts, scored once per post, and a
member suspended at 5 within 30 days, then delivered to again in one step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bounce_world import (
    NOW,
    SAMPLE_FAILURES,
    add_post,
    bounce_for,
    bounce_group,
    coordinator_account,
    sample,
    set_aside_bounce,
)
from sqlite_utils import Database

from pont.core import activity
from pont.core.group_mail.bounces import (
    UNMATCHED,
    UNREADABLE,
    BounceKind,
    bounce_score,
    bouncing_members,
    read_bounce,
    reenable_member,
    suspended_members,
    unmatched_bounces,
)
from pont.core.group_mail.handling import handle_new_mail
from pont.core.members.members import MemberStatus, find_member, get_member
from pont.core.posting.outbox.receipts import receipt_secret, receipt_token


@pytest.mark.parametrize("name", sorted(SAMPLE_FAILURES))
def test_each_providers_bounce_names_the_failed_address_and_the_post(name: str) -> None:
    address, post_key = SAMPLE_FAILURES[name]
    read = read_bounce(sample(name))
    assert [(f.address, f.kind) for f in read.failures] == [(address, BounceKind.HARD)]
    assert read.referenced_ids[0] == post_key


def test_a_mailbox_full_delay_is_a_soft_failure() -> None:
    read = read_bounce(sample("soft_mailbox_full.eml"))
    assert [(f.address, f.kind) for f in read.failures] == [
        ("owain.full@valleys.example", BounceKind.SOFT)
    ]


def test_a_failure_with_a_temporary_status_is_soft() -> None:
    # Action: failed but Status 4.2.2: the sender gave up retrying a full mailbox.
    raw = bounce_for("owain.full@valleys.example", "p1@coordinator.example", status="5.2.2")
    raw = raw.replace(b"Status: 5.2.2", b"Status: 4.2.2")
    assert [f.kind for f in read_bounce(raw).failures] == [BounceKind.SOFT]


def test_a_report_naming_nobody_gives_no_failures() -> None:
    assert read_bounce(sample("no_recipient.eml")).failures == ()


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff" * 1000,
        b"Content-Type: multipart/report; boundary=\r\n\r\n--\r\n--",
        b"Content-Type: message/delivery-status\r\n\r\n"
        b"Final-Recipient: rfc822;\r\nAction: failed\r\n",
        b"From: MAILER-DAEMON@x\r\nContent-Type: multipart/report; report-type=delivery-status;"
        b' boundary="A"\r\n\r\n--A\r\nContent-Type: message/delivery-status\r\n\r\n'
        + b"Final-Recipient: rfc822; <<<"
        * 5000,
    ],
)
def test_nonsense_reads_as_no_failures_without_raising(raw: bytes) -> None:
    read_bounce(raw)


def test_each_sample_scores_its_member_against_its_post(db: Database) -> None:
    account = coordinator_account(db)
    addresses = [address for address, _ in SAMPLE_FAILURES.values()]
    group = bounce_group(db, account, *addresses, "ok@members.example")
    for _, post_key in SAMPLE_FAILURES.values():
        add_post(db, group, account, post_key)
    for name in SAMPLE_FAILURES:
        assert set_aside_bounce(db, account, sample(name))

    report = handle_new_mail(db, account, NOW)

    assert report.bounces == 4
    rows = db.execute(
        "SELECT m.email, b.post_key, b.kind, b.score FROM bounces b"
        " JOIN members m ON m.id = b.member_id ORDER BY b.id"
    ).fetchall()
    assert sorted(rows) == sorted((a, p, "hard", 1.0) for a, p in SAMPLE_FAILURES.values())


def test_a_post_is_counted_once_per_member_however_often_it_bounces(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example")
    add_post(db, group, account, "p1@coordinator.example")
    set_aside_bounce(db, account, bounce_for("gone@members.example", "p1@coordinator.example"))
    raw = bounce_for("gone@members.example", "p1@coordinator.example", number=2)
    set_aside_bounce(db, account, raw)

    handle_new_mail(db, account, NOW)

    member = find_member(db, group.id, "gone@members.example")
    assert bounce_score(db, member.id, NOW) == 1.0


def test_a_delay_then_the_failure_of_the_same_post_counts_once_as_hard(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "full@members.example")
    add_post(db, group, account, "p1@coordinator.example")
    delay = bounce_for("full@members.example", "p1@coordinator.example", status="4.2.2")
    set_aside_bounce(db, account, delay)
    handle_new_mail(db, account, NOW)
    member = find_member(db, group.id, "full@members.example")
    assert bounce_score(db, member.id, NOW) == 0.5

    failure = bounce_for("full@members.example", "p1@coordinator.example", number=2)
    set_aside_bounce(db, account, failure)
    handle_new_mail(db, account, NOW)

    assert bounce_score(db, member.id, NOW) == 1.0


def _bounce_posts(  # type: ignore[no-untyped-def]
    db: Database, account, group, address: str, count: int, first: int = 0, **kwargs
) -> None:
    for number in range(first, first + count):
        key = f"post{number}-{kwargs.get('status', '5')}@coordinator.example"
        add_post(db, group, account, key)
        set_aside_bounce(db, account, bounce_for(address, key, number=number, **kwargs))


def test_five_bounced_posts_suspend_delivery_and_the_coordinator_is_told(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example", "fine@members.example")
    _bounce_posts(db, account, group, "gone@members.example", 4)
    handle_new_mail(db, account, NOW)
    member = find_member(db, group.id, "gone@members.example")
    assert member.status is MemberStatus.ACTIVE

    _bounce_posts(db, account, group, "gone@members.example", 1, first=4)
    handle_new_mail(db, account, NOW)

    assert get_member(db, member.id).status is MemberStatus.BOUNCING
    assert find_member(db, group.id, "fine@members.example").status is MemberStatus.ACTIVE
    assert suspended_members(db, group.id) == [(member.id, "gone@members.example")]
    told = [e for e in activity.entries(db, group.id) if e.action == "bouncing"]
    assert [(e.member_id, e.origin) for e in told] == [(member.id, "bounces")]


def test_soft_bounces_count_half(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "full@members.example")
    _bounce_posts(db, account, group, "full@members.example", 9, status="4.2.2")
    handle_new_mail(db, account, NOW)
    member = find_member(db, group.id, "full@members.example")
    assert bounce_score(db, member.id, NOW) == 4.5
    assert member.status is MemberStatus.ACTIVE


def test_bounces_older_than_30_days_no_longer_count(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example")
    _bounce_posts(db, account, group, "gone@members.example", 4)
    handle_new_mail(db, account, NOW - timedelta(days=31))
    add_post(db, group, account, "late@coordinator.example")
    set_aside_bounce(db, account, bounce_for("gone@members.example", "late@coordinator.example"))

    handle_new_mail(db, account, NOW)

    member = find_member(db, group.id, "gone@members.example")
    assert bounce_score(db, member.id, NOW) == 1.0
    assert member.status is MemberStatus.ACTIVE


def test_reenabling_delivers_again_with_the_score_cleared(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example")
    _bounce_posts(db, account, group, "gone@members.example", 5)
    handle_new_mail(db, account, NOW)
    member = find_member(db, group.id, "gone@members.example")
    assert member.status is MemberStatus.BOUNCING

    assert reenable_member(db, member.id)

    assert get_member(db, member.id).status is MemberStatus.ACTIVE
    assert bounce_score(db, member.id, NOW) == 0
    # A late report of a post already counted does not count again.
    late = bounce_for("gone@members.example", "post0-5@coordinator.example", number=99)
    set_aside_bounce(db, account, late)
    handle_new_mail(db, account, NOW)
    assert bounce_score(db, member.id, NOW) == 0
    assert not reenable_member(db, member.id)  # not bouncing: nothing to do


def test_a_member_the_coordinator_paused_stays_paused(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example")
    member = find_member(db, group.id, "gone@members.example")
    db.execute("UPDATE members SET status = 'paused' WHERE id = ?", [member.id])
    _bounce_posts(db, account, group, "gone@members.example", 6)
    handle_new_mail(db, account, NOW)
    assert get_member(db, member.id).status is MemberStatus.PAUSED


def test_a_bounce_found_by_its_batch_token_when_the_message_id_is_gone(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example")
    other = bounce_group_named(db, account, "Other", "gone@members.example")
    add_post(db, group, account, "p1@coordinator.example")
    token = receipt_token(receipt_secret(db), "p1@coordinator.example", 4)
    raw = bounce_for("gone@members.example", "p1@coordinator.example").replace(
        b"Message-ID: <p1@coordinator.example>", f"X-Pont-Batch: 4 {token}".encode()
    )
    set_aside_bounce(db, account, raw)

    handle_new_mail(db, account, NOW)

    # Matched to the post, so only its group's member is scored.
    scored = db.execute("SELECT member_id, post_key FROM bounces").fetchall()
    assert scored == [
        (find_member(db, group.id, "gone@members.example").id, "p1@coordinator.example")
    ]
    assert find_member(db, other.id, "gone@members.example").id not in {r[0] for r in scored}


def bounce_group_named(db: Database, account, name: str, *addresses: str):  # type: ignore[no-untyped-def]
    from pont.core.members.groups import create_group, set_group_sending
    from pont.core.members.members import NewMember, add_member

    group = create_group(db, name, name, "")
    for address in addresses:
        add_member(db, group.id, NewMember(email=address))
    return set_group_sending(db, group.id, account_id=account.id)


def test_bounces_of_unknown_posts_count_once_a_day(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example")
    for number in range(5):  # five reports in a minute, none naming a post of Pont's
        raw = bounce_for("gone@members.example", f"unknown{number}@else.example", number=number)
        set_aside_bounce(db, account, raw)
    handle_new_mail(db, account, NOW)
    member = find_member(db, group.id, "gone@members.example")
    assert bounce_score(db, member.id, NOW) == 1.0

    set_aside_bounce(db, account, bounce_for("gone@members.example", "next@else.example"))
    handle_new_mail(db, account, NOW + timedelta(days=1))
    assert bounce_score(db, member.id, NOW + timedelta(days=1)) == 2.0
    assert get_member(db, member.id).status is MemberStatus.ACTIVE


def test_a_report_naming_a_member_the_post_never_went_to_counts_for_nobody(
    db: Database,
) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "early@members.example", "joined.later@members.example")
    add_post(db, group, account, "p1@coordinator.example", to=("early@members.example",))
    raw = bounce_for("joined.later@members.example", "p1@coordinator.example")
    set_aside_bounce(db, account, raw)

    report = handle_new_mail(db, account, NOW)

    assert report.bounces == 0
    assert db.execute("SELECT count(*) FROM bounces").fetchone()[0] == 0


def test_bounces_naming_no_member_change_nothing_but_stay_listed(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "fine@members.example")
    add_post(db, group, account, "p1@coordinator.example")
    set_aside_bounce(db, account, bounce_for("stranger@else.example", "p1@coordinator.example"))
    set_aside_bounce(db, account, sample("no_recipient.eml"))

    report = handle_new_mail(db, account, NOW)

    assert report.bounces == 0 and report.ignored == 2
    assert db.execute("SELECT count(*) FROM bounces").fetchone()[0] == 0
    assert sorted(b.outcome for b in unmatched_bounces(db)) == [UNMATCHED, UNREADABLE]


def test_the_list_shows_who_bounces_suspended_first(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "gone@members.example", "flaky@members.example")
    _bounce_posts(db, account, group, "gone@members.example", 5)
    add_post(db, group, account, "x@coordinator.example")
    set_aside_bounce(
        db, account, bounce_for("flaky@members.example", "x@coordinator.example", status="4.2.2")
    )
    handle_new_mail(db, account, NOW)

    listed = bouncing_members(db, NOW, group.id)

    assert [(b.email, b.status, b.score, b.bounced_posts, b.last_kind) for b in listed] == [
        ("gone@members.example", MemberStatus.BOUNCING, 5.0, 5, BounceKind.HARD),
        ("flaky@members.example", MemberStatus.ACTIVE, 0.5, 1, BounceKind.SOFT),
    ]


def test_a_member_who_left_is_not_scored(db: Database) -> None:
    account = coordinator_account(db)
    group = bounce_group(db, account, "went@members.example")
    member = find_member(db, group.id, "went@members.example")
    db.execute("UPDATE members SET status = 'left' WHERE id = ?", [member.id])
    _bounce_posts(db, account, group, "went@members.example", 1)

    report = handle_new_mail(db, account, NOW)

    assert report.bounces == 0
    assert bounce_score(db, member.id, NOW) == 0


def test_only_the_start_of_a_huge_bounce_is_read() -> None:
    # The report comes first; what follows is the returned post, or an attacker's padding.
    raw = bounce_for("gone@members.example", "p1@coordinator.example")
    padded = raw.replace(
        b"--B\r\nContent-Type: message/delivery-status",
        b"x" * 300_000 + b"\r\n--B\r\nContent-Type: message/delivery-status",
    )
    assert read_bounce(raw).failures and not read_bounce(padded).failures
