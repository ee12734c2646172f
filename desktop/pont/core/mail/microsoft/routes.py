"""The ways into a Microsoft mailbox, tried one by one: IMAP and SMTP with XOAUTH2, and
Microsoft Graph for sending and for reading. An account keeps the ways that work: SMTP,
else Graph, to send; IMAP, else Graph, else nothing, to read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from pont.core.errors import MailError
from pont.core.i18n import translate
from pont.core.mail.accounts import (
    AccountSettings,
    ReadRoute,
    Security,
    SendRoute,
    ServerSettings,
    SignInMethod,
)
from pont.core.mail.tokens import Permission, TokenSource

# Exchange Online's servers, the same for every Microsoft 365 tenant and Outlook.com.
MICROSOFT_IMAP = ServerSettings("outlook.office365.com", 993, Security.SSL)
MICROSOFT_SMTP = ServerSettings("smtp.office365.com", 587, Security.STARTTLS)

# What the first sign-in asks for: reading and sending over IMAP/SMTP. Graph's permissions are
# asked for later, by the feature that needs them (incremental consent).
FIRST_PERMISSIONS = (Permission.IMAP, Permission.SMTP)


class Route(StrEnum):
    IMAP = "imap"
    SMTP = "smtp"
    GRAPH_SEND = "graph-send"
    GRAPH_READ = "graph-read"

    @property
    def label(self) -> str:
        return {
            Route.IMAP: translate("Routes", "Read over IMAP"),
            Route.SMTP: translate("Routes", "Send over SMTP"),
            Route.GRAPH_SEND: translate("Routes", "Send through Microsoft Graph"),
            Route.GRAPH_READ: translate("Routes", "Read through Microsoft Graph"),
        }[self]


@dataclass(frozen=True, slots=True)
class RouteResult:
    route: Route
    works: bool
    problem: str = ""  # a sentence for the coordinator when it does not work
    error: MailError | None = None


def microsoft_settings(
    email: str,
    username: str = "",
    provider: str = "",
    imap: ServerSettings | None = None,
    smtp: ServerSettings | None = None,
) -> AccountSettings:
    """Settings for a Microsoft mailbox, Exchange Online's servers unless others are given."""
    return AccountSettings(
        email=email,
        username=username or email,
        imap=imap or MICROSOFT_IMAP,
        smtp=smtp or MICROSOFT_SMTP,
        provider=provider,
        sign_in=SignInMethod.MICROSOFT,
    )


def try_routes(
    settings: AccountSettings,
    tokens: TokenSource,
    graph_endpoint: str,
    progress: Callable[[str], None],
    routes: Iterable[Route] = tuple(Route),
) -> list[RouteResult]:
    """Try each route in turn; one that fails says why and the others are still tried."""
    from pont.core.mail.connections import sign_in_imap, sign_in_smtp
    from pont.core.mail.graph.client import GraphClient

    def imap() -> None:
        sign_in_imap(settings, tokens, progress)

    def smtp() -> None:
        sign_in_smtp(settings, tokens, progress)

    def graph_send() -> None:
        progress(translate("Routes", "Asking Microsoft whether Pont may send through Graph…"))
        # Mail.Send has nothing to read: a token granted for it is the check there is.
        tokens.access_token(Permission.GRAPH_SEND)

    def graph_read() -> None:
        progress(translate("Routes", "Reading your inbox through Microsoft Graph…"))
        with GraphClient(graph_endpoint, tokens) as client:
            # A search that finds nothing, for a message no mailbox holds: it needs Mail.Read
            # and reads no mail.
            client.find_messages("inbox", "<route-check@pont.invalid>")

    attempts = {
        Route.IMAP: imap,
        Route.SMTP: smtp,
        Route.GRAPH_SEND: graph_send,
        Route.GRAPH_READ: graph_read,
    }
    results = []
    for route in routes:
        try:
            attempts[route]()
        except MailError as error:
            results.append(RouteResult(route, False, str(error), error))
        else:
            results.append(RouteResult(route, True))
    return results


def with_working_routes(settings: AccountSettings, results: list[RouteResult]) -> AccountSettings:
    """The settings with the routes that worked; MailError (with the reasons) when none can
    send, since a group account that cannot send is of no use."""
    works = {result.route for result in results if result.works}
    if Route.SMTP in works:
        sending = SendRoute.SMTP
    elif Route.GRAPH_SEND in works:
        sending = SendRoute.GRAPH
    else:
        reasons = [r.problem for r in results if r.route in (Route.SMTP, Route.GRAPH_SEND)]
        raise MailError(
            translate("Routes", "Pont cannot send from this mailbox. {why}").format(
                why=" ".join(reasons)
            )
        )
    if Route.IMAP in works:
        reading = ReadRoute.IMAP
    elif Route.GRAPH_READ in works:
        reading = ReadRoute.GRAPH
    else:
        reading = ReadRoute.NONE
    return replace(settings, sending=sending, reading=reading)
