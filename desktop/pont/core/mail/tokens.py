"""What a connection signs in with: a password, or a source of OAuth 2.0 access tokens
(Microsoft's sign-in), asked for a fresh token just before each connection."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class Permission(StrEnum):
    """What Pont may ask Microsoft for, each only when a feature needs it (incremental
    consent). The value is the scope's name on its resource."""

    IMAP = "IMAP.AccessAsUser.All"  # read the mailbox over IMAP
    SMTP = "SMTP.Send"  # send over SMTP
    GRAPH_SEND = "Mail.Send"  # send through Microsoft Graph
    GRAPH_READ = "Mail.Read"  # read through Microsoft Graph

    @property
    def resource(self) -> Resource:
        if self in (Permission.IMAP, Permission.SMTP):
            return Resource.MAILBOX
        return Resource.GRAPH


class Resource(StrEnum):
    """One access token serves one resource: Exchange's IMAP/SMTP, or Microsoft Graph."""

    MAILBOX = "mailbox"
    GRAPH = "graph"


class TokenSource(Protocol):
    """Access tokens for one account, refreshed silently before they expire.

    access_token raises a MailError subclass when the coordinator must act: sign in again
    (the refresh token expired or was revoked), or ask their IT team (admin approval)."""

    @property
    def email(self) -> str: ...

    def access_token(self, permission: Permission) -> str: ...


# A password (kept in the keyring) or a TokenSource: what the connections sign in with.
Secret = str | TokenSource
