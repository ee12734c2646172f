"""XOAUTH2, the SASL mechanism that signs in to IMAP and SMTP with an OAuth 2.0 access token,
as Google and Microsoft document it (it has no RFC): one client message, and, when the server
refuses the token, a challenge carrying its error as base64 JSON, which the client answers
with an empty line before the server says NO (IMAP) or 535 (SMTP)."""

from __future__ import annotations

import base64
import smtplib


def xoauth2_response(user: str, token: str) -> bytes:
    """XOAUTH2's one client message: the user name and the token."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


class Xoauth2Answers:
    """Pont's side of an IMAP AUTHENTICATE XOAUTH2: the response to the server's first
    (empty) challenge; to a second one, which carries the server's refusal as base64 JSON, an
    empty line, as the mechanism asks (the server then answers NO). imapclient's
    oauth2_login would send the token again there."""

    def __init__(self, response: bytes) -> None:
        self.response = response
        self.answered = False

    def __call__(self, challenge: bytes) -> bytes:
        if self.answered:
            return b""
        self.answered = True
        return self.response


def smtp_xoauth2(smtp: smtplib.SMTP, response: bytes) -> None:
    """AUTH XOAUTH2 with the response given at once (RFC 4954's initial response); raises
    SMTPAuthenticationError with the server's last answer when it is not 235."""
    encoded = base64.b64encode(response).decode("ascii")
    code, reply = smtp.docmd("AUTH", "XOAUTH2 " + encoded)
    if code == 334 and not reply.strip():  # a server that asks for the response instead
        code, reply = smtp.docmd(encoded)
    if code == 334:
        # The refusal, as base64 JSON: the client answers it with an empty line, and only
        # then does the server say 535 (Google's and Microsoft's XOAUTH2 descriptions).
        code, reply = smtp.docmd("")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def smtp_auth_disabled(error: smtplib.SMTPAuthenticationError) -> bool:
    """Exchange Online's answer when SMTP AUTH is off for the tenant or the mailbox:
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled …"."""
    reply = error.smtp_error
    text = reply.decode("ascii", "replace") if isinstance(reply, bytes) else reply
    return error.smtp_code == 535 and text.startswith("5.7.139")
