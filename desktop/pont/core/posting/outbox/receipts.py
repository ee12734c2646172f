"""Receipts: how the outbox learns that the server took a batch whose answer never came.

Each batch's transaction also carries the coordinator's own address (the top of outbox/run.py
says why), and the copy that reaches their INBOX is the batch's receipt. It is known by the
post's Message-ID and its X-Pont-Batch line: the batch's number and a token only this profile
can make (an HMAC under a secret kept in the profile), so a member who has the post cannot
forge the receipt of a batch still to be settled. A copy the provider filed in Sent counts as
well. Receipts of settled batches are deleted from the INBOX; no other message is touched.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import hashlib
import hmac
import imaplib
import json
import logging
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from pont.core.errors import MailError, ReceiptLookupFailed
from pont.core.i18n import translate
from pont.core.mail.server_answers import server_answer
from pont.core.members.addresses import address_key
from pont.core.posting.outbox.plan import iso_seconds, per_message_limit, receipt_room
from pont.core.posting.outbox.sending import BATCH_HEADER

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.posting.outbox.batches import BatchToSend
    from pont.core.posting.outbox.connections import RunConnections
    from pont.core.posting.outbox.sending import Answer

log = logging.getLogger(__name__)

INBOX = "INBOX"
# The profile's secret for receipt tokens, made on first use (settings table, as JSON hex).
SECRET_SETTING = "outbox_receipt_secret"
# Per account: when its receipts last went missing (ISO time, or null), and whether receipts
# may still wait in its INBOX to be tidied (a run stopped, or they came late).
ACCOUNT_SETTING = "outbox_receipts_{account}"
# An account whose receipts did not arrive sends none for this long, then tries again.
RETRY_RECEIPTS_AFTER = timedelta(days=7)
# Receipts are tidied for posts not finished, or finished at most this long ago.
TIDY_POSTS_FOR = timedelta(days=30)

_FIELDS = b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID " + BATCH_HEADER.upper().encode() + b")]"
_FIELDS_KEY = b"BODY[HEADER.FIELDS (MESSAGE-ID " + BATCH_HEADER.upper().encode() + b")]"
# "3 <32 hex digits>"; a bare number in copies from before receipts (in Sent only).
_BATCH_VALUE = re.compile(r"([0-9]{1,9})(?: ([0-9a-f]{32}))?")
_SEEN_DELETED = [b"\\Seen", b"\\Deleted"]


# --- tokens ----------------------------------------------------------------------------------


def receipt_secret(db: Database) -> bytes:
    """The profile's receipt secret, made (and kept) the first time it is needed."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SECRET_SETTING]).fetchone()
    if row is not None:
        with contextlib.suppress(ValueError, TypeError):
            secret = bytes.fromhex(json.loads(row[0]))
            if len(secret) >= 16:
                return secret
    secret = secrets.token_bytes(32)
    _write_setting(db, SECRET_SETTING, secret.hex())
    return secret


def receipt_token(secret: bytes, message_key: str, number: int) -> str:
    message = f"{message_key}\n{number}".encode("utf-8", "surrogateescape")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def _write_setting(db: Database, key: str, value: object) -> None:
    # The settings table is the profile's (core/profile/settings), which the outbox, below
    # it, cannot import: the same two statements, for the outbox's own keys.
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )


def _read_setting(db: Database, key: str) -> Any:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


# --- what a folder holds ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchCopy:
    """A message in a folder that says it is a copy of one batch of a post."""

    uid: int
    message_key: str
    number: int
    token: str  # '' in copies sent before receipts had tokens


def batch_copies(
    client: IMAPClient, folder: str, criteria: list[Any], *, readonly: bool = True
) -> list[BatchCopy]:
    """The copies of batches in the folder among the messages matching the IMAP criteria,
    read from their Message-ID and X-Pont-Batch lines (anything else there is no copy)."""
    client.select_folder(folder, readonly=readonly)
    uids = client.search(criteria)
    if not uids:
        return []
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    found = []
    for uid, data in client.fetch(uids, [_FIELDS]).items():
        headers = parser.parsebytes(cast(bytes, data.get(_FIELDS_KEY, b"")))
        key = str(headers.get("Message-ID") or "").strip().strip("<>")
        value = _BATCH_VALUE.fullmatch(str(headers.get(BATCH_HEADER) or "").strip())
        if key and value:
            found.append(BatchCopy(int(uid), key, int(value[1]), value[2] or ""))
    return found


def _since(moment: datetime) -> list[Any]:
    # SEARCH SINCE compares dates in the server's time zone: a day early is on the safe side,
    # and keeps a large INBOX's search to its recent messages.
    return ["SINCE", (moment - timedelta(days=1)).date()]


def has_post_copy(client: IMAPClient, folder: str, message_key: str) -> bool:
    """Whether the folder holds any copy of the post (the server's, or one Pont appended)."""
    client.select_folder(folder, readonly=True)
    # HEADER search matches substrings: the Message-ID is compared exactly below.
    uids = client.search(["HEADER", "Message-ID", message_key])
    if not uids:
        return False
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    return any(
        str(parser.parsebytes(cast(bytes, data.get(_FIELDS_KEY, b""))).get("Message-ID") or "")
        .strip()
        .strip("<>")
        == message_key
        for data in client.fetch(uids, [_FIELDS]).values()
    )


def append_sent_copy(client: IMAPClient, folder: str, mime: bytes) -> None:
    client.append(folder, mime, flags=[b"\\Seen"])


# --- one run's receipts ----------------------------------------------------------------------


class Receipts:
    """The receipts of one outbox run: which transaction carries one, the lookups that settle
    a batch of unknown fate, and tidying them away at the end."""

    def __init__(
        self,
        db: Database,
        account: Account,
        connections: RunConnections,
        now: Callable[[], datetime],
        sleep: Callable[[float], None],
        settle: float,
    ) -> None:
        self.db = db
        self.account = account
        self.connections = connections
        self.now = now
        self.sleep = sleep
        self.settle = settle
        self._secret: bytes | None = None
        self._wanted: bool | None = None
        # (message key, batch number) → when the server took it, for batches whose receipt
        # should arrive; and whether this run sent or settled anything at all.
        self.expected: dict[tuple[str, int], datetime] = {}
        self.touched = False
        self._flagged = False  # the account's state says receipts may wait to be tidied
        # Whether an earlier run left receipts untidied (killed, or its mailbox unreachable),
        # as the state said before this run flagged it for itself.
        self._left_untidied = False

    def token(self, batch: BatchToSend) -> str:
        if self._secret is None:
            self._secret = receipt_secret(self.db)
        return receipt_token(self._secret, batch.message_key, batch.number)

    def _is_coordinator(self, address: str) -> bool:
        return address_key(address) == address_key(self.account.email)

    def _state(self) -> dict[str, Any]:
        state = _read_setting(self.db, ACCOUNT_SETTING.format(account=self.account.id))
        return state if isinstance(state, dict) else {}

    def _set_state(self, **changes: Any) -> None:
        state = {**self._state(), **changes}
        _write_setting(self.db, ACCOUNT_SETTING.format(account=self.account.id), state)

    def wanted(self) -> bool:
        """Whether to send receipts: not while the account's went missing lately (a provider
        that drops them, or a rule that moves them out of the INBOX, where they would pile
        up untidied)."""
        if self._wanted is None:
            missing = self._state().get("missing")
            since = None
            if isinstance(missing, str):
                with contextlib.suppress(ValueError):
                    since = datetime.fromisoformat(missing)
            self._wanted = since is None or self.now() - since > RETRY_RECEIPTS_AFTER
        return self._wanted

    def address_for(self, batch: BatchToSend) -> str:
        """The receipt's recipient for the batch's transaction; '' for none: when the
        coordinator is a member of the batch (their own copy is the receipt), and when the
        message has no room for one more recipient."""
        if any(self._is_coordinator(address) for address in batch.recipients):
            return ""
        limit = per_message_limit(self.db, self.account)
        if not self.wanted() or not receipt_room(limit) or len(batch.recipients) >= limit:
            return ""
        if not self._flagged:
            # Before any receipt can exist, so a run killed at any moment after leaves the
            # next one the word that there may be receipts to tidy.
            self._left_untidied = bool(self._state().get("untidied"))
            self._set_state(untidied=True)
            self._flagged = True
        return self.account.email

    def taken(self, batch: BatchToSend, answer: Answer) -> None:
        """The server took the batch: its receipt is on its way, when it has one."""
        self.touched = True
        own_copy = any(
            self._is_coordinator(a) and a not in answer.refused and a not in answer.deferred
            for a in batch.recipients
        )
        if answer.receipt or own_copy:
            self.expected[(batch.message_key, batch.number)] = self.now()

    @contextlib.contextmanager
    def _mailbox(self) -> Iterator[IMAPClient]:
        """The IMAP connection, with its failures as one MailError (and dropped, so the next
        look opens a new one)."""
        client, _ = self.connections.imap()
        try:
            yield client
        except (imaplib.IMAP4.error, OSError, EOFError) as error:
            self.connections.drop_imap()
            reason = (
                server_answer(error)
                if isinstance(error, imaplib.IMAP4.error)
                and not isinstance(error, imaplib.IMAP4.abort)
                else translate("Outbox", "the connection dropped")
            )
            raise ReceiptLookupFailed(self.account.imap.host, reason) from error

    def evidence(self, batch: BatchToSend, data_started: datetime) -> str:
        """Where a copy shows the server took this batch: 'inbox' (its receipt), 'sent' (a
        copy the provider filed), or '' when there is none (yet). Only this batch's own copy
        counts, never another batch's of the same post. Raises a MailError (such as
        ReceiptLookupFailed) when the mailbox cannot be read."""
        token = self.token(batch)
        criteria = [*_since(data_started), "HEADER", "Message-ID", batch.message_key]

        def ours(copy: BatchCopy, legacy: bool) -> bool:
            return (
                copy.message_key == batch.message_key
                and copy.number == batch.number
                and (hmac.compare_digest(copy.token, token) or (legacy and not copy.token))
            )

        with self._mailbox() as client:
            if any(ours(copy, False) for copy in batch_copies(client, INBOX, criteria)):
                return "inbox"
            _, sent = self.connections.imap()
            if sent is not None and any(
                ours(copy, True) for copy in batch_copies(client, sent, criteria)
            ):
                return "sent"
        return ""

    # tidying

    def _recent_posts(self) -> dict[str, tuple[int, datetime]]:
        """message key → (post id, created) of the account's posts whose receipts may be
        in the INBOX still."""
        rows = self.db.execute(
            "SELECT message_key, id, created FROM posts WHERE account_id = ?"
            " AND (finished IS NULL OR finished > ?)",
            [self.account.id, iso_seconds(self.now() - TIDY_POSTS_FOR)],
        ).fetchall()
        return {key: (post_id, datetime.fromisoformat(created)) for key, post_id, created in rows}

    def _genuine(self, copies: list[BatchCopy], posts: dict[str, Any]) -> list[BatchCopy]:
        if self._secret is None:
            self._secret = receipt_secret(self.db)
        secret = self._secret
        return [
            copy
            for copy in copies
            if copy.message_key in posts
            and hmac.compare_digest(
                copy.token, receipt_token(secret, copy.message_key, copy.number)
            )
        ]

    def _recently_taken(self) -> dict[tuple[str, int], datetime]:
        """Batches the server took less than `settle` seconds ago, whose receipts may still
        be on their way: (message key, number) → when."""
        rows = self.db.execute(
            "SELECT p.message_key, b.number, b.accepted FROM batches b"
            " JOIN posts p ON p.id = b.post_id WHERE p.account_id = ? AND b.state = 'sent'"
            " AND b.accepted >= ?",
            [self.account.id, iso_seconds(self.now() - timedelta(seconds=self.settle))],
        ).fetchall()
        return {(key, number): datetime.fromisoformat(at) for key, number, at in rows}

    def tidy(self, stop: Callable[[], bool]) -> None:
        """Delete the receipts of settled batches from the INBOX, once those this run awaits
        have come (or `settle` seconds after the last was sent). After a run that stopped
        before tidying, it awaits the receipts of what that run sent last too. Best effort: a
        mailbox that cannot be reached keeps its receipts until a later run."""
        # Only an earlier run's leftovers are awaited besides this run's own receipts: the
        # flag this run set for itself says nothing about receipts it never asked for.
        untidied = self._left_untidied if self._flagged else bool(self._state().get("untidied"))
        if not self.touched and not untidied:
            return
        posts = self._recent_posts()
        if not posts:
            self._set_state(untidied=False)
            return
        awaited = {**self._recently_taken(), **self.expected} if untidied else self.expected
        criteria = [*_since(min(created for _, created in posts.values())), "HEADER"]
        criteria += [BATCH_HEADER, ""]
        deadline = max(awaited.values(), default=self.now()) + timedelta(seconds=self.settle)
        try:
            with self._mailbox() as client:
                while True:
                    arrived = {
                        (c.message_key, c.number)
                        for c in self._genuine(batch_copies(client, INBOX, criteria), posts)
                    }
                    if set(awaited) <= arrived or self.now() >= deadline or stop():
                        break
                    self.sleep(1.0)
                # Chosen and deleted in one read-write selection: the UIDs cannot change
                # meaning in between.
                copies = self._genuine(batch_copies(client, INBOX, criteria, readonly=False), posts)
                doomed = self._receipts_to_delete(copies, posts)
                if doomed:
                    client.add_flags(doomed, _SEEN_DELETED, silent=True)
                    # Without UIDPLUS an EXPUNGE would remove whatever else the coordinator
                    # marked deleted: the receipts then wait, marked, for their mail program.
                    if client.has_capability("UIDPLUS"):
                        client.uid_expunge(doomed)
        except MailError as error:
            log.warning("Receipts not tidied: %s", error)
            self._set_state(untidied=True)
            return
        self._note_missing(arrived, set(awaited) <= arrived, waited=self.now() >= deadline)

    def _note_missing(self, arrived: set[tuple[str, int]], all_came: bool, waited: bool) -> None:
        """Once tidied: remember when none of this run's receipts came in all the time they
        had, forget it when some do; and whether some may still come (late, or not waited
        for), for a later run to tidy."""
        expected = set(self.expected)
        if waited and expected and not expected & arrived:  # they never come: none to tidy
            self._set_state(missing=self.now().isoformat(timespec="seconds"), untidied=False)
        elif arrived:
            self._set_state(missing=None, untidied=not all_came)
        else:
            self._set_state(untidied=not all_came)

    def _receipts_to_delete(
        self, copies: list[BatchCopy], posts: dict[str, tuple[int, datetime]]
    ) -> list[int]:
        """UIDs of receipts whose batch is settled; where the coordinator is a member of the
        batch, one copy stays: theirs."""
        doomed: list[int] = []
        for key in {copy.message_key for copy in copies}:
            post_id = posts[key][0]
            states = dict(
                self.db.execute(
                    "SELECT number, state FROM batches WHERE post_id = ?", [post_id]
                ).fetchall()
            )
            members = {
                number
                for number, address in self.db.execute(
                    "SELECT b.number, r.email FROM batch_recipients r"
                    " JOIN batches b ON b.id = r.batch_id WHERE b.post_id = ?",
                    [post_id],
                )
                if self._is_coordinator(address)
            }
            kept: set[int] = set()
            for copy in sorted((c for c in copies if c.message_key == key), key=lambda c: c.uid):
                if states.get(copy.number, "sending") == "sending":
                    continue  # still to be settled: the receipt is its evidence
                if copy.number in members and copy.number not in kept:
                    kept.add(copy.number)
                    continue
                doomed.append(copy.uid)
        return doomed
