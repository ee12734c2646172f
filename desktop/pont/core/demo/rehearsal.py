"""The demo's rehearsal mail world: the demo coordinator's posts go through the real outbox
(queue_post, the plan's batches, pacing, the batch records, the Sent copy) by a route that
delivers to nobody and never opens a socket, with time sped up, and a member answers.

The demo profile has one account, the coordinator's (profile.rehearsal_account), whose
servers are named under .invalid (RFC 2606: no such name can ever resolve), which reads
nothing (ReadRoute.NONE) and which only this route sends from (profile.is_rehearsal). Its
mailbox takes one message a minute and RECIPIENTS_PER_MESSAGE people in each, so the demo
group's post goes in four batches a minute apart; the rehearsal's clock runs
`rehearsal_speed` times faster (ten: a minute between batches takes six seconds), so the
whole post goes in about half a minute.

What the rehearsal "delivered" is kept in the profile's settings (DELIVERED_SETTING), and it
is what settles a batch whose answer was lost, as a receipt does over SMTP: exactly once
holds as in the real outbox (the top of posting/outbox/run.py). The Sent copy is filed in
the demo archive as sync files what it finds in Sent; a little later (REPLY_AFTER_SECONDS,
sped up too) deliver_replies files a member's reply, threaded under the post.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.demo.profile import (
    DEMO_COORDINATOR,
    MESSAGES_PER_MINUTE,
    demo_address,
    is_rehearsal,
)
from pont.core.errors import AccountNotFound
from pont.core.i18n import translate
from pont.core.mail.accounts import find_account
from pont.core.members.groups import group_address, list_groups
from pont.core.posting.outbox.sending import Answer, Outcome, batch_copy
from pont.core.profile.settings import read_setting, write_setting

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.posting.outbox.batches import BatchToSend
    from pont.core.posting.outbox.outbox import OutboxReport, SendProgress

# The rehearsal's clock runs this many times faster than the wall clock (tests set more).
SPEED_SETTING = "demo_rehearsal_speed"
DEFAULT_SPEED = 10.0
# Rehearsal seconds: a batch's transfer, and a member's reply after the last batch.
TRANSFER_SECONDS = 5.0
REPLY_AFTER_SECONDS = 30.0
# "message-key number" of each batch the rehearsal took; the posts a member answered.
DELIVERED_SETTING = "demo_rehearsal_delivered"
REPLIED_SETTING = "demo_rehearsal_replied"
_LARGEST = 35_000_000  # bytes: as the common providers', so attachments behave as for real


def rehearsal_speed(db: Database) -> float:
    """How many times faster than the wall clock the rehearsal's time runs."""
    speed = read_setting(db, SPEED_SETTING, DEFAULT_SPEED)
    return float(speed) if isinstance(speed, int | float) and speed > 0 else DEFAULT_SPEED


def set_rehearsal_speed(db: Database, speed: float) -> None:
    write_setting(db, SPEED_SETTING, speed)


def reply_delay(db: Database) -> float:
    """Wall-clock seconds from the last batch to a member's reply."""
    return REPLY_AFTER_SECONDS / rehearsal_speed(db)


def _delivered(db: Database) -> set[str]:
    value = read_setting(db, DELIVERED_SETTING, [])
    return {str(v) for v in value} if isinstance(value, list) else set()


def _batch_name(message_key: str, number: int) -> str:
    return f"{message_key} {number}"


class RehearsalRoute:
    """The outbox's route in the demo (posting/outbox/route.Route): each batch is taken after
    a (sped-up) moment and delivered to nobody; no socket is ever opened."""

    size_limit = _LARGEST
    messages_per_minute: int | None = MESSAGES_PER_MINUTE

    def __init__(self, db: Database, sleep: Callable[[float], None]) -> None:
        self.db = db
        self.sleep = sleep
        from pont.core.posting.outbox.receipts import receipt_secret

        self.name: str = translate("Demo", "the rehearsal mail world")
        self._secret = receipt_secret(db)
        self._batch: BatchToSend | None = None

    def ready(self) -> None:
        """Always ready: there is no password to refuse."""

    def copy(self, batch: BatchToSend, date: datetime | None = None) -> bytes:
        from pont.core.posting.outbox.receipts import receipt_token

        self._batch = batch
        token = receipt_token(self._secret, batch.message_key, batch.number)
        return batch_copy(batch.mime, batch.number, token, date=date)

    def transact(self, data: bytes, before_sending: Callable[[], None]) -> Answer:
        batch = self._batch
        if batch is None:  # the run always makes the batch's copy first
            return Answer(Outcome.NOT_SENT, "no batch")
        before_sending()
        self.sleep(TRANSFER_SECONDS)
        with self.db.atomic():  # taken: what settles the batch should its answer be lost
            delivered = _delivered(self.db)
            delivered.add(_batch_name(batch.message_key, batch.number))
            write_setting(self.db, DELIVERED_SETTING, sorted(delivered))
        return Answer(Outcome.ACCEPTED)

    def evidence(self, batch: BatchToSend, data_started: datetime) -> str:
        return "sent" if _batch_name(batch.message_key, batch.number) in _delivered(self.db) else ""

    def not_found(self) -> str:
        return translate("Demo", "The rehearsal never took it: it goes again.")

    def keep_sent_copy(self, message_key: str, mime: bytes) -> None:
        """File the post in the demo archive as sync files the copy it finds in Sent."""
        row = self.db.execute(
            "SELECT group_id FROM posts WHERE message_key = ?", [message_key]
        ).fetchone()
        _file(self.db, mime, row[0] if row else None, "posted")


def _file(db: Database, raw: bytes, group_id: int | None, why: str) -> None:
    from pont.core.archive.filing import GroupMatcher, store_message
    from pont.core.archive.messages import parse_message
    from pont.core.archive.threads import rebuild_threads

    parsed = parse_message(raw)
    with db.atomic():
        groups = GroupMatcher.load(db).groups_for(parsed.headers)
        if not groups and group_id is not None:
            groups = {group_id: why}
        store_message(db, parsed, raw, groups)
    rebuild_threads(db, list(groups))


def rehearse_queued(
    db: Database,
    account: Account,
    progress: Callable[[SendProgress], None] | None = None,
    cancel: threading.Event | None = None,
    hurry: threading.Event | None = None,
) -> OutboxReport:
    """send_queued for the rehearsal mailbox: the same run, by the rehearsal route, on the
    rehearsal's clock (its waits shortened by rehearsal_speed)."""
    from pont.core.posting.outbox.run import send_queued

    speed = rehearsal_speed(db)
    stop = cancel or threading.Event()

    def sleep(seconds: float) -> None:
        # Cancel and closing the window cut a wait short, as in a real run's waits.
        if hurry is not None and hurry.is_set():
            return
        stop.wait(max(seconds, 0.0) / speed)

    return send_queued(
        db,
        account,
        "",
        progress,
        cancel,
        sleep=sleep,
        settle=TRANSFER_SECONDS,
        hurry=hurry,
        route=RehearsalRoute(db, sleep),
    )


# --- a member answers ------------------------------------------------------------------------

# Who answers, and what: one of these, chosen by the post (the same post, the same reply).
_REPLIES = (
    (
        "Megan Price",
        "Thanks Siân, this is really useful. I'll share it with the team in Powys and "
        "come back to you with what they think.",
    ),
    (
        "Llŷr Jones",
        "Diolch Siân! Count me in. We can host a session in our room at Mind Cymru if that helps.",
    ),
    (
        "Gwenllïan Evans",
        "Diolch yn fawr, Siân. Mae hyn yn ddefnyddiol iawn; bydda i'n ei rannu gyda'r tîm "
        "yn Hywel Dda.",
    ),
    (
        "Tom Whitfield",
        "Good to see this. We tried something similar in Bristol last year; happy to talk "
        "through what worked.",
    ),
)


def replies_due(db: Database) -> list[tuple[int, str]]:
    """(post id, Message-ID) of the rehearsal's sent posts no member has answered yet."""
    try:
        account = find_account(db, DEMO_COORDINATOR[1])
    except AccountNotFound:
        return []
    if not is_rehearsal(account):
        return []
    answered = read_setting(db, REPLIED_SETTING, [])
    done = {str(k) for k in answered} if isinstance(answered, list) else set()
    rows = db.execute(
        "SELECT id, message_key FROM posts WHERE account_id = ? AND state = 'sent'"
        " AND sent_copy_saved = 1 ORDER BY id",
        [account.id],
    ).fetchall()
    return [(int(post_id), key) for post_id, key in rows if key not in done]


def deliver_replies(db: Database, now: datetime | None = None) -> int:
    """File a member's reply to each sent rehearsal post not yet answered, as sync files a
    member's mail, threaded under the post. Returns how many arrived."""
    from pont.core.archive.messages import parse_message

    now = now or activity.now()
    due = replies_due(db)
    for post_id, key in due:
        group_id, subject, mime = db.execute(
            "SELECT group_id, subject, mime FROM posts WHERE id = ?", [post_id]
        ).fetchone()
        post = parse_message(mime).headers
        author, words = _REPLIES[hashlib.sha256(key.encode()).digest()[0] % len(_REPLIES)]
        reply = EmailMessage()
        reply["From"] = f"{author} <{demo_address(author)}>"
        groups = {g.id: g for g in list_groups(db)}
        group = groups.get(group_id)
        coordinator = DEMO_COORDINATOR[1]
        reply["To"] = group_address(coordinator, group) if group is not None else coordinator
        reply["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
        reply["Date"] = format_datetime(now)
        # The same post, the same reply: filed twice, it is stored once.
        reply["Message-ID"] = f"<reply-{hashlib.sha256(key.encode()).hexdigest()[:24]}@example.org>"
        reply["In-Reply-To"] = f"<{key}>"
        reply["References"] = " ".join([*(f"<{r}>" for r in post.references[-5:]), f"<{key}>"])
        reply.set_content(f"{words}\n\n{author.split()[0]}\n")
        raw = reply.as_bytes()
        _file(db, raw, group_id, "reply")
        answered = read_setting(db, REPLIED_SETTING, [])
        write_setting(db, REPLIED_SETTING, [*(answered if isinstance(answered, list) else []), key])
    return len(due)
