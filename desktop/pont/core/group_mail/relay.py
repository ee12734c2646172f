"""A message to a group's address: relayed to the other active members through the outbox,
held for the coordinator, or (an auto-reply, a bounce, Pont's own copy) left alone.

Relaying is exactly once per Message-ID: the relay is a post whose message_key is the
author's Message-ID (posts.message_key is UNIQUE), queued in the same transaction as the
inbound row is marked done (handling.py), and the outbox sends each member one copy whatever
stops Pont. No network here: the outbox sends later.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pont.core.archive.filing import is_stored, store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.threads import rebuild_threads
from pont.core.errors import PontError, PostHeadersUnsafe
from pont.core.group_mail.automatic import never_relay
from pont.core.group_mail.held import HoldReason, hold_post
from pont.core.group_mail.relay_message import build_relay
from pont.core.i18n import for_storage, translate
from pont.core.members.addresses import address_key
from pont.core.members.groups import (
    Group,
    GroupMode,
    PostingPolicy,
    account_groups,
    get_group,
    group_address,
)
from pont.core.members.members import Member, MemberStatus, list_members
from pont.core.posting.outbox.outbox import queue_post
from pont.core.posting.posts import attachment_limit_bytes
from pont.core.sizes import human_size

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage
    from pont.core.mail.accounts import Account

# Outcomes (handling.GroupMailReport's field names, or an outcome counted as ignored).
RELAYED = "relayed"
HELD = "held"
NO_GROUP = "no-group"  # the group was deleted
# The group is not in group-address mode (members write to everyone, so a relay would give
# them a second copy); the message to its address is the coordinator's test of that address,
# or mail that came after the group went back to copying everyone in.
NOT_GROUP_ADDRESS = "not-group-address"
NOBODY = "nobody"  # no other active member to relay to
UNSAFE = "unsafe"  # the relay could not be written safely


class RelayTooLarge(PontError):
    """The message is over what the coordinator's provider sends in one message."""


class NobodyToRelayTo(PontError):
    """Every active member is the author, the coordinator or was written to directly."""


def _members(db: Database, group_id: int) -> list[Member]:
    return sorted(list_members(db, group_id), key=lambda m: (m.name or m.email).casefold())


def _account_group_addresses(db: Database, account: Account) -> list[str]:
    return [group_address(account.email, group) for group in account_groups(db, account.id)]


def too_large_detail(size: int, limit: int) -> str:
    return for_storage(
        translate(
            "Relay",
            "The message is {size}, more than the {limit} your provider takes in one message.",
        ).format(size=human_size(size), limit=human_size(limit))
    )


def _file_original(db: Database, message: InboundMessage, group: Group) -> None:
    """The author's own message in the archive, so the conversation shows them, not "via"."""
    if is_stored(db, message.message_key):
        db.conn.execute(
            "INSERT OR IGNORE INTO message_groups (message_id, group_id, reason)"
            " SELECT id, ?, 'posted' FROM messages WHERE message_key = ?",
            [group.id, message.message_key],
        )
        return
    row = db.execute("SELECT folder_id, uid FROM inbound WHERE id = ?", [message.id]).fetchone()
    location = (row[0], row[1]) if row and row[0] is not None and row[1] is not None else None
    store_message(db, parse_message(message.raw), message.raw, {group.id: "posted"}, location)
    # Sync threaded what it stored before this was handled: the new message joins its thread
    # now, for the window's conversations and `pont threads` alike.
    rebuild_threads(db, [group.id])


def queue_relay(db: Database, message: InboundMessage, account: Account, now: datetime) -> int:
    """Queue the member's post for every other active member (in the caller's transaction);
    the outbox post's id. Also files the author's message in the archive.

    Raises RelayTooLarge, NobodyToRelayTo, or PontError when it is in the outbox already."""
    if message.group_id is None:
        raise PontError(translate("Relay", "This message was not written to a group."))
    group = get_group(db, message.group_id)
    limit = attachment_limit_bytes(account)
    if message.size > limit or len(message.raw) > limit:
        raise RelayTooLarge(too_large_detail(max(message.size, len(message.raw)), limit))
    built = build_relay(group, _members(db, group.id), account, message.raw, now)
    if not built.recipients:
        raise NobodyToRelayTo(
            translate(
                "Relay", "{group} has no other active member to pass the message on to."
            ).format(group=group.name)
        )
    with db.atomic():
        post_id = queue_post(db, built, account, now)
        _file_original(db, message, group)
    return post_id


def _already_posted(db: Database, message_key: str) -> bool:
    return (
        db.execute("SELECT 1 FROM posts WHERE message_key = ?", [message_key]).fetchone()
        is not None
    )


def _hold_reason(
    group: Group, members: list[Member], author: str, coordinator: str
) -> HoldReason | None:
    """Why the group's posting policy holds this author's post; None when it may go."""
    key = address_key(author) if author else ""
    if key and key == address_key(coordinator):
        return None  # the coordinator runs the group: their post goes in every policy
    if group.posting is PostingPolicy.ANNOUNCE:
        return HoldReason.ANNOUNCE
    member = next((m for m in members if key and address_key(m.email) == key), None)
    if member is None or member.status is not MemberStatus.ACTIVE:
        return HoldReason.NOT_A_MEMBER
    if group.posting is PostingPolicy.MODERATED:
        return HoldReason.MODERATED
    return None


def handle_group_address(
    db: Database, message: InboundMessage, account: Account, now: datetime
) -> str:
    """Relay, hold or leave alone one message to a group's address; what was done."""
    if message.group_id is None:
        return NO_GROUP
    try:
        group = get_group(db, message.group_id)
    except PontError:
        return NO_GROUP
    if group.mode is not GroupMode.GROUP_ADDRESS:
        return NOT_GROUP_ADDRESS
    unrelayed = never_relay(message.raw, _account_group_addresses(db, account))
    if unrelayed is not None:
        return unrelayed.value
    if _already_posted(db, message.message_key):
        return "own-copy"  # Pont's own post or relay, come back; or relayed already
    reason = _hold_reason(group, _members(db, group.id), message.sender_email, account.email)
    if reason is not None:
        hold_post(db, message, reason, "", now)
        return HELD
    limit = attachment_limit_bytes(account)
    size = max(message.size, len(message.raw))
    if size > limit:
        hold_post(db, message, HoldReason.TOO_LARGE, too_large_detail(size, limit), now)
        return HELD
    try:
        queue_relay(db, message, account, now)
    except NobodyToRelayTo:
        return NOBODY
    except PostHeadersUnsafe:
        return UNSAFE
    except PontError:  # in the outbox already: a message without a Message-ID seen again
        return "own-copy"
    return RELAYED
