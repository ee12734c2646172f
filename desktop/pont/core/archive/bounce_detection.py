"""Which new mail looks like a bounce, from its headers alone: cheap enough for every INBOX
message during sync. The message is then read whole by flufl.bounce (group_mail/bounces).

A false positive costs more than a miss: a member's mail taken for a bounce would vanish from
the conversations. So a sender's name never counts ("Postmaster Jones" writes like anyone),
nor does an empty Return-Path alone (out-of-office replies have one too); the address
postmaster@ counts only beside a second sign, since a person may write from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Only ever a mail system: the From address's local part alone says bounce.
_DAEMONS = frozenset({b"mailer-daemon", b"mailerdaemon", b"mail-daemon"})
# A mail system, or a person who looks after one: needs a second sign.
_SYSTEM_LOCALS = frozenset({b"postmaster"})
# Exchange's NDR sender: MicrosoftExchange followed by 32 hex digits.
_EXCHANGE_SENDER = re.compile(rb"microsoftexchange[0-9a-f]{32}")
# Subjects mail systems give their reports (Postfix, Exim, Sendmail, Gmail, Exchange, qmail).
_REPORT_SUBJECTS = (
    b"undeliverable",
    b"undelivered mail",
    b"delivery status notification",
    b"mail delivery failed",
    b"delivery failure",
    b"returned mail",
    b"failure notice",
    b"non-delivery",
    b"could not be delivered",
)
_ANGLE_ADDRESS = re.compile(rb"<([^<>]*)>")


def looks_like_bounce(fields: Mapping[bytes, bytes]) -> bool:
    """A delivery report (multipart/report; report-type=delivery-status), a message naming
    failed recipients or marked as Exchange's non-delivery report, or a report from a mail
    system's own address. fields: lowercase names → raw values (inbound.INBOUND_FIELDS)."""
    content_type = fields.get(b"content-type", b"").lower()
    if b"multipart/report" in content_type and b"delivery-status" in content_type:
        return True
    if fields.get(b"x-failed-recipients", b"").strip():
        return True
    if b"x-ms-exchange-message-is-ndr" in fields:
        return True
    local = _sender_local_part(fields.get(b"from", b""))
    if local in _DAEMONS:
        return True
    if local in _SYSTEM_LOCALS or _EXCHANGE_SENDER.fullmatch(local):
        return _null_return_path(fields) or _report_subject(fields)
    return False


def _sender_local_part(value: bytes) -> bytes:
    """The From address's local part, lowercased: 'Mail Delivery System <MAILER-DAEMON@x>'
    and 'MAILER-DAEMON@x (Mail Delivery System)' both give b'mailer-daemon'."""
    found = _ANGLE_ADDRESS.findall(value)
    address = found[-1] if found else value.split(b"(", 1)[0]
    local, at, _ = address.strip().rpartition(b"@")
    return local.strip().strip(b'"').lower() if at else b""


def _null_return_path(fields: Mapping[bytes, bytes]) -> bool:
    return fields.get(b"return-path", b"").replace(b" ", b"") == b"<>"


def _report_subject(fields: Mapping[bytes, bytes]) -> bool:
    subject = fields.get(b"subject", b"").lower()
    return any(words in subject for words in _REPORT_SUBJECTS)
