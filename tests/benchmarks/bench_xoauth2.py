"""Sign in with an access token (XOAUTH2) against signing in with a password, on the same local
servers (Dovecot for IMAP, with passdb oauth2 validating the JWT itself; aiosmtpd for SMTP):
target ≤ 1.2 × the password.

Pont's own open_imap / open_smtp over implicit TLS, with a token already in hand (the
TokenSource returns one minted beforehand), so the figure is the protocol's and the servers'
cost, not the authority's; and with MicrosoftTokens itself, signed in once through MSAL
against the tests' OpenID Connect server, its token cache in a keyring (in memory here):
what Pont really does before each connection, asking MSAL for the cached token. The ways
alternate round by round; each figure is a median: the whole sign-in (connect, TLS, login) and the
login step alone. The SMTP server runs in this process, so its own check of the token (a
JWT signature in Python) counts in the XOAUTH2 figure: it is measured and printed apart.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from mailservers import HOST, MailServer, start_mail_server  # noqa: E402
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings  # noqa: E402
from pont.core.mail.connections import (  # noqa: E402
    connect_imap,
    connect_smtp,
    leave_imap,
    leave_smtp,
    login_imap,
    login_smtp,
)
from pont.core.mail.tokens import Permission, Secret  # noqa: E402
from token_checks import SMTP_SCOPE, token_refusal  # noqa: E402

ROUNDS = 300
TARGET = 1.2


class TokenInHand:
    """A TokenSource whose tokens are already at hand: no authority is asked."""

    def __init__(self, email: str, tokens: dict[Permission, str]) -> None:
        self.email = email
        self.tokens = tokens

    def access_token(self, permission: Permission) -> str:
        return self.tokens[permission]


def sign_in_imap(settings: AccountSettings, secret: Secret) -> tuple[float, float]:
    start = time.perf_counter()
    client, _ = connect_imap(settings.imap)
    connected = time.perf_counter()
    login_imap(client, settings, secret)
    done = time.perf_counter()
    leave_imap(client)
    return done - start, done - connected


def sign_in_smtp(settings: AccountSettings, secret: Secret) -> tuple[float, float]:
    start = time.perf_counter()
    smtp, _ = connect_smtp(settings.smtp)
    connected = time.perf_counter()
    login_smtp(smtp, settings, secret)
    done = time.perf_counter()
    leave_smtp(smtp)
    return done - start, done - connected


def compare(
    label: str,
    sign_in: Callable[[AccountSettings, Secret], tuple[float, float]],
    settings: AccountSettings,
    ways: dict[str, Secret],
) -> None:
    """Each way against the first (the password), alternating order round by round."""
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
    for _ in range(5):  # warm up: processes started, code loaded
        for secret in ways.values():
            sign_in(settings, secret)
    order = list(ways.items())
    for round_number in range(ROUNDS):
        for name, secret in order if round_number % 2 else reversed(order):
            timings[name].append(sign_in(settings, secret))
    baseline, *others = ways
    for part, index in (("whole sign-in", 0), ("login step", 1)):
        password_ms = statistics.median(t[index] for t in timings[baseline]) * 1000
        for name in others:
            token_ms = statistics.median(t[index] for t in timings[name]) * 1000
            ratio = token_ms / password_ms
            verdict = "ok" if ratio <= TARGET else "OVER TARGET"
            print(
                f"{label} {part:>13}: password {password_ms:6.2f} ms, {name} {token_ms:6.2f} ms,"
                f" ratio {ratio:.2f} (target ≤ {TARGET:.2f}: {verdict}); median of {ROUNDS}"
            )


def signed_in_tokens(server: MailServer, user: str) -> Secret:
    """MicrosoftTokens for `user`, signed in once through MSAL against the tests' OpenID
    Connect server (the benchmark plays the browser); its cache in an in-memory keyring."""
    import keyring

    from memory_keyring import MemoryKeyring
    from oauth_browser import Browser
    from oauth_server import start_oauth_server
    from pont.core.mail.microsoft.setup import load_setup
    from pont.core.mail.microsoft.sign_in import MicrosoftTokens, sign_in_with_browser

    keyring.set_keyring(MemoryKeyring())
    authority = start_oauth_server(server.certificates, server.signing_key)
    setup = load_setup(
        environ={
            "PONT_MICROSOFT_CLIENT_ID": authority.client_id,
            "PONT_MICROSOFT_AUTHORITY": authority.authority(),
        }
    )
    sign_in_with_browser(
        user,
        [Permission.IMAP, Permission.SMTP],
        setup,
        show_address=lambda _url: None,
        open_browser=Browser().open,
        timeout=30,
    )
    tokens = MicrosoftTokens(user, setup)
    tokens.access_token(Permission.IMAP)  # MSAL's discovery, once, as on Pont's first connection
    return tokens


def server_token_check(server: MailServer, user: str, token: str) -> None:
    """What the test SMTP server spends checking one token, in this process."""
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        assert token_refusal(server.signing_key, token, user, SMTP_SCOPE) is None
        timings.append(time.perf_counter() - start)
    print(f"SMTP server's own token check: {statistics.median(timings) * 1000:.3f} ms")


def main() -> None:
    # aiosmtpd logs a warning at each sign-in, whichever the mechanism, about an attribute of
    # its own: noise here, and time spent alike on both sides.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    folder = Path(tempfile.mkdtemp(prefix="pont-bench-xoauth2-"))
    server: MailServer = start_mail_server(folder / "servers")
    os.environ["SSL_CERT_FILE"] = str(server.ca_file)  # Pont's verified TLS trusts the test CA
    try:
        user = server.new_user()
        settings = AccountSettings(
            email=user,
            username=user,
            imap=ServerSettings(HOST, server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, server.smtps_port, Security.SSL),
        )
        scopes = [Permission.IMAP.value, Permission.SMTP.value]
        token = server.signing_key.mint(user, scopes)
        tokens = TokenInHand(user, {Permission.IMAP: token, Permission.SMTP: token})
        print(f"access token of {len(token)} characters, RS256")
        cached = signed_in_tokens(server, user)
        ways: dict[str, Secret] = {
            "password": server.password,
            "token in hand": tokens,
            "MicrosoftTokens (cached)": cached,
        }
        compare("IMAP", sign_in_imap, settings, ways)
        compare("SMTP", sign_in_smtp, settings, ways)
        server_token_check(server, user, token)
    finally:
        server.smtp.stop()
        server.dovecot.stop()


if __name__ == "__main__":
    main()
