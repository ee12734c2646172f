"""Knowing how a mailbox signs in before asking for a password: the provider table for the
domains it lists (offline, at once), else the domain's MX records, else Microsoft's OpenID
metadata for the domain; and telling "this computer is offline" from "no such name"."""

from __future__ import annotations

import heapq
import secrets
from dataclasses import dataclass
from enum import StrEnum

import dns.exception
import dns.name
import dns.rdatatype
import dns.resolver
import httpx

from pont.core.errors import DomainHasNoMail, MailError, Offline, ServerNotFound
from pont.core.mail.accounts import AccountSettings, SignInMethod
from pont.core.mail.microsoft_metadata import MICROSOFT_AUTHORITY, MicrosoftTenant, find_tenant
from pont.core.mail.providers import (
    Candidates,
    Provider,
    SignIn,
    candidate_settings,
    email_domain,
    find_provider,
    provider_by_id,
    provider_candidates,
    provider_for_mail_exchanger,
)
from pont.core.members.addresses import checked_address

# Each network step (the MX lookup, the metadata request) gets this long; there are at most
# three, the check for being offline included.
DETECTION_TIMEOUT = 5.0
# Asking whether any name server answers at all, after a lookup failed.
OFFLINE_CHECK_TIMEOUT = 3.0
# A hostile domain may list thousands of MX hosts; the best few are enough to know it by.
MAIL_EXCHANGERS_KEPT = 20
MICROSOFT_365 = "office365.com"


class KnownBy(StrEnum):
    """How Pont knew: the evidence, strongest first."""

    TABLE = "table"  # the provider table lists the domain (no network)
    MX = "mx"  # the domain's MX records name the provider's mail servers
    OPENID = "openid"  # Microsoft's sign-in knows the domain as one of a tenant's
    GUESS = "guess"  # nothing known: a password, and the usual server names to try


@dataclass(frozen=True, slots=True)
class Detection:
    """How an address signs in, known before any password is asked for."""

    email: str
    provider: Provider | None  # None when guessed
    sign_in: SignIn
    known_by: KnownBy
    candidates: Candidates  # the IMAP and SMTP settings to try, best first
    tenant: MicrosoftTenant | None = None  # Microsoft 365's tenant, when its metadata said
    mail_exchangers: tuple[str, ...] = ()  # the domain's MX hosts, best first

    @property
    def tenant_id(self) -> str:
        return self.tenant.id if self.tenant is not None else ""


def detect_mailbox(
    email: str,
    *,
    resolver: dns.resolver.Resolver | None = None,
    authority_host: str = MICROSOFT_AUTHORITY,
    http: httpx.Client | None = None,
    timeout: float = DETECTION_TIMEOUT,
) -> Detection:
    """How `email` signs in: the provider table first (no network), then the domain's MX
    records, then Microsoft's OpenID metadata for the domain; else a password, with guesses.

    `resolver` defaults to the system's name servers; `http` to a client that verifies TLS
    against the system's store. Raises InvalidAddress for an unusable address, DomainHasNoMail
    when the domain does not exist or takes no mail, and Offline when no name server answers.
    A domain whose own name servers fail, or answer nonsense, is treated as unknown.
    """
    email = checked_address(email)
    provider = find_provider(email)
    if provider is not None:
        return _known(email, provider, KnownBy.TABLE)
    domain = _ascii_domain(email_domain(email))
    if domain is None:
        return _guessed(email)
    exchangers = _mail_exchangers(domain, resolver, timeout)
    provider = next(
        (p for host in exchangers if (p := provider_for_mail_exchanger(host)) is not None), None
    )
    if provider is not None:
        tenant = None
        if provider.sign_in is SignIn.MICROSOFT:  # its tenant, for signing in and consent
            tenant = find_tenant(domain, authority_host, http, timeout)
        return _known(email, provider, KnownBy.MX, tenant, exchangers)
    tenant = find_tenant(domain, authority_host, http, timeout)
    microsoft = provider_by_id(MICROSOFT_365)
    if tenant is not None and microsoft is not None:
        return _known(email, microsoft, KnownBy.OPENID, tenant, exchangers)
    return _guessed(email, exchangers)


def _known(
    email: str,
    provider: Provider,
    known_by: KnownBy,
    tenant: MicrosoftTenant | None = None,
    exchangers: tuple[str, ...] = (),
) -> Detection:
    candidates = provider_candidates(provider, email)
    return Detection(email, provider, provider.sign_in, known_by, candidates, tenant, exchangers)


def _guessed(email: str, exchangers: tuple[str, ...] = ()) -> Detection:
    candidates = candidate_settings(email)
    return Detection(email, None, SignIn.PASSWORD, KnownBy.GUESS, candidates, None, exchangers)


def _ascii_domain(domain: str) -> str | None:
    """The domain as DNS and URLs spell it (IDNA for names beyond ASCII), or None."""
    try:
        return dns.name.from_text(domain).to_text(omit_final_dot=True)
    except (dns.exception.DNSException, ValueError):
        return None


def _system_resolver() -> dns.resolver.Resolver | None:
    """The system's name servers, read afresh (they change as networks come and go); None
    when the system names none, which only an unconnected computer does."""
    try:
        return dns.resolver.Resolver()
    except (dns.exception.DNSException, OSError):
        return None


def _mail_exchangers(
    domain: str, resolver: dns.resolver.Resolver | None, timeout: float
) -> tuple[str, ...]:
    """The domain's MX hosts, best first; () when it has none, or its name servers fail."""
    resolver = resolver or _system_resolver()
    if resolver is None:
        raise Offline()
    try:
        answer = resolver.resolve(
            domain, dns.rdatatype.MX, search=False, raise_on_no_answer=False, lifetime=timeout
        )
    except dns.resolver.NXDOMAIN:
        raise DomainHasNoMail(domain) from None
    except (dns.exception.DNSException, OSError, ValueError):
        # No answer, a failure (SERVFAIL, REFUSED), or nonsense: this computer may be offline,
        # or only the domain's own name servers may be broken. Only another question tells.
        if is_offline(resolver, min(timeout, OFFLINE_CHECK_TIMEOUT)):
            raise Offline() from None
        return ()
    records = [
        (record.preference, record.exchange)
        for record in (answer.rrset or ())
        if record.rdtype == dns.rdatatype.MX
    ]
    if len(records) == 1 and records[0][1] == dns.name.root:  # RFC 7505: no mail here
        raise DomainHasNoMail(domain, exists=True)
    best = heapq.nsmallest(
        MAIL_EXCHANGERS_KEPT,
        ((p, host.to_text(omit_final_dot=True).casefold()) for p, host in records),
    )
    return tuple(host for _, host in best if host != ".")


def is_offline(
    resolver: dns.resolver.Resolver | None = None, timeout: float = OFFLINE_CHECK_TIMEOUT
) -> bool:
    """True when no name server answers at all: this computer is not connected.

    The question is for a random name, which no server can have kept from earlier: any answer,
    even "no such name", proves that a name server out on the internet answered. Silence, a
    failure (a home router whose own line is down answers SERVFAIL), or no route at all means
    offline, as does a system that names no name server."""
    resolver = resolver or _system_resolver()
    if resolver is None:
        return True
    probe = f"pont-{secrets.token_hex(6)}.com."
    try:
        resolver.resolve(probe, dns.rdatatype.A, search=False, lifetime=timeout)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return False
    except (dns.exception.DNSException, OSError, ValueError):
        return True
    return False


def name_failure(
    host: str,
    *,
    resolver: dns.resolver.Resolver | None = None,
    timeout: float = OFFLINE_CHECK_TIMEOUT,
) -> MailError:
    """The error for a server name the system could not look up (socket.gaierror): Offline
    when no name server answers at all, else ServerNotFound. Python's error cannot tell the
    two apart on every system (Windows says "host not found" when offline)."""
    return Offline() if is_offline(resolver, timeout) else ServerNotFound(host)


def detected_settings(detection: Detection) -> AccountSettings:
    """The best candidates as account settings, signing in as detected: what a Microsoft
    mailbox is saved with, having no password to search the candidates with."""
    candidates = detection.candidates
    microsoft = detection.sign_in is SignIn.MICROSOFT
    return AccountSettings(
        email=candidates.email,
        username=candidates.username,
        imap=candidates.imap[0],
        smtp=candidates.smtp[0],
        provider=candidates.provider,
        sign_in=SignInMethod.MICROSOFT if microsoft else SignInMethod.PASSWORD,
    )
