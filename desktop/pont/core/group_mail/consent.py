"""Each member's agreement to a roster every member can see (issue 14): given by answering a
join confirmation, by answering a consent request Pont sent, or told to the coordinator some
other way and recorded by them with a note. Kept with its date, the message that said so and
the wording agreed to; the latest one is what the members table shows."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.message_headers import Address
from pont.core.group_mail.notices import NoticeKind, notice_text, queue_notice
from pont.core.mail.accounts import Account, group_account
from pont.core.members.addresses import address_key
from pont.core.members.groups import Group, get_group
from pont.core.members.members import Member, MemberStatus, get_member
from pont.core.posting.outbox.plan import iso_seconds

if TYPE_CHECKING:
    from sqlite_utils import Database


class ConsentHow(StrEnum):
    JOINED = "joined"  # answered the confirmation a join asks for
    ANSWERED = "answered"  # answered a consent request
    RECORDED = "recorded"  # told the coordinator another way; the note says how


@dataclass(frozen=True, slots=True)
class Consent:
    member_id: int
    given: datetime
    how: ConsentHow
    message_key: str  # the answer's Message-ID; '' when recorded by the coordinator
    wording: str  # what they agreed to
    note: str  # the coordinator's note, for consent recorded by hand


@dataclass(frozen=True, slots=True)
class AskReport:
    asked: int  # consent requests queued in the outbox
    already_given: int  # members who had consented already: not asked again
    not_active: int  # paused, left or bouncing members: not asked


def consent_wording(db: Database, group: Group, account: Account, kind: NoticeKind) -> str:
    """The words a confirmation or consent request puts to the person (without their name)."""
    body = notice_text(group, account.email.strip(), kind, Address("", "")).body
    for greeting in ("Hello ,\n\n", "Helo ,\n\n"):
        body = body.replace(greeting, "")
    return body


def _consent(row: tuple[object, ...]) -> Consent:
    member_id, given, how, message_key, wording, note = row
    return Consent(
        int(str(member_id)),
        datetime.fromisoformat(str(given)),
        ConsentHow(str(how)),
        str(message_key),
        str(wording),
        str(note),
    )


_SELECT = "SELECT member_id, given, how, message_key, wording, note FROM consents"


def consent_for(db: Database, group_id: int) -> dict[int, Consent]:
    """Each member of the group who has consented → their latest consent."""
    rows = db.execute(
        f"{_SELECT} WHERE member_id IN (SELECT id FROM members WHERE group_id = ?)"
        " ORDER BY given, id",
        [group_id],
    ).fetchall()
    return {consent.member_id: consent for consent in map(_consent, rows)}


def member_consents(db: Database, member_id: int) -> list[Consent]:
    rows = db.execute(f"{_SELECT} WHERE member_id = ? ORDER BY given, id", [member_id])
    return [_consent(row) for row in rows]


def consent_asked(db: Database, group_id: int) -> dict[int, datetime]:
    """Each member asked for consent who has not answered → when they were last asked."""
    rows = db.execute(
        "SELECT member_id, max(asked) FROM consent_asks WHERE answered = ''"
        " AND member_id IN (SELECT id FROM members WHERE group_id = ?) GROUP BY member_id",
        [group_id],
    ).fetchall()
    return {member_id: datetime.fromisoformat(asked) for member_id, asked in rows}


def record_consent(
    db: Database,
    member: Member,
    how: ConsentHow,
    given: datetime,
    *,
    message_key: str = "",
    wording: str = "",
    note: str = "",
    origin: str = "email",
) -> None:
    """Keep one consent (in the caller's transaction)."""
    db.conn.execute(
        "INSERT INTO consents (member_id, given, how, message_key, wording, note)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [member.id, iso_seconds(given), how.value, message_key, wording, note],
    )
    db.conn.execute(
        "UPDATE consent_asks SET answered = ? WHERE member_id = ? AND answered = ''",
        [iso_seconds(given), member.id],
    )
    activity.log(db, "consent", origin, f"{how.value}: {member.email}", member.group_id, member.id)


def record_given_consent(
    db: Database, member_id: int, note: str, given: datetime, origin: str = "window"
) -> Consent:
    """The coordinator records consent the member gave another way (on paper, by phone),
    with a note saying how."""
    member = get_member(db, member_id)
    group = get_group(db, member.group_id)
    wording = consent_wording(db, group, group_account(db, group), NoticeKind.CONSENT_REQUEST)
    with db.atomic():
        record_consent(
            db,
            member,
            ConsentHow.RECORDED,
            given,
            wording=wording,
            note=" ".join(note.split())[:500],
            origin=origin,
        )
    return member_consents(db, member_id)[-1]


def ask_for_consent(
    db: Database, member_ids: Iterable[int], now: datetime, origin: str = "window"
) -> AskReport:
    """Send each active member without a consent a request for it (through the outbox),
    in one transaction. Members who consented already are not asked again."""
    asked = already = inactive = 0
    members = [get_member(db, member_id) for member_id in dict.fromkeys(member_ids)]
    with db.atomic():
        for member in members:
            if member.status is not MemberStatus.ACTIVE:
                inactive += 1
                continue
            if member_consents(db, member.id):
                already += 1
                continue
            group = get_group(db, member.group_id)
            token = secrets.token_hex(16)
            queue_notice(
                db,
                group_account(db, group),
                group,
                NoticeKind.CONSENT_REQUEST,
                Address(member.name, member.email),
                now,
                token=token,
            )
            db.conn.execute(
                "INSERT INTO consent_asks (member_id, token, asked) VALUES (?, ?, ?)",
                [member.id, token, iso_seconds(now)],
            )
            activity.log(db, "ask-consent", origin, member.email, member.group_id, member.id)
            asked += 1
    return AskReport(asked, already, inactive)


def answer_consent_request(
    db: Database, token: str, sender: str, message_key: str, now: datetime
) -> str | None:
    """The outcome of an answer quoting a consent request's token; None when the token is
    not one. Works in the caller's transaction."""
    row = db.execute(
        "SELECT member_id, answered FROM consent_asks WHERE token = ?", [token]
    ).fetchone()
    if row is None:
        return None
    member = get_member(db, row[0])
    if address_key(sender) != address_key(member.email):
        return "wrong-sender"
    if row[1]:
        return "already-confirmed"
    group = get_group(db, member.group_id)
    wording = consent_wording(db, group, group_account(db, group), NoticeKind.CONSENT_REQUEST)
    record_consent(db, member, ConsentHow.ANSWERED, now, message_key=message_key, wording=wording)
    return "confirmed"
