"""Signing in with an access token (XOAUTH2) to the real test servers, which check the token
as Exchange Online does: the token asked for just before each login, each refusal its own
sentence, and Exchange's "SMTP AUTH is off" answer told apart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from aiosmtpd.smtp import AuthResult

from mailservers import HOST, DropProxy, Mailbox, Smtp, free_port, wait_for_deliveries
from minted_tokens import MintedTokens
from pont.core.errors import (
    AccessTokenRefused,
    ServerUnreachable,
    SmtpAuthDisabled,
    TokenSignInNotOffered,
)
from pont.core.i18n import error_sentence
from pont.core.mail import connections
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings
from pont.core.mail.tokens import Permission

MESSAGE = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Hello\r\n\r\nHi.\r\n"
IMAP, SMTP = Permission.IMAP, Permission.SMTP


def settings_for(
    mailbox: Mailbox, security: Security = Security.SSL, smtp_port: int | None = None
) -> AccountSettings:
    server = mailbox.server
    tls = security is Security.SSL
    return AccountSettings(
        email=mailbox.email,
        username=mailbox.email,
        imap=ServerSettings(HOST, server.imaps_port if tls else server.imap_port, security),
        smtp=ServerSettings(
            HOST, smtp_port or (server.smtps_port if tls else server.smtp_port), security
        ),
    )


def tokens_for(mailbox: Mailbox, **options: object) -> MintedTokens:
    return MintedTokens(mailbox.email, mailbox.server.signing_key, **options)  # type: ignore[arg-type]


def inbox_count(mailbox: Mailbox) -> int:
    wait_for_deliveries()  # the server delivers a moment after its 250
    with mailbox.server.imap(mailbox.email) as client:
        return int(client.select_folder("INBOX", readonly=True)[b"EXISTS"])


@pytest.mark.parametrize("security", [Security.SSL, Security.STARTTLS], ids=["TLS", "STARTTLS"])
def test_imap_and_smtp_sign_in_with_a_token_and_a_message_goes_through(
    mailbox: Mailbox, security: Security
) -> None:
    settings = settings_for(mailbox, security)
    tokens = tokens_for(mailbox)
    said: list[str] = []

    assert connections.test_logins(settings, tokens, said.append) == settings

    assert tokens.asked == [IMAP, SMTP]
    assert said[1::2] == [f"Signing in to {HOST}…"] * 2
    client = connections.open_imap(settings, tokens)
    assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0
    connections.leave_imap(client)
    smtp = connections.open_smtp(settings, tokens)
    smtp.sendmail(mailbox.email, [mailbox.email], MESSAGE)
    connections.leave_smtp(smtp)
    assert inbox_count(mailbox) == 1
    assert tokens.asked == [IMAP, SMTP, IMAP, SMTP]


def test_each_connection_asks_for_a_fresh_token(mailbox: Mailbox) -> None:
    settings = settings_for(mailbox)
    tokens = tokens_for(mailbox)
    for _ in range(3):
        connections.leave_imap(connections.open_imap(settings, tokens))
    for _ in range(2):
        connections.leave_smtp(connections.open_smtp(settings, tokens))
    assert tokens.asked == [IMAP, IMAP, IMAP, SMTP, SMTP]


@pytest.mark.parametrize(
    "wrong",
    [{"subject": "someone-else@example.org"}, {"issued_ago": 7200.0}, {"scopes": ("Mail.Read",)}],
    ids=["another user's", "expired", "without the permission"],
)
def test_a_refused_token_is_said_as_a_sign_in_not_a_password(
    mailbox: Mailbox, fault_smtp: Smtp, wrong: dict[str, object]
) -> None:
    settings = settings_for(mailbox, smtp_port=fault_smtp.smtps_port)
    tokens = tokens_for(mailbox, **wrong)

    with pytest.raises(AccessTokenRefused) as imap:
        connections.open_imap(settings, tokens)
    with pytest.raises(AccessTokenRefused) as smtp:
        connections.open_smtp(settings, tokens)

    assert (imap.value.kind, smtp.value.kind) == ("IMAP", "SMTP")
    for refused in (imap.value, smtp.value):
        sentence = error_sentence(refused)
        assert sentence.startswith(f"{HOST} did not accept Pont's sign-in for {mailbox.email}.")
        assert "password" not in sentence
        assert "eyJ" not in sentence and refused.__cause__ is None  # no token anywhere
    # Pont answered the server's error challenge with the empty line XOAUTH2 asks for.
    assert fault_smtp.tokens.error_acknowledgements == [b""]
    assert tokens.asked == [IMAP, SMTP]


def test_imap_answers_the_servers_refusal_with_an_empty_line(
    mailbox: Mailbox, drop_proxy: DropProxy
) -> None:
    settings = settings_for(mailbox)
    through_proxy = replace(settings, imap=ServerSettings(HOST, drop_proxy.port, Security.PLAIN))
    with pytest.raises(AccessTokenRefused):
        connections.open_imap(through_proxy, tokens_for(mailbox, issued_ago=7200.0))
    lines = bytes(drop_proxy.from_clients).split(b"\r\n")
    command = next(n for n, line in enumerate(lines) if line.endswith(b" AUTHENTICATE XOAUTH2"))
    # The response once; then, to the "+" carrying the server's error, an empty line.
    assert lines[command + 2 :] == [b"", b""]


def test_smtp_auth_turned_off_for_the_organisation(mailbox: Mailbox, fault_smtp: Smtp) -> None:
    fault_smtp.faults.smtp_auth_disabled = True
    settings = settings_for(mailbox, smtp_port=fault_smtp.smtps_port)

    with pytest.raises(SmtpAuthDisabled) as disabled:
        connections.open_smtp(settings, tokens_for(mailbox))

    assert error_sentence(disabled.value) == (
        f"Your organisation has turned off sending through SMTP for {mailbox.email}, so "
        f"{HOST} will not take posts that way. Pont will send through Microsoft Graph instead "
        "where your organisation allows it."
    )
    # A password sign-in to the same server is not that answer's business.
    connections.leave_smtp(connections.open_smtp(settings, mailbox.password))


class _Unavailable:
    """A TokenSource that cannot give a token (the sign-in server is out of reach)."""

    email = "nobody@example.org"

    def __init__(self) -> None:
        self.error = ConnectionRefusedError("the sign-in server refused the connection")

    def access_token(self, permission: Permission) -> str:
        raise self.error


def test_what_the_token_source_raises_reaches_the_caller_unchanged(mailbox: Mailbox) -> None:
    # An OSError here is about the sign-in server, not the mail server: it must not be
    # turned into "the mail server could not be reached".
    source = _Unavailable()
    settings = settings_for(mailbox)
    with pytest.raises(ConnectionRefusedError) as imap:
        connections.open_imap(settings, source)
    with pytest.raises(ConnectionRefusedError) as smtp:
        connections.open_smtp(settings, source)
    assert imap.value is source.error and smtp.value is source.error
    assert not isinstance(imap.value, ServerUnreachable)


@pytest.fixture
def smtp_without_xoauth2() -> Iterator[int]:
    """A plain SMTP server on this computer that offers password sign-in only."""
    port = free_port()
    controller = Controller(
        Sink(),
        hostname=HOST,
        port=port,
        authenticator=lambda *_: AuthResult(success=False),
        auth_require_tls=False,
    )
    controller.start()
    yield port
    controller.stop()


def test_a_server_without_xoauth2_is_said_so_before_a_token_is_asked_for(
    mailbox: Mailbox, smtp_without_xoauth2: int
) -> None:
    settings = settings_for(mailbox)
    plain = AccountSettings(
        email=mailbox.email,
        username=mailbox.email,
        imap=settings.imap,
        smtp=ServerSettings(HOST, smtp_without_xoauth2, Security.PLAIN),
    )
    tokens = tokens_for(mailbox)
    with pytest.raises(TokenSignInNotOffered) as refused:
        connections.open_smtp(plain, tokens)
    assert error_sentence(refused.value).startswith(
        f"{HOST} (port {smtp_without_xoauth2}) does not offer the sign-in your account needs"
    )
    assert tokens.asked == []
