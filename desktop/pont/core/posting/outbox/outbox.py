"""The outbox: a post is stored whole before anything is sent, then goes out batch by batch
(outbox.run), paced and within the provider's daily allowance (outbox.plan), each member
getting exactly one copy: how that holds is told at the top of outbox/run.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.columns import moment_from_iso
from pont.core.errors import CopyAllTooLarge, PontError, PostNotFound
from pont.core.i18n import from_storage, translate
from pont.core.mail.providers import provider_for_settings
from pont.core.members.groups import GroupMode
from pont.core.posting.outbox.plan import batch_sizes, iso_seconds, plan_post

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.posting.posts import BuiltPost

# A batch of unknown fate whose receipt has not come is looked for again, every second, until
# this long after the server can last have received it: servers answer at once and deliver a
# few seconds later, to the coordinator's INBOX as to anyone (the top of outbox/run.py).
SETTLE_SECONDS = 30.0


class PostState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    PAUSED = "paused"  # the server refused the password: waits for the coordinator
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class BatchState(StrEnum):
    WAITING = "waiting"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class RecipientResult(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"


# --- queueing --------------------------------------------------------------------------------


def queue_post(
    db: Database,
    built: BuiltPost,
    account: Account,
    now: datetime | None = None,
) -> int:
    """Store the post, its batches and every recipient in one transaction; nothing is sent.

    Raises CopyAllTooLarge (before storing anything) when a copy-everyone-in post has more
    recipients than one message may carry."""
    now = now or activity.now()
    if not built.recipients:
        raise PontError(
            translate("Outbox", "Nobody would receive this post: the group has no active members.")
        )
    copy_all = built.mode is GroupMode.COPY_ALL
    plan = plan_post(db, account, len(built.recipients), now, copy_all=copy_all)
    if plan.problem:
        raise CopyAllTooLarge(len(built.recipients), plan.per_message, _provider_name(account))
    try:
        with db.atomic():
            post_id = int(
                db.execute(
                    "INSERT INTO posts (group_id, account_id, message_key, subject, mime, mode,"
                    " created, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        built.group_id,
                        account.id,
                        built.message_key,
                        built.subject,
                        built.mime,
                        built.mode.value,
                        iso_seconds(now),
                        built.kind.value,
                    ],
                ).lastrowid
                or 0
            )
            start = 0
            for number, (size, not_before) in enumerate(
                zip(
                    batch_sizes(len(built.recipients), plan.per_message, copy_all),
                    plan.batch_times,
                    strict=True,
                ),
                start=1,
            ):
                batch_id = db.execute(
                    "INSERT INTO batches (post_id, number, not_before) VALUES (?, ?, ?)",
                    [post_id, number, iso_seconds(not_before) if not_before > now else None],
                ).lastrowid
                db.conn.executemany(
                    "INSERT OR IGNORE INTO batch_recipients (batch_id, email, name)"
                    " VALUES (?, ?, ?)",
                    [(batch_id, a.email, a.name) for a in built.recipients[start : start + size]],
                )
                start += size
    except sqlite3.IntegrityError as error:
        raise PontError(translate("Outbox", "This post is already in the outbox.")) from error
    return post_id


def _provider_name(account: Account) -> str:
    provider = provider_for_settings(account)
    return provider.short_name if provider else account.smtp.host


# --- what the outbox holds -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecipientStatus:
    email: str
    name: str
    result: RecipientResult
    reason: str  # the server's words when refused


@dataclass(frozen=True, slots=True)
class BatchStatus:
    number: int
    state: BatchState
    not_before: datetime | None
    attempts: int
    problem: str
    started: datetime | None
    accepted: datetime | None
    recipients: tuple[RecipientStatus, ...]


@dataclass(frozen=True, slots=True)
class PostStatus:
    id: int
    group_id: int | None
    group_name: str
    account_email: str
    message_key: str
    subject: str
    mode: str
    state: PostState
    problem: str
    sent_copy_saved: bool
    created: datetime
    finished: datetime | None
    batches: tuple[BatchStatus, ...]

    @property
    def recipients(self) -> int:
        return sum(len(batch.recipients) for batch in self.batches)

    def with_result(self, result: RecipientResult) -> list[RecipientStatus]:
        return [r for b in self.batches for r in b.recipients if r.result is result]

    @property
    def next_attempt(self) -> datetime | None:
        waiting = [
            b.not_before for b in self.batches if b.state is BatchState.WAITING and b.not_before
        ]
        return min(waiting, default=None)

    @property
    def complete(self) -> bool:
        """Every batch sent and nobody refused."""
        return all(b.state is BatchState.SENT for b in self.batches) and not self.with_result(
            RecipientResult.REFUSED
        )


def outbox_status(
    db: Database, post_ids: Sequence[int] | None = None, account_id: int | None = None
) -> list[PostStatus]:
    """The outbox's posts, oldest first, with their batches and every recipient's result."""
    where, params = [], []
    if post_ids is not None:
        where.append(f"p.id IN ({', '.join('?' * len(post_ids))})")
        params += list(post_ids)
    if account_id is not None:
        where.append("p.account_id = ?")
        params.append(account_id)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    posts = db.execute(
        "SELECT p.id, p.group_id, coalesce(g.name, ''), coalesce(a.email, ''), p.message_key,"
        " p.subject, p.mode, p.state, p.problem, p.sent_copy_saved, p.created, p.finished"
        " FROM posts p LEFT JOIN groups g ON g.id = p.group_id"
        f" LEFT JOIN accounts a ON a.id = p.account_id{clause} ORDER BY p.id",
        params,
    ).fetchall()
    if not posts:
        return []
    ids = [row[0] for row in posts]
    marks = ", ".join("?" * len(ids))
    recipients: dict[int, list[RecipientStatus]] = {}
    for batch_id, email, name, result, reason in db.execute(
        "SELECT r.batch_id, r.email, r.name, r.result, r.reason FROM batch_recipients r"
        f" JOIN batches b ON b.id = r.batch_id WHERE b.post_id IN ({marks}) ORDER BY r.rowid",
        ids,
    ):
        recipients.setdefault(batch_id, []).append(
            RecipientStatus(email, name, RecipientResult(result), from_storage(reason))
        )
    batches: dict[int, list[BatchStatus]] = {}
    for row in db.execute(
        "SELECT id, post_id, number, state, not_before, attempts, problem, started, accepted"
        f" FROM batches WHERE post_id IN ({marks}) ORDER BY post_id, number",
        ids,
    ):
        batch_id, post_id, number, state, not_before, attempts, problem, started, accepted = row
        batches.setdefault(post_id, []).append(
            BatchStatus(
                number,
                BatchState(state),
                moment_from_iso(not_before),
                attempts,
                from_storage(problem),
                moment_from_iso(started),
                moment_from_iso(accepted),
                tuple(recipients.get(batch_id, ())),
            )
        )
    return [
        PostStatus(
            id=row[0],
            group_id=row[1],
            group_name=row[2],
            account_email=row[3],
            message_key=row[4],
            subject=row[5],
            mode=row[6],
            state=PostState(row[7]),
            problem=from_storage(row[8]),
            sent_copy_saved=bool(row[9]),
            created=datetime.fromisoformat(row[10]),
            finished=moment_from_iso(row[11]),
            batches=tuple(batches.get(row[0], ())),
        )
        for row in posts
    ]


def post_status(db: Database, post_id: int) -> PostStatus:
    found = outbox_status(db, [post_id])
    if not found:
        raise PostNotFound(post_id)
    return found[0]


def retry_failed(db: Database, post_id: int) -> int:
    """Put the post's failed batches, and its refused recipients, back in the queue; returns
    how many recipients will be tried again."""
    post_status(db, post_id)
    with db.atomic():
        again = db.execute(
            "UPDATE batch_recipients SET result = 'pending', reason = ''"
            " WHERE batch_id IN (SELECT id FROM batches WHERE post_id = ? AND state = 'failed')",
            [post_id],
        ).rowcount
        db.execute(
            "UPDATE batches SET state = 'waiting', attempts = 0, not_before = NULL, problem = ''"
            " WHERE post_id = ? AND state = 'failed'",
            [post_id],
        )
        refused = [
            (batch_id, email)
            for batch_id, email in db.execute(
                "SELECT r.batch_id, r.email FROM batch_recipients r JOIN batches b"
                " ON b.id = r.batch_id WHERE b.post_id = ? AND b.state = 'sent'"
                " AND r.result = 'refused'",
                [post_id],
            )
        ]
        if refused:
            move_to_new_batch(db, post_id, refused, None)
        if again or refused:
            db.execute(
                "UPDATE posts SET state = 'queued', problem = '', finished = NULL WHERE id = ?",
                [post_id],
            )
    return again + len(refused)


def cancel_post(db: Database, post_id: int) -> None:
    """Stop a post: batches not sent yet will not go. (A batch being sent finishes first.)"""
    post_status(db, post_id)
    with db.atomic():
        db.execute(
            "UPDATE batches SET state = 'cancelled' WHERE post_id = ? AND state = 'waiting'",
            [post_id],
        )
        db.execute(
            "UPDATE posts SET state = 'cancelled', finished = ? WHERE id = ?"
            " AND state NOT IN ('sent', 'failed')",
            [iso_seconds(activity.now()), post_id],
        )


def move_to_new_batch(
    db: Database, post_id: int, rows: Sequence[tuple[int, str]], not_before: datetime | None
) -> None:
    """Give these (batch id, address) recipients a new batch of their own, after the post's
    last, that waits until not_before (None: at once)."""
    (last,) = db.execute("SELECT max(number) FROM batches WHERE post_id = ?", [post_id]).fetchone()
    batch_id = db.execute(
        "INSERT INTO batches (post_id, number, not_before) VALUES (?, ?, ?)",
        [post_id, last + 1, iso_seconds(not_before) if not_before else None],
    ).lastrowid
    db.conn.executemany(
        "UPDATE batch_recipients SET batch_id = ?, result = 'pending', reason = ''"
        " WHERE batch_id = ? AND email = ?",
        [(batch_id, old, email) for old, email in rows],
    )


# --- sending ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SendProgress:
    """One step of sending, for a progress bar and a status line."""

    post_id: int
    subject: str
    batch: int  # the batch's number, from 1
    batches: int  # batches the post has
    state: BatchState  # what just happened to the batch
    recipients_done: int  # the post's recipients in batches sent so far
    recipients: int
    detail: str = ""  # a plain sentence: refused recipients, when it will try again, ...


@dataclass(frozen=True, slots=True)
class RefusedRecipient:
    post_id: int
    email: str
    reason: str


@dataclass
class OutboxReport:
    """What one run of the outbox did, and what is left."""

    batches_sent: int = 0
    recipients_accepted: int = 0
    refused: list[RefusedRecipient] = field(default_factory=list)
    batches_failed: int = 0
    recovered: int = 0  # batches of unknown fate settled (by their receipt, or sent again)
    waiting: int = 0  # batches left for later (back-off, or tomorrow's allowance)
    next_attempt: datetime | None = None
    paused: str = ""  # the sentence when the server refused the password
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False
