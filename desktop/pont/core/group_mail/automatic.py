"""Mail to the group address that is never relayed, whoever sent it: auto-replies (RFC 3834's
Auto-Submitted, the older X-Autoreply and X-Autorespond, Precedence bulk/junk/list,
out-of-office subjects in English and Welsh), bounces, and Pont's own copies coming back.

Relaying one of these would start a loop: an out-of-office answering a post goes to the
group, whose members' out-of-offices answer that, and so on. Mailman 3 drops them the same
way. The checks read only the raw header block (its first value of each field), so a
stranger's megabytes of headers cost one linear pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from pont.core.archive.bounce_detection import looks_like_bounce
from pont.core.archive.mail_decoding import decode_words
from pont.core.archive.message_headers import header_addresses, header_fields
from pont.core.members.addresses import address_key

_FIELDS = frozenset(
    {
        b"auto-submitted",
        b"x-autoreply",
        b"x-autorespond",
        b"precedence",
        b"subject",
        b"from",
        b"sender",
        b"return-path",
        b"content-type",
        b"x-failed-recipients",
        b"x-pont-batch",
    }
)
# Out-of-office subjects, matched at the start of the decoded subject: Outlook's "Automatic
# reply:", Exchange's "Out of Office:", others' "Auto-reply", and the Welsh of Microsoft 365's
# Welsh interface and of Welsh-speaking members' own. Only at the start: a member's real post
# may well ask who covers while someone is out of the office.
_OUT_OF_OFFICE = re.compile(
    r"^\s*(?:automatic\s+reply|auto[\s-]*reply|autoreply|auto[\s-]*response"
    r"|out\s+of\s+(?:the\s+)?office|ateb\s+awtomatig|ymateb\s+awtomatig"
    r"|allan\s+o['’]r\s+swyddfa|i\s+ffwrdd\s+o['’]r\s+swyddfa)\b",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_SUBJECT = 2_000  # past this a subject is junk anyway; the pattern runs on its start


class NeverRelay(StrEnum):
    """Why a message to the group address is not relayed: the handler's outcome."""

    AUTO_REPLY = "auto-reply"
    BOUNCE = "bounce"
    OWN_COPY = "own-copy"  # Pont's relayed copy or post, or mail the group address sent


def _value(fields: dict[bytes, bytes], name: bytes) -> str:
    return fields.get(name, b"").decode("ascii", "replace").strip()


def is_auto_reply(fields: dict[bytes, bytes]) -> bool:
    auto_submitted = _value(fields, b"auto-submitted").partition(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if b"x-autoreply" in fields or b"x-autorespond" in fields:
        return True
    if _value(fields, b"precedence").lower() in ("bulk", "junk", "list", "auto_reply"):
        return True
    subject = fields.get(b"subject", b"")[:_MAX_SUBJECT].decode("utf-8", "replace")
    # decode_words never raises; the raw text is matched too, in case it left a word as is
    subject = f"{decode_words(subject)}\n{subject}"
    return bool(_OUT_OF_OFFICE.search(subject))


def is_automatic(raw: bytes) -> bool:
    """An auto-reply, told from the raw message's header block (the body is never read)."""
    return is_auto_reply(header_fields(raw, _FIELDS))


def never_relay(raw: bytes, group_addresses: Iterable[str]) -> NeverRelay | None:
    """Why this message (its raw bytes; only the header block is read) must not be relayed,
    or None. group_addresses: every group address of the account."""
    fields = header_fields(raw, _FIELDS)
    if b"x-pont-batch" in fields:
        return NeverRelay.OWN_COPY
    keys = {address_key(address) for address in group_addresses}
    senders = [
        address_key(address.email)
        for name in (b"from", b"sender")
        for address in header_addresses(fields.get(name, b"")[:_MAX_SUBJECT])
    ]
    if any(sender in keys for sender in senders):
        return NeverRelay.OWN_COPY
    if looks_like_bounce(fields) or _value(fields, b"return-path") == "<>":
        return NeverRelay.BOUNCE
    if is_auto_reply(fields):
        return NeverRelay.AUTO_REPLY
    return None
