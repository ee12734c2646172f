"""Connecting a Microsoft mailbox, the same way from the window and the command line: sign in,
try each way in, and ask Microsoft for more only where a way needs it.

The first sign-in asks for IMAP and SMTP. Where the organisation lets only an administrator
allow IMAP (Microsoft's managed consent policy does), Pont signs in again for SMTP alone, so
posts can still go out, and keeps the refusal for the IT team's letter. Where SMTP is switched
off for the tenant (535 5.7.139) or its token is refused, Pont signs in once more for Graph's
Mail.Send and sends through Graph; where IMAP cannot be used, for Graph's Mail.Read, and
reads through Graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pont.core.errors import AccessTokenRefused, AdminApprovalRequired, SmtpAuthDisabled
from pont.core.i18n import translate
from pont.core.mail.accounts import AccountSettings
from pont.core.mail.microsoft.routes import (
    FIRST_PERMISSIONS,
    Route,
    RouteResult,
    try_routes,
    with_working_routes,
)
from pont.core.mail.tokens import Permission, TokenSource

# Signs in (in the browser, or with a code) asking for these permissions.
SignIn = Callable[[Sequence[Permission]], TokenSource]


@dataclass(frozen=True, slots=True)
class Connected:
    settings: AccountSettings  # with the routes that work
    results: list[RouteResult]  # every route tried, in order
    # An administrator's approval Pont still lacks (for the IT team's letter), if any.
    approval_needed: AdminApprovalRequired | None = None


def connect_microsoft(
    settings: AccountSettings,
    sign_in: SignIn,
    graph_endpoint: str,
    progress: Callable[[str], None],
) -> Connected:
    """Sign in and find the ways into the mailbox; raises the sign-in's MailError, or a
    MailError saying why nothing can send."""
    approval: AdminApprovalRequired | None = None
    try:
        tokens = sign_in(FIRST_PERMISSIONS)
    except AdminApprovalRequired as error:
        progress(
            translate(
                "MicrosoftConnect",
                "Your organisation lets only an administrator allow Pont to read your "
                "mailbox. Signing in again so that Pont can at least send the group’s posts…",
            )
        )
        tokens = sign_in([Permission.SMTP])
        # Sending was allowed: what the IT team is asked for is the rest.
        approval = _still_needed(error, granted={Permission.SMTP})
    wanted = [Route.IMAP, Route.SMTP] if approval is None else [Route.SMTP]
    results = try_routes(settings, tokens, graph_endpoint, progress, wanted)
    smtp = next(r for r in results if r.route is Route.SMTP)
    imap = next((r for r in results if r.route is Route.IMAP), None)
    # Graph instead, where the mailbox route did not work: (why, the route, its permission).
    instead = []
    if not smtp.works and _graph_may_help(smtp):
        why = translate(
            "MicrosoftConnect",
            "Your organisation does not let mail programs send over SMTP. Signing in again so "
            "that Pont can send through Microsoft Graph instead…",
        )
        instead.append((why, Route.GRAPH_SEND, Permission.GRAPH_SEND))
    if imap is not None and not imap.works:
        why = translate(
            "MicrosoftConnect",
            "Pont cannot read your mailbox over IMAP. Signing in again so that Pont can read "
            "it through Microsoft Graph instead…",
        )
        instead.append((why, Route.GRAPH_READ, Permission.GRAPH_READ))
    for why, route, permission in instead:
        progress(why)
        try:
            tokens = sign_in([permission])
        except AdminApprovalRequired as error:
            approval = approval or error
        else:
            results += try_routes(settings, tokens, graph_endpoint, progress, [route])
    return Connected(with_working_routes(settings, results), results, approval)


def _still_needed(
    approval: AdminApprovalRequired, granted: set[Permission]
) -> AdminApprovalRequired:
    missing = tuple(name for name in approval.permissions if name not in granted)
    return AdminApprovalRequired(approval.email, approval.tenant, missing or approval.permissions)


def _graph_may_help(result: RouteResult) -> bool:
    return isinstance(result.error, SmtpAuthDisabled) or (
        isinstance(result.error, AccessTokenRefused) and result.error.kind == "SMTP"
    )
