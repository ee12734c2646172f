"""A TokenSource for the tests of the code that signs in with one: each call mints a new
access token with the test mail servers' signing key, as a real source refreshes one, and
keeps a record of what it was asked for. (Microsoft's own, MicrosoftTokens, is tested
against the tests' OpenID Connect server.)"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

from oauth_keys import SigningKey
from pont.core.mail.tokens import Permission

MAILBOX_SCOPES = (Permission.IMAP.value, Permission.SMTP.value)


@dataclass
class Handed:
    """One token handed out: for what, its digest (never the token itself) and its expiry."""

    permission: Permission
    digest: str
    expires: float


@dataclass
class MintedTokens:
    """A TokenSource for `email`. `lifetime` is each token's, in seconds; `subject` mints
    them for another address, `scopes` with other permissions, `issued_ago` backdates them
    (an hour: already expired)."""

    email: str
    key: SigningKey
    lifetime: float = 3600.0
    scopes: tuple[str, ...] = MAILBOX_SCOPES
    subject: str = ""
    issued_ago: float = 0.0
    handed: list[Handed] = field(default_factory=list)

    def access_token(self, permission: Permission) -> str:
        issued = time.time() - self.issued_ago
        token = self.key.mint(
            self.subject or self.email, self.scopes, lifetime=self.lifetime, now=issued
        )
        digest = hashlib.sha256(token.encode()).hexdigest()
        self.handed.append(Handed(permission, digest, int(issued) + self.lifetime))
        return token

    @property
    def asked(self) -> list[Permission]:
        return [handed.permission for handed in self.handed]
