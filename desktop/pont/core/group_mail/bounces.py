"""Bounces recognised, matched to members and posts, and scored per bounced post.

The model is Mailman 3's (app/bounces.py, runners/bounce.py): flufl.bounce reads the delivery
report, each failed address is matched to a member, and a member whose score reaches a
threshold stops getting mail until the coordinator turns delivery on again. Mailman counts at
most one bounce a day; a coordinator may post once a week, and five weeks of mail to a dead
address is too long, so Pont counts one per bounced post instead: a permanent failure scores
1, a temporary one 0.5, and a score of 5 within 30 days suspends delivery (status
'bouncing': build_post sends only to active members).

A bounce that names nobody in the group (a coordinator's own mail bounced, a DSN Pont cannot
read) changes nothing; its row in `inbound` says so and the bounces list shows it.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import Message
from enum import StrEnum
from typing import TYPE_CHECKING

from flufl.bounce import all_failures

from pont.core import activity
from pont.core.members.addresses import address_key
from pont.core.members.groups import account_groups
from pont.core.members.members import MemberStatus

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage
    from pont.core.mail.accounts import Account

log = logging.getLogger(__name__)

HARD_SCORE = 1.0
SOFT_SCORE = 0.5
SUSPEND_AT = 5.0
WINDOW = timedelta(days=30)

# Outcomes (inbound.outcome): 'bounces' when a member was scored; these otherwise.
UNMATCHED = "bounce-unmatched"  # addresses found, none a member's
UNREADABLE = "bounce-unreadable"  # no failed address found in it at all

# Bounces are read only this far: a DSN is a few kilobytes plus, at most, the returned post.
# flufl.bounce's heuristic detectors run regular expressions over every body line, and a
# hostile 50 MB "bounce" must cost no more than a real one.
MAX_READ = 256 * 1024

_MESSAGE_ID_LINE = re.compile(
    rb"(?im)^(?:message-id|in-reply-to|references)[ \t]*:[ \t]*(.{1,2000})$"
)
_ANGLE_ID = re.compile(rb"<([^<>\s]{1,500})>")
_BATCH_LINE = re.compile(rb"(?im)^x-pont-batch[ \t]*:[ \t]*([0-9]{1,9}) ([0-9a-f]{32})[ \t]*\r?$")
_STATUS = re.compile(r"\s*([245])\.\d{1,3}\.\d{1,3}")


class BounceKind(StrEnum):
    HARD = "hard"  # permanent: the address does not exist, the domain is gone
    SOFT = "soft"  # temporary: a full mailbox, a delay


@dataclass(frozen=True, slots=True)
class Failure:
    address: str  # as the report gives it
    kind: BounceKind


@dataclass(frozen=True, slots=True)
class ReadBounce:
    """What a bounce says: who failed, and which of Pont's posts it returns, if it says."""

    failures: tuple[Failure, ...]
    referenced_ids: tuple[str, ...]  # Message-IDs (without <>) quoted in it, first first
    batch_tokens: tuple[tuple[int, str], ...]  # X-Pont-Batch lines quoted in it


# --- reading -------------------------------------------------------------------------------


def read_bounce(raw: bytes) -> ReadBounce:
    """The failures and the post a bounce names; nothing, never an exception, for nonsense."""
    head = raw[:MAX_READ]
    try:
        message = email.message_from_bytes(head, policy=email.policy.compat32)
        temporary, permanent = all_failures(message)
        statuses = _statuses(message)
    except Exception:  # a detector that trips on hostile bytes: no addresses, no crash
        log.warning("flufl.bounce could not read a bounce", exc_info=True)
        temporary, permanent, statuses = frozenset(), frozenset(), {}
    failures: dict[str, Failure] = {}
    for value, temporary_failure in [(a, False) for a in permanent] + [
        (a, True) for a in temporary
    ]:
        address = value.decode("ascii", "replace").strip().strip("<>")
        key = address_key(address)
        if not key or "@" not in key or key in failures:
            continue
        # Action: failed with a 4.x.x status (a mailbox still full when the sender gave up)
        # is a temporary failure that the sending server stopped retrying: soft.
        soft = temporary_failure or statuses.get(key) == "4"
        failures[key] = Failure(address, BounceKind.SOFT if soft else BounceKind.HARD)
    own_id = _own_message_id(head)
    referenced = [i for i in _referenced_ids(head) if i != own_id]
    tokens = tuple(dict.fromkeys((int(n), t.decode()) for n, t in _BATCH_LINE.findall(head)))
    return ReadBounce(tuple(failures.values()), tuple(dict.fromkeys(referenced)), tokens)


def _statuses(message: Message) -> dict[str, str]:
    """Recipient (address_key) → the class digit of its DSN Status ('4', '5')."""
    found: dict[str, str] = {}
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status" or not part.is_multipart():
            continue
        for block in part.get_payload():
            if not isinstance(block, Message):
                continue
            status = _STATUS.match(str(block.get("status", "")))
            recipient = str(block.get("final-recipient", "") or block.get("original-recipient", ""))
            address = recipient.rpartition(";")[2].strip().strip("<>")
            if status and address:
                found[address_key(address)] = status[1]
    return found


def _own_message_id(raw: bytes) -> str:
    end = raw.find(b"\n\n")
    end2 = raw.find(b"\r\n\r\n")
    ends = [e for e in (end, end2) if e >= 0]
    head = raw[: min(ends)] if ends else raw
    match = re.search(rb"(?im)^message-id[ \t]*:[ \t]*<([^<>\s]{1,500})>", head)
    return match[1].decode("utf-8", "replace") if match else ""


def _referenced_ids(raw: bytes) -> Iterator[str]:
    """Message-IDs in any Message-ID, In-Reply-To or References line, anywhere in the bounce:
    the returned headers (message/rfc822, text/rfc822-headers, or a provider's quoted text)
    and the bounce's own In-Reply-To and References, which Gmail and Exchange set."""
    for line in _MESSAGE_ID_LINE.findall(raw):
        for found in _ANGLE_ID.findall(line):
            yield found.decode("utf-8", "replace")


# --- matching and scoring ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Post:
    message_key: str
    group_id: int | None


def _find_post(db: Database, account_id: int, bounce: ReadBounce, now: datetime) -> _Post | None:
    ids = list(bounce.referenced_ids)[:50]
    if ids:
        marks = ", ".join("?" * len(ids))
        rows = db.execute(
            f"SELECT message_key, group_id FROM posts WHERE message_key IN ({marks})"
            " AND (account_id = ? OR account_id IS NULL)",
            [*ids, account_id],
        ).fetchall()
        by_key = {row[0]: _Post(row[0], row[1]) for row in rows}
        for message_id in ids:
            if message_id in by_key:
                return by_key[message_id]
    if bounce.batch_tokens:
        return _post_by_token(db, account_id, bounce.batch_tokens, now)
    return None


def _post_by_token(
    db: Database, account_id: int, tokens: Iterable[tuple[int, str]], now: datetime
) -> _Post | None:
    """A returned copy whose Message-ID was cut off still carries X-Pont-Batch: its token is
    made from the post's Message-ID, so the recent posts are tried against it."""
    from pont.core.posting.outbox.receipts import receipt_secret, receipt_token

    wanted = set(tokens)
    secret = receipt_secret(db)
    since = (now - WINDOW).isoformat(timespec="seconds")
    for key, group_id in db.execute(
        "SELECT message_key, group_id FROM posts WHERE account_id = ? AND created >= ?",
        [account_id, since],
    ).fetchall():
        if any(receipt_token(secret, key, number) == token for number, token in wanted):
            return _Post(key, group_id)
    return None


def _recipients(db: Database, message_key: str) -> set[str]:
    """The addresses (address_key) the post's batches went to; empty when none is recorded."""
    return {
        address_key(row[0])
        for row in db.execute(
            "SELECT r.email FROM batch_recipients r JOIN batches b ON b.id = r.batch_id"
            " JOIN posts p ON p.id = b.post_id WHERE p.message_key = ?",
            [message_key],
        )
    }


def handle_bounce(db: Database, message: InboundMessage, account: Account, now: datetime) -> str:
    """Score the members a bounce names, once per post; suspend those it takes to 5."""
    bounce = read_bounce(message.raw)
    if not bounce.failures:
        return UNREADABLE
    post = _find_post(db, account.id, bounce, now)
    if post is not None and post.group_id is not None:
        group_ids = [post.group_id]
    else:
        group_ids = [group.id for group in account_groups(db, account.id)]
    # Without the post, a day is what counts once, as Mailman counts: five forged reports
    # then take five days, not five minutes, to pause someone.
    post_key = post.message_key if post is not None else f"day:{now.date().isoformat()}"
    kinds = {address_key(f.address): f.kind for f in bounce.failures}
    if post is not None:
        # Only the post's own recipients: a report naming a member the post never went to
        # (forged, or about an address they changed since) counts for nobody.
        sent_to = _recipients(db, post.message_key)
        if sent_to:
            kinds = {key: kind for key, kind in kinds.items() if key in sent_to}
    if not group_ids or not kinds:
        return UNMATCHED
    keys = list(kinds)[:200]
    rows = db.execute(
        f"SELECT id, group_id, email_key, status FROM members WHERE group_id IN"
        f" ({', '.join('?' * len(group_ids))}) AND email_key IN ({', '.join('?' * len(keys))})"
        " AND status != 'left'",
        [*group_ids, *keys],
    ).fetchall()
    if not rows:
        return UNMATCHED
    for member_id, group_id, key, status in rows:
        _score(db, member_id, group_id, post_key, kinds[key], message.id, now)
        if status == MemberStatus.ACTIVE.value:
            _suspend_if_due(db, member_id, group_id, now)
    return "bounces"


def _score(
    db: Database,
    member_id: int,
    group_id: int,
    post_key: str,
    kind: BounceKind,
    inbound_id: int,
    now: datetime,
) -> None:
    score = HARD_SCORE if kind is BounceKind.HARD else SOFT_SCORE
    received = now.isoformat(timespec="seconds")
    inserted = db.conn.execute(
        "INSERT OR IGNORE INTO bounces (member_id, post_key, kind, score, received, inbound_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [member_id, post_key, kind.value, score, received, inbound_id],
    ).rowcount
    if not inserted and kind is BounceKind.HARD:
        # A delay warning, then the failure for the same post: the post counts once, as hard.
        # A row the coordinator cleared (score 0) stays cleared.
        db.conn.execute(
            "UPDATE bounces SET kind = 'hard', score = ?, received = ?, inbound_id = ?"
            " WHERE member_id = ? AND post_key = ? AND kind = 'soft' AND score > 0",
            [HARD_SCORE, received, inbound_id, member_id, post_key],
        )


def bounce_score(db: Database, member_id: int, now: datetime) -> float:
    """The member's score: their bounced posts of the last 30 days (hard 1, soft 0.5)."""
    since = (now - WINDOW).isoformat(timespec="seconds")
    row = db.execute(
        "SELECT coalesce(sum(score), 0) FROM bounces WHERE member_id = ? AND received >= ?",
        [member_id, since],
    ).fetchone()
    return float(row[0])


def _suspend_if_due(db: Database, member_id: int, group_id: int, now: datetime) -> None:
    score = bounce_score(db, member_id, now)
    if score < SUSPEND_AT:
        return
    changed = db.conn.execute(
        "UPDATE members SET status = ? WHERE id = ? AND status = ?",
        [MemberStatus.BOUNCING.value, member_id, MemberStatus.ACTIVE.value],
    ).rowcount
    if changed:
        email_address = db.execute("SELECT email FROM members WHERE id = ?", [member_id]).fetchone()
        activity.log(
            db,
            "bouncing",
            "bounces",
            f"{email_address[0]}: delivery paused, bounce score {score:g}",
            group_id=group_id,
            member_id=member_id,
        )


def reenable_member(db: Database, member_id: int, origin: str = "window") -> bool:
    """Deliver to a bouncing member again, their score cleared; False when they were not
    bouncing. The bounces stay recorded (score 0), so a late report of a post already
    counted does not count again."""
    with db.atomic():
        row = db.execute(
            "SELECT group_id, email, status FROM members WHERE id = ?", [member_id]
        ).fetchone()
        if row is None:
            return False
        group_id, email_address, status = row
        db.conn.execute("UPDATE bounces SET score = 0 WHERE member_id = ?", [member_id])
        if status != MemberStatus.BOUNCING.value:
            return False
        db.conn.execute(
            "UPDATE members SET status = ? WHERE id = ?", [MemberStatus.ACTIVE.value, member_id]
        )
        activity.log(
            db, "deliver-again", origin, email_address, group_id=group_id, member_id=member_id
        )
    return True


def clear_bounce_scores(db: Database, member_ids: Iterable[int]) -> None:
    """Clear the members' scores, before they are delivered to again (the window marks them
    active itself, undoably). The bounces stay recorded, at 0, each post counted once."""
    with db.atomic():
        db.conn.executemany(
            "UPDATE bounces SET score = 0 WHERE member_id = ?", [[i] for i in member_ids]
        )


# --- the list ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BouncingMember:
    """One member with bounces on record: what `pont bounces` and the window show."""

    member_id: int
    group_id: int
    email: str
    name: str
    status: MemberStatus
    score: float  # within the last 30 days
    bounced_posts: int  # ever, counted once each
    last_bounce: datetime
    last_kind: BounceKind


@dataclass(frozen=True, slots=True)
class UnmatchedBounce:
    """A bounce that named no member: kept so the coordinator can see it."""

    inbound_id: int
    sender: str
    subject: str
    received: datetime
    outcome: str


def bouncing_members(
    db: Database, now: datetime, group_id: int | None = None
) -> list[BouncingMember]:
    """Members with bounces on record, the suspended first, then by score."""
    since = (now - WINDOW).isoformat(timespec="seconds")
    where, params = ("WHERE m.group_id = ?", [group_id]) if group_id is not None else ("", [])
    rows = db.execute(
        "SELECT m.id, m.group_id, m.email, m.name, m.status,"
        " coalesce(sum(CASE WHEN b.received >= ? THEN b.score END), 0), count(*),"
        " max(b.received),"
        " (SELECT kind FROM bounces WHERE member_id = m.id ORDER BY received DESC, id DESC"
        "  LIMIT 1)"
        f" FROM bounces b JOIN members m ON m.id = b.member_id {where}"
        " GROUP BY m.id",
        [since, *params],
    ).fetchall()
    found = [
        BouncingMember(
            row[0],
            row[1],
            row[2],
            row[3],
            MemberStatus(row[4]),
            float(row[5]),
            row[6],
            datetime.fromisoformat(row[7]),
            BounceKind(row[8]),
        )
        for row in rows
    ]
    found.sort(key=lambda b: (b.status is not MemberStatus.BOUNCING, -b.score, b.email.casefold()))
    return found


def unmatched_bounces(db: Database, limit: int = 200) -> list[UnmatchedBounce]:
    """Recent bounces that named no member, newest first."""
    rows = db.execute(
        "SELECT id, sender_email, subject, received, outcome FROM inbound"
        " WHERE kind = 'bounce' AND outcome IN (?, ?) ORDER BY id DESC LIMIT ?",
        [UNMATCHED, UNREADABLE, limit],
    ).fetchall()
    return [
        UnmatchedBounce(row[0], row[1], row[2], datetime.fromisoformat(row[3]), row[4])
        for row in rows
    ]


def suspended_members(db: Database, group_id: int | None = None) -> list[tuple[int, str]]:
    """(member id, address) of the members whose delivery bounces paused."""
    where, params = ("AND group_id = ?", [group_id]) if group_id is not None else ("", [])
    return [
        (row[0], row[1])
        for row in db.execute(
            f"SELECT id, email FROM members WHERE status = 'bouncing' {where} ORDER BY id", params
        ).fetchall()
    ]
