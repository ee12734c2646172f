"""Settling the batches whose fate a run does not know: left 'sending' by a run that stopped
(a crash, a kill -9), or whose answer was lost after the message began to go. A batch's own
copy decides (its receipt in the INBOX, or its copy in Sent, read over IMAP; over another
route, what the route says: over Microsoft Graph, its copy in Sent Items): found, it went;
not found in the time it could take to come, it goes again; the mailbox unreadable, it
waits, never sent again blind. The top of outbox/run.py tells why this is exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING

from pont.core.errors import MailError
from pont.core.i18n import error_sentence, translate
from pont.core.posting.outbox.outbox import BatchState
from pont.core.posting.outbox.sending import Answer, Outcome

if TYPE_CHECKING:
    from pont.core.posting.outbox.batches import BatchRecords, BatchToSend
    from pont.core.posting.outbox.outbox import OutboxReport
    from pont.core.posting.outbox.receipts import Receipts
    from pont.core.posting.outbox.route import Route

# After a kill, the server may have received the end of a batch's data until this long after
# it began (a slow upload): the receipt is looked for SETTLE_SECONDS beyond that, or beyond
# the moment Pont starts again, whichever is sooner.
TRANSFER_SECONDS = 60.0
TRANSFER_BYTES_PER_SECOND = 20_000


def last_possible_receipt(
    data_started: datetime, size: int, now: datetime, settle: float
) -> datetime:
    """When to stop looking for the receipt of a batch a stopped run left unsettled."""
    transfer = timedelta(seconds=TRANSFER_SECONDS + size / TRANSFER_BYTES_PER_SECOND)
    return min(now, data_started + transfer) + timedelta(seconds=settle)


class Settling:
    """One run's settling of batches of unknown fate."""

    def __init__(
        self,
        batches: BatchRecords,
        receipts: Receipts,
        route: Route | None,
        report: OutboxReport,
        now: Callable[[], datetime],
        sleep: Callable[[float], None],
        settle: float,
    ) -> None:
        self.batches = batches
        self.receipts = receipts
        self.route = route
        self.report = report
        self.now = now
        self.sleep = sleep
        self.settle = settle
        self.db = batches.db
        self.account = batches.account

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
                started = datetime.fromisoformat(data_started)
                deadline = last_possible_receipt(started, len(batch.mime), self.now(), self.settle)
                self.settle_unknown(batch, started, deadline)

    def settle_unknown(
        self,
        batch: BatchToSend,
        data_started: datetime,
        deadline: datetime,
        refused: Mapping[str, str] = MappingProxyType({}),
    ) -> None:
        """Record the batch as sent when its receipt (or a Sent copy) shows before the
        deadline; else it goes again. When the mailbox cannot be read, the batch stays
        'sending', for the next run to settle, and the report says why. `refused` holds the
        recipients known to be left out of the transaction (no address this server takes)."""
        self.receipts.touched = True
        evidence = self.receipts.evidence if self.route is None else self.route.evidence
        try:
            found = evidence(batch, data_started)
            while not found and self.now() < deadline:
                self.sleep(1.0)
                found = evidence(batch, data_started)
        except MailError as error:
            if (problem := error_sentence(error)) not in self.report.problems:
                self.report.problems.append(problem)
            return
        self.report.recovered += 1
        if found:
            # The copy says the server took the message, not which recipients it took.
            taken = Answer(Outcome.ACCEPTED, refused=dict(refused))
            self.batches.accepted(batch, taken, self.now())
            self.batches.tell(
                batch,
                BatchState.SENT,
                translate("Outbox", "Its receipt reached your Inbox: it had gone.")
                if found == "inbox"
                else translate("Outbox", "Found in the Sent folder: it had gone."),
            )
        elif self.route is not None:
            self.batches.unsent(batch, self.route.not_found())
        else:
            self.batches.unsent(
                batch, translate("Outbox", "No receipt reached your Inbox: it goes again.")
            )
