"""How a post will go out: the recipients one message may carry, the provider's allowance over
the rolling 24 hours, and the batches (and days) a post needs to stay within them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.errors import CopyAllTooLarge, PontError
from pont.core.i18n import error_sentence, translate
from pont.core.mail.accounts import SendRoute
from pont.core.mail.graph.limits import RECIPIENTS_PER_DAY
from pont.core.mail.providers import provider_for_settings

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account

DAY = timedelta(hours=24)
# Each batch also goes to the coordinator's own address, as its receipt (outbox/run.py), which
# takes one of the recipients a message may carry: only when a message may carry at least this
# many, so a limit set very low by hand is not cut further (every provider allows 100 or more).
RECEIPT_FROM_LIMIT = 10


def iso_seconds(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def per_message_limit(db: Database, account: Account) -> int:
    """Recipients one message may carry: the account's own setting, else the provider's."""
    from pont.core.posting.posts import recipients_limit

    row = db.execute(
        "SELECT recipients_per_message FROM accounts WHERE id = ?", [account.id]
    ).fetchone()
    return int(row[0]) if row is not None and row[0] else recipients_limit(account)


def set_recipients_per_message(db: Database, account_id: int, limit: int | None) -> None:
    """The account's per-message recipient limit; None goes back to the provider's."""
    if limit is not None and limit < 1:
        raise PontError(translate("Outbox", "A message must be allowed at least one recipient."))
    with db.atomic():
        db.execute(
            "UPDATE accounts SET recipients_per_message = ? WHERE id = ?", [limit, account_id]
        )


def receipt_room(limit: int) -> bool:
    """Whether a message that may carry `limit` recipients keeps one for the receipt."""
    return limit >= RECEIPT_FROM_LIMIT


def members_per_message(limit: int) -> int:
    """Members one batch may carry when a message may carry `limit` recipients in all."""
    return limit - 1 if receipt_room(limit) else limit


def receipt_slots(db: Database, account: Account) -> int:
    """Recipients each batch of the account uses beyond its members: 1 for the receipt."""
    return 1 if receipt_room(per_message_limit(db, account)) else 0


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
        # Through Microsoft Graph the mailbox is Exchange Online's, whatever its domain.
        graph = account.sending is SendRoute.GRAPH
        return None, (RECIPIENTS_PER_DAY if graph else None)
    return provider.messages_per_day, provider.recipients_per_day


def _sent_in_window(db: Database, account: Account, now: datetime) -> list[tuple[datetime, int]]:
    """(accepted, recipients) of the account's batches the server took in the last 24 hours,
    oldest first. Refused recipients count too: providers count what was attempted, and so
    does the receipt."""
    rows = db.execute(
        "SELECT b.accepted, ? + (SELECT count(*) FROM batch_recipients r WHERE r.batch_id = b.id)"
        " FROM batches b JOIN posts p ON p.id = b.post_id"
        " WHERE p.account_id = ? AND b.state = 'sent' AND b.accepted > ?"
        " ORDER BY b.accepted",
        [receipt_slots(db, account), account.id, iso_seconds(now - DAY)],
    ).fetchall()
    return [(datetime.fromisoformat(accepted), int(count)) for accepted, count in rows]


def allowance_left(db: Database, account: Account, now: datetime | None = None) -> Allowance:
    now = now or activity.now()
    messages_per_day, recipients_per_day = _daily_limits(account)
    used = _sent_in_window(db, account, now)
    return Allowance(
        None if messages_per_day is None else max(0, messages_per_day - len(used)),
        None
        if recipients_per_day is None
        else max(0, recipients_per_day - sum(n for _, n in used)),
    )


def when_it_fits(db: Database, account: Account, recipients: int, now: datetime) -> datetime:
    """The first moment the rolling 24 hours leave room for this many recipients (a batch's
    members and its receipt)."""
    messages_per_day, recipients_per_day = _daily_limits(account)
    used = _sent_in_window(db, account, now)
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
        # Several batches always mean several recipients.
        if self.batches > 1 and self.days > 1:
            line = translate(
                "Outbox",
                "{count:,} recipients in {batches} batches of up to {size}, "
                "spread over {days} days.",
            )
        elif self.batches > 1:
            line = translate("Outbox", "{count:,} recipients in {batches} batches of up to {size}.")
        elif self.recipients == 1 and self.days > 1:
            line = translate("Outbox", "1 recipient in one message, spread over {days} days.")
        elif self.recipients == 1:
            line = translate("Outbox", "1 recipient in one message.")
        elif self.days > 1:
            line = translate(
                "Outbox", "{count:,} recipients in one message, spread over {days} days."
            )
        else:
            line = translate("Outbox", "{count:,} recipients in one message.")
        return line.format(
            count=self.recipients, batches=self.batches, size=self.per_message, days=self.days
        )


def batch_sizes(recipients: int, per_message: int, copy_all: bool) -> list[int]:
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
    receipt = receipt_slots(db, account)
    start = now
    times = []
    for members in sizes:
        size = members + receipt
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
    limit = per_message_limit(db, account)
    messages_per_day, recipients_per_day = _daily_limits(account)
    if recipients_per_day is not None:
        limit = min(limit, recipients_per_day)
    per_message = members_per_message(limit)
    left = allowance_left(db, account, now)
    problem = ""
    if copy_all and recipient_count > per_message:
        provider = provider_for_settings(account)
        name = provider.short_name if provider else account.smtp.host
        problem = error_sentence(CopyAllTooLarge(recipient_count, per_message, name))
    sizes = batch_sizes(recipient_count, per_message, copy_all) if recipient_count else []
    times = _schedule(db, account, sizes, now)
    days = 1 + max((-(-(t - now) // DAY) for t in times), default=0)
    notes: list[str] = []
    if recipients_per_day is not None:
        notes.append(
            (
                translate("Outbox", "Today's allowance: 1 recipient left of {limit:,} in 24 hours.")
                if left.recipients == 1
                else translate(
                    "Outbox",
                    "Today's allowance: {count:,} recipients left of {limit:,} in 24 hours.",
                )
            ).format(count=left.recipients or 0, limit=recipients_per_day)
        )
    if messages_per_day is not None and left.messages is not None:
        notes.append(
            (
                translate("Outbox", "1 message left of {limit:,} today.")
                if left.messages == 1
                else translate("Outbox", "{count:,} messages left of {limit:,} today.")
            ).format(count=left.messages, limit=messages_per_day)
        )
    later = [t for t in times if t > now]
    if later:
        notes.append(
            (
                translate(
                    "Outbox",
                    "1 batch will wait for the allowance to refill; "
                    "the last goes after {last:%a %d %b %H:%M}.",
                )
                if len(later) == 1
                else translate(
                    "Outbox",
                    "{count:,} batches will wait for the allowance to refill; "
                    "the last goes after {last:%a %d %b %H:%M}.",
                )
            ).format(count=len(later), last=later[-1].astimezone())
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
