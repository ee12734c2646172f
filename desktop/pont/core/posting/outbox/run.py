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
(outbox.SETTLE_SECONDS) after the data began (a server may still have been taking the message
when Pont stopped), then sends the batch again.

The window that remains: a server that does not file what SMTP sends in Sent (most do not;
Gmail does), and Pont stops (killed, or the connection drops) after the end of the data was
sent but before 'sent' is committed — the server's reply to the data and one SQLite commit.
Nothing then says whether the batch went, and Pont sends it again: it errs on the side of a
duplicate, never of a member silently missing a post. A duplicate carries the same Message-ID,
which many mail programs fold into one (Gmail does), and is seen, where a missing post is not.
Providers that file sent mail, and the test server set to do so, close this window, as long
as they file every message they deliver (filing is part of taking the message, however soon
the client goes) and do so within SETTLE_SECONDS: test_post_send_kill.py (in
tests/core/posting/outbox/) shows it with SIGKILL at random moments, with and without a
server that files sent mail.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.columns import moment_from_iso
from pont.core.errors import MailError
from pont.core.i18n import error_sentence, for_storage, translate
from pont.core.mail.providers import provider_for_settings
from pont.core.posting.outbox.batches import BatchRecords, BatchToSend
from pont.core.posting.outbox.connections import RunConnections, SendingPaused
from pont.core.posting.outbox.finish import finish_done_posts
from pont.core.posting.outbox.outbox import (
    SETTLE_SECONDS,
    BatchState,
    OutboxReport,
    SendProgress,
    cancel_post,
    move_to_new_batch,
)
from pont.core.posting.outbox.plan import DAY, allowance_left, iso_seconds, when_it_fits
from pont.core.posting.outbox.sending import (
    Answer,
    Outcome,
    batch_copy,
    find_sent_copies,
    outbox_lock,
    size_limit,
    transact,
)

if TYPE_CHECKING:
    import threading

    from sqlite_utils import Database

    from pont.core.mail.accounts import Account

# Waits after a temporary refusal (421 / 4xx), by attempt; the last repeats.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)
# After this many temporary refusals in a row a batch is marked failed (Retry failed resends).
MAX_ATTEMPTS = 12


class SendingRun:
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
        self.now = now
        self.sleep = sleep
        self.settle = settle
        self.report = OutboxReport()
        self.connections = RunConnections(account, password)
        self.batches = BatchRecords(db, account, progress, self.report)
        provider = provider_for_settings(account)
        per_minute = provider.messages_per_minute if provider else None
        self.gap = 60.0 / per_minute if per_minute else 0.0
        self._last_start: float | None = None
        self.current_post: int | None = None

    def close(self) -> None:
        self.connections.close()

    # which batch next

    def next_due(self) -> int | None:
        row = self.db.execute(
            "SELECT b.id FROM batches b JOIN posts p ON p.id = b.post_id"
            " WHERE p.account_id = ? AND p.state IN ('queued', 'sending') AND b.state = 'waiting'"
            " AND (b.not_before IS NULL OR b.not_before <= ?)"
            " ORDER BY p.id, b.number LIMIT 1",
            [self.account.id, iso_seconds(self.now())],
        ).fetchone()
        return int(row[0]) if row else None

    def next_waiting(self) -> datetime | None:
        (moment,) = self.db.execute(
            "SELECT min(b.not_before) FROM batches b JOIN posts p ON p.id = b.post_id"
            " WHERE p.account_id = ? AND p.state IN ('queued', 'sending')"
            " AND b.state = 'waiting'",
            [self.account.id],
        ).fetchone()
        return moment_from_iso(moment)

    # recovery

    def recover(self) -> None:
        """Settle every batch left 'sending' by a run that did not finish."""
        for batch_id, data_started in self.db.execute(
            "SELECT b.id, b.data_started FROM batches b JOIN posts p ON p.id = b.post_id"
            " WHERE p.account_id = ? AND b.state = 'sending' ORDER BY b.id",
            [self.account.id],
        ).fetchall():
            batch = self.batches.load(batch_id)
            if data_started is None:  # stopped before the message began to go
                self.report.recovered += 1
                self.batches.unsent(batch, translate("Outbox", "It had not gone: it goes again."))
            else:
                self.settle_unknown(batch, datetime.fromisoformat(data_started))

    def _in_sent(self, batch: BatchToSend) -> bool:
        client, folder = self.connections.imap()
        if folder is None:
            return False
        return batch.number in find_sent_copies(client, folder, batch.message_key).batches

    def settle_unknown(self, batch: BatchToSend, data_started: datetime) -> None:
        self.report.recovered += 1
        found = self._in_sent(batch)
        while not found and self.now() < data_started + timedelta(seconds=self.settle):
            self.sleep(1.0)
            found = self._in_sent(batch)
        if found:
            # The Sent copy says the server took the message, not which recipients it took.
            self._record_accepted(batch, Answer(Outcome.ACCEPTED), "")
            self.batches.tell(
                batch,
                BatchState.SENT,
                translate("Outbox", "Found in the Sent folder: it had gone."),
            )
        else:
            self.batches.unsent(
                batch, translate("Outbox", "Not in the Sent folder: it goes again.")
            )

    # one batch

    def _pace(self) -> None:
        if self._last_start is not None and self.gap:
            wait = self._last_start + self.gap - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last_start = time.monotonic()

    def send(self, batch_id: int) -> None:
        batch = self.batches.load(batch_id)
        self.current_post = batch.post_id
        now = self.now()
        if not batch.recipients:  # every recipient moved to a later batch
            self.batches.finish(batch, BatchState.SENT, "")
            return
        if not allowance_left(self.db, self.account, now).fits(len(batch.recipients)):
            later = when_it_fits(self.db, self.account, len(batch.recipients), now)
            if later <= now:  # larger than a whole day's allowance: it cannot go sooner
                later = now + DAY
            self.batches.wait(
                batch,
                later,
                translate("Outbox", "Waiting for the provider's daily allowance to refill."),
            )
            return
        smtp = self.connections.smtp()
        limit = size_limit(smtp)
        data = batch_copy(batch.mime, batch.number)
        if limit is not None and len(data) > limit:
            self.batches.too_large(batch, len(data), limit)
            return
        self._pace()
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = 'sending', attempts = attempts + 1, started = ?,"
                " data_started = NULL WHERE id = ?",
                [iso_seconds(now), batch.id],
            )
            self.db.execute("UPDATE posts SET state = 'sending' WHERE id = ?", [batch.post_id])
        self.batches.tell(batch, BatchState.SENDING)
        data_started: list[datetime] = []

        def record_data_start() -> None:
            data_started.append(self.now())
            with self.db.atomic():
                self.db.execute(
                    "UPDATE batches SET data_started = ? WHERE id = ?",
                    [iso_seconds(data_started[-1]), batch.id],
                )

        answer = transact(smtp, self.account.email, batch.recipients, data, record_data_start)
        if answer.outcome is Outcome.NOT_SENT:
            # Often only an idle connection the server had closed: once more on a new one.
            self.connections.drop_smtp()
            try:
                answer = transact(
                    self.connections.smtp(),
                    self.account.email,
                    batch.recipients,
                    data,
                    record_data_start,
                )
            except BaseException:
                self.batches.wait(batch, now, "")  # nothing went: it waits for the next run
                raise
        if not answer.connection_usable:
            self.connections.drop_smtp()
        self._record(batch, answer, limit, data_started[-1] if data_started else now)

    def _record(
        self, batch: BatchToSend, answer: Answer, limit: int | None, data_started: datetime
    ) -> None:
        attempts = batch.attempts + 1
        match answer.outcome:
            case Outcome.ACCEPTED:
                self._record_accepted(batch, answer, "")
                refused = ", ".join(f"{e} ({r})" for e, r in answer.refused.items())
                self.batches.tell(
                    batch,
                    BatchState.SENT,
                    translate("Outbox", "Refused: {refused}.").format(refused=refused)
                    if refused
                    else "",
                )
            case Outcome.RETRY | Outcome.NOT_SENT if attempts < MAX_ATTEMPTS:
                delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
                moment = self.now() + delay
                self.batches.hold(moment)
                self.batches.wait(
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
                self.batches.fail(
                    batch,
                    translate(
                        "Outbox",
                        "The server kept refusing this batch for now ({answer}); "
                        "Pont stopped trying. Use Retry to send it again.",
                    ).format(answer=answer.reason),
                )
            case Outcome.TOO_LARGE:
                from pont.core.posting.posts import attachment_limit_bytes

                self.batches.too_large(
                    batch, len(batch.mime), limit or attachment_limit_bytes(self.account)
                )
            case Outcome.FAILED:
                with self.db.atomic():
                    self.batches.refuse(batch, answer.refused, answer.reason)
                self.batches.fail(
                    batch,
                    translate("Outbox", "The server refused this batch: {answer}.").format(
                        answer=answer.reason
                    ),
                )
            case Outcome.UNKNOWN:
                self.settle_unknown(batch, data_started)

    def _record_accepted(self, batch: BatchToSend, answer: Answer, problem: str) -> None:
        now = self.now()
        taken = [
            e for e in batch.recipients if e not in answer.refused and e not in answer.deferred
        ]
        with self.db.atomic():
            if answer.deferred:
                later = now + RETRY_DELAYS[0]
                move_to_new_batch(
                    self.db, batch.post_id, [(batch.id, e) for e in answer.deferred], later
                )
            self.db.conn.executemany(
                "UPDATE batch_recipients SET result = 'accepted' WHERE batch_id = ? AND email = ?",
                [(batch.id, email) for email in taken],
            )
            refused = [e for e in batch.recipients if e in answer.refused]
            if refused:
                self.batches.refuse(replace(batch, recipients=refused), answer.refused, "")
            self.db.execute(
                "UPDATE batches SET state = 'sent', accepted = ?, problem = ? WHERE id = ?",
                [iso_seconds(now), for_storage(problem), batch.id],
            )
        self.report.batches_sent += 1
        self.report.recipients_accepted += len(taken)

    # posts

    def finish_posts(self) -> None:
        finish_done_posts(self.db, self.account, self.connections, self.report, self.now)

    def pause(self, problem: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE posts SET state = 'paused', problem = ? WHERE account_id = ?"
                " AND state IN ('queued', 'sending')",
                [for_storage(problem), self.account.id],
            )
        self.report.paused = problem

    def cancel_current(self) -> None:
        """Cancel the post being sent (the one Cancel was pressed for); others stay queued."""
        if self.current_post is not None:
            cancel_post(self.db, self.current_post)
        self.report.cancelled = True


def send_all(run: SendingRun, cancel: threading.Event | None, patience: float) -> None:
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

    First settles batches a previous run left 'sending' (see the top of this
    module), looking in Sent for up to `settle` seconds after their data began. Posts
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
        run = SendingRun(db, account, password, progress or (lambda _: None), now_fn, sleep, settle)
        try:
            send_all(run, cancel, patience)
        except SendingPaused as paused:
            run.pause(error_sentence(paused))
        except MailError as error:
            run.report.problems.append(error_sentence(error))
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
