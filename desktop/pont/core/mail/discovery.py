"""Finding the settings that work for an address and password: each candidate server tried in
turn, IMAP first, until one signs in."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from smtplib import SMTP
from typing import TYPE_CHECKING, TypeVar

from pont.core.errors import (
    CertificateNotTrusted,
    InsecureConnectionRefused,
    LoginNotOffered,
    MailError,
    Offline,
    ServerNotFound,
    ServerUnreachable,
    SettingsNotFound,
)
from pont.core.i18n import translate
from pont.core.mail.accounts import AccountSettings, ServerSettings
from pont.core.mail.connections import (
    Progress,
    connect_imap,
    connect_smtp,
    leave_imap,
    leave_smtp,
    login_imap,
    login_smtp,
    signing_in,
    trying,
)
from pont.core.mail.detection import is_offline
from pont.core.mail.providers import Candidates, candidate_settings, email_domain

if TYPE_CHECKING:
    import dns.resolver
    from imapclient import IMAPClient  # type: ignore[import-untyped]

# Each candidate gets this long to answer during discovery; a dead guess must not stall it.
PROBE_TIMEOUT = 10.0
# Signing in may take longer: servers slow down replies to wrong passwords on purpose.
LOGIN_TIMEOUT = 30.0
Connection = TypeVar("Connection")


def _first_working(
    servers: Sequence[ServerSettings],
    guessed: bool,
    email: str,
    report: Progress,
    connect: Callable[[ServerSettings], tuple[Connection, ServerSettings]],
    sign_in: Callable[[Connection, ServerSettings], None],
    offline: Callable[[], bool],
) -> ServerSettings:
    # A server that is there but needs the coordinator's say (an untrusted certificate, no
    # encryption, no password sign-in) is remembered while later candidates get their
    # chance: none of those got a password.
    needs_a_choice: MailError | None = None
    unreachable: MailError | None = None
    name_not_found = False
    for candidate in servers:
        report(trying(candidate))
        try:
            connection, server = connect(candidate)
        except (CertificateNotTrusted, InsecureConnectionRefused) as error:
            needs_a_choice = needs_a_choice or error
            continue
        except (ServerNotFound, ServerUnreachable) as error:
            unreachable = error
            name_not_found = name_not_found or isinstance(error, ServerNotFound)
            continue
        report(signing_in(server))
        try:
            sign_in(connection, server)
        except LoginNotOffered as error:
            needs_a_choice = needs_a_choice or error
            continue
        # Any other failure from here on ends the search: this server is the right one,
        # and other hosts must not be offered a password it refused.
        return server
    if needs_a_choice is not None:
        raise needs_a_choice
    # No server reached, some not even found by name: say so when the whole computer is off
    # the internet, rather than blame the settings.
    if name_not_found and offline():
        raise Offline()
    if guessed or unreachable is None:
        raise SettingsNotFound(email)
    raise unreachable


def discover_settings(
    email: str,
    password: str,
    progress: Progress | None = None,
    candidates: Candidates | None = None,
    trusted: Collection[str] = (),
    timeout: float = PROBE_TIMEOUT,
    *,
    resolver: dns.resolver.Resolver | None = None,
) -> AccountSettings:
    """The first IMAP and SMTP settings whose logins work, IMAP first.

    `candidates` defaults to candidate_settings(email). `trusted` holds certificate
    fingerprints the coordinator chose to trust after seeing them in a CertificateNotTrusted:
    a server showing one of them is pinned to it. `timeout` is for connecting to each
    candidate; signing in gets LOGIN_TIMEOUT. A server that answers but refuses the password
    ends the search with that error (AuthenticationFailed, AppPasswordRequired,
    MicrosoftSignInRequired); else a server needing the coordinator's choice
    (CertificateNotTrusted, ...) is reported; else Offline when no server was found by name
    and no name server answers at all (`resolver`'s, by default the system's); else
    SettingsNotFound, or for settings that were not guesses, why the server could not be
    reached. `candidates` from detection.detect_mailbox know the provider by its MX records.
    """
    report = progress or (lambda _: None)

    def offline() -> bool:
        return is_offline(resolver)

    if candidates is None:
        report(translate("Connections", "Looking up {domain}…").format(domain=email_domain(email)))
        candidates = candidate_settings(email)
    settings = AccountSettings(
        email=candidates.email,
        username=candidates.username,
        imap=candidates.imap[0],
        smtp=candidates.smtp[0],
        provider=candidates.provider,
    )

    def sign_in_imap(client: IMAPClient, server: ServerSettings) -> None:
        login_imap(client, replace(settings, imap=server), password, LOGIN_TIMEOUT)
        leave_imap(client)

    imap = _first_working(
        candidates.imap,
        candidates.imap_guessed,
        candidates.email,
        report,
        lambda server: connect_imap(server, timeout, trusted),
        sign_in_imap,
        offline,
    )
    settings = replace(settings, imap=imap)

    def sign_in_smtp(smtp: SMTP, server: ServerSettings) -> None:
        login_smtp(smtp, replace(settings, smtp=server), password, LOGIN_TIMEOUT)
        leave_smtp(smtp)

    smtp = _first_working(
        candidates.smtp,
        candidates.smtp_guessed,
        candidates.email,
        report,
        lambda server: connect_smtp(server, timeout, trusted),
        sign_in_smtp,
        offline,
    )
    return replace(settings, smtp=smtp)
