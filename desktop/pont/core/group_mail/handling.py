"""Handling what sync set aside, each message once: the row is marked done in the same
transaction as what handling it did (a relay queued in the outbox, a post held, a bounce
scored, a request filed), so a crash, a kill -9 or a second sync can neither lose one nor
handle one twice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.inbound import InboundKind

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One row of `inbound`: a message sync set aside, whole."""

    id: int
    account_id: int
    message_key: str
    kind: InboundKind
    group_id: int | None
    sender_email: str
    sender_name: str
    subject: str
    received: datetime
    size: int
    raw: bytes


@dataclass
class GroupMailReport:
    """What one round of handling did, for `pont sync`'s report and the status bar."""

    relayed: int = 0  # members' posts queued to the group
    held: int = 0  # posts waiting for the coordinator
    requests: int = 0  # join and leave requests filed (or, for leave, carried out)
    bounces: int = 0  # bounces recognised and scored
    confirmed: int = 0  # confirmations answered
    ignored: int = 0  # auto-replies, Pont's own copies, mail the group address sent itself

    def add(self, outcome: str) -> None:
        counted = {field.name for field in fields(self)}
        name = outcome if outcome in counted else "ignored"
        setattr(self, name, getattr(self, name) + 1)

    @property
    def total(self) -> int:
        return sum(getattr(self, field.name) for field in fields(self))


# A handler does its work through db without committing (the caller's transaction does) and
# says what it did in one of GroupMailReport's field names.
Handler = Callable[["Database", InboundMessage, "Account", datetime], str]


def _handlers() -> dict[InboundKind, Handler]:
    from pont.core.group_mail.bounces import handle_bounce
    from pont.core.group_mail.relay import handle_group_address
    from pont.core.group_mail.requests import handle_confirmation, handle_request

    return {
        InboundKind.GROUP_ADDRESS: handle_group_address,
        InboundKind.BOUNCE: handle_bounce,
        InboundKind.REQUEST: handle_request,
        InboundKind.CONFIRMATION: handle_confirmation,
    }


def _waiting(db: Database, account_id: int) -> list[InboundMessage]:
    rows = db.execute(
        "SELECT id, account_id, message_key, kind, group_id, sender_email, sender_name,"
        " subject, received, size, raw FROM inbound WHERE state = 'new' AND account_id = ?"
        " ORDER BY id",
        [account_id],
    ).fetchall()
    return [
        InboundMessage(
            id=row[0],
            account_id=row[1],
            message_key=row[2],
            kind=InboundKind(row[3]),
            group_id=row[4],
            sender_email=row[5],
            sender_name=row[6],
            subject=row[7],
            received=datetime.fromisoformat(row[8]),
            size=row[9],
            raw=bytes(row[10]),
        )
        for row in rows
    ]


def handle_new_mail(db: Database, account: Account, now: datetime | None = None) -> GroupMailReport:
    """Handle every message sync set aside for the account, oldest first, each once."""
    moment = now or activity.now()
    report = GroupMailReport()
    handlers = _handlers()
    for message in _waiting(db, account.id):
        try:
            with db.atomic():
                outcome = handlers[message.kind](db, message, account, moment)
                db.conn.execute(
                    "UPDATE inbound SET state = 'done', outcome = ? WHERE id = ? AND state = 'new'",
                    [outcome, message.id],
                )
        except Exception:
            # A message no handler can take (a bug, or something nobody foresaw) must not
            # stop the rest, nor be tried at every sync: it is marked and logged.
            log.exception("Could not handle message %d set aside by sync", message.id)
            db.execute(
                "UPDATE inbound SET state = 'done', outcome = 'error' WHERE id = ?", [message.id]
            )
            continue
        report.add(outcome)
    _expire(db, moment)
    return report


def _expire(db: Database, now: datetime) -> None:
    """Held posts and unanswered confirmations past their time expire at each round too, not
    only when someone looks: a late answer then adds nobody, and the counts stay true."""
    from pont.core.group_mail.held import expire_held
    from pont.core.group_mail.requests import expire_requests

    with db.atomic():
        expire_requests(db, now)
        expire_held(db, now, origin="sync")
