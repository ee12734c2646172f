"""The outbox's conversation with the SMTP server: one batch's transaction with every answer
sorted into what to do next; and the lock that keeps two Pont processes from sending the same
outbox at once. (The IMAP lookups that settle a batch of unknown fate are in receipts.)"""

from __future__ import annotations

import contextlib
import os
import re
import smtplib
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.errors import OutboxBusy, PostHeadersUnsafe
from pont.core.i18n import error_sentence
from pont.core.posting.headers import with_date
from pont.core.posting.international import (
    NO_SMTPUTF8,
    SENDER_BEYOND_ASCII,
    ascii_address,
    ascii_copy,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

# Added to the copy each batch sends (never to the stored post or Pont's own Sent copy): the
# batch's number and its receipt token (outbox/receipts.py), so the receipt in the INBOX, or
# the copy a provider files in Sent, says exactly which batch the server took.
BATCH_HEADER = "X-Pont-Batch"
_LINE_START_DOT = re.compile(rb"(?m)^\.")
# What a connection that died looks like from smtplib: its own exception, socket and TLS
# errors, timeouts (OSError too).
_DROPPED = (smtplib.SMTPServerDisconnected, OSError)


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # the server took the message (some recipients may be refused)
    RETRY = "retry"  # a temporary refusal (4xx): try the batch again later
    FAILED = "failed"  # a permanent refusal (5xx) of the message or of every recipient
    TOO_LARGE = "too-large"  # 552 / 5.3.4: the message is over the server's size limit
    NOT_SENT = "not-sent"  # the connection died before the data went: safe to send again
    UNKNOWN = "unknown"  # the connection died after the data began: the server may have it


@dataclass(frozen=True, slots=True)
class Answer:
    """What became of one transaction."""

    outcome: Outcome
    reason: str = ""  # the server's words, for RETRY, FAILED, TOO_LARGE, NOT_SENT, UNKNOWN
    refused: dict[str, str] = field(default_factory=dict)  # recipient → reason (5xx)
    deferred: tuple[str, ...] = ()  # recipients refused for now (4xx): for a later batch
    connection_usable: bool = True
    receipt: bool = False  # the server took the receipt's recipient too
    # RETRY: the seconds the server asked Pont to wait (Graph's Retry-After), when it said.
    retry_after: float | None = None


def batch_copy(mime: bytes, number: int, token: str = "", *, date: datetime | None = None) -> bytes:
    """The copy a batch sends: the stored post with its X-Pont-Batch line on top, and, given
    `date` (when the batch goes), a Date line saying so (headers.with_date); the stored post
    keeps its own. Receipts and Sent copies are told apart by Message-ID and X-Pont-Batch,
    never by Date or bytes, so a batch sent again with a later Date is still the same one."""
    value = f"{number} {token}" if token else str(number)
    if date is not None:
        mime = with_date(mime, date)
    return f"{BATCH_HEADER}: {value}\r\n".encode("ascii") + mime


def _words(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}".strip()


def _too_large(code: int, reply: bytes) -> bool:
    return code == 552 or (code // 100 == 5 and b"5.3.4" in reply)


def _refusal(code: int, reply: bytes, *, usable: bool = True) -> Answer:
    words = _words(code, reply)
    if _too_large(code, reply):
        return Answer(Outcome.TOO_LARGE, words, connection_usable=usable)
    if code // 100 == 4:
        # 421: the server is closing this connection (busy, or too many messages for now).
        return Answer(Outcome.RETRY, words, connection_usable=usable and code != 421)
    return Answer(Outcome.FAILED, words, connection_usable=usable)


def _reset(smtp: smtplib.SMTP) -> bool:
    """Abandon the transaction; whether the connection is still good for the next one."""
    try:
        code, _ = smtp.rset()
    except _DROPPED:
        return False
    return code == 250


def transact(
    smtp: smtplib.SMTP,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    before_data: Callable[[], None] = lambda: None,
    receipt: str = "",
) -> Answer:
    """Send one message to its envelope recipients over a signed-in connection (see
    _exchange), in ASCII when the server does not offer SMTPUTF8 and anything is beyond it."""
    addresses = (sender, *recipients, receipt)
    everything_ascii = data.isascii() and all(a.isascii() for a in addresses)
    if everything_ascii or smtp.has_extn("smtputf8"):
        return _exchange(smtp, sender, recipients, data, before_data, receipt)
    return _without_smtputf8(smtp, sender, recipients, data, before_data, receipt)


def _without_smtputf8(
    smtp: smtplib.SMTP,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    before_data: Callable[[], None],
    receipt: str,
) -> Answer:
    """A server without SMTPUTF8 takes only ASCII: each address in its ASCII form (an IDNA
    domain) and the message's ASCII copy. A recipient with no ASCII form is refused here, as
    the server would refuse them, and the others still get the post."""
    envelope_sender = ascii_address(sender)
    envelope_receipt = ascii_address(receipt) if receipt else ""
    if envelope_sender is None or envelope_receipt is None:
        return Answer(Outcome.FAILED, SENDER_BEYOND_ASCII)
    reachable = {r: a for r in recipients if (a := ascii_address(r)) is not None}
    unreachable = {r: str(NO_SMTPUTF8) for r in recipients if r not in reachable}
    if not reachable:
        return Answer(Outcome.FAILED, NO_SMTPUTF8, unreachable)
    try:
        copy = ascii_copy(data)
    except PostHeadersUnsafe as error:
        return Answer(Outcome.FAILED, error_sentence(error))
    original = {a: r for r, a in reachable.items()}
    answer = _exchange(
        smtp, envelope_sender, list(reachable.values()), copy, before_data, envelope_receipt
    )
    return replace(
        answer,
        refused={**unreachable, **{original.get(a, a): why for a, why in answer.refused.items()}},
        deferred=tuple(original.get(a, a) for a in answer.deferred),
    )


def _exchange(
    smtp: smtplib.SMTP,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    before_data: Callable[[], None],
    receipt: str,
) -> Answer:
    """Send one message to its envelope recipients over a signed-in connection.

    The commands go one at a time (no pipelining), so the phase where a connection died is
    known: before DATA's 354 nothing can have been delivered; after it, it may have been.
    `before_data` runs between the 354 and the first byte of the message (the outbox records
    the moment there). `receipt`, when given, is one more envelope recipient, after the
    others: the coordinator's own address, whose copy tells that the server took the message.
    Whether the server took it says Answer.receipt; it is never among the refused or deferred,
    and alone it is not worth sending the message."""
    options = []
    if smtp.has_extn("size"):
        options.append(f"SIZE={len(data)}")
    if smtp.has_extn("8bitmime") and not data.isascii():
        options.append("BODY=8BITMIME")
    # RFC 6531: UTF-8 in the envelope or the headers (a member's address in To) needs it.
    if smtp.has_extn("smtputf8") and not (
        data.isascii() and all(a.isascii() for a in (sender, *recipients, receipt))
    ):
        options.append("SMTPUTF8")
    try:
        code, reply = smtp.mail(sender, options)
        if code != 250:
            return _refusal(code, reply, usable=code != 421 and _reset(smtp))
        refused: dict[str, str] = {}
        deferred: list[str] = []
        deferred_reason = ""
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code == 421:
                return _refusal(code, reply, usable=False)
            if code // 100 == 4:
                deferred.append(recipient)
                deferred_reason = deferred_reason or _words(code, reply)
            elif code not in (250, 251):
                refused[recipient] = _words(code, reply)
        receipt_taken = False
        if receipt:
            code, reply = smtp.rcpt(receipt)
            if code == 421:
                return _refusal(code, reply, usable=False)
            receipt_taken = code in (250, 251)
        if len(refused) + len(deferred) == len(recipients):
            usable = _reset(smtp)
            if deferred:
                return Answer(Outcome.RETRY, deferred_reason, refused, connection_usable=usable)
            reasons = sorted(set(refused.values()))
            return Answer(Outcome.FAILED, "; ".join(reasons), refused, connection_usable=usable)
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            return _refusal(code, reply, usable=code != 421 and _reset(smtp))
        before_data()
    except _DROPPED as error:
        return Answer(Outcome.NOT_SENT, str(error) or type(error).__name__, connection_usable=False)
    try:
        body = _LINE_START_DOT.sub(b"..", data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        smtp.send(body + b".\r\n")
        code, reply = smtp.getreply()
    except _DROPPED as error:
        return Answer(Outcome.UNKNOWN, str(error) or type(error).__name__, connection_usable=False)
    if code != 250:
        return _refusal(code, reply, usable=code != 421)
    return Answer(
        Outcome.ACCEPTED, refused=refused, deferred=tuple(deferred), receipt=receipt_taken
    )


def size_limit(smtp: smtplib.SMTP) -> int | None:
    """The largest message the server says it takes (EHLO SIZE), when it says."""
    value = smtp.esmtp_features.get("size", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _database_file(db: Database) -> Path | None:
    for _, name, path in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and path:
            return Path(path)
    return None


@contextlib.contextmanager
def outbox_lock(db: Database) -> Iterator[None]:
    """Held while sending: a second sender would find the first's batches 'sending' and take
    them for the remains of a crash. The operating system drops the lock when the process
    ends, however it ends (kill -9 included), so a crash never leaves the outbox locked."""
    database = _database_file(db)
    if database is None:  # an in-memory database: no other process can reach it
        yield
        return
    with open(database.with_name(database.name + ".outbox-lock"), "a+b") as handle:
        try:
            _lock(handle.fileno())
        except OSError as error:
            raise OutboxBusy() from error
        try:
            yield
        finally:
            _unlock(handle.fileno())


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
