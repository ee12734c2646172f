"""The coordinator's decisions on held posts: approve (the post is relayed as a member's post
would have been), approve and add the sender as a member, reject with a polite reply in the
group's notice language, or reject silently (spam).

Each decision is taken once, in one transaction with what it does (the relay or the reply
queued in the outbox, the member added) and its line in the activity log: a second decision
on the same post, from the window or the command line, is refused with a sentence, and a
failure leaves the post waiting as it was. Nothing here touches the network; the outbox
sends what was queued.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.message_headers import Address
from pont.core.errors import PontError
from pont.core.group_mail.handling import INBOUND_COLUMNS, InboundMessage, inbound_message
from pont.core.group_mail.held import (
    HeldPost,
    HeldPostDecided,
    HeldPostNotFound,
    HeldState,
    HoldReason,
    NoAddressToAnswer,
    expire_held,
    get_held,
)
from pont.core.group_mail.notices import NoticeKind, queue_notice
from pont.core.group_mail.relay import queue_relay
from pont.core.i18n import Sentence, error_sentence, from_storage
from pont.core.mail.accounts import get_account
from pont.core.members.addresses import address_key, is_valid_address
from pont.core.members.groups import get_group
from pont.core.members.members import MemberStatus, NewMember, add_member, get_member, save_member
from pont.core.posting.outbox.plan import iso_seconds

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class HeldDecision:
    held_id: int
    state: HeldState
    post_id: int | None  # the relay or the reply queued in the outbox; None for silence
    member_id: int | None  # the member added (or made active again), when asked


def _inbound(db: Database, held_id: int) -> InboundMessage:
    row = db.execute(
        f"SELECT {INBOUND_COLUMNS} FROM held_posts h JOIN inbound i ON i.id = h.inbound_id"
        " WHERE h.id = ?",
        [held_id],
    ).fetchone()
    if row is None:
        raise HeldPostNotFound(held_id)
    return inbound_message(row)


def _decide(db: Database, held_id: int, state: HeldState, now: datetime) -> HeldPost:
    """Mark the post decided (in the caller's transaction), or refuse: unknown, or decided."""
    post = get_held(db, held_id)
    cursor = db.conn.execute(
        "UPDATE held_posts SET state = ?, decided = ? WHERE id = ? AND state = ?",
        [state.value, iso_seconds(now), held_id, HeldState.HELD.value],
    )
    if not cursor.rowcount:
        raise HeldPostDecided(held_id, post.state)
    return post


def _make_member(db: Database, post: HeldPost, origin: str) -> int:
    """The sender as an active member of the post's group: added, or made active again when
    they had left or were paused; their member id."""
    row = db.execute(
        "SELECT id FROM members WHERE group_id = ? AND email_key = ?",
        [post.group_id, address_key(post.sender_email)],
    ).fetchone()
    if row is None:
        new = NewMember(email=post.sender_email, name=post.sender_name, source="held post")
        return add_member(db, post.group_id, new, origin=origin).id
    member = get_member(db, row[0])
    if member.status is not MemberStatus.ACTIVE:
        save_member(db, dataclasses.replace(member, status=MemberStatus.ACTIVE), origin=origin)
    return member.id


def _relay(db: Database, held_id: int, post: HeldPost, now: datetime) -> int:
    try:
        return queue_relay(db, _inbound(db, held_id), get_account(db, post.account_id), now)
    except PontError as error:
        # The relay may word its refusal in the form it keeps in the profile (the size it
        # stores as a held post's detail): say the sentence itself.
        said = from_storage(error_sentence(error))
        if isinstance(said, Sentence) and said != error_sentence(error):
            raise PontError(said) from error
        raise


def approve_held(
    db: Database,
    held_id: int,
    now: datetime | None = None,
    *,
    add_as_member: bool = False,
    origin: str = "window",
) -> HeldDecision:
    """Relay the held post to the group's members as a member's post would have been, and,
    with add_as_member, make the sender an active member first (the relay leaves the author
    out, as for any member's post). All or nothing, once."""
    moment = now or activity.now()
    expire_held(db, moment, origin)
    with db.atomic():
        post = _decide(db, held_id, HeldState.APPROVED, moment)
        member_id = _make_member(db, post, origin) if add_as_member else None
        post_id = _relay(db, held_id, post, moment)
        activity.log(
            db,
            "held-approve-add-member" if add_as_member else "held-approve",
            origin,
            f"{held_id} from {post.sender_email}: {post.subject}",
            group_id=post.group_id,
            member_id=member_id,
        )
    return HeldDecision(held_id, HeldState.APPROVED, post_id, member_id)


def reject_held(
    db: Database,
    held_id: int,
    now: datetime | None = None,
    *,
    silently: bool = False,
    origin: str = "window",
) -> HeldDecision:
    """Reject the held post: with a polite reply to its sender in the group's notice
    language (through the outbox, in reply to the post), or silently (spam). Once."""
    moment = now or activity.now()
    expire_held(db, moment, origin)
    with db.atomic():
        post = _decide(db, held_id, HeldState.REJECTED, moment)
        post_id = None
        if not silently:
            if not is_valid_address(post.sender_email):
                raise NoAddressToAnswer(held_id)
            post_id = queue_notice(
                db,
                get_account(db, post.account_id),
                get_group(db, post.group_id),
                # Not a member: they may ask to join. A post held for review: they may ask why.
                NoticeKind.REJECTED
                if post.reason is HoldReason.NOT_A_MEMBER
                else NoticeKind.DECLINED,
                Address(post.sender_name, post.sender_email),
                moment,
                in_reply_to=post.message_key,
            )
        activity.log(
            db,
            "held-reject-silently" if silently else "held-reject",
            origin,
            f"{held_id} from {post.sender_email}: {post.subject}",
            group_id=post.group_id,
        )
    return HeldDecision(held_id, HeldState.REJECTED, post_id, None)
