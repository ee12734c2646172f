"""Mail for the group's own handling, set aside during sync (issue 14).

Sync reads the headers of every new message in the INBOX anyway; here those headers say
whether a message is for the group's own handling rather than (or as well as) for the
archive: a message to a group's address (to relay or hold), a bounce, a join or leave
request, or the answer to a confirmation. Such a message is fetched whole and kept in the
`inbound` table, once per account, Message-ID and kind, in the same transaction as the
folder's last UID moves past it: a cut sync loses none and a re-sync adds none.

What is done with them is not decided here: pont.core.group_mail handles each row once
(relays through the outbox, holds, scores bounces, files requests) and marks it done.

The checks are cheap and run on every INBOX message: raw header bytes, a few substring
tests, and the addresses parsed only when a group's address appears in them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core.archive.bounce_detection import looks_like_bounce
from pont.core.archive.message_headers import (
    Address,
    MessageHeaders,
    header_addresses,
    header_fields,
    parse_headers,
)
from pont.core.archive.request_words import confirmation_token, request_kind
from pont.core.archive.spool import SpooledRaw
from pont.core.members.addresses import address_key
from pont.core.members.groups import GroupMode, account_groups, group_address

if TYPE_CHECKING:
    from sqlite_utils import Database

# The fields sync fetches beside message_headers.HEADER_FIELDS for these checks.
INBOUND_FIELDS: tuple[str, ...] = (
    "Delivered-To",
    "X-Original-To",
    "Auto-Submitted",
    "X-Autoreply",
    "X-Autorespond",
    "Precedence",
    "Content-Type",
    "Return-Path",
    "X-Failed-Recipients",
    "X-MS-Exchange-Message-Is-Ndr",
    "X-Pont-Batch",
)
_ADDRESSED = (b"to", b"cc", b"delivered-to", b"x-original-to")
_FIELDS = frozenset(
    name.lower().encode() for name in (*INBOUND_FIELDS, "From", "To", "Cc", "Subject")
)


class InboundKind(StrEnum):
    GROUP_ADDRESS = "group-address"  # to a group's address: relay, or hold
    BOUNCE = "bounce"  # a delivery report, standard (RFC 3464) or a provider's own
    REQUEST = "request"  # "join" or "leave" (request_words)
    CONFIRMATION = "confirmation"  # the answer to a confirmation Pont sent, quoting its token


@dataclass(frozen=True, slots=True)
class SetAside:
    kind: InboundKind
    group_id: int | None  # the group addressed, when one is (a bounce names none)


@dataclass(frozen=True, slots=True)
class InboundRules:
    """What sync needs to know to set mail aside: loaded once per sync of one account."""

    coordinator_key: str  # the account's address, folded
    # group address (folded) → group id, for groups in group-address mode on this account
    group_addresses: Mapping[str, int]
    # every group of the account (leave requests reach the coordinator's own address)
    group_ids: tuple[int, ...]

    @classmethod
    def load(cls, db: Database, account_id: int) -> InboundRules:
        row = db.execute("SELECT email FROM accounts WHERE id = ?", [account_id]).fetchone()
        if row is None:
            return cls("", {}, ())
        coordinator = row[0]
        groups = account_groups(db, account_id)
        addresses = {
            address_key(group_address(coordinator, group)): group.id
            for group in groups
            if group.mode is GroupMode.GROUP_ADDRESS or group.address
        }
        return cls(address_key(coordinator), addresses, tuple(group.id for group in groups))

    def _needles(self) -> tuple[bytes, ...]:
        return tuple(key.encode("utf-8", "replace") for key in self.group_addresses)

    def set_aside(self, header_block: bytes) -> SetAside | None:
        """What the message with this header block is for; None for anything else."""
        if not self.group_ids:
            return None
        fields = header_fields(header_block, _FIELDS)
        if b"x-pont-batch" in fields:
            return None  # Pont's own copy of a post (a receipt, a relayed copy): never again
        if looks_like_bounce(fields):
            return SetAside(InboundKind.BOUNCE, None)
        group_id = self._addressed_group(fields)
        subject = fields.get(b"subject", b"")
        if confirmation_token(subject):
            return SetAside(InboundKind.CONFIRMATION, group_id)
        if request_kind(subject) is not None:
            return SetAside(InboundKind.REQUEST, group_id)
        if group_id is not None:
            return SetAside(InboundKind.GROUP_ADDRESS, group_id)
        return None

    def _addressed_group(self, fields: Mapping[bytes, bytes]) -> int | None:
        """The first group whose address is among the message's recipients."""
        needles = self._needles()
        if not needles:
            return None
        raw = b" ".join(fields.get(name, b"") for name in _ADDRESSED).lower()
        if not any(needle in raw for needle in needles):
            return None
        for name in _ADDRESSED:
            for address in header_addresses(fields.get(name, b"")):
                group_id = self.group_addresses.get(address_key(address.email))
                if group_id is not None:
                    return group_id
        return None


def _sender(headers: MessageHeaders) -> Address:
    return headers.sender or Address("", "")


def record_inbound(
    db: Database,
    account_id: int,
    aside: SetAside,
    raw: bytes | SpooledRaw,
    location: tuple[int, int] | None,
) -> bool:
    """Keep the message for the group's own handling; False when it is kept already.

    Does not commit: sync calls it inside the chunk's transaction (through db.conn).
    """
    whole = raw if isinstance(raw, bytes) else b"".join(raw.slices())
    headers = parse_headers(whole)
    sender = _sender(headers)
    folder_id, uid = location if location is not None else (None, None)
    cursor = db.conn.execute(
        "INSERT OR IGNORE INTO inbound (account_id, folder_id, uid, message_key, kind, group_id,"
        " sender_email, sender_name, subject, received, size, raw)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            account_id,
            folder_id,
            uid,
            headers.message_key,
            aside.kind.value,
            aside.group_id,
            sender.email,
            sender.name,
            headers.subject,
            datetime.now(UTC).isoformat(timespec="seconds"),
            len(whole),
            whole,
        ],
    )
    return cursor.rowcount > 0
