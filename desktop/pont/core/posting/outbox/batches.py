"""The batch rows of one outbox run: each batch read for sending, and every change of its state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pont.core.errors import MessageTooLarge
from pont.core.i18n import error_sentence, for_storage, translate
from pont.core.posting.outbox.outbox import (
    BatchState,
    OutboxReport,
    RefusedRecipient,
    SendProgress,
    move_to_new_batch,
)
from pont.core.posting.outbox.plan import iso_seconds

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.posting.outbox.sending import Answer

# Waits after a temporary refusal (421 / 4xx), by attempt; the last repeats.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)
# After this many temporary refusals in a row a batch is marked failed (Retry failed resends).
MAX_ATTEMPTS = 12


@dataclass
class BatchToSend:
    """A batch as a run sends it: its post's message and the recipients still pending."""

    id: int
    post_id: int
    number: int
    attempts: int
    message_key: str
    subject: str
    mime: bytes
    recipients: list[str]


class BatchRecords:
    """One run's reads and writes of its account's batches: each change is committed, told to
    the progress callback, and counted in the run's report."""

    def __init__(
        self,
        db: Database,
        account: Account,
        progress: Callable[[SendProgress], None],
        report: OutboxReport,
    ) -> None:
        self.db = db
        self.account = account
        self.progress = progress
        self.report = report

    def load(self, batch_id: int) -> BatchToSend:
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
        return BatchToSend(
            batch_id, post_id, number, attempts, message_key, subject, mime, recipients
        )

    def tell(self, batch: BatchToSend, state: BatchState, detail: str = "") -> None:
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

    def unsent(self, batch: BatchToSend, detail: str) -> None:
        with self.db.atomic():
            # A batch of a post cancelled meanwhile stays unsent.
            self.db.execute(
                "UPDATE batches SET not_before = NULL, state = CASE WHEN (SELECT state FROM"
                " posts WHERE id = ?) = 'cancelled' THEN 'cancelled' ELSE 'waiting' END"
                " WHERE id = ?",
                [batch.post_id, batch.id],
            )
        self.tell(batch, BatchState.WAITING, detail)

    def refuse(self, batch: BatchToSend, refused: dict[str, str], reason: str) -> None:
        """Mark the batch's recipients refused, inside the caller's transaction."""
        self.db.conn.executemany(
            "UPDATE batch_recipients SET result = 'refused', reason = ?"
            " WHERE batch_id = ? AND email = ?",
            [
                (for_storage(refused.get(email, reason)), batch.id, email)
                for email in batch.recipients
            ],
        )
        for email in batch.recipients:
            self.report.refused.append(
                RefusedRecipient(batch.post_id, email, refused.get(email, reason))
            )

    def hold(self, moment: datetime) -> None:
        """A server that asks for patience gets it: none of the account's batches goes before
        `moment` (kept in the outbox, so a run started sooner waits too)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET not_before = ? WHERE state = 'waiting'"
                " AND (not_before IS NULL OR not_before < ?) AND post_id IN"
                " (SELECT id FROM posts WHERE account_id = ? AND state IN ('queued', 'sending'))",
                [iso_seconds(moment), iso_seconds(moment), self.account.id],
            )

    def wait(self, batch: BatchToSend, moment: datetime, problem: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = 'waiting', not_before = ?, problem = ? WHERE id = ?",
                [iso_seconds(moment), for_storage(problem), batch.id],
            )
        self.tell(batch, BatchState.WAITING, problem)

    def fail(self, batch: BatchToSend, problem: str) -> None:
        self.finish(batch, BatchState.FAILED, problem)
        self.report.batches_failed += 1

    def finish(self, batch: BatchToSend, state: BatchState, problem: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = ?, problem = ? WHERE id = ?",
                [state.value, for_storage(problem), batch.id],
            )
        self.tell(batch, state, problem)

    def too_large(self, batch: BatchToSend, size: int, limit: int, host: str = "") -> None:
        problem = error_sentence(MessageTooLarge(size, limit, host or self.account.smtp.host))
        # Every batch carries the same message: none of the post's others can go either.
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = 'failed', problem = ?"
                " WHERE post_id = ? AND state = 'waiting'",
                [for_storage(problem), batch.post_id],
            )
            self.db.execute(
                "UPDATE batches SET state = 'failed', problem = ? WHERE id = ?",
                [for_storage(problem), batch.id],
            )
        self.report.batches_failed += 1
        self.report.problems.append(problem)
        self.tell(batch, BatchState.FAILED, problem)

    def accepted(self, batch: BatchToSend, answer: Answer, now: datetime) -> None:
        """The server took the batch: each recipient's result, in one transaction; those it
        deferred (4xx) move to a batch of their own, for later."""
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
                self.refuse(replace(batch, recipients=refused), answer.refused, "")
            self.db.execute(
                "UPDATE batches SET state = 'sent', accepted = ?, problem = '' WHERE id = ?",
                [iso_seconds(now), batch.id],
            )
        self.report.batches_sent += 1
        self.report.recipients_accepted += len(taken)

    def retry_later(self, batch: BatchToSend, answer: Answer, attempts: int, now: datetime) -> None:
        """A temporary refusal: the batch (and the account's others) wait, longer each time,
        until MAX_ATTEMPTS; then it fails, for the coordinator's Retry. A server that said how
        long to wait (Graph's Retry-After: throttling, not a refusal) gets exactly that, as
        often as it asks."""
        if answer.retry_after is not None:
            moment = now + timedelta(seconds=answer.retry_after)
            self.hold(moment)
            self.wait(batch, moment, answer.reason)
            return
        if attempts >= MAX_ATTEMPTS:
            self.fail(
                batch,
                translate(
                    "Outbox",
                    "The server kept refusing this batch for now ({answer}); "
                    "Pont stopped trying. Use Retry to send it again.",
                ).format(answer=answer.reason),
            )
            return
        moment = now + RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
        self.hold(moment)
        self.wait(
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
