"""The outbox's Microsoft Graph route, for a tenant that turned SMTP AUTH off: each batch
goes as one sendMail carrying the post's own MIME, and Exchange's copy in Sent Items is what
settles a batch whose answer never came.

Graph takes a message's recipients from its headers, not from an envelope: the batch's copy
is the post with its X-Pont-Batch line (as over SMTP) and a Bcc line naming the batch's
members, those its To and Cc do not name already (copy-all mode names them there). In
group-address mode To names the group address, the coordinator's own sub-address, which so
gets a copy of each batch: that is the one recipient plan.py keeps free in every batch for
the receipt, which Graph batches do not carry. Exchange delivers without the Bcc line and
files the copy whole in Sent Items (saveToSentItems, left at its default, true).

How "exactly once" holds here, as over SMTP (the top of outbox/run.py): the batch is
'sending' before the request goes and stamped `data_started` just before it does. A 202 is
recorded as sent; a 4xx (429 and 503 included) took nothing, and the batch waits; when the
request went and no answer came (a dropped connection, a timeout, a 5xx, Pont killed), the
batch's fate is unknown, and only its own copy in Sent Items says it went: found by the
post's Message-ID through Graph ($filter on internetMessageId), and told apart from the
other batches' copies by the X-Pont-Batch line in its MIME (Exchange gives Sent Items copies
no internetMessageHeaders). Not found in time, it goes again; Sent Items unreadable (no
Mail.Read), it stays 'sending', never sent again blind.
"""

from __future__ import annotations

import email.parser
import email.policy
import email.utils
import hmac
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pont.core.errors import (
    GraphAccessDenied,
    GraphAnswerLost,
    GraphBusy,
    GraphItemGone,
    GraphRefused,
    GraphSignInRefused,
    GraphUnreachable,
    MailError,
    PontError,
    PostHeadersUnsafe,
)
from pont.core.i18n import error_sentence, translate
from pont.core.mail.graph.limits import MESSAGES_PER_MINUTE, MIME_LIMIT
from pont.core.members.addresses import address_key
from pont.core.posting.headers import folded, mailbox_atoms
from pont.core.posting.outbox.connections import SendingPaused
from pont.core.posting.outbox.sending import BATCH_HEADER, Answer, Outcome, batch_copy

if TYPE_CHECKING:
    import threading
    from datetime import datetime

    from pont.core.mail.accounts import Account
    from pont.core.mail.graph.client import GraphClient
    from pont.core.mail.tokens import Secret
    from pont.core.posting.outbox.batches import BatchToSend
    from pont.core.posting.outbox.connections import RunConnections

SENT_ITEMS = "sentitems"
# What MessageTooLarge names as the server that refused the size.
GRAPH_NAME = "Microsoft 365"
_BATCH_VALUE = re.compile(r"([0-9]{1,9}) ([0-9a-f]{32})")


def graph_copy(
    mime: bytes,
    number: int,
    token: str,
    recipients: Sequence[str],
    coordinator: str,
    *,
    date: datetime | None = None,
) -> bytes:
    """The batch's copy for sendMail: the post with its X-Pont-Batch line (and, given `date`,
    the Date it goes, as sending.batch_copy) and a Bcc line for the batch's members its To
    and Cc do not name. Raises PostHeadersUnsafe when the Bcc line would not read back as
    exactly those members, and PontError when To or Cc name someone outside the batch other
    than the coordinator (a later batch of a copy-all post, whose To names everyone: Graph
    would send them the post again)."""
    # Read as text: an address beyond ASCII in To (RFC 6532) is then the member's own, where
    # bytes would have left it unmatched and the batch refused.
    header_block = mime.partition(b"\r\n\r\n")[0].decode("utf-8", "replace")
    parser = email.parser.HeaderParser(policy=email.policy.compat32)
    headers = parser.parsestr(header_block + "\r\n\r\n")
    named = {
        address_key(address)
        for _, address in email.utils.getaddresses(
            [str(value) for name in ("To", "Cc") for value in headers.get_all(name, [])]
        )
        if address
    }
    members = {address_key(r) for r in recipients}
    if named - members - {address_key(coordinator), _own_sub_address(coordinator, named)}:
        raise PontError(
            translate(
                "Outbox",
                "This batch cannot go through Microsoft 365: the post's To line names people "
                "who already had it, and Microsoft 365 would send it to them again.",
            )
        )
    hidden = list(dict.fromkeys(r for r in recipients if address_key(r) not in named))
    copy = batch_copy(mime, number, token, date=date)
    if not hidden:
        return copy
    atoms: list[str] = []
    for address in hidden:
        if atoms:
            atoms[-1] += ","
        atoms += mailbox_atoms("", address, "Bcc")
    line = f"Bcc: {folded('Bcc', atoms)}".replace("\n", "\r\n") + "\r\n"
    if _read_back(line) != [_parts(a) for a in hidden]:
        raise PostHeadersUnsafe("Bcc")
    head, _, rest = copy.partition(b"\r\n")
    return head + b"\r\n" + line.encode("utf-8") + rest


def _read_back(line: str) -> list[tuple[str, str]]:
    """The (local part, domain) of each address of an address line, as a receiver reads it."""
    parsed = email.parser.HeaderParser(policy=email.policy.default).parsestr(line + "\r\n")
    field = parsed.get(line.partition(":")[0])
    addresses = getattr(field, "addresses", ())
    return [(a.username, a.domain.casefold()) for a in addresses]


def _parts(address: str) -> tuple[str, str]:
    """As headers.addr_spec writes it: the local part taken as it is, quoted when need be."""
    local, _, domain = address.strip().rpartition("@")
    return local, domain.casefold()


def _own_sub_address(coordinator: str, named: set[str]) -> str:
    """The coordinator's sub-address (local+tag@domain) among the named, if any: the group
    address, in group-address mode."""
    local, _, domain = address_key(coordinator).rpartition("@")
    for key in named:
        their_local, _, their_domain = key.rpartition("@")
        if their_domain == domain and their_local.partition("+")[0] == local:
            return key
    return ""


class GraphRoute:
    """One outbox run's sending through Microsoft Graph, and its Sent Items lookups (an
    outbox/route.Route)."""

    name = GRAPH_NAME
    size_limit = MIME_LIMIT
    messages_per_minute: int | None = MESSAGES_PER_MINUTE

    def __init__(
        self,
        account: Account,
        connections: RunConnections,
        secret: Secret,
        endpoint: str,
        token_for: Callable[[BatchToSend], str],
        stop: threading.Event | None = None,
    ) -> None:
        self.account = account
        self.connections = connections
        self.secret = secret
        self.endpoint = endpoint
        self.token_for = token_for
        self.stop = stop
        # Graph id → (Message-ID, X-Pont-Batch values) of Sent Items copies read already.
        self._read: dict[str, tuple[str, list[str]]] = {}

    def client(self) -> GraphClient:
        if isinstance(self.secret, str):
            raise SendingPaused(
                translate(
                    "Outbox",
                    "Sending through Microsoft 365 needs Microsoft's sign-in, not a password: "
                    "sign in with Microsoft for this account.",
                )
            )
        return self.connections.graph(self.secret, self.endpoint, self.stop)

    def ready(self) -> None:
        self.client()  # a password, or an unusable address: said before anything starts

    def not_found(self) -> str:
        return translate("Outbox", "It is not in Sent Items: it goes again.")

    def keep_sent_copy(self, message_key: str, mime: bytes) -> None:
        """Nothing to do: sendMail's saveToSentItems filed each batch's copy in Sent Items."""

    def copy(self, batch: BatchToSend, date: datetime | None = None) -> bytes:
        return graph_copy(
            batch.mime,
            batch.number,
            self.token_for(batch),
            batch.recipients,
            self.account.email,
            date=date,
        )

    def transact(self, data: bytes, before_sending: Callable[[], None]) -> Answer:
        """One sendMail, its outcome sorted as an SMTP transaction's. Raises SendingPaused when
        Microsoft refuses Pont's sign-in or the permission to send: nothing went."""
        client = self.client()
        try:
            client.send_mime(data, before_sending)
        except GraphAnswerLost as error:
            return Answer(Outcome.UNKNOWN, error.reason, connection_usable=False)
        except GraphUnreachable as error:
            return Answer(Outcome.NOT_SENT, error.reason, connection_usable=False)
        except GraphBusy as error:
            return Answer(Outcome.RETRY, error_sentence(error), retry_after=error.retry_after)
        except GraphRefused as error:
            if error.status == 413:
                return Answer(Outcome.TOO_LARGE, error.answer)
            reason = f"{error.code}: {error.answer}" if error.code else error.answer
            return Answer(Outcome.FAILED, reason)
        except (GraphSignInRefused, GraphAccessDenied) as error:
            raise SendingPaused(error_sentence(error)) from error
        except MailError as error:  # the TokenSource's: sign in again, ask IT, offline…
            raise SendingPaused(error_sentence(error)) from error
        return Answer(Outcome.ACCEPTED)

    def evidence(self, batch: BatchToSend, data_started: datetime) -> str:
        """'sent' when this batch's own copy is in Sent Items, else ''. Raises a MailError
        when Sent Items cannot be read (no Mail.Read, offline)."""
        client = self.client()
        token = self.token_for(batch)
        for graph_id in client.find_messages(SENT_ITEMS, f"<{batch.message_key}>"):
            if graph_id not in self._read:
                try:
                    self._read[graph_id] = _batch_lines(client.message_headers(graph_id))
                except GraphItemGone:  # deleted since it was listed: no evidence either way
                    continue
            key, values = self._read[graph_id]
            if key != batch.message_key:
                continue
            for value in values:
                match = _BATCH_VALUE.fullmatch(value)
                if match and int(match[1]) == batch.number and hmac.compare_digest(match[2], token):
                    return "sent"
        return ""


def _batch_lines(header_block: bytes) -> tuple[str, list[str]]:
    headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(header_block)
    key = str(headers.get("Message-ID") or "").strip().strip("<>")
    return key, [" ".join(str(v).split()) for v in headers.get_all(BATCH_HEADER, [])]
