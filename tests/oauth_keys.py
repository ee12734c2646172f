"""The signing key of the tests' OpenID Connect server, and access tokens shaped like
Microsoft's: RS256 JWTs that Dovecot (passdb oauth2), the SMTP test server and the Graph
test server check against the same public key.

A token carries `aud` (the resource: MAILBOX_AUDIENCE or GRAPH_AUDIENCE), `scp` (the
permission names, space-separated, as Microsoft writes them), `sub`, `upn` / `preferred_username` /
`email` (the mailbox), `tid`, `iss`, `iat`, `nbf`, `exp`, and `kid` in its header.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

# What Microsoft's tokens name as their audience (resource), per resource.
MAILBOX_AUDIENCE = "https://outlook.office.com"
GRAPH_AUDIENCE = "https://graph.microsoft.com"
TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad"


@dataclass
class SigningKey:
    """One RSA key pair for a test session; `kid` names it in tokens and the JWKS."""

    kid: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    key: Any = None

    def __post_init__(self) -> None:
        if self.key is None:
            self.key = RSAKey.generate_key(2048, parameters={"kid": self.kid})

    def public_jwks(self) -> dict[str, Any]:
        return {
            "keys": [
                {
                    **self.key.as_dict(private=False),
                    "kid": self.kid,
                    "use": "sig",
                    "alg": "RS256",
                }
            ]
        }

    def public_pem(self) -> bytes:
        return self.key.as_pem(private=False)

    def private_pem(self) -> bytes:
        return self.key.as_pem(private=True)

    def mint(
        self,
        email: str,
        scopes: Iterable[str],
        audience: str = MAILBOX_AUDIENCE,
        issuer: str = f"https://login.test/{TENANT_ID}/v2.0",
        lifetime: float = 3600.0,
        now: float | None = None,
        **extra: Any,
    ) -> str:
        """An access token for `email` with the scope names given (e.g. "IMAP.AccessAsUser.All")."""
        issued = int(now if now is not None else time.time())
        claims = {
            "iss": issuer,
            "aud": audience,
            "tid": TENANT_ID,
            # The account's id at the authority; Dovecot's local validation requires one.
            "sub": uuid.uuid5(uuid.NAMESPACE_URL, f"mailto:{email.casefold()}").hex,
            "upn": email,
            "preferred_username": email,
            "email": email,
            "scp": " ".join(scopes),
            "iat": issued,
            "nbf": issued,
            "exp": int(issued + lifetime),
            **extra,
        }
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        return jwt.encode(header, claims, self.key)

    def claims(self, token: str) -> dict[str, Any]:
        """The token's claims when its signature and times hold; raises joserfc's JoseError
        otherwise."""
        decoded = jwt.decode(token, self.key, algorithms=["RS256"])
        jwt.JWTClaimsRegistry(now=int(time.time()), leeway=0).validate(decoded.claims)
        return dict(decoded.claims)
