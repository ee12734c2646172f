"""The outbox: a post is stored whole before anything is sent, then goes out batch by batch,
paced and within the provider's daily allowance, each member getting exactly one copy.

How "exactly once" holds. Each batch is committed as 'sending' before its SMTP transaction
starts, stamped `data_started` (committed) between DATA's 354 and the first byte of the
message, and committed as 'sent' (with every recipient's result) right after the server's 250.
When the outbox starts again after a crash or a kill -9, a batch found 'sending' without
`data_started` cannot have reached the server and goes again. One with `data_started` (and a
batch whose connection died after its data began) has an unknown fate: Pont looks in the
coordinator's Sent folder for a copy with the post's Message-ID and that batch's
`X-Pont-Batch` number (added to the copy each batch sends, never to the stored post). Found:
the batch is recorded as sent. Not found: Pont looks again every second until SETTLE_SECONDS
after the data began (a server may still have been taking the message when Pont stopped),
then sends the batch again.

The window that remains: a server that does not file what SMTP sends in Sent (most do not;
Gmail does), and Pont stops (killed, or the connection drops) after the end of the data was
sent but before 'sent' is committed — the server's reply to the data and one SQLite commit.
Nothing then says whether the batch went, and Pont sends it again: it errs on the side of a
duplicate, never of a member silently missing a post. A duplicate carries the same Message-ID,
which many mail programs fold into one (Gmail does), and is seen, where a missing post is not.
Providers that file sent mail, and the test server set to do so, close this window, as long
as they file every message they deliver (filing is part of taking the message, however soon
the client goes) and do so within SETTLE_SECONDS: tests/mail/test_post_send_kill.py shows it
with SIGKILL at random moments, with and without a server that files sent mail.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.connections import leave_imap, leave_smtp, open_imap, open_smtp
from pont.core.errors import (
    AppPasswordRequired,
    AuthenticationFailed,
    CopyAllTooLarge,
    MailError,
    MessageTooLarge,
    MicrosoftSignInRequired,
    PontError,
    PostNotFound,
)
from pont.core.groups import GroupMode
from pont.core.providers import provider_for_settings
from pont.core.sending import (
    Answer,
    Outcome,
    append_sent_copy,
    batch_copy,
    find_sent_copies,
    outbox_lock,
    sent_folder,
    size_limit,
    transact,
)

if TYPE_CHECKING:
    import smtplib
    import threading

    from imapclient import IMAPClient  # type: ignore[import-untyped]
    from sqlite_utils import Database

    from pont.core.accounts import Account
    from pont.core.posts import BuiltPost

DAY = timedelta(hours=24)
# Waits after a temporary refusal (421 / 4xx), by attempt; the last repeats.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)
# After this many temporary refusals in a row a batch is marked failed (Retry failed resends).
MAX_ATTEMPTS = 12
# A batch of unknown fate not in Sent yet is looked for again, every second, until this long
# after its data began: a server may still have been taking it when Pont stopped.
SETTLE_SECONDS = 15.0
_SIGN_IN_REFUSED = (AuthenticationFailed, AppPasswordRequired, MicrosoftSignInRequired)


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


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# --- limits and the plan ---------------------------------------------------------------------


def per_message_limit(db: Database, account: Account) -> int:
    """Recipients one message may carry: the account's own setting, else the provider's."""
    from pont.core.posts import recipients_limit

    row = db.execute(
        "SELECT recipients_per_message FROM accounts WHERE id = ?", [account.id]
    ).fetchone()
    return int(row[0]) if row is not None and row[0] else recipients_limit(account)


def set_recipients_per_message(db: Database, account_id: int, limit: int | None) -> None:
    """The account's per-message recipient limit; None goes back to the provider's."""
    if limit is not None and limit < 1:
        raise PontError("A message must be allowed at least one recipient.")
    with db.atomic():
        db.execute(
            "UPDATE accounts SET recipients_per_message = ? WHERE id = ?", [limit, account_id]
        )


@dataclass(frozen=True, slots=True)
class Allowance:
    """What the provider lets this account send in the rolling 24 hours; None = no limit."""

    messages: int | None
    recipients: int | None

    def fits(self, recipients: int) -> bool:
        return (self.messages is None or self.messages >= 1) and (
            self.recipients is None or self.recipients >= recipients
        )


def _daily_limits(account: Account) -> tuple[int | None, int | None]:
    provider = provider_for_settings(account)
    if provider is None:
        return None, None
    return provider.messages_per_day, provider.recipients_per_day


def _sent_in_window(db: Database, account_id: int, now: datetime) -> list[tuple[datetime, int]]:
    """(accepted, recipients) of the account's batches the server took in the last 24 hours,
    oldest first. Refused recipients count too: providers count what was attempted."""
    rows = db.execute(
        "SELECT b.accepted, (SELECT count(*) FROM batch_recipients r WHERE r.batch_id = b.id)"
        " FROM batches b JOIN posts p ON p.id = b.post_id"
        " WHERE p.account_id = ? AND b.state = 'sent' AND b.accepted > ?"
        " ORDER BY b.accepted",
        [account_id, _iso(now - DAY)],
    ).fetchall()
    return [(datetime.fromisoformat(accepted), int(count)) for accepted, count in rows]


def allowance_left(db: Database, account: Account, now: datetime | None = None) -> Allowance:
    now = now or activity.now()
    messages_per_day, recipients_per_day = _daily_limits(account)
    used = _sent_in_window(db, account.id, now)
    return Allowance(
        None if messages_per_day is None else max(0, messages_per_day - len(used)),
        None
        if recipients_per_day is None
        else max(0, recipients_per_day - sum(n for _, n in used)),
    )


def _when_it_fits(db: Database, account: Account, recipients: int, now: datetime) -> datetime:
    """The first moment the rolling 24 hours leave room for a batch of this size."""
    messages_per_day, recipients_per_day = _daily_limits(account)
    used = _sent_in_window(db, account.id, now)
    messages, people = len(used), sum(n for _, n in used)
    for accepted, count in used:
        if (messages_per_day is None or messages < messages_per_day) and (
            recipients_per_day is None or people + recipients <= recipients_per_day
        ):
            break
        messages, people = messages - 1, people - count
        now = accepted + DAY
    return now


@dataclass(frozen=True, slots=True)
class SendPlan:
    """How a post will go out, for the composer's "Who gets this" panel and the CLI."""

    recipients: int
    batches: int
    per_message: int
    allowance_left_today: int | None  # recipients still allowed in the rolling 24 h; None: no cap
    days: int  # 1 when it all goes now
    first_batch_at: datetime
    notes: tuple[str, ...]  # plain sentences to show with the plan
    batch_times: tuple[datetime, ...] = ()  # when each batch may go, in order
    problem: str = ""  # when set, the post cannot go like this (the sentence says what to do)

    def describe(self) -> str:
        people = _count(self.recipients, "recipient")
        if self.batches <= 1:
            line = f"{people} in one message"
        else:
            line = f"{people} in {self.batches} batches of up to {self.per_message}"
        if self.days > 1:
            line += f", spread over {self.days} days"
        return line + "."


def _count(number: int, noun: str) -> str:
    plural = noun + ("es" if noun.endswith(("s", "ch")) else "s")
    return f"{number:,} {noun if number == 1 else plural}"


def _batch_sizes(recipients: int, per_message: int, copy_all: bool) -> list[int]:
    if copy_all:
        return [recipients]
    full, rest = divmod(recipients, per_message)
    return [per_message] * full + ([rest] if rest else [])


def _schedule(
    db: Database, account: Account, sizes: Sequence[int], now: datetime
) -> list[datetime]:
    """When each batch may go: now while today's allowance lasts, then a day later each time
    the allowance is spent (the rolling window refills as earlier sending ages out)."""
    messages_per_day, recipients_per_day = _daily_limits(account)
    left = allowance_left(db, account, now)
    messages, people = left.messages, left.recipients
    start = now
    times = []
    for size in sizes:
        if not Allowance(messages, people).fits(size):
            # A day on, what went before has aged out of the window. (Sending checks again,
            # to the minute, before each batch.)
            start += DAY
            messages, people = messages_per_day, recipients_per_day
        times.append(start)
        messages = None if messages is None else messages - 1
        people = None if people is None else people - size
    return times


def plan_post(
    db: Database,
    account: Account,
    recipient_count: int,
    now: datetime | None = None,
    *,
    copy_all: bool = False,
) -> SendPlan:
    """How a post to this many recipients would go: batches, days, and what stops it."""
    now = now or activity.now()
    per_message = per_message_limit(db, account)
    messages_per_day, recipients_per_day = _daily_limits(account)
    if recipients_per_day is not None:
        per_message = min(per_message, recipients_per_day)
    left = allowance_left(db, account, now)
    problem = ""
    if copy_all and recipient_count > per_message:
        provider = provider_for_settings(account)
        name = provider.short_name if provider else account.smtp.host
        problem = str(CopyAllTooLarge(recipient_count, per_message, name))
    sizes = _batch_sizes(recipient_count, per_message, copy_all) if recipient_count else []
    times = _schedule(db, account, sizes, now)
    days = 1 + max((-(-(t - now) // DAY) for t in times), default=0)
    notes = []
    if recipients_per_day is not None:
        notes.append(
            f"Today's allowance: {_count(left.recipients or 0, 'recipient')} left of "
            f"{recipients_per_day:,} in 24 hours."
        )
    if messages_per_day is not None and left.messages is not None:
        notes.append(f"{_count(left.messages, 'message')} left of {messages_per_day:,} today.")
    later = [t for t in times if t > now]
    if later:
        notes.append(
            f"{_count(len(later), 'batch')} will wait for the allowance to refill; "
            f"the last goes after {later[-1].astimezone():%a %d %b %H:%M}."
        )
    return SendPlan(
        recipients=recipient_count,
        batches=len(sizes),
        per_message=per_message,
        allowance_left_today=left.recipients,
        days=days,
        first_batch_at=times[0] if times else now,
        notes=tuple(notes),
        batch_times=tuple(times),
        problem=problem,
    )


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
        raise PontError("Nobody would receive this post: the group has no active members.")
    copy_all = built.mode is GroupMode.COPY_ALL
    plan = plan_post(db, account, len(built.recipients), now, copy_all=copy_all)
    if plan.problem:
        raise CopyAllTooLarge(len(built.recipients), plan.per_message, _provider_name(account))
    try:
        with db.atomic():
            post_id = int(
                db.execute(
                    "INSERT INTO posts (group_id, account_id, message_key, subject, mime, mode,"
                    " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        built.group_id,
                        account.id,
                        built.message_key,
                        built.subject,
                        built.mime,
                        built.mode.value,
                        _iso(now),
                    ],
                ).lastrowid
                or 0
            )
            start = 0
            for number, (size, not_before) in enumerate(
                zip(
                    _batch_sizes(len(built.recipients), plan.per_message, copy_all),
                    plan.batch_times,
                    strict=True,
                ),
                start=1,
            ):
                batch_id = db.execute(
                    "INSERT INTO batches (post_id, number, not_before) VALUES (?, ?, ?)",
                    [post_id, number, _iso(not_before) if not_before > now else None],
                ).lastrowid
                db.conn.executemany(
                    "INSERT OR IGNORE INTO batch_recipients (batch_id, email, name)"
                    " VALUES (?, ?, ?)",
                    [(batch_id, a.email, a.name) for a in built.recipients[start : start + size]],
                )
                start += size
    except sqlite3.IntegrityError as error:
        raise PontError("This post is already in the outbox.") from error
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
            RecipientStatus(email, name, RecipientResult(result), reason)
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
                _moment(not_before),
                attempts,
                problem,
                _moment(started),
                _moment(accepted),
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
            problem=row[8],
            sent_copy_saved=bool(row[9]),
            created=datetime.fromisoformat(row[10]),
            finished=_moment(row[11]),
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
            _move_to_new_batch(db, post_id, refused, None)
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
            [_iso(activity.now()), post_id],
        )


def _move_to_new_batch(
    db: Database, post_id: int, rows: Sequence[tuple[int, str]], not_before: datetime | None
) -> None:
    (last,) = db.execute("SELECT max(number) FROM batches WHERE post_id = ?", [post_id]).fetchone()
    batch_id = db.execute(
        "INSERT INTO batches (post_id, number, not_before) VALUES (?, ?, ?)",
        [post_id, last + 1, _iso(not_before) if not_before else None],
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
    recovered: int = 0  # batches of unknown fate settled (found in Sent, or sent again)
    waiting: int = 0  # batches left for later (back-off, or tomorrow's allowance)
    next_attempt: datetime | None = None
    paused: str = ""  # the sentence when the server refused the password
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class _Batch:
    id: int
    post_id: int
    number: int
    attempts: int
    message_key: str
    subject: str
    mime: bytes
    recipients: list[str]


class _Paused(Exception):
    """The server refused the password: every post of the account waits for the coordinator."""


class _Run:
    """One run of send_queued: the connections, the clock and the report."""

    def __init__(
        self,
        db: Database,
        account: Account,
        password: str,
        progress: Callable[[SendProgress], None],
        now: Callable[[], datetime],
        sleep: Callable[[float], None],
        settle: float,
    ) -> None:
        self.db = db
        self.account = account
        self.password = password
        self.progress = progress
        self.now = now
        self.sleep = sleep
        self.settle = settle
        self.report = OutboxReport()
        self._smtp: smtplib.SMTP | None = None
        self._imap: IMAPClient | None = None
        self._sent_folder: str | None = None
        provider = provider_for_settings(account)
        per_minute = provider.messages_per_minute if provider else None
        self.gap = 60.0 / per_minute if per_minute else 0.0
        self._last_start: float | None = None
        self.current_post: int | None = None

    # connections

    def smtp(self) -> smtplib.SMTP:
        if self._smtp is None:
            try:
                self._smtp = open_smtp(self.account, self.password)
            except _SIGN_IN_REFUSED as error:
                raise _Paused(str(error)) from error
        return self._smtp

    def drop_smtp(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def imap(self) -> tuple[IMAPClient, str | None]:
        if self._imap is None:
            try:
                self._imap = open_imap(self.account, self.password)
            except _SIGN_IN_REFUSED as error:
                raise _Paused(str(error)) from error
            self._sent_folder = sent_folder(self._imap)
        return self._imap, self._sent_folder

    def close(self) -> None:
        if self._smtp is not None:
            leave_smtp(self._smtp)
            self._smtp = None
        if self._imap is not None:
            leave_imap(self._imap)
            self._imap = None

    # the outbox's rows

    def _batch(self, batch_id: int) -> _Batch:
        row = self.db.execute(
            "SELECT b.id, b.post_id, b.number, b.attempts, p.message_key, p.subject, p.mime"
            " FROM batches b JOIN posts p ON p.id = b.post_id WHERE b.id = ?",
            [batch_id],
        ).fetchone()
        recipients = [
            email
            for (email,) in self.db.execute(
                "SELECT email FROM batch_recipients WHERE batch_id = ? AND result = 'pending'"
                " ORDER BY rowid",
                [batch_id],
            )
        ]
        batch_id, post_id, number, attempts, message_key, subject, mime = row
        return _Batch(batch_id, post_id, number, attempts, message_key, subject, mime, recipients)

    def next_due(self) -> int | None:
        row = self.db.execute(
            "SELECT b.id FROM batches b JOIN posts p ON p.id = b.post_id"
            " WHERE p.account_id = ? AND p.state IN ('queued', 'sending') AND b.state = 'waiting'"
            " AND (b.not_before IS NULL OR b.not_before <= ?)"
            " ORDER BY p.id, b.number LIMIT 1",
            [self.account.id, _iso(self.now())],
        ).fetchone()
        return int(row[0]) if row else None

    def next_waiting(self) -> datetime | None:
        (moment,) = self.db.execute(
            "SELECT min(b.not_before) FROM batches b JOIN posts p ON p.id = b.post_id"
            " WHERE p.account_id = ? AND p.state IN ('queued', 'sending')"
            " AND b.state = 'waiting'",
            [self.account.id],
        ).fetchone()
        return _moment(moment)

    def _tell(self, batch: _Batch, state: BatchState, detail: str = "") -> None:
        total, done, count = self.db.execute(
            "SELECT (SELECT count(*) FROM batches WHERE post_id = :p),"
            " (SELECT count(*) FROM batch_recipients r JOIN batches b ON b.id = r.batch_id"
            "  WHERE b.post_id = :p AND b.state = 'sent'),"
            " (SELECT count(*) FROM batch_recipients r JOIN batches b ON b.id = r.batch_id"
            "  WHERE b.post_id = :p)",
            {"p": batch.post_id},
        ).fetchone()
        self.progress(
            SendProgress(
                batch.post_id, batch.subject, batch.number, total, state, done, count, detail
            )
        )

    # recovery

    def recover(self) -> None:
        """Settle every batch left 'sending' by a run that did not finish."""
        for batch_id, data_started in self.db.execute(
            "SELECT b.id, b.data_started FROM batches b JOIN posts p ON p.id = b.post_id"
            " WHERE p.account_id = ? AND b.state = 'sending' ORDER BY b.id",
            [self.account.id],
        ).fetchall():
            batch = self._batch(batch_id)
            if data_started is None:  # stopped before the message began to go
                self.report.recovered += 1
                self._unsent(batch, "It had not gone: it goes again.")
            else:
                self.settle_unknown(batch, datetime.fromisoformat(data_started))

    def _in_sent(self, batch: _Batch) -> bool:
        client, folder = self.imap()
        if folder is None:
            return False
        return batch.number in find_sent_copies(client, folder, batch.message_key).batches

    def settle_unknown(self, batch: _Batch, data_started: datetime) -> None:
        self.report.recovered += 1
        found = self._in_sent(batch)
        while not found and self.now() < data_started + timedelta(seconds=self.settle):
            self.sleep(1.0)
            found = self._in_sent(batch)
        if found:
            # The Sent copy says the server took the message, not which recipients it took.
            self._record_accepted(batch, Answer(Outcome.ACCEPTED), "")
            self._tell(batch, BatchState.SENT, "Found in the Sent folder: it had gone.")
        else:
            self._unsent(batch, "Not in the Sent folder: it goes again.")

    def _unsent(self, batch: _Batch, detail: str) -> None:
        with self.db.atomic():
            # A batch of a post cancelled meanwhile stays unsent.
            self.db.execute(
                "UPDATE batches SET not_before = NULL, state = CASE WHEN (SELECT state FROM"
                " posts WHERE id = ?) = 'cancelled' THEN 'cancelled' ELSE 'waiting' END"
                " WHERE id = ?",
                [batch.post_id, batch.id],
            )
        self._tell(batch, BatchState.WAITING, detail)

    # one batch

    def _pace(self) -> None:
        if self._last_start is not None and self.gap:
            wait = self._last_start + self.gap - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last_start = time.monotonic()

    def send(self, batch_id: int) -> None:
        batch = self._batch(batch_id)
        self.current_post = batch.post_id
        now = self.now()
        if not batch.recipients:  # every recipient moved to a later batch
            self._finish_batch(batch, BatchState.SENT, "")
            return
        if not allowance_left(self.db, self.account, now).fits(len(batch.recipients)):
            later = _when_it_fits(self.db, self.account, len(batch.recipients), now)
            if later <= now:  # larger than a whole day's allowance: it cannot go sooner
                later = now + DAY
            self._wait(batch, later, "Waiting for the provider's daily allowance to refill.")
            return
        smtp = self.smtp()
        limit = size_limit(smtp)
        data = batch_copy(batch.mime, batch.number)
        if limit is not None and len(data) > limit:
            self._too_large(batch, len(data), limit)
            return
        self._pace()
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = 'sending', attempts = attempts + 1, started = ?,"
                " data_started = NULL WHERE id = ?",
                [_iso(now), batch.id],
            )
            self.db.execute("UPDATE posts SET state = 'sending' WHERE id = ?", [batch.post_id])
        self._tell(batch, BatchState.SENDING)
        data_started: list[datetime] = []

        def record_data_start() -> None:
            data_started.append(self.now())
            with self.db.atomic():
                self.db.execute(
                    "UPDATE batches SET data_started = ? WHERE id = ?",
                    [_iso(data_started[-1]), batch.id],
                )

        answer = transact(smtp, self.account.email, batch.recipients, data, record_data_start)
        if answer.outcome is Outcome.NOT_SENT:
            # Often only an idle connection the server had closed: once more on a new one.
            self.drop_smtp()
            try:
                answer = transact(
                    self.smtp(), self.account.email, batch.recipients, data, record_data_start
                )
            except BaseException:
                self._wait(batch, now, "")  # nothing went: it waits for the next run
                raise
        if not answer.connection_usable:
            self.drop_smtp()
        self._record(batch, answer, limit, data_started[-1] if data_started else now)

    def _record(
        self, batch: _Batch, answer: Answer, limit: int | None, data_started: datetime
    ) -> None:
        attempts = batch.attempts + 1
        match answer.outcome:
            case Outcome.ACCEPTED:
                self._record_accepted(batch, answer, "")
                refused = ", ".join(f"{e} ({r})" for e, r in answer.refused.items())
                self._tell(batch, BatchState.SENT, f"Refused: {refused}." if refused else "")
            case Outcome.RETRY | Outcome.NOT_SENT if attempts < MAX_ATTEMPTS:
                delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
                moment = self.now() + delay
                said = f" (the server said: {answer.reason})" if answer.reason else ""
                self._hold(moment)
                self._wait(
                    batch,
                    moment,
                    f"The server asked Pont to try later{said}; it will, after "
                    f"{moment.astimezone():%H:%M}.",
                )
            case Outcome.RETRY | Outcome.NOT_SENT:
                self._fail(
                    batch,
                    f"The server kept refusing this batch for now ({answer.reason}); "
                    "Pont stopped trying. Use Retry to send it again.",
                )
            case Outcome.TOO_LARGE:
                from pont.core.posts import attachment_limit_bytes

                self._too_large(
                    batch, len(batch.mime), limit or attachment_limit_bytes(self.account)
                )
            case Outcome.FAILED:
                with self.db.atomic():
                    self._refuse(batch, answer.refused, answer.reason)
                self._fail(batch, f"The server refused this batch: {answer.reason}.")
            case Outcome.UNKNOWN:
                self.settle_unknown(batch, data_started)

    def _refuse(self, batch: _Batch, refused: dict[str, str], reason: str) -> None:
        self.db.conn.executemany(
            "UPDATE batch_recipients SET result = 'refused', reason = ?"
            " WHERE batch_id = ? AND email = ?",
            [(refused.get(email, reason), batch.id, email) for email in batch.recipients],
        )
        for email in batch.recipients:
            self.report.refused.append(
                RefusedRecipient(batch.post_id, email, refused.get(email, reason))
            )

    def _record_accepted(self, batch: _Batch, answer: Answer, problem: str) -> None:
        now = self.now()
        taken = [
            e for e in batch.recipients if e not in answer.refused and e not in answer.deferred
        ]
        with self.db.atomic():
            if answer.deferred:
                later = now + RETRY_DELAYS[0]
                _move_to_new_batch(
                    self.db, batch.post_id, [(batch.id, e) for e in answer.deferred], later
                )
            self.db.conn.executemany(
                "UPDATE batch_recipients SET result = 'accepted' WHERE batch_id = ? AND email = ?",
                [(batch.id, email) for email in taken],
            )
            refused = [e for e in batch.recipients if e in answer.refused]
            if refused:
                self._refuse(replace(batch, recipients=refused), answer.refused, "")
            self.db.execute(
                "UPDATE batches SET state = 'sent', accepted = ?, problem = ? WHERE id = ?",
                [_iso(now), problem, batch.id],
            )
        self.report.batches_sent += 1
        self.report.recipients_accepted += len(taken)

    def _hold(self, moment: datetime) -> None:
        """A server that asks for patience gets it: none of the account's batches goes before
        `moment` (kept in the outbox, so a run started sooner waits too)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET not_before = ? WHERE state = 'waiting'"
                " AND (not_before IS NULL OR not_before < ?) AND post_id IN"
                " (SELECT id FROM posts WHERE account_id = ? AND state IN ('queued', 'sending'))",
                [_iso(moment), _iso(moment), self.account.id],
            )

    def _wait(self, batch: _Batch, moment: datetime, problem: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = 'waiting', not_before = ?, problem = ? WHERE id = ?",
                [_iso(moment), problem, batch.id],
            )
        self._tell(batch, BatchState.WAITING, problem)

    def _fail(self, batch: _Batch, problem: str) -> None:
        self._finish_batch(batch, BatchState.FAILED, problem)
        self.report.batches_failed += 1

    def _finish_batch(self, batch: _Batch, state: BatchState, problem: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = ?, problem = ? WHERE id = ?",
                [state.value, problem, batch.id],
            )
        self._tell(batch, state, problem)

    def _too_large(self, batch: _Batch, size: int, limit: int) -> None:
        problem = str(MessageTooLarge(size, limit, self.account.smtp.host))
        # Every batch carries the same message: none of the post's others can go either.
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = 'failed', problem = ?"
                " WHERE post_id = ? AND state = 'waiting'",
                [problem, batch.post_id],
            )
            self.db.execute(
                "UPDATE batches SET state = 'failed', problem = ? WHERE id = ?",
                [problem, batch.id],
            )
        self.report.batches_failed += 1
        self.report.problems.append(problem)
        self._tell(batch, BatchState.FAILED, problem)

    # posts

    def finish_posts(self) -> None:
        """Posts whose batches are all done: their state, and one copy in the Sent folder."""
        rows = self.db.execute(
            "SELECT p.id, p.state, p.sent_copy_saved, p.message_key, p.mime,"
            " sum(b.state IN ('waiting', 'sending')), sum(b.state = 'sent'),"
            " sum(b.state = 'failed'),"
            " (SELECT count(*) FROM batch_recipients r JOIN batches b2 ON b2.id = r.batch_id"
            "  WHERE b2.post_id = p.id AND r.result = 'refused')"
            " FROM posts p JOIN batches b ON b.post_id = p.id WHERE p.account_id = ?"
            " GROUP BY p.id HAVING sum(b.state IN ('waiting', 'sending')) = 0"
            " AND (p.state IN ('queued', 'sending') OR (p.sent_copy_saved = 0"
            " AND sum(b.state = 'sent') > 0))",
            [self.account.id],
        ).fetchall()
        for post_id, state, saved, key, mime, _, sent, failed, refused in rows:
            if state in ("queued", "sending"):
                state = "failed" if failed else "sent"
                problem = ""
                if failed:
                    problem = f"{_count(failed, 'batch')} could not be sent."
                elif refused:
                    problem = f"{_count(refused, 'address')} refused by the server."
                with self.db.atomic():
                    self.db.execute(
                        "UPDATE posts SET state = ?, problem = ?, finished = ? WHERE id = ?",
                        [state, problem, _iso(self.now()), post_id],
                    )
            if sent and not saved:
                self._save_sent_copy(post_id, key, mime)

    def _save_sent_copy(self, post_id: int, message_key: str, mime: bytes) -> None:
        provider = provider_for_settings(self.account)
        if provider is None or not provider.saves_sent_mail:
            client, folder = self.imap()
            if folder is None:
                self.report.problems.append(
                    "Pont found no Sent folder in your mailbox, so it kept no copy there."
                )
            # A copy already there (the server filed it, or a run that stopped before
            # recording its append) is not added twice.
            elif not find_sent_copies(client, folder, message_key).any_copy:
                append_sent_copy(client, folder, mime)
        with self.db.atomic():
            self.db.execute("UPDATE posts SET sent_copy_saved = 1 WHERE id = ?", [post_id])

    def pause(self, problem: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE posts SET state = 'paused', problem = ? WHERE account_id = ?"
                " AND state IN ('queued', 'sending')",
                [problem, self.account.id],
            )
        self.report.paused = problem

    def cancel_current(self) -> None:
        """Cancel the post being sent (the one Cancel was pressed for); others stay queued."""
        if self.current_post is not None:
            cancel_post(self.db, self.current_post)
        self.report.cancelled = True


def send_queued(
    db: Database,
    account: Account,
    password: str,
    progress: Callable[[SendProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    now_fn: Callable[[], datetime] = activity.now,
    sleep: Callable[[float], None] = time.sleep,
    patience: float = 0.0,
    settle: float = SETTLE_SECONDS,
) -> OutboxReport:
    """Send what the account's outbox holds that is due, batch by batch, over one connection.

    First settles batches a previous run left 'sending' (see the module docstring), looking
    in Sent for up to `settle` seconds after their data began. Posts
    paused by a refused password are taken up again. Waits (with `sleep`) for pacing, and for
    retries due within `patience` seconds; later ones stay queued for the next run (see the
    report's next_attempt). `cancel` stops after the batch being sent: the rest is cancelled.
    A refused password pauses the account's posts (report.paused says why); an unreachable
    server leaves them queued (report.problems). Raises OutboxBusy when another process is
    sending this profile's outbox."""
    with outbox_lock(db):
        with db.atomic():
            db.execute(
                "UPDATE posts SET state = 'queued', problem = '' WHERE account_id = ?"
                " AND state = 'paused'",
                [account.id],
            )
        run = _Run(db, account, password, progress or (lambda _: None), now_fn, sleep, settle)
        try:
            _send_all(run, cancel, patience)
        except _Paused as paused:
            run.pause(str(paused))
        except MailError as error:
            run.report.problems.append(str(error))
        finally:
            run.close()
        report = run.report
        report.next_attempt = run.next_waiting()
        (report.waiting,) = db.execute(
            "SELECT count(*) FROM batches b JOIN posts p ON p.id = b.post_id"
            " WHERE p.account_id = ? AND b.state IN ('waiting', 'sending')"
            " AND p.state IN ('queued', 'sending', 'paused')",
            [account.id],
        ).fetchone()
        return report


def _send_all(run: _Run, cancel: threading.Event | None, patience: float) -> None:
    run.recover()
    while not (cancel is not None and cancel.is_set()):
        batch_id = run.next_due()
        if batch_id is None:
            run.finish_posts()
            upcoming = run.next_waiting()
            if upcoming is None:
                return
            wait = (upcoming - run.now()).total_seconds()
            if wait > patience:
                return
            if cancel is None:
                run.sleep(max(wait, 0.0))
            else:
                cancel.wait(max(wait, 0.0))
            continue
        run.send(batch_id)
    run.cancel_current()
    run.finish_posts()
