"""Join and leave requests by email, and the answers to confirmations (issue 14).

A request is filed for the group it names: the group address it came to, else the group
whose name follows the word ("Leave Wellbeing Network"), else the account's only group.
One request waits per person, group and kind: asking again files nothing new.

Leave: carried out at once when the group says so (auto_leave), with a goodbye; otherwise it
waits for one click. Join: the coordinator approves, then Pont asks the person to confirm
(double opt-in, like Mailman's): their answer, quoting the token and from the same address,
makes them a member, records their consent to the visible roster, and sends the welcome.

Handlers work in handling's transaction; approve_request and reject_request, for the window
and the command line, open their own.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.message_headers import Address
from pont.core.archive.request_words import Request, parse_request, token_in
from pont.core.errors import PontError
from pont.core.group_mail.automatic import is_automatic
from pont.core.group_mail.consent import (
    ConsentHow,
    answer_consent_request,
    consent_wording,
    record_consent,
)
from pont.core.group_mail.notices import NoticeKind, queue_notice
from pont.core.i18n import translate
from pont.core.mail.accounts import group_account
from pont.core.members.addresses import address_key, checked_address
from pont.core.members.groups import Group, account_groups, get_group
from pont.core.members.members import Member, MemberStatus, NewMember, add_member, get_member
from pont.core.posting.outbox.plan import iso_seconds

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.handling import InboundMessage
    from pont.core.mail.accounts import Account


class RequestKind(StrEnum):
    JOIN = "join"
    LEAVE = "leave"


class RequestState(StrEnum):
    OPEN = "open"  # waiting for the coordinator
    CONFIRMING = "confirming"  # approved; waiting for the person's own confirmation
    DONE = "done"
    REJECTED = "rejected"
    EXPIRED = "expired"


WAITING = (RequestState.OPEN, RequestState.CONFIRMING)
# An approved join not confirmed within this many days expires (Mailman keeps them 3 days;
# a member of a small group may read mail once a week or two).
CONFIRM_DAYS = 14


@dataclass(frozen=True, slots=True)
class MemberRequest:
    id: int
    group_id: int
    group_name: str
    kind: RequestKind
    email: str
    name: str
    received: datetime
    state: RequestState
    decided: datetime | None


class RequestNotFound(PontError):
    def __init__(self, request_id: int) -> None:
        super().__init__(
            translate("Requests", "There is no request number {number}.").format(number=request_id)
        )


class RequestDecided(PontError):
    def __init__(self, request_id: int) -> None:
        super().__init__(
            translate(
                "Requests", "Request {number} has been decided already; nothing was changed."
            ).format(number=request_id)
        )


_SELECT = (
    "SELECT requests.id, group_id, groups.name, kind, email, requests.name, received, state,"
    " decided FROM requests JOIN groups ON groups.id = requests.group_id"
)


def _request(row: tuple[object, ...]) -> MemberRequest:
    request_id, group_id, group_name, kind, email, name, received, state, decided = row
    return MemberRequest(
        int(str(request_id)),
        int(str(group_id)),
        str(group_name),
        RequestKind(str(kind)),
        str(email),
        str(name),
        datetime.fromisoformat(str(received)),
        RequestState(str(state)),
        datetime.fromisoformat(str(decided)) if decided else None,
    )


def list_requests(
    db: Database, group_id: int | None = None, *, waiting_only: bool = True
) -> list[MemberRequest]:
    """Requests, oldest first: those still waiting (for the coordinator or a confirmation),
    or all of them."""
    where, params = [], []
    if group_id is not None:
        where.append("group_id = ?")
        params.append(group_id)
    if waiting_only:
        where.append("state IN ('open', 'confirming')")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(f"{_SELECT}{clause} ORDER BY received, requests.id", params).fetchall()
    return [_request(row) for row in rows]


def get_request(db: Database, request_id: int) -> MemberRequest:
    row = db.execute(f"{_SELECT} WHERE requests.id = ?", [request_id]).fetchone()
    if row is None:
        raise RequestNotFound(request_id)
    return _request(row)


def expire_requests(db: Database, now: datetime) -> int:
    """Approved joins whose confirmation went unanswered for CONFIRM_DAYS expire: their
    token no longer works. How many expired (in the caller's transaction, if any)."""
    cutoff = iso_seconds(now - timedelta(days=CONFIRM_DAYS))
    cursor = db.conn.execute(
        "UPDATE requests SET state = 'expired' WHERE state = 'confirming' AND decided < ?",
        [cutoff],
    )
    return cursor.rowcount


def waiting_count(db: Database) -> int:
    """Requests waiting for the coordinator (not those waiting for a confirmation)."""
    return int(db.execute("SELECT count(*) FROM requests WHERE state = 'open'").fetchone()[0])


# ---- reading a request ----

# Words around a group's name in a request: "Leave me from the Wellbeing Network list".
_FILLER = frozenset(
    [
        "me",
        "please",
        "from",
        "to",
        "the",
        "list",
        "group",
        "mailing",
        "of",
        "o",
        "i",
        "â",
        "ag",
        "y",
        "yr",
        "fi",
        "plîs",
        "plis",
        "grŵp",
        "rhestr",
    ]
)


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s\[\]:,.!\"“”]+", text.casefold()) if word]


def _named_group(rest: str, groups: list[Group]) -> Group | None | bool:
    """The group the words after the request name; None when they name none; True when
    they are only filler ("me", "please"), naming no group but not a sentence either."""
    words = [word for word in _words(rest) if word not in _FILLER]
    if not words:
        return True
    said = " ".join(words)
    for group in groups:
        names = {" ".join(w for w in _words(group.name) if w not in _FILLER), group.tag.casefold()}
        if said in names:
            return group
    return None


def _member(db: Database, group_id: int, email: str) -> Member | None:
    row = db.execute(
        "SELECT id FROM members WHERE group_id = ? AND email_key = ?",
        [group_id, address_key(email)],
    ).fetchone()
    return get_member(db, row[0]) if row else None


def _in_group(db: Database, group_id: int, email: str) -> bool:
    member = _member(db, group_id, email)
    return member is not None and member.status is not MemberStatus.LEFT


def _waiting_request(db: Database, group_id: int, email: str, kind: RequestKind) -> int | None:
    row = db.execute(
        "SELECT id FROM requests WHERE group_id = ? AND email_key = ? AND kind = ?"
        " AND state IN ('open', 'confirming')",
        [group_id, address_key(email), kind.value],
    ).fetchone()
    return row[0] if row else None


def _file(
    db: Database,
    group: Group,
    kind: RequestKind,
    sender: Address,
    message: InboundMessage,
    now: datetime,
    state: RequestState = RequestState.OPEN,
) -> int:
    cursor = db.conn.execute(
        "INSERT INTO requests (group_id, kind, email, email_key, name, inbound_id, received,"
        " state, decided) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            group.id,
            kind.value,
            sender.email,
            address_key(sender.email),
            sender.name,
            message.id,
            iso_seconds(message.received),
            state.value,
            iso_seconds(now) if state is RequestState.DONE else None,
        ],
    )
    return int(cursor.lastrowid or 0)


def _leave(db: Database, group: Group, member: Member, account: Account, now: datetime) -> None:
    """Make the member one who has left, and say goodbye (in the caller's transaction)."""
    db.conn.execute("UPDATE members SET status = 'left' WHERE id = ?", [member.id])
    activity.log(db, "leave", "email", member.email, group.id, member.id)
    queue_notice(db, account, group, NoticeKind.GOODBYE, Address(member.name, member.email), now)


def _redirect(db: Database, message: InboundMessage, account: Account, now: datetime) -> str:
    """A subject that only looked like a request: to the group's address, it is a post."""
    if message.group_id is None:
        return "not-a-request"
    from pont.core.group_mail.relay import handle_group_address

    return handle_group_address(db, message, account, now)


def handle_request(db: Database, message: InboundMessage, account: Account, now: datetime) -> str:
    """File the join or leave request the message makes; its outcome in a word."""
    request: Request | None = parse_request(message.subject)
    if request is None:
        return _redirect(db, message, account, now)
    try:
        email = checked_address(message.sender_email)
    except PontError:
        return "no-sender"
    if address_key(email) == address_key(account.email):
        return "own-message"
    if is_automatic(message.raw):
        return "auto-reply"
    groups = account_groups(db, account.id)
    named = _named_group(request.rest, groups)
    if named is None:
        # "Leave request for Friday": not a request after all.
        return _redirect(db, message, account, now)
    if message.group_id is not None:
        group = get_group(db, message.group_id)
    elif not isinstance(named, bool):
        group = named
    elif len(groups) == 1:
        group = groups[0]
    else:
        # Several groups and none named: a leave can only mean the one they are in.
        belongs = [g for g in groups if _in_group(db, g.id, email)]
        if request.kind != "leave" or len(belongs) != 1:
            return "unknown-group"
        group = belongs[0]
    kind = RequestKind(request.kind)
    sender = Address(" ".join(message.sender_name.split())[:200], email)
    member = _member(db, group.id, email)
    if _waiting_request(db, group.id, email, kind) is not None:
        return "already-asked"
    if kind is RequestKind.LEAVE:
        if member is None or member.status is MemberStatus.LEFT:
            return "not-a-member"
        if group.auto_leave:
            _leave(db, group, member, account, now)
            _file(db, group, kind, sender, message, now, RequestState.DONE)
            return "requests"
        _file(db, group, kind, sender, message, now)
        return "requests"
    if member is not None and member.status is not MemberStatus.LEFT:
        return "already-a-member"
    _file(db, group, kind, sender, message, now)
    return "requests"


# ---- the coordinator's decision ----


def _open(db: Database, request_id: int, states: tuple[RequestState, ...]) -> MemberRequest:
    request = get_request(db, request_id)
    if request.state not in states:
        raise RequestDecided(request_id)
    return request


def _decide(
    db: Database, request_id: int, state: RequestState, now: datetime, token: str | None = None
) -> None:
    """Move the request on; token, when given, is the one a confirmation must quote."""
    db.conn.execute(
        "UPDATE requests SET state = ?, decided = ?, token = coalesce(?, token) WHERE id = ?",
        [state.value, iso_seconds(now), token, request_id],
    )


def approve_request(
    db: Database, request_id: int, now: datetime | None = None, origin: str = "window"
) -> MemberRequest:
    """Carry out a leave request (goodbye sent), or approve a join: Pont asks the person to
    confirm, and they become a member when they do. RequestDecided when decided already."""
    moment = now or activity.now()
    with db.atomic():
        request = _open(db, request_id, (RequestState.OPEN,))
        group = get_group(db, request.group_id)
        account = group_account(db, group)
        member = _member(db, group.id, request.email)
        to = Address(request.name, request.email)
        if request.kind is RequestKind.LEAVE:
            if member is not None and member.status is not MemberStatus.LEFT:
                _leave(db, group, member, account, moment)
            _decide(db, request_id, RequestState.DONE, moment)
            action = "approve-leave"
        elif member is not None and member.status is not MemberStatus.LEFT:
            _decide(db, request_id, RequestState.DONE, moment)  # a member already, meanwhile
            action = "approve-join"
        else:
            token = secrets.token_hex(16)
            queue_notice(db, account, group, NoticeKind.CONFIRM_JOIN, to, moment, token=token)
            _decide(db, request_id, RequestState.CONFIRMING, moment, token)
            action = "approve-join"
        activity.log(db, action, origin, request.email, group.id, member.id if member else None)
    return get_request(db, request_id)


def reject_request(
    db: Database, request_id: int, now: datetime | None = None, origin: str = "window"
) -> MemberRequest:
    """Turn a request down, silently (a join waiting for its confirmation too: the
    confirmation no longer works)."""
    moment = now or activity.now()
    with db.atomic():
        request = _open(db, request_id, WAITING)
        _decide(db, request_id, RequestState.REJECTED, moment)
        activity.log(db, f"reject-{request.kind.value}", origin, request.email, request.group_id)
    return get_request(db, request_id)


# ---- the person's confirmation ----


def _join(
    db: Database, request_id: int, message: InboundMessage, account: Account, now: datetime
) -> str:
    request = get_request(db, request_id)
    group = get_group(db, request.group_id)
    member = _member(db, group.id, request.email)
    if member is None:
        member = add_member(
            db,
            group.id,
            NewMember(email=request.email, name=request.name, source="email", joined=now.date()),
            origin="email",
        )
    elif member.status is not MemberStatus.ACTIVE:
        db.conn.execute("UPDATE members SET status = 'active' WHERE id = ?", [member.id])
        activity.log(db, "rejoin", "email", member.email, group.id, member.id)
    wording = consent_wording(db, group, account, NoticeKind.CONFIRM_JOIN)
    record_consent(
        db, member, ConsentHow.JOINED, now, message_key=message.message_key, wording=wording
    )
    _decide(db, request_id, RequestState.DONE, now)
    queue_notice(
        db,
        group_account(db, group),
        group,
        NoticeKind.WELCOME,
        Address(member.name, member.email),
        now,
    )
    return "confirmed"


def handle_confirmation(
    db: Database, message: InboundMessage, account: Account, now: datetime
) -> str:
    """The answer to a join confirmation or a consent request, quoting its token."""
    token = token_in(message.subject)
    if not token:
        return _redirect(db, message, account, now) if message.group_id else "no-token"
    # Out-of-offices answer confirmations too ("Automatic reply: Confirm …"): never consent.
    if is_automatic(message.raw):
        return "auto-reply"
    row = db.execute(
        "SELECT id, email_key, state FROM requests WHERE token = ?", [token]
    ).fetchone()
    if row is not None:
        if address_key(message.sender_email) != row[1]:
            return "wrong-sender"
        if row[2] == RequestState.DONE.value:
            return "already-confirmed"
        if row[2] != RequestState.CONFIRMING.value:
            return "request-closed"  # rejected, or expired, since the confirmation went
        if expire_requests(db, now):
            still = db.execute("SELECT state FROM requests WHERE id = ?", [row[0]]).fetchone()
            if still[0] != RequestState.CONFIRMING.value:
                return "request-closed"
        return _join(db, row[0], message, account, now)
    answered = answer_consent_request(db, token, message.sender_email, message.message_key, now)
    if answered is None and message.group_id is not None:
        # A post that only looked like an answer ("Confirm 20ab… order"): to the group.
        return _redirect(db, message, account, now)
    return answered or "unknown-token"
