"""Connecting a Microsoft mailbox end to end, as the window and the CLI do: MSAL against the
tests' OpenID Connect server (the test plays the browser), then IMAP and SMTP with XOAUTH2
against Dovecot and aiosmtpd, and Microsoft Graph against the Graph-shaped server."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graph_server import GraphServer
from mailservers import HOST, MailServer, Smtp
from oauth_browser import Browser, SignInWorld
from pont.core.errors import SmtpAuthDisabled
from pont.core.mail.accounts import (
    AccountSettings,
    ReadRoute,
    Security,
    SendRoute,
    ServerSettings,
    SignInMethod,
)
from pont.core.mail.microsoft.connect import connect_microsoft
from pont.core.mail.microsoft.routes import Route, microsoft_settings
from pont.core.mail.microsoft.sign_in import sign_in_with_browser
from pont.core.mail.tokens import Permission, TokenSource

NO_GRAPH = f"https://{HOST}:9/v1.0"  # nothing listens: these tests never reach Graph


class Signing:
    """Signs in through the test browser, counting the trips and what each asked for."""

    def __init__(self, world: SignInWorld) -> None:
        self.world = world
        self.browser = Browser()
        self.asked: list[list[Permission]] = []

    def __call__(self, permissions: Sequence[Permission]) -> TokenSource:
        self.asked.append(list(permissions))
        return sign_in_with_browser(
            self.world.email,
            permissions,
            self.world.setup,
            show_address=lambda _url: None,
            open_browser=self.browser.open,
            timeout=30,
        )


def _settings(
    world: SignInWorld, server: MailServer, smtps_port: int | None = None
) -> AccountSettings:
    return microsoft_settings(
        world.email,
        imap=ServerSettings(HOST, server.imaps_port, Security.SSL),
        smtp=ServerSettings(HOST, smtps_port or server.smtps_port, Security.SSL),
    )


def test_one_sign_in_reaches_imap_and_smtp(microsoft: SignInWorld, mail_server: MailServer) -> None:
    signing = Signing(microsoft)
    lines: list[str] = []
    connected = connect_microsoft(
        _settings(microsoft, mail_server), signing, NO_GRAPH, lines.append
    )

    assert signing.asked == [[Permission.IMAP, Permission.SMTP]]
    assert [(r.route, r.works) for r in connected.results] == [
        (Route.IMAP, True),
        (Route.SMTP, True),
    ]
    settings = connected.settings
    assert (settings.sign_in, settings.sending, settings.reading) == (
        SignInMethod.MICROSOFT,
        SendRoute.SMTP,
        ReadRoute.IMAP,
    )
    assert connected.approval_needed is None
    assert any("Signing in to" in line for line in lines)


def test_reading_that_needs_an_administrator_leaves_sending_working(
    microsoft: SignInWorld, mail_server: MailServer
) -> None:
    # Microsoft's managed consent policy: users may allow SMTP.Send, not IMAP.
    microsoft.server.admin_only = {"IMAP.AccessAsUser.All"}
    signing = Signing(microsoft)
    lines: list[str] = []
    connected = connect_microsoft(
        _settings(microsoft, mail_server), signing, NO_GRAPH, lines.append
    )

    assert signing.asked == [[Permission.IMAP, Permission.SMTP], [Permission.SMTP]]
    assert (connected.settings.sending, connected.settings.reading) == (
        SendRoute.SMTP,
        ReadRoute.NONE,
    )
    approval = connected.approval_needed
    assert approval is not None
    # Sending was allowed in the end: the IT team is asked only for reading.
    assert list(approval.permissions) == [Permission.IMAP]
    assert "administrator" in str(approval)
    assert any("only an administrator" in line for line in lines)


def test_smtp_switched_off_for_the_tenant_sends_through_graph(
    microsoft: SignInWorld,
    mail_server: MailServer,
    fault_smtp: Smtp,
    graph_server: GraphServer,
) -> None:
    fault_smtp.faults.smtp_auth_disabled = True  # 535 5.7.139, as Exchange Online answers
    signing = Signing(microsoft)
    connected = connect_microsoft(
        _settings(microsoft, mail_server, fault_smtp.smtps_port),
        signing,
        graph_server.endpoint,
        lambda _line: None,
    )

    assert signing.asked == [[Permission.IMAP, Permission.SMTP], [Permission.GRAPH_SEND]]
    smtp = next(r for r in connected.results if r.route is Route.SMTP)
    assert isinstance(smtp.error, SmtpAuthDisabled)
    assert [r.route for r in connected.results if r.works] == [Route.IMAP, Route.GRAPH_SEND]
    assert (connected.settings.sending, connected.settings.reading) == (
        SendRoute.GRAPH,
        ReadRoute.IMAP,
    )


def test_imap_out_of_reach_reads_through_graph(
    microsoft: SignInWorld, mail_server: MailServer, graph_server: GraphServer
) -> None:
    settings = replace(
        _settings(microsoft, mail_server), imap=ServerSettings(HOST, 9, Security.SSL)
    )
    signing = Signing(microsoft)
    connected = connect_microsoft(settings, signing, graph_server.endpoint, lambda _line: None)

    assert signing.asked == [[Permission.IMAP, Permission.SMTP], [Permission.GRAPH_READ]]
    assert [(r.route, r.works) for r in connected.results] == [
        (Route.IMAP, False),
        (Route.SMTP, True),
        (Route.GRAPH_READ, True),
    ]
    assert (connected.settings.sending, connected.settings.reading) == (
        SendRoute.SMTP,
        ReadRoute.GRAPH,
    )
