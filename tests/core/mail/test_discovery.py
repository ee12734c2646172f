"""Finding working settings among candidates, against the real test servers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dns_server import DnsServer, Fault, running_dns_server
from mailservers import HOST, Mailbox, free_port
from pont.core.errors import (
    AppPasswordRequired,
    AuthenticationFailed,
    CertificateNotTrusted,
    Offline,
    ServerNotFound,
    ServerUnreachable,
    SettingsNotFound,
)
from pont.core.mail.accounts import Security, ServerSettings
from pont.core.mail.discovery import discover_settings
from pont.core.mail.providers import Candidates


def candidates(
    mailbox: Mailbox,
    imap: list[tuple[int, Security]],
    smtp: list[tuple[int, Security]],
    guessed: bool = True,
    provider: str = "",
) -> Candidates:
    return Candidates(
        email=mailbox.email,
        username=mailbox.email,
        provider=provider,
        imap=tuple(ServerSettings(HOST, port, security) for port, security in imap),
        smtp=tuple(ServerSettings(HOST, port, security) for port, security in smtp),
        imap_guessed=guessed,
        smtp_guessed=guessed,
    )


def test_skips_a_dead_port_and_takes_the_first_that_works(mailbox: Mailbox) -> None:
    server, dead = mailbox.server, free_port()
    said: list[str] = []
    found = discover_settings(
        mailbox.email,
        mailbox.password,
        said.append,
        candidates(
            mailbox,
            imap=[(dead, Security.SSL), (server.imap_port, Security.STARTTLS)],
            smtp=[(dead, Security.SSL), (server.smtps_port, Security.SSL)],
        ),
    )
    assert found.imap == ServerSettings(HOST, server.imap_port, Security.STARTTLS)
    assert found.smtp == ServerSettings(HOST, server.smtps_port, Security.SSL)
    assert (found.email, found.username, found.provider) == (mailbox.email, mailbox.email, "")
    assert said == [
        f"Trying {HOST} on port {dead}…",
        f"Trying {HOST} on port {server.imap_port}…",
        f"Signing in to {HOST}…",
        f"Trying {HOST} on port {dead}…",
        f"Trying {HOST} on port {server.smtps_port}…",
        f"Signing in to {HOST}…",
    ]


def test_a_wrong_password_stops_the_search(mailbox: Mailbox) -> None:
    server = mailbox.server
    said: list[str] = []
    with pytest.raises(AuthenticationFailed):
        discover_settings(
            mailbox.email,
            "wrong-password",
            said.append,
            candidates(
                mailbox,
                imap=[(server.imaps_port, Security.SSL), (server.imap_port, Security.STARTTLS)],
                smtp=[(server.smtps_port, Security.SSL)],
            ),
        )
    assert said == [f"Trying {HOST} on port {server.imaps_port}…", f"Signing in to {HOST}…"]


def test_a_refusal_names_what_the_provider_needs(mailbox: Mailbox) -> None:
    server = mailbox.server
    gmail_like = candidates(
        mailbox,
        imap=[(server.imaps_port, Security.SSL)],
        smtp=[(server.smtps_port, Security.SSL)],
        provider="gmail.com",
    )
    with pytest.raises(AppPasswordRequired, match="Gmail needs an app password"):
        discover_settings(mailbox.email, "wrong-password", None, gmail_like)


def test_nothing_answers(mailbox: Mailbox) -> None:
    dead = [(free_port(), Security.SSL), (free_port(), Security.STARTTLS)]
    with pytest.raises(SettingsNotFound, match=mailbox.email):
        discover_settings(mailbox.email, mailbox.password, None, candidates(mailbox, dead, dead))
    # Settings that were not guesses: say why the server could not be reached.
    with pytest.raises(ServerUnreachable, match="refused the connection"):
        discover_settings(
            mailbox.email, mailbox.password, None, candidates(mailbox, dead, dead, guessed=False)
        )


def test_untrusted_certificate_is_reported_then_pinned_when_trusted(
    mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    server, dead = mailbox.server, free_port()
    options = candidates(
        mailbox,
        imap=[(server.imaps_port, Security.SSL), (dead, Security.SSL)],
        smtp=[(server.smtp_port, Security.STARTTLS)],
    )
    with pytest.raises(CertificateNotTrusted) as refused:
        discover_settings(mailbox.email, mailbox.password, None, options)
    fingerprint = refused.value.fingerprint_sha256
    found = discover_settings(mailbox.email, mailbox.password, None, options, {fingerprint})
    assert found.imap == ServerSettings(HOST, server.imaps_port, Security.SSL, fingerprint)
    assert found.smtp == ServerSettings(HOST, server.smtp_port, Security.STARTTLS, fingerprint)


@pytest.fixture
def name_server() -> Iterator[DnsServer]:
    with running_dns_server({}) as server:
        yield server


NOWHERE = "pont-test.invalid"  # a name no server has (RFC 6761): not found, at once


@pytest.mark.parametrize("guessed", [True, False])
def test_servers_not_found_while_offline_is_offline(name_server: DnsServer, guessed: bool) -> None:
    """Every candidate's name unknown: offline when no name server answers at all, else the
    usual "not found" (the settings were guesses) or "no mail server called …"."""
    options = Candidates(
        email="ann@example.org",
        username="ann@example.org",
        provider="",
        imap=(ServerSettings(f"imap.{NOWHERE}", 993, Security.SSL),),
        smtp=(ServerSettings(f"smtp.{NOWHERE}", 465, Security.SSL),),
        imap_guessed=guessed,
        smtp_guessed=guessed,
    )
    online = name_server.resolver(0.5)
    expected = SettingsNotFound if guessed else ServerNotFound
    with pytest.raises(expected):
        discover_settings("ann@example.org", "secret", None, options, resolver=online)
    name_server.fault = Fault.SILENT
    with pytest.raises(Offline, match="cannot reach the internet"):
        discover_settings("ann@example.org", "secret", None, options, resolver=online)
