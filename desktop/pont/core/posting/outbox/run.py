"""Sending the outbox: one run goes through the due batches over one connection, paced and
within the provider's daily allowance, each member getting exactly one copy.

How "exactly once" holds. Each batch is committed as 'sending' before its SMTP transaction
starts, stamped `data_started` (committed) between DATA's 354 and the first byte of the
message, and committed as 'sent' (with every recipient's result) right after the server's
250. A batch found 'sending' without `data_started` (a crash, a kill -9) cannot have reached
the server, and goes again.

A batch with `data_started`, or whose connection died after its data began, has an unknown
fate: the server may have taken it, its 250 lost on the way or Pont gone before recording it.
Its receipt decides. Every transaction carries one more envelope recipient, the coordinator's
own address (a Bcc: no header names it), so the server delivers a copy of that very
transaction to the coordinator's INBOX if, and only if, it took the message. The copy has the
post's Message-ID and an X-Pont-Batch line with the batch's number and a token only this
profile can make (receipts.py): a receipt proves its own batch, never another batch of the
same post, and a member who has the post cannot forge one. A copy the provider filed in Sent
(Gmail does) counts too. Pont looks every second. Found: the batch is recorded as sent. Not
found SETTLE_SECONDS (outbox.SETTLE_SECONDS) after the server can last have received the
whole message, the batch goes again. That moment is the drop, when Pont saw the connection
die; after a kill, the data's start plus the time the data may have taken
(settling.TRANSFER_*), and never later than when Pont starts again. Should the mailbox not
answer meanwhile, the batch stays 'sending' (the others go on) and the report says why: the
next run settles it, and it is never resent blind.

At the end of a run Pont waits for the receipts of the batches it sent (until they are all
there, at most SETTLE_SECONDS after the last) and deletes them from the INBOX: UID EXPUNGE of
exactly those messages, chosen and deleted in one read-write selection. A server without
UIDPLUS leaves them marked deleted and seen, for the coordinator's mail program: a plain
EXPUNGE would take whatever else they marked deleted. A receipt of a batch still unsettled
stays (it is the evidence), and so does the coordinator's own copy when they are a member.
Before its first receipt a run notes in the profile that receipts may wait; a run stopped
before tidying so leaves the next one to await and tidy them.

Choices, and why:
- One transaction, not a separate message to self: only a copy of the very transaction whose
  answer was lost says the server took it.
- The plain address in both modes. In group-address mode To: already names the coordinator's
  sub-address (coordinator+tag), so that copy would look the most natural; but not every
  provider delivers sub-addresses, and a rule on the sub-address would move receipts out of
  the INBOX. In copy-all mode To: names the members. Where the coordinator is a member of a
  batch, their own copy is its receipt and no recipient is added.
- A receipt takes one recipient of the provider's per-message limit, so batches carry one
  member fewer, and counts in the daily allowance (plan.py). With a limit set by hand below
  plan.RECEIPT_FROM_LIMIT there is no room for one, and no receipt.
- Delivery delay: real servers answer 250 at once and deliver later, to the sender as to
  anyone; SETTLE_SECONDS covers that. A receipt later than that means the batch goes again:
  a duplicate, never a member missing the post.
- Providers that drop a copy sent to oneself (Gmail folds copies with one Message-ID), and
  rules that move it out of the INBOX: when none of a run's receipts arrives, the account
  sends no more for a week (receipts.RETRY_RECEIPTS_AFTER), so they cannot pile up in
  another folder, then tries again. Meanwhile only a provider's Sent copy settles a batch,
  and without one the batch goes again, as before receipts: a duplicate, never a miss.
- Sync: a receipt has its post's Message-ID, and the archive stores a message once by
  Message-ID, so a receipt synced before it is tidied adds a location to the post Pont files
  in Sent, never a second message.

An account whose route is Microsoft Graph (a tenant with SMTP AUTH off) sends each batch as
one sendMail instead, with the same states and stamps; there the batch's copy in Sent Items,
which Exchange files for every sendMail, is what settles it (outbox/graph_route.py).

The proofs: tests/core/posting/outbox/test_receipts.py (cuts after the data, with and without
a server that files Sent, and another batch's copy never taken for this one's),
test_post_send_kill.py (SIGKILL at points the test server signals, and at random moments),
test_outbox_graph.py and test_outbox_graph_kill.py (the same over Graph), and
tests/benchmarks/bench_exactly_once.py (50 trials each of a proxy cutting the connection
between the end of the data and the 250, and of random SIGKILLs).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.columns import moment_from_iso
from pont.core.errors import MailError, PontError, PostHeadersUnsafe
from pont.core.i18n import error_sentence, for_storage, translate
from pont.core.mail.accounts import SendRoute
from pont.core.mail.providers import provider_for_settings
from pont.core.posting.outbox.batches import BatchRecords, BatchToSend
from pont.core.posting.outbox.connections import RunConnections, SendingPaused
from pont.core.posting.outbox.finish import finish_done_posts
from pont.core.posting.outbox.graph_route import GraphRoute
from pont.core.posting.outbox.outbox import (
    SETTLE_SECONDS,
    BatchState,
    OutboxReport,
    SendProgress,
    cancel_post,
)
from pont.core.posting.outbox.plan import (
    DAY,
    allowance_left,
    iso_seconds,
    receipt_slots,
    when_it_fits,
)
from pont.core.posting.outbox.receipts import Receipts
from pont.core.posting.outbox.sending import (
    Answer,
    Outcome,
    batch_copy,
    outbox_lock,
    size_limit,
    transact,
)
from pont.core.posting.outbox.settling import Settling

if TYPE_CHECKING:
    import threading

    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret
    from pont.core.posting.outbox.route import Route


class SendingRun:
    """One run of send_queued: the connections, the clock and the report."""

    def __init__(
        self,
        db: Database,
        account: Account,
        secret: Secret,
        progress: Callable[[SendProgress], None],
        now: Callable[[], datetime],
        sleep: Callable[[float], None],
        settle: float,
        graph_endpoint: str = "",
        stop: threading.Event | None = None,
        route: Route | None = None,
    ) -> None:
        self.db = db
        self.account = account
        self.now = now
        self.sleep = sleep
        self.settle = settle
        self.report = OutboxReport()
        self.connections = RunConnections(account, secret)
        self.batches = BatchRecords(db, account, progress, self.report)
        self.receipts = Receipts(db, account, self.connections, now, sleep, settle)
        # None: SMTP. Else the route given (the demo's rehearsal), or Microsoft Graph's.
        self.route: Route | None = route
        provider = provider_for_settings(account)
        per_minute = provider.messages_per_minute if provider else None
        if route is None and account.sending is SendRoute.GRAPH:
            self.route = GraphRoute(
                account, self.connections, secret, graph_endpoint, self.receipts.token, stop
            )
        if self.route is not None and self.route.messages_per_minute is not None:
            per_minute = min(
                per_minute or self.route.messages_per_minute, self.route.messages_per_minute
            )
        self.gap = 60.0 / per_minute if per_minute else 0.0
        self.settling = Settling(
            self.batches, self.receipts, self.route, self.report, now, sleep, settle
        )
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

    # recovery (settling.py)

    def recover(self) -> None:
        self.settling.recover()

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
        needed = len(batch.recipients) + receipt_slots(self.db, self.account)
        if not allowance_left(self.db, self.account, now).fits(needed):
            later = when_it_fits(self.db, self.account, needed, now)
            if later <= now:  # larger than a whole day's allowance: it cannot go sooner
                later = now + DAY
            self.batches.wait(
                batch,
                later,
                translate("Outbox", "Waiting for the provider's daily allowance to refill."),
            )
            return
        if self.route is not None:
            self._send_by_route(self.route, batch, now)
            return
        smtp = self.connections.smtp()
        limit = size_limit(smtp)
        try:  # the Date it goes (the stored post keeps the moment it was written)
            data = batch_copy(batch.mime, batch.number, self.receipts.token(batch), date=now)
        except PostHeadersUnsafe as error:
            self.batches.fail(batch, error_sentence(error))
            return
        receipt = self.receipts.address_for(batch)
        if limit is not None and len(data) > limit:
            self.batches.too_large(batch, len(data), limit)
            return
        self._pace()
        self._start(batch, now)
        data_started: list[datetime] = []
        record_data_start = self._data_start(batch, data_started)
        answer = transact(
            smtp, self.account.email, batch.recipients, data, record_data_start, receipt
        )
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
                    receipt,
                )
            except BaseException:
                self.batches.wait(batch, now, "")  # nothing went: it waits for the next run
                raise
        if not answer.connection_usable:
            self.connections.drop_smtp()
        self._record(batch, answer, limit, data_started[-1] if data_started else now)

    def _start(self, batch: BatchToSend, now: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE batches SET state = 'sending', attempts = attempts + 1, started = ?,"
                " data_started = NULL WHERE id = ?",
                [iso_seconds(now), batch.id],
            )
            self.db.execute("UPDATE posts SET state = 'sending' WHERE id = ?", [batch.post_id])
        self.batches.tell(batch, BatchState.SENDING)

    def _data_start(self, batch: BatchToSend, moments: list[datetime]) -> Callable[[], None]:
        """What records, committed, the moment the message begins to go (again)."""

        def record_data_start() -> None:
            moments.append(self.now())
            with self.db.atomic():
                self.db.execute(
                    "UPDATE batches SET data_started = ? WHERE id = ?",
                    [iso_seconds(moments[-1]), batch.id],
                )

        return record_data_start

    def _send_by_route(self, route: Route, batch: BatchToSend, now: datetime) -> None:
        """One batch by the route: over Graph, one sendMail (outbox/graph_route.py)."""
        route.ready()  # a password, or an unusable address: said before anything starts
        try:
            data = route.copy(batch, now)
        except PontError as error:
            self.batches.fail(batch, error_sentence(error))
            return
        if len(data) > route.size_limit:
            self.batches.too_large(batch, len(data), route.size_limit, route.name)
            return
        self._pace()
        self._start(batch, now)
        data_started: list[datetime] = []
        try:
            answer = route.transact(data, self._data_start(batch, data_started))
        except SendingPaused:
            self.batches.wait(batch, now, "")  # Microsoft refused the sign-in: nothing went
            raise
        self._record(batch, answer, route.size_limit, data_started[-1] if data_started else now)

    def _record(
        self, batch: BatchToSend, answer: Answer, limit: int | None, data_started: datetime
    ) -> None:
        attempts = batch.attempts + 1
        match answer.outcome:
            case Outcome.ACCEPTED:
                self.batches.accepted(batch, answer, self.now())
                self.receipts.taken(batch, answer)
                refused = ", ".join(f"{e} ({r})" for e, r in answer.refused.items())
                self.batches.tell(
                    batch,
                    BatchState.SENT,
                    translate("Outbox", "Refused: {refused}.").format(refused=refused)
                    if refused
                    else "",
                )
            case Outcome.RETRY | Outcome.NOT_SENT:
                self.batches.retry_later(batch, answer, attempts, self.now())
            case Outcome.TOO_LARGE:
                from pont.core.posting.posts import attachment_limit_bytes

                self.batches.too_large(
                    batch,
                    len(batch.mime),
                    limit or attachment_limit_bytes(self.account),
                    self.route.name if self.route is not None else "",
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
                # The server can have had the whole message only until now, as the drop showed.
                deadline = self.now() + timedelta(seconds=self.settle)
                self.settling.settle_unknown(batch, data_started, deadline, answer.refused)

    # posts

    def finish_posts(self) -> None:
        finish_done_posts(
            self.db, self.account, self.connections, self.report, self.now, self.route
        )

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
    secret: Secret,
    progress: Callable[[SendProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    now_fn: Callable[[], datetime] = activity.now,
    sleep: Callable[[float], None] = time.sleep,
    patience: float = 0.0,
    settle: float = SETTLE_SECONDS,
    hurry: threading.Event | None = None,
    graph_endpoint: str = "",
    route: Route | None = None,
) -> OutboxReport:
    """Send what the account's outbox holds that is due, batch by batch, over one connection.

    First settles batches a previous run left 'sending' (see the top of this module),
    looking for their receipts for up to `settle` seconds; at the end, tidies the receipts
    away. Posts paused by a refused password are taken up again. Waits (with `sleep`) for
    pacing, and for retries due within `patience` seconds; later ones stay queued for the next
    run (see the report's next_attempt). `cancel` stops after the batch being sent: the rest
    is cancelled. `hurry` (the window is closing) ends the wait for receipts at the end: a
    later run tidies those still to come.
    `password` is the account's password, or a TokenSource asked for a token per connection.
    A refused password or token pauses the account's posts (report.paused says why); an unreachable
    server leaves them queued (report.problems). Raises OutboxBusy when another process is
    sending this profile's outbox.
    `secret` is the password, or for a Microsoft account the TokenSource; an account whose
    route is Graph sends through `graph_endpoint` ('' for Microsoft's own; see
    outbox/graph_route.py). `route` sends by another way instead (outbox/route.py: the demo's
    rehearsal), whatever the account says."""
    with outbox_lock(db):
        with db.atomic():
            db.execute(
                "UPDATE posts SET state = 'queued', problem = '' WHERE account_id = ?"
                " AND state = 'paused'",
                [account.id],
            )
        run = SendingRun(
            db,
            account,
            secret,
            progress or (lambda _: None),
            now_fn,
            sleep,
            settle,
            graph_endpoint,
            cancel,
            route,
        )
        try:
            send_all(run, cancel, patience)
            if run.route is None:  # over Graph (or a rehearsal) no batch carries a receipt
                run.receipts.tidy(
                    lambda: any(event is not None and event.is_set() for event in (cancel, hurry))
                )
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
