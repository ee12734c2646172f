"""Posts to the group address that wait for the coordinator: from someone not a member, in
a group where every post is held or only the coordinator posts, or too large to relay."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core.members.groups import get_group
from pont.core.posting.outbox.plan import iso_seconds

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage


class HoldReason(StrEnum):
    NOT_A_MEMBER = "not-a-member"
    MODERATED = "moderated"  # the group holds every post
    ANNOUNCE = "announce"  # only the coordinator posts to this group
    TOO_LARGE = "too-large"  # over the provider's size limit; detail says by how much


def hold_post(
    db: Database, message: InboundMessage, reason: HoldReason, detail: str, now: datetime
) -> int:
    """Hold the message for the coordinator (in the caller's transaction); the held post's id.
    It expires after the group's hold_days."""
    if message.group_id is None:
        raise ValueError("only a message to a group's address can be held")
    group = get_group(db, message.group_id)
    cursor = db.conn.execute(
        "INSERT INTO held_posts (inbound_id, group_id, reason, detail, held, expires)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            message.id,
            group.id,
            reason.value,
            detail,
            iso_seconds(now),
            iso_seconds(now + timedelta(days=group.hold_days)),
        ],
    )
    return int(cursor.lastrowid or 0)
