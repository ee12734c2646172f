"""Sending the outbox: one run goes through the due batches over one connection, paced and
within the provider's daily allowance, each member getting exactly one copy.

How "exactly once" holds. Each batch is committed as 'sending' before its SMTP transaction
starts, stamped `data_started` (committed) between DATA's 354 and the first byte of the
message, and committed as 'sent' (with every recipient's result) right after the server's 250.
When the outbox starts again after a crash or a kill -9, a batch found 'sending' without
`data_started` cannot have reached the server and goes again. One with `data_started` (and a
batch whose connection died after its data began) has an unknown fate: Pont looks in the
coordinator's Sent folder for a copy with the post's Message-ID and that batch's
`X-Pont-Batch` number (added to the copy each batch sends, never to the stored post). Found:
the batch is recorded as sent. Not found: Pont looks again every second until SETTLE_SECONDS
(pont.core.outbox) after the data began (a server may still have been taking the message
when Pont stopped), then sends the batch again.

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

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pont.core.connections import leave_imap, leave_smtp, open_imap, open_smtp
from pont.core.errors import (
    AppPasswordRequired,
    AuthenticationFailed,
    MessageTooLarge,
    MicrosoftSignInRequired,
)
from pont.core.i18n import translate
from pont.core.outbox import (
    BatchState,
    OutboxReport,
    RefusedRecipient,
    SendProgress,
    _moment,
    _move_to_new_batch,
    cancel_post,
)
from pont.core.outbox_plan import DAY, _iso, _sentence, _when_it_fits, allowance_left
from pont.core.providers import provider_for_settings
from pont.core.sending import (
    Answer,
    Outcome,
    append_sent_copy,
    batch_copy,
    find_sent_copies,
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

# Waits after a temporary refusal (421 / 4xx), by attempt; the last repeats.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)
# After this many temporary refusals in a row a batch is marked failed (Retry failed resends).
MAX_ATTEMPTS = 12
_SIGN_IN_REFUSED = (AuthenticationFailed, AppPasswordRequired, MicrosoftSignInRequired)


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
                raise _Paused(_sentence(error)) from error
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
                raise _Paused(_sentence(error)) from error
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
                self._unsent(batch, translate("Outbox", "It had not gone: it goes again."))
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
            self._tell(
                batch,
                BatchState.SENT,
                translate("Outbox", "Found in the Sent folder: it had gone."),
            )
        else:
            self._unsent(batch, translate("Outbox", "Not in the Sent folder: it goes again."))

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
            self._wait(
                batch,
                later,
                translate("Outbox", "Waiting for the provider's daily allowance to refill."),
            )
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
                self._tell(
                    batch,
                    BatchState.SENT,
                    translate("Outbox", "Refused: {refused}.").format(refused=refused)
                    if refused
                    else "",
                )
            case Outcome.RETRY | Outcome.NOT_SENT if attempts < MAX_ATTEMPTS:
                delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
                moment = self.now() + delay
                self._hold(moment)
                self._wait(
                    batch,
                    moment,
                    (
                        translate(
                            "Outbox",
                            "The server asked Pont to try later (the server said: {answer}); "
                            "it will, after {time:%H:%M}.",
                        )
                        if answer.reason
                        else translate(
                            "Outbox",
                            "The server asked Pont to try later; it will, after {time:%H:%M}.",
                        )
                    ).format(answer=answer.reason, time=moment.astimezone()),
                )
            case Outcome.RETRY | Outcome.NOT_SENT:
                self._fail(
                    batch,
                    translate(
                        "Outbox",
                        "The server kept refusing this batch for now ({answer}); "
                        "Pont stopped trying. Use Retry to send it again.",
                    ).format(answer=answer.reason),
                )
            case Outcome.TOO_LARGE:
                from pont.core.posts import attachment_limit_bytes

                self._too_large(
                    batch, len(batch.mime), limit or attachment_limit_bytes(self.account)
                )
            case Outcome.FAILED:
                with self.db.atomic():
                    self._refuse(batch, answer.refused, answer.reason)
                self._fail(
                    batch,
                    translate("Outbox", "The server refused this batch: {answer}.").format(
                        answer=answer.reason
                    ),
                )
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
        problem = _sentence(MessageTooLarge(size, limit, self.account.smtp.host))
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
                if failed == 1:
                    problem = translate("Outbox", "1 batch could not be sent.")
                elif failed:
                    problem = translate("Outbox", "{count:,} batches could not be sent.").format(
                        count=failed
                    )
                elif refused == 1:
                    problem = translate("Outbox", "1 address refused by the server.")
                elif refused:
                    problem = translate(
                        "Outbox", "{count:,} addresses refused by the server."
                    ).format(count=refused)
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
                    translate(
                        "Outbox",
                        "Pont found no Sent folder in your mailbox, so it kept no copy there.",
                    )
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
