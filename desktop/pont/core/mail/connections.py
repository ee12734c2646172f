"""Signed-in IMAP and SMTP connections: verified TLS or a pinned certificate, one plain
exception per failure, and the password or access token sent only once the channel is safe.

A Secret is a password, or a TokenSource (Microsoft's sign-in): then the connection signs in
with XOAUTH2, asking the source for an access token just before each login, so a reconnect
gets a fresh one; no token is kept here."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import imaplib
import smtplib
import socket
import ssl
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Generic, TypeVar, cast

from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.exceptions import LoginError  # type: ignore[import-untyped]

from pont.core.errors import (
    AccessTokenRefused,
    AppPasswordRequired,
    AuthenticationFailed,
    CertificateNotTrusted,
    EncryptionNotOffered,
    InsecureConnectionRefused,
    LoginNotOffered,
    MailError,
    MicrosoftSignInRequired,
    PontError,
    ServerUnreachable,
    SmtpAuthDisabled,
    TokenSignInNotOffered,
)
from pont.core.i18n import Sentence, translate
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, is_loopback
from pont.core.mail.tokens import Permission, Secret
from pont.core.mail.xoauth2 import (
    Xoauth2Answers,
    smtp_auth_disabled,
    smtp_xoauth2,
    xoauth2_response,
)

Progress = Callable[[str], None]

# What smtplib would send after EHLO is socket.getfqdn(), a reverse DNS lookup that can take
# seconds on a badly configured network; an address literal is always acceptable (RFC 5321).
EHLO_NAME = "[127.0.0.1]"

# Why a certificate failed, by OpenSSL's verify code: the reason in CertificateNotTrusted.
_UNKNOWN_AUTHORITY = translate("Connections", "its certificate is signed by an unknown authority")
_CERTIFICATE_PROBLEMS: dict[int, Sentence] = {
    2: _UNKNOWN_AUTHORITY,
    9: translate("Connections", "its certificate is not valid yet"),
    10: translate("Connections", "its certificate has expired"),
    18: translate("Connections", "its certificate is self-signed"),
    19: _UNKNOWN_AUTHORITY,
    20: _UNKNOWN_AUTHORITY,
    21: _UNKNOWN_AUTHORITY,
    23: translate("Connections", "its certificate has been revoked"),
    62: translate("Connections", "the certificate is for another name"),
    64: translate("Connections", "the certificate is for another address"),
}
NOT_THE_PINNED_ONE = translate("Connections", "its certificate is not the one you chose to trust")


def certificate_fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def normalised_fingerprint(text: str) -> str:
    """A SHA-256 fingerprint as typed ("AB:CD:…" or "abcd…") in Pont's form, lowercase hex."""
    cleaned = "".join(text.split()).replace(":", "").casefold()
    if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
        raise PontError(
            translate(
                "Connections",
                "“{text}” is not a SHA-256 fingerprint (64 hexadecimal digits). "
                "Copy it from the message that showed it.",
            ).format(text=text.strip())
        )
    return cleaned


Connection = TypeVar("Connection")


@dataclass(frozen=True, slots=True)
class _Wire(Generic[Connection]):
    """How to open, inspect and close one protocol's connection, so TLS is handled once."""

    kind: str
    open: Callable[[ServerSettings, ssl.SSLContext | None, float], Connection]
    peer_certificate: Callable[[Connection], bytes]
    close: Callable[[Connection], None]


def _imap_open(
    server: ServerSettings, context: ssl.SSLContext | None, timeout: float
) -> IMAPClient:
    implicit = server.security is Security.SSL
    client = IMAPClient(
        server.host, port=server.port, ssl=implicit, ssl_context=context, timeout=timeout
    )
    if server.security is Security.STARTTLS:
        try:
            if not client.has_capability("STARTTLS"):
                raise EncryptionNotOffered(server.host, server.port)
            client.starttls(context)
        except BaseException:
            _imap_close(client)
            raise
    return client


def _imap_peer_certificate(client: IMAPClient) -> bytes:
    return cast(bytes, client.socket().getpeercert(binary_form=True))


def _imap_close(client: IMAPClient) -> None:
    with contextlib.suppress(OSError):  # already gone
        client.shutdown()


def _smtp_open(
    server: ServerSettings, context: ssl.SSLContext | None, timeout: float
) -> smtplib.SMTP:
    if server.security is Security.SSL:
        return smtplib.SMTP_SSL(
            server.host, server.port, local_hostname=EHLO_NAME, timeout=timeout, context=context
        )
    smtp = smtplib.SMTP(server.host, server.port, local_hostname=EHLO_NAME, timeout=timeout)
    if context is not None:
        try:
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise EncryptionNotOffered(server.host, server.port)
            smtp.starttls(context=context)
        except BaseException:
            smtp.close()
            raise
    return smtp


def _smtp_peer_certificate(smtp: smtplib.SMTP) -> bytes:
    return cast(bytes, cast(ssl.SSLSocket, smtp.sock).getpeercert(binary_form=True))


_IMAP: _Wire[IMAPClient] = _Wire("IMAP", _imap_open, _imap_peer_certificate, _imap_close)
_SMTP: _Wire[smtplib.SMTP] = _Wire("SMTP", _smtp_open, _smtp_peer_certificate, smtplib.SMTP.close)


def _unverified_context() -> ssl.SSLContext:
    # Only for reading the certificate a server shows (to fingerprint or compare with a pin);
    # nothing is sent over it before that check passes.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _open_pinned(wire: _Wire[Connection], server: ServerSettings, timeout: float) -> Connection:
    connection = wire.open(server, _unverified_context(), timeout)
    fingerprint = certificate_fingerprint(wire.peer_certificate(connection))
    if fingerprint != server.pinned_sha256:
        wire.close(connection)
        raise CertificateNotTrusted(server.host, fingerprint, NOT_THE_PINNED_ONE)
    return connection


def _certificate_problem(error: ssl.SSLCertVerificationError) -> str:
    known = _CERTIFICATE_PROBLEMS.get(error.verify_code)
    return known or translate(
        "Connections", "its certificate could not be checked: {problem}"
    ).format(problem=error.verify_message)


def _open_secured(
    wire: _Wire[Connection], server: ServerSettings, timeout: float, trusted: Collection[str]
) -> tuple[Connection, ServerSettings]:
    if server.security is Security.PLAIN:
        if not is_loopback(server.host):
            raise InsecureConnectionRefused(server.host)
        return wire.open(server, None, timeout), server
    if server.pinned_sha256:
        return _open_pinned(wire, server, timeout), server
    try:
        return wire.open(server, ssl.create_default_context(), timeout), server
    except ssl.SSLCertVerificationError as error:
        problem = _certificate_problem(error)
    # A second connection, only to see which certificate the server shows.
    peek = wire.open(server, _unverified_context(), timeout)
    fingerprint = certificate_fingerprint(wire.peer_certificate(peek))
    wire.close(peek)
    if fingerprint in trusted:
        pinned = replace(server, pinned_sha256=fingerprint)
        return _open_pinned(wire, pinned, timeout), pinned
    raise CertificateNotTrusted(server.host, fingerprint, problem)


def _connection_failure(kind: str, server: ServerSettings, error: Exception) -> MailError:
    host, port = server.host, server.port
    if isinstance(error, socket.gaierror):
        # Offline looks the same as a name that does not exist; only a name server can tell.
        from pont.core.mail.detection import name_failure

        return name_failure(host)
    if isinstance(error, ConnectionRefusedError):
        return ServerUnreachable(host, port, translate("Connections", "refused the connection"))
    if isinstance(error, TimeoutError):
        return ServerUnreachable(host, port, translate("Connections", "did not answer in time"))
    if isinstance(error, ssl.SSLError):
        return ServerUnreachable(
            host, port, translate("Connections", "did not set up an encrypted connection")
        )
    if isinstance(
        error,
        imaplib.IMAP4.abort | smtplib.SMTPServerDisconnected | ConnectionError | EOFError,
    ):
        return ServerUnreachable(host, port, translate("Connections", "closed the connection"))
    if isinstance(error, OSError):
        return ServerUnreachable(host, port, translate("Connections", "could not be reached"))
    return ServerUnreachable(
        host,
        port,
        translate("Connections", "did not answer as an {kind} server should").format(kind=kind),
    )


def _connect(
    wire: _Wire[Connection], server: ServerSettings, timeout: float, trusted: Collection[str]
) -> tuple[Connection, ServerSettings]:
    try:
        return _open_secured(wire, server, timeout, trusted)
    except MailError:
        raise
    except (OSError, EOFError, imaplib.IMAP4.error, smtplib.SMTPException) as error:
        raise _connection_failure(wire.kind, server, error) from error


def password_refused(settings: AccountSettings, host: str) -> MailError:
    """The error for a refused password: the provider's own reason when Pont knows it."""
    from pont.core.mail.providers import SignIn, provider_for_settings

    provider = provider_for_settings(settings)
    if provider is not None and provider.sign_in is SignIn.APP_PASSWORD:
        return AppPasswordRequired(provider.short_name, provider.help_url, provider.help_where)
    if provider is not None and provider.sign_in is SignIn.MICROSOFT:
        return MicrosoftSignInRequired(provider.short_name)
    return AuthenticationFailed(settings.email, host)


def _sign_in_refused(settings: AccountSettings, host: str, secret: Secret, kind: str) -> MailError:
    """The error for a refused password or access token."""
    if isinstance(secret, str):
        return password_refused(settings, host)
    return AccessTokenRefused(settings.email, host, kind)


def login_imap(
    client: IMAPClient, settings: AccountSettings, secret: Secret, timeout: float = 30.0
) -> None:
    """Sign in on a connection from connect_imap (to settings.imap); closes it on failure.

    `timeout` replaces the connection's: a server may take its time over a wrong password
    (Dovecot waits up to 15 s), which must not look like a dead server. What a TokenSource
    raises reaches the caller as it was raised."""
    server = settings.imap
    asking = False
    try:
        client.socket().settimeout(timeout)
        if isinstance(secret, str):
            _imap_password_login(client, settings.username, secret)
        else:
            if not client.has_capability("AUTH=XOAUTH2"):
                raise TokenSignInNotOffered(server.host, server.port)
            asking = True
            token = secret.access_token(Permission.IMAP)
            asking = False
            answers = Xoauth2Answers(xoauth2_response(settings.username, token))
            client.sasl_login("XOAUTH2", answers)
    except BaseException as error:
        _imap_close(client)
        if asking:
            raise
        if isinstance(error, LoginError):
            raise _sign_in_refused(settings, server.host, secret, "IMAP") from None
        if isinstance(error, OSError | EOFError | imaplib.IMAP4.error):
            raise _connection_failure("IMAP", server, error) from None
        raise


def _imap_password_login(client: IMAPClient, username: str, password: str) -> None:
    if password.isascii():
        client.login(username, password)
    else:  # LOGIN is ASCII-only; AUTHENTICATE PLAIN carries UTF-8 (RFC 4616)
        client.plain_login(username, password)


def login_smtp(
    smtp: smtplib.SMTP, settings: AccountSettings, secret: Secret, timeout: float = 30.0
) -> None:
    """Sign in on a connection from connect_smtp (to settings.smtp); closes it on failure.
    With a TokenSource, Exchange's 535 5.7.139 (SMTP AUTH turned off for the organisation)
    raises SmtpAuthDisabled."""
    server = settings.smtp
    asking = False
    try:
        cast(socket.socket, smtp.sock).settimeout(timeout)
        smtp.ehlo_or_helo_if_needed()
        if not smtp.has_extn("auth"):
            raise smtplib.SMTPNotSupportedError()
        if isinstance(secret, str):
            _smtp_password_login(smtp, settings.username, secret)
        else:
            if "XOAUTH2" not in smtp.esmtp_features["auth"].upper().split():
                raise TokenSignInNotOffered(server.host, server.port)
            asking = True
            token = secret.access_token(Permission.SMTP)
            asking = False
            smtp_xoauth2(smtp, xoauth2_response(settings.username, token))
    except BaseException as error:
        smtp.close()
        if asking:
            raise
        if isinstance(error, smtplib.SMTPAuthenticationError):
            if not isinstance(secret, str) and smtp_auth_disabled(error):
                raise SmtpAuthDisabled(settings.email, server.host) from None
            raise _sign_in_refused(settings, server.host, secret, "SMTP") from None
        if isinstance(error, smtplib.SMTPNotSupportedError):  # checked before any password
            raise LoginNotOffered(server.host, server.port) from None
        if isinstance(error, OSError | smtplib.SMTPException):
            raise _connection_failure("SMTP", server, error) from None
        raise


def _smtp_password_login(smtp: smtplib.SMTP, username: str, password: str) -> None:
    if password.isascii():
        smtp.login(username, password)
        return
    # smtplib encodes credentials as ASCII; AUTH PLAIN carries UTF-8 (RFC 4616)
    secret = f"\0{username}\0{password}".encode()
    code, reply = smtp.docmd("AUTH", "PLAIN " + base64.b64encode(secret).decode("ascii"))
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def leave_imap(client: IMAPClient) -> None:
    """Log out, quietly: by now what mattered has happened."""
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        client.logout()
    _imap_close(client)


def leave_smtp(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        smtp.quit()
    smtp.close()


def connect_imap(
    server: ServerSettings, timeout: float = 30.0, trusted: Collection[str] = ()
) -> tuple[IMAPClient, ServerSettings]:
    """A secured IMAP connection, not yet signed in, and the settings it used (with the pin
    filled in when the server's certificate was one of `trusted`)."""
    return _connect(_IMAP, server, timeout, trusted)


def connect_smtp(
    server: ServerSettings, timeout: float = 30.0, trusted: Collection[str] = ()
) -> tuple[smtplib.SMTP, ServerSettings]:
    return _connect(_SMTP, server, timeout, trusted)


def open_imap(settings: AccountSettings, secret: Secret, timeout: float = 30.0) -> IMAPClient:
    """Signed in to the account's IMAP server; raises a MailError subclass on any failure,
    or what the TokenSource raised."""
    client, _ = connect_imap(settings.imap, timeout)
    login_imap(client, settings, secret, timeout)
    return client


def open_smtp(settings: AccountSettings, secret: Secret, timeout: float = 30.0) -> smtplib.SMTP:
    smtp, _ = connect_smtp(settings.smtp, timeout)
    login_smtp(smtp, settings, secret, timeout)
    return smtp


def trying(server: ServerSettings) -> Sentence:
    """The progress line as Pont starts to connect to a server."""
    return translate("Connections", "Trying {host} on port {port}…").format(
        host=server.host, port=server.port
    )


def signing_in(server: ServerSettings) -> Sentence:
    return translate("Connections", "Signing in to {host}…").format(host=server.host)


def sign_in_imap(
    settings: AccountSettings,
    secret: Secret,
    progress: Progress | None = None,
    timeout: float = 30.0,
    trusted: Collection[str] = (),
) -> ServerSettings:
    """Connect and sign in to settings.imap, then leave; returns the server settings that
    worked (pinned when the certificate was one of `trusted`)."""
    report = progress or _quiet
    report(trying(settings.imap))
    client, server = connect_imap(settings.imap, timeout, trusted)
    report(signing_in(server))
    login_imap(client, replace(settings, imap=server), secret, timeout)
    leave_imap(client)
    return server


def sign_in_smtp(
    settings: AccountSettings,
    secret: Secret,
    progress: Progress | None = None,
    timeout: float = 30.0,
    trusted: Collection[str] = (),
) -> ServerSettings:
    report = progress or _quiet
    report(trying(settings.smtp))
    smtp, server = connect_smtp(settings.smtp, timeout, trusted)
    report(signing_in(server))
    login_smtp(smtp, replace(settings, smtp=server), secret, timeout)
    leave_smtp(smtp)
    return server


def test_logins(
    settings: AccountSettings,
    secret: Secret,
    progress: Progress | None = None,
    trusted: Collection[str] = (),
    timeout: float = 30.0,
) -> AccountSettings:
    """Sign in to IMAP, then SMTP, and leave. Returns the settings as tested: the same, with
    a certificate pinned where the server showed one of the `trusted` fingerprints."""
    imap = sign_in_imap(settings, secret, progress, timeout, trusted)
    smtp = sign_in_smtp(replace(settings, imap=imap), secret, progress, timeout, trusted)
    return replace(settings, imap=imap, smtp=smtp)


def _quiet(_: str) -> None:
    pass
