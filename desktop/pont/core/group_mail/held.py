"""Posts to the group address that wait for the coordinator: from someone not a member, in
a group where every post is held or only the coordinator posts, or too large to relay.

Here: holding (the relay's handler calls hold_post), listing, reading and expiry. What the
coordinator decides (approve, approve and add the sender, reject with a reply or silently) is
in held_decisions, which uses the relay: the relay uses this module, so they stay apart.

A post nobody decides expires after the group's hold_days, as the group is set now:
`expire_held` runs wherever held posts are listed or decided (list_held, held_decisions), so
what the coordinator sees is never stale and a late decision is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.messages import parse_message
from pont.core.errors import PontError
from pont.core.i18n import Sentence, from_storage, translate
from pont.core.members.groups import get_group
from pont.core.posting.outbox.plan import iso_seconds
from pont.core.sizes import human_size

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage

# Of a held post's text, the list shows this many characters; the window's preview more.
PREVIEW_CHARACTERS = 240
READING_CHARACTERS = 20_000
_SPACES = re.compile(r"\s+")
# Characters that would act rather than show (controls, bidirectional overrides); a
# stranger's subject or text is shown with each replaced by a space.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class HoldReason(StrEnum):
    NOT_A_MEMBER = "not-a-member"
    MODERATED = "moderated"  # the group holds every post
    ANNOUNCE = "announce"  # only the coordinator posts to this group
    TOO_LARGE = "too-large"  # over the provider's size limit; detail says by how much


class HeldState(StrEnum):
    HELD = "held"  # waiting for the coordinator
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"


class HeldPostNotFound(PontError):
    def __init__(self, held_id: int) -> None:
        self.held_id = held_id
        super().__init__(
            translate(
                "HeldPosts",
                "There is no held post number {number}. `pont held` lists the posts waiting.",
            ).format(number=held_id)
        )


class HeldPostDecided(PontError):
    """The post was approved, rejected or expired already: a decision is taken once."""

    def __init__(self, held_id: int, state: HeldState) -> None:
        self.held_id = held_id
        self.state = state
        match state:
            case HeldState.APPROVED:
                text = translate(
                    "HeldPosts", "Held post {number} was approved already; nothing was changed."
                )
            case HeldState.REJECTED:
                text = translate(
                    "HeldPosts", "Held post {number} was rejected already; nothing was changed."
                )
            case _:
                text = translate(
                    "HeldPosts",
                    "Held post {number} expired before it was decided; nothing was changed.",
                )
        super().__init__(text.format(number=held_id))


class NoAddressToAnswer(PontError):
    def __init__(self, held_id: int) -> None:
        self.held_id = held_id
        super().__init__(
            translate(
                "HeldPosts",
                "Held post {number} has no usable sender address, so no reply can go to it. "
                "Reject it silently instead.",
            ).format(number=held_id)
        )


@dataclass(frozen=True, slots=True)
class HeldPost:
    """A held post as the coordinator sees it in the list."""

    id: int
    group_id: int
    group_name: str
    account_id: int
    message_key: str
    sender_email: str  # '' when the message named none that could be read
    sender_name: str
    subject: str
    reason: HoldReason
    detail: str
    size: int
    held: datetime
    expires: datetime  # held + the group's hold_days, as the group is set now
    state: HeldState
    decided: datetime | None
    preview: str  # the start of its text, on one line

    @property
    def sender(self) -> str:
        if self.sender_name and self.sender_email:
            return f"{self.sender_name} <{self.sender_email}>"
        return self.sender_email or self.sender_name

    @property
    def reason_text(self) -> Sentence:
        return reason_words(self.reason, self.detail, self.sender_email, self.group_name)

    @property
    def can_relay(self) -> bool:
        """False for a post too large to relay: approving it would only be refused."""
        return self.reason is not HoldReason.TOO_LARGE

    @property
    def size_text(self) -> str:
        return human_size(self.size)


@dataclass(frozen=True, slots=True)
class HeldContent:
    """A held post's text and attachments, for reading before deciding."""

    text: str
    attachments: tuple[str, ...]  # "name (size)"
    unreadable: bool  # the message could not be read in full (broken MIME, bad charset)


def reason_words(reason: HoldReason, detail: str, sender: str, group: str) -> Sentence:
    """Why the post was held, in a plain sentence."""
    match reason:
        case HoldReason.NOT_A_MEMBER:
            return translate(
                "HeldPosts", "The sender, {sender}, is not a member of {group}."
            ).format(sender=shown(sender) or translate("HeldPosts", "(no address)"), group=group)
        case HoldReason.MODERATED:
            return translate("HeldPosts", "{group} holds every post until you approve it.").format(
                group=group
            )
        case HoldReason.ANNOUNCE:
            return translate(
                "HeldPosts", "{group} is an announcement group: only you post to it."
            ).format(group=group)
        case HoldReason.TOO_LARGE:
            said = from_storage(detail)
            if isinstance(said, Sentence):  # the relay says it whole: size and limit
                return said
            if detail:
                return translate(
                    "HeldPosts", "It is too large for your provider to pass on ({detail})."
                ).format(detail=shown(detail))
            return translate("HeldPosts", "It is too large for your provider to pass on.")


def shown(text: str) -> str:
    """A stranger's words made safe to show on one line: controls and direction overrides
    become spaces, runs of space one."""
    return _SPACES.sub(" ", _UNSHOWABLE.sub(" ", text)).strip()


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


# --- listing ---------------------------------------------------------------------------------

_SELECT = (
    "SELECT h.id, h.group_id, g.name, i.account_id, i.message_key, i.sender_email,"
    " i.sender_name, i.subject, h.reason, h.detail, i.size, h.held, g.hold_days, h.state,"
    " h.decided FROM held_posts h JOIN groups g ON g.id = h.group_id"
    " JOIN inbound i ON i.id = h.inbound_id"
)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _expiry(held: str, hold_days: int) -> datetime:
    return _moment(held) + timedelta(days=hold_days)


def _raw(db: Database, held_id: int) -> bytes:
    row = db.execute(
        "SELECT i.raw FROM held_posts h JOIN inbound i ON i.id = h.inbound_id WHERE h.id = ?",
        [held_id],
    ).fetchone()
    return bytes(row[0]) if row is not None else b""


def _preview(raw: bytes) -> str:
    parsed = parse_message(raw)
    return shown(parsed.body_text[: PREVIEW_CHARACTERS * 4])[:PREVIEW_CHARACTERS]


def _held_post(db: Database, row: tuple[object, ...], with_preview: bool) -> HeldPost:
    (id_, group_id, group_name, account_id, key, email, name, subject) = row[:8]
    reason, detail, size, held, hold_days, state, decided = row[8:]
    held_id = int(str(id_))
    return HeldPost(
        id=held_id,
        group_id=int(str(group_id)),
        group_name=str(group_name),
        account_id=int(str(account_id)),
        message_key=str(key),
        sender_email=shown(str(email)),
        sender_name=shown(str(name)),
        subject=shown(str(subject)),
        reason=HoldReason(str(reason)),
        detail=str(detail),
        size=int(str(size)),
        held=_moment(str(held)),
        expires=_expiry(str(held), int(str(hold_days))),
        state=HeldState(str(state)),
        decided=_moment(str(decided)) if decided else None,
        preview=_preview(_raw(db, held_id)) if with_preview else "",
    )


def list_held(
    db: Database,
    group_id: int | None = None,
    now: datetime | None = None,
    *,
    waiting_only: bool = True,
    with_preview: bool = True,
    origin: str = "window",
) -> list[HeldPost]:
    """The held posts of one group, or of all, oldest first: those waiting, or (waiting_only
    False) every one with what became of it. Expires those past their time first (logged as
    done from origin, where the coordinator looked)."""
    expire_held(db, now, origin)
    where, params = [], []
    if group_id is not None:
        where.append("h.group_id = ?")
        params.append(group_id)
    if waiting_only:
        where.append("h.state = 'held'")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(f"{_SELECT}{clause} ORDER BY h.held, h.id", params).fetchall()
    return [_held_post(db, row, with_preview) for row in rows]


def get_held(db: Database, held_id: int) -> HeldPost:
    row = db.execute(f"{_SELECT} WHERE h.id = ?", [held_id]).fetchone()
    if row is None:
        raise HeldPostNotFound(held_id)
    return _held_post(db, row, with_preview=True)


def waiting_count(db: Database, group_id: int | None = None, now: datetime | None = None) -> int:
    """How many held posts wait for a decision (not counting those past their expiry);
    reads only, for a badge or a status line."""
    moment = now or activity.now()
    where, params = "h.state = 'held'", []
    if group_id is not None:
        where += " AND h.group_id = ?"
        params.append(group_id)
    rows = db.execute(
        f"SELECT h.held, g.hold_days FROM held_posts h JOIN groups g ON g.id = h.group_id"
        f" WHERE {where}",
        params,
    ).fetchall()
    return sum(1 for held, days in rows if _expiry(held, days) > moment)


def read_held(db: Database, held_id: int) -> HeldContent:
    """The held post's text (read safely: broken MIME, odd charsets and huge bodies never
    stop it) and its attachments' names."""
    get_held(db, held_id)  # HeldPostNotFound for an unknown id
    parsed = parse_message(_raw(db, held_id))
    text = parsed.body_text[:READING_CHARACTERS]
    text = _UNSHOWABLE.sub(" ", text)
    attachments = tuple(
        f"{shown(item.filename)} ({human_size(item.size)})" for item in parsed.attachments
    )
    return HeldContent(text, attachments, bool(parsed.problems))


# --- expiry ----------------------------------------------------------------------------------


def expire_held(db: Database, now: datetime | None = None, origin: str = "window") -> int:
    """Mark every held post past the group's hold_days as expired, each logged; how many.
    Follows the group's hold_days as set now, so a longer setting keeps posts waiting."""
    moment = now or activity.now()
    rows = db.execute(
        "SELECT h.id, h.group_id, h.held, g.hold_days, i.sender_email FROM held_posts h"
        " JOIN groups g ON g.id = h.group_id JOIN inbound i ON i.id = h.inbound_id"
        " WHERE h.state = 'held'"
    ).fetchall()
    due = [row for row in rows if _expiry(row[2], row[3]) <= moment]
    if not due:
        return 0
    with db.atomic():
        expired = 0
        for held_id, group_id, _held, _days, sender in due:
            cursor = db.conn.execute(
                "UPDATE held_posts SET state = 'expired', decided = ? WHERE id = ? AND state = ?",
                [iso_seconds(moment), held_id, HeldState.HELD.value],
            )
            if cursor.rowcount:
                expired += 1
                activity.log(
                    db, "held-expire", origin, f"{held_id} from {sender}", group_id=group_id
                )
    return expired
