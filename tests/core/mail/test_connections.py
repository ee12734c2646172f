"""Signing in to the real test servers: both TLS kinds, untrusted and pinned certificates,
and each failure as its own exception."""

from __future__ import annotations

import contextlib
import hashlib
import socket
import ssl
import threading
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from mailservers import ELSEWHERE, HOST, Mailbox, TlsProxy, free_port
from pont.core.errors import (
    AppPasswordRequired,
    AuthenticationFailed,
    CertificateNotTrusted,
    EncryptionNotOffered,
    InsecureConnectionRefused,
    LoginNotOffered,
    MicrosoftSignInRequired,
    ServerNotFound,
    ServerUnreachable,
)
from pont.core.mail import connections
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, is_loopback


def settings_for(
    mailbox: Mailbox,
    imap: tuple[int, Security] | None = None,
    smtp: tuple[int, Security] | None = None,
    provider: str = "",
) -> AccountSettings:
    server = mailbox.server
    imap_port, imap_security = imap or (server.imaps_port, Security.SSL)
    smtp_port, smtp_security = smtp or (server.smtps_port, Security.SSL)
    return AccountSettings(
        email=mailbox.email,
        username=mailbox.email,
        imap=ServerSettings(HOST, imap_port, imap_security),
        smtp=ServerSettings(HOST, smtp_port, smtp_security),
        provider=provider,
    )


def server_fingerprint(port: int) -> str:
    der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate((HOST, port)))
    return hashlib.sha256(der).hexdigest()


@pytest.mark.parametrize(
    ("imap", "smtp"),
    [("imaps", "smtps"), ("imap", "smtp")],
    ids=["implicit TLS", "STARTTLS"],
)
def test_both_logins_over_verified_tls(mailbox: Mailbox, imap: str, smtp: str) -> None:
    server = mailbox.server
    security = Security.SSL if imap == "imaps" else Security.STARTTLS
    settings = settings_for(
        mailbox,
        imap=(getattr(server, f"{imap}_port"), security),
        smtp=(getattr(server, f"{smtp}_port"), security),
    )
    said: list[str] = []
    assert connections.test_logins(settings, mailbox.password, said.append) == settings
    assert said == [
        f"Trying {HOST} on port {settings.imap.port}…",
        f"Signing in to {HOST}…",
        f"Trying {HOST} on port {settings.smtp.port}…",
        f"Signing in to {HOST}…",
    ]
    client = connections.open_imap(settings, mailbox.password)
    try:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0
        assert client.socket().version() is not None  # TLS, not plain text
    finally:
        client.logout()
    smtp_client = connections.open_smtp(settings, mailbox.password)
    try:
        smtp_client.sendmail(mailbox.email, [mailbox.email], b"Subject: hi\r\n\r\nHello.\r\n")
    finally:
        smtp_client.quit()


def test_plain_login_only_to_this_computer(mailbox: Mailbox) -> None:
    plain = settings_for(mailbox, imap=(mailbox.server.imap_port, Security.PLAIN))
    connections.open_imap(plain, mailbox.password).logout()
    for host in ("mail.example.org", "192.0.2.10", "::2"):
        remote = AccountSettings(
            mailbox.email, mailbox.email, ServerSettings(host, 143, Security.PLAIN), plain.smtp
        )
        with pytest.raises(InsecureConnectionRefused, match="without encryption"):
            connections.open_imap(remote, mailbox.password)


def test_plain_smtp_where_the_server_wants_tls_first(mailbox: Mailbox) -> None:
    settings = settings_for(mailbox, smtp=(mailbox.server.smtp_port, Security.PLAIN))
    with pytest.raises(LoginNotOffered):
        connections.open_smtp(settings, mailbox.password)


def test_loopback_names() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "localhost"]))
    assert not any(map(is_loopback, ["10.0.0.1", "localhost.example.org", "::2"]))


@pytest.mark.parametrize(
    ("imap", "smtp"),
    [("imaps", "smtps"), ("imap", "smtp")],
    ids=["implicit TLS", "STARTTLS"],
)
def test_untrusted_certificate_then_pinned(
    mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch, imap: str, smtp: str
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")  # the test CA is now unknown, as a stranger's would be
    server = mailbox.server
    security = Security.SSL if imap == "imaps" else Security.STARTTLS
    settings = settings_for(
        mailbox,
        imap=(getattr(server, f"{imap}_port"), security),
        smtp=(getattr(server, f"{smtp}_port"), security),
    )
    fingerprint = server_fingerprint(server.imaps_port)
    assert fingerprint == server_fingerprint(server.smtps_port)  # one certificate for all

    with pytest.raises(CertificateNotTrusted) as refused:
        connections.open_imap(settings, mailbox.password)
    assert refused.value.fingerprint_sha256 == fingerprint
    assert refused.value.reason == "its certificate is signed by an unknown authority"
    assert refused.value.host == HOST
    with pytest.raises(CertificateNotTrusted):
        connections.open_smtp(settings, mailbox.password)

    tested = connections.test_logins(settings, mailbox.password, trusted={fingerprint})
    assert tested.imap.pinned_sha256 == tested.smtp.pinned_sha256 == fingerprint
    connections.open_imap(tested, mailbox.password).logout()
    connections.open_smtp(tested, mailbox.password).quit()

    wrong = "0" * 64
    for kind in ("imap", "smtp"):
        server_settings = getattr(tested, kind)
        pinned_wrongly = AccountSettings(
            **{
                **{f: getattr(tested, f) for f in ("email", "username", "imap", "smtp")},
                kind: ServerSettings(
                    server_settings.host, server_settings.port, server_settings.security, wrong
                ),
            }
        )
        with pytest.raises(CertificateNotTrusted) as mismatch:
            getattr(connections, f"open_{kind}")(pinned_wrongly, mailbox.password)
        assert mismatch.value.fingerprint_sha256 == fingerprint
        assert mismatch.value.reason == connections.NOT_THE_PINNED_ONE


@contextlib.contextmanager
def served_as_elsewhere(mailbox: Mailbox, kind: str) -> Iterator[tuple[int, Security]]:
    """A real server whose certificate comes from the trusted CA but names another server
    (ELSEWHERE): the port, and the security to reach it with."""
    certificates = mailbox.server.certificates
    context = certificates.server_context(name="elsewhere")
    if kind == "imap":  # Dovecot behind a TLS front that shows that certificate
        proxy = TlsProxy(
            certificates, mailbox.server.imap_port, upstream_tls=False, context=context
        )
        try:
            yield proxy.port, Security.SSL
        finally:
            proxy.close()
        return
    starttls = kind == "smtp-starttls"
    tls: dict[str, object] = (
        {"tls_context": context, "require_starttls": True}
        if starttls
        else {"ssl_context": context, "server_hostname": ELSEWHERE}
    )
    controller = Controller(Sink(), hostname=HOST, port=free_port(), **tls)  # type: ignore[arg-type]
    controller.start()
    try:
        yield controller.port, Security.STARTTLS if starttls else Security.SSL
    finally:
        controller.stop()


THIS_SERVER = "mail.pont.test"  # the name Pont is told; the certificate is for ELSEWHERE


@pytest.mark.parametrize("kind", ["imap", "smtp", "smtp-starttls"])
@pytest.mark.parametrize(
    ("host", "reason"),
    [
        (THIS_SERVER, "the certificate is for another name"),
        (HOST, "the certificate is for another address"),
    ],
    ids=["by-name", "by-address"],
)
def test_a_trusted_certificate_for_another_server_is_refused(
    mailbox: Mailbox, kind: str, host: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The certificate is signed by the authority Pont trusts, but for another server: Pont
    refuses it, says why, and sends no password. (With the hostname check off, every other
    TLS test still passed.)"""
    # The server's name leads here on any machine (a bare chroot has no 'localhost').
    resolve = socket.getaddrinfo
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda name, *rest, **kw: resolve(HOST if name == THIS_SERVER else name, *rest, **kw),
    )
    with served_as_elsewhere(mailbox, kind) as (port, security):
        server = ServerSettings(host, port, security)
        settings = AccountSettings(
            mailbox.email,
            mailbox.email,
            server if kind == "imap" else settings_for(mailbox).imap,
            server if kind != "imap" else settings_for(mailbox).smtp,
        )
        with pytest.raises(CertificateNotTrusted) as refused:
            getattr(connections, f"open_{kind[:4]}")(settings, mailbox.password)
    assert (refused.value.host, refused.value.reason) == (host, reason)
    assert str(refused.value) == (
        f"Pont could not confirm it is really talking to {host} ({reason}), so it did not "
        "send your password. If your provider says this certificate is right, you can "
        "choose to trust it."
    )
    assert len(refused.value.fingerprint_sha256) == 64  # offered for pinning, by choice


def test_pin_is_checked_even_when_the_certificate_verifies(mailbox: Mailbox) -> None:
    """A pin is a promise about one certificate: a different one is refused, CA or not."""
    settings = settings_for(mailbox)
    pinned = AccountSettings(
        settings.email,
        settings.username,
        ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL, "ab" * 32),
        settings.smtp,
    )
    with pytest.raises(CertificateNotTrusted):
        connections.open_imap(pinned, mailbox.password)


def test_wrong_password(mailbox: Mailbox) -> None:
    settings = settings_for(mailbox)
    with pytest.raises(AuthenticationFailed) as imap_refused:
        connections.open_imap(settings, "not-the-password")
    assert imap_refused.value.server == HOST
    smtp_only = settings_for(mailbox, smtp=(mailbox.server.smtp_port, Security.STARTTLS))
    with pytest.raises(AuthenticationFailed):
        connections.sign_in_smtp(smtp_only, "not-the-password")


@pytest.mark.parametrize(
    ("provider", "kind", "expected", "help_url"),
    [
        ("gmail.com", "imap", AppPasswordRequired, "https://myaccount.google.com/apppasswords"),
        ("yahoo.com", "smtp", AppPasswordRequired, "https://login.yahoo.com/account/security"),
        ("aol.com", "smtp", AppPasswordRequired, "https://login.aol.com/account/security"),
        ("icloud.com", "smtp", AppPasswordRequired, "https://account.apple.com"),
        ("outlook.com", "imap", MicrosoftSignInRequired, None),
        ("office365.com", "smtp", MicrosoftSignInRequired, None),
        ("gmx.net", "smtp", AuthenticationFailed, None),
    ],
)
def test_a_refused_password_names_what_the_provider_needs(
    mailbox: Mailbox, provider: str, kind: str, expected: type[Exception], help_url: str | None
) -> None:
    """Mostly over SMTP: Dovecot makes each refused IMAP login wait (auth penalty)."""
    settings = settings_for(mailbox, provider=provider)
    with pytest.raises(expected) as refused:
        getattr(connections, f"sign_in_{kind}")(settings, "wrong-password")
    if help_url is not None:
        assert isinstance(refused.value, AppPasswordRequired)
        assert refused.value.help_url == help_url
        assert help_url in str(refused.value)
    if provider == "icloud.com":
        assert "App-Specific Passwords" in str(refused.value)


def test_non_ascii_password_is_sent_as_utf8(mailbox: Mailbox) -> None:
    """LOGIN and smtplib are ASCII-only; a £ in a password must be refused cleanly, not crash
    (or echo the password in a UnicodeEncodeError)."""
    settings = settings_for(mailbox, smtp=(mailbox.server.smtp_port, Security.STARTTLS))
    password = "pässwörd-£9"
    for sign_in in (connections.sign_in_imap, connections.sign_in_smtp):
        with pytest.raises(AuthenticationFailed) as refused:
            sign_in(settings, password)
        assert password not in repr(refused.value.__cause__) + repr(refused.value.__context__)


def test_the_password_is_in_no_error(mailbox: Mailbox) -> None:
    password = "s3cret-Wrong-Pa55"
    settings = settings_for(mailbox)
    for sign_in in (connections.sign_in_imap, connections.sign_in_smtp):
        with pytest.raises(AuthenticationFailed) as refused:
            sign_in(settings, password)
        error: BaseException | None = refused.value
        while error is not None:
            assert password not in f"{error!s} {error!r} {error.args!r}"
            error = error.__cause__ or error.__context__
    assert password not in repr(settings)


def test_unknown_host_dead_port_and_timeout(mailbox: Mailbox) -> None:
    settings = settings_for(mailbox)
    nowhere = AccountSettings(
        settings.email,
        settings.username,
        ServerSettings("imap.pont-test.invalid", 993, Security.SSL),
        settings.smtp,
    )
    with pytest.raises(ServerNotFound, match="imap.pont-test.invalid"):
        connections.open_imap(nowhere, mailbox.password)

    dead = settings_for(mailbox, imap=(free_port(), Security.SSL))
    with pytest.raises(ServerUnreachable, match="refused the connection"):
        connections.open_imap(dead, mailbox.password)

    with silent_server() as port:  # accepts, then never says a word
        quiet = settings_for(mailbox, smtp=(port, Security.SSL))
        with pytest.raises(ServerUnreachable, match="did not answer in time"):
            connections.open_smtp(quiet, mailbox.password, timeout=0.5)


def test_tls_to_a_plain_port_is_a_plain_sentence(mailbox: Mailbox) -> None:
    wrong = settings_for(mailbox, imap=(mailbox.server.imap_port, Security.SSL))
    with pytest.raises(ServerUnreachable, match="encrypted connection"):
        connections.open_imap(wrong, mailbox.password)


def test_starttls_missing_is_refused_not_skipped(mailbox: Mailbox) -> None:
    controller = Controller(Sink(), hostname=HOST, port=free_port())
    controller.start()
    try:
        smtp = settings_for(mailbox, smtp=(controller.port, Security.STARTTLS))
        with pytest.raises(EncryptionNotOffered, match="STARTTLS"):
            connections.open_smtp(smtp, mailbox.password)
    finally:
        controller.stop()
    with imap_without_starttls() as port:
        imap = settings_for(mailbox, imap=(port, Security.STARTTLS))
        with pytest.raises(EncryptionNotOffered):
            connections.open_imap(imap, mailbox.password)


def test_fingerprints_as_people_paste_them() -> None:
    raw = "AB:CD:" + ":".join(["0F"] * 30)
    assert connections.normalised_fingerprint(raw) == "abcd" + "0f" * 30
    with pytest.raises(Exception, match="not a SHA-256 fingerprint"):
        connections.normalised_fingerprint("abc")


class _Listener:
    def __init__(self, talk: bool) -> None:
        self.socket = socket.create_server((HOST, 0))
        self.port = int(self.socket.getsockname()[1])
        self.talk = talk
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection: socket.socket) -> None:
        """An IMAP server from before STARTTLS: greets, lists its capabilities, says bye."""
        with connection:
            if not self.talk:
                while connection.recv(1024):
                    pass  # reads what comes and never answers
                return
            connection.sendall(b"* OK IMAP4rev1 ready\r\n")
            for line in connection.makefile("rb"):
                tag, _, command = line.decode().strip().partition(" ")
                if command.upper() == "CAPABILITY":
                    connection.sendall(f"* CAPABILITY IMAP4rev1\r\n{tag} OK done\r\n".encode())
                else:
                    connection.sendall(f"* BYE\r\n{tag} OK bye\r\n".encode())
                    return

    def close(self) -> None:
        self.socket.close()


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    listener = _Listener(talk=False)
    try:
        yield listener.port
    finally:
        listener.close()


@contextlib.contextmanager
def imap_without_starttls() -> Iterator[int]:
    listener = _Listener(talk=True)
    try:
        yield listener.port
    finally:
        listener.close()
