"""Which new mail looks like a bounce, from its headers alone: cheap enough for every INBOX
message during sync. The message is then read whole by flufl.bounce (group_mail)."""

from __future__ import annotations

from collections.abc import Mapping

_DAEMONS = (b"mailer-daemon@", b"postmaster@", b"mail delivery subsystem", b"microsoftexchange")


def looks_like_bounce(fields: Mapping[bytes, bytes]) -> bool:
    """A delivery report (multipart/report; report-type=delivery-status), a message naming
    failed recipients, or one from a mailer daemon."""
    content_type = fields.get(b"content-type", b"").lower()
    if b"multipart/report" in content_type and b"delivery-status" in content_type:
        return True
    if fields.get(b"x-failed-recipients"):
        return True
    sender = fields.get(b"from", b"").lower()
    return any(daemon in sender for daemon in _DAEMONS)
