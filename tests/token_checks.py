"""How the test mail servers check OAuth 2.0 access tokens, as Exchange Online does: Dovecot
through `passdb oauth2` validating the JWTs itself (XOAUTH2 and OAUTHBEARER), and the SMTP
server through an XOAUTH2 mechanism of its own. Both check the tests' SigningKey signature,
the expiry, the audience (the mailbox resource), the permission and the user.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import TYPE_CHECKING

from aiosmtpd.smtp import MISSING, AuthResult

from oauth_keys import MAILBOX_AUDIENCE, SigningKey

if TYPE_CHECKING:
    from aiosmtpd import smtp as aiosmtpd_smtp

IMAP_SCOPE = "IMAP.AccessAsUser.All"
SMTP_SCOPE = "SMTP.Send"

# What Exchange Online answers when the tenant (or the mailbox) has SMTP AUTH turned off.
SMTP_AUTH_DISABLED = (
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
    "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information."
)
TOKEN_REFUSED = "535 5.7.3 Authentication unsuccessful"


def _pattern(text: str) -> str:
    """`text` as a POSIX regular expression with no colon, backslash, space or brace in it,
    which would end a value or a Dovecot %{if} parameter."""
    return "".join(c if c.isalnum() else "." if c == ":" else f"[{c}]" for c in text)


# The passdb's own settings (dovecot-oauth2.conf.ext). Dovecot 2.3 looks the public key up
# in the dict at "shared/<azp or 'default'>/<alg>/<kid>"; the fs dict drops "shared/", so
# the key is the file keys/default/RS256/<kid>. It requires `sub` and `exp`, and checks
# `nbf`, `iat`, the signature, and the user (`username_attribute`) against the login.
# The audience and the permission (in `scp`, as Microsoft names it) it cannot check in a
# way that holds across 2.3 releases (2.3.19 reads `scope` as the audience, 2.3.21 and
# Debian's patched 2.3.19 want a `scope` claim Microsoft's tokens lack), so the passdb sets
# allow_nets to every IPv4 address when "aud|scp" matches, and to none, which refuses the
# login, when it does not.
DOVECOT_OAUTH2 = """\
introspection_mode = local
local_validation_key_dict = fs:posix:prefix={keys}/
username_attribute = upn
pass_attrs = allow_nets=%{{if;%{{oauth2:aud}}|%{{oauth2:scp}};~;{wanted};0.0.0.0/0;}}
"""


def write_dovecot_oauth2(root: Path, key: SigningKey) -> Path:
    """The passdb oauth2 settings and the public key where Dovecot looks for it."""
    keys = root / "oauth2-keys"
    folder = keys / "default" / "RS256"
    folder.mkdir(parents=True)
    (folder / key.kid).write_bytes(key.public_pem())
    word = "[^.A-Za-z]"  # what may stand either side of a permission's name
    wanted = f"^{_pattern(MAILBOX_AUDIENCE)}[|](.*{word})?{_pattern(IMAP_SCOPE)}({word}.*)?$"
    settings = root / "dovecot-oauth2.conf.ext"
    settings.write_text(DOVECOT_OAUTH2.format(keys=keys, wanted=wanted))
    return settings


def parse_xoauth2(blob: bytes) -> tuple[str, str] | None:
    """(user, token) from an XOAUTH2 response: user=U ^A auth=Bearer T ^A ^A."""
    try:
        text = blob.decode()
    except UnicodeDecodeError:
        return None
    if not text.endswith("\x01\x01"):
        return None
    fields = dict(part.partition("=")[::2] for part in text[:-2].split("\x01"))
    user, auth = fields.get("user", ""), fields.get("auth", "")
    scheme, _, token = auth.partition(" ")
    if not user or scheme.casefold() != "bearer" or not token:
        return None
    return user, token


def token_refusal(key: SigningKey, token: str, user: str, scope: str) -> str | None:
    """Why the token does not let `user` use `scope` on the mailbox, or None when it does."""
    try:
        claims = key.claims(token)  # the signature, exp, nbf, iat
    except Exception as error:  # noqa: BLE001 (any malformed token is only refused)
        return f"invalid token ({type(error).__name__})"
    if claims.get("aud") != MAILBOX_AUDIENCE:
        return "token for another resource"
    if scope not in str(claims.get("scp", "")).split():
        return f"token without {scope}"
    named = claims.get("upn") or claims.get("email") or ""
    if not isinstance(named, str) or named.casefold() != user.casefold():
        return "token for another user"
    return None


class Xoauth2Check:
    """The SMTP server's XOAUTH2 (aiosmtpd calls the handler's `auth_XOAUTH2`): the token
    is checked, and a refusal is sent as Google and Microsoft document it, a 334 carrying a
    base64 JSON error that the client acknowledges with an empty line, then 535.

    `error_acknowledgements` keeps what each client answered to that 334 (b"" is right)."""

    def __init__(self, key: SigningKey) -> None:
        self.key = key
        self.refusals: list[str] = []
        self.error_acknowledgements: list[bytes] = []

    async def authenticate(
        self, server: aiosmtpd_smtp.SMTP, args: list[str], auth_disabled: bool
    ) -> AuthResult:
        if len(args) == 2:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except binascii.Error:
                await server.push("501 5.5.2 Can't decode base64")
                return AuthResult(success=False, handled=True)
        else:  # no initial response: ask for it with an empty challenge
            answer = await server.challenge_auth("")
            if answer is MISSING:
                return AuthResult(success=False, handled=True)
            assert isinstance(answer, bytes)
            blob = answer
        parsed = parse_xoauth2(blob)
        if parsed is None:
            await server.push("501 5.5.2 Malformed XOAUTH2 response")
            return AuthResult(success=False, handled=True)
        user, token = parsed
        refusal = token_refusal(self.key, token, user, SMTP_SCOPE)
        if refusal is None and auth_disabled:
            return AuthResult(success=False, handled=False, message=SMTP_AUTH_DISABLED)
        if refusal is None:
            return AuthResult(success=True, auth_data=user)
        self.refusals.append(refusal)
        error = {"status": "401", "schemes": "bearer", "scope": f"{MAILBOX_AUDIENCE}/.default"}
        acknowledgement = await server.challenge_auth(json.dumps(error))
        if acknowledgement is MISSING:  # "*" or not base64: aiosmtpd has answered 501
            return AuthResult(success=False, handled=True)
        assert isinstance(acknowledgement, bytes)
        self.error_acknowledgements.append(acknowledgement)
        if acknowledgement:
            await server.push("501 5.5.2 Expected an empty response to the error")
            return AuthResult(success=False, handled=True)
        return AuthResult(success=False, handled=False, message=TOKEN_REFUSED)
