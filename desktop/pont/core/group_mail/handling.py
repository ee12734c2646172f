"""Handling what sync set aside, each message once: the row is marked done in the same
transaction as what handling it did (a relay queued in the outbox, a post held, a bounce
scored, a request filed), so a crash, a kill -9 or a second sync can neither lose one nor
handle one twice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

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


# The inbound columns an InboundMessage is read from, in its fields' order: "i." names them
# where a query joins another table.
INBOUND_COLUMNS = (
    "i.id, i.account_id, i.message_key, i.kind, i.group_id, i.sender_email, i.sender_name,"
    " i.subject, i.received, i.size, i.raw"
)


def inbound_message(row: tuple[Any, ...]) -> InboundMessage:
    """The message of a row selected with INBOUND_COLUMNS."""
    id_, account_id, key, kind, group_id, email, name, subject, received, size, raw = row
    return InboundMessage(
        id=id_,
        account_id=account_id,
        message_key=key,
        kind=InboundKind(kind),
        group_id=group_id,
        sender_email=email,
        sender_name=name,
        subject=subject,
        received=datetime.fromisoformat(received),
        size=size,
        raw=bytes(raw),
    )


def _waiting(db: Database, account_id: int) -> list[InboundMessage]:
    rows = db.execute(
        f"SELECT {INBOUND_COLUMNS} FROM inbound i WHERE i.state = 'new' AND i.account_id = ?"
        " ORDER BY i.id",
        [account_id],
    ).fetchall()
    return [inbound_message(row) for row in rows]


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
