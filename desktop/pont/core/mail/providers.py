"""Mail providers Pont knows (resources/providers, in Thunderbird's ISPDB format),
and guesses for every other domain."""

from __future__ import annotations

# xml.etree, not defusedxml: these are Pont's own files, shipped with it, never downloaded.
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, is_loopback
from pont.core.members.addresses import checked_address
from pont.core.resources import resource_path

EXTRAS = "{https://pont.example/ispdb-extras}"
# RFC 5321 (4.5.3.1.8): every server must accept at least 100 recipients per message.
DEFAULT_RECIPIENTS_PER_MESSAGE = 100

_SOCKET_TYPES = {"SSL": Security.SSL, "STARTTLS": Security.STARTTLS, "plain": Security.PLAIN}


class SignIn(StrEnum):
    PASSWORD = "password"
    APP_PASSWORD = "app-password"  # the normal password is refused; the user makes another
    MICROSOFT = "microsoft-oauth"  # sign in with Microsoft (OAuth 2.0): no password at all


@dataclass(frozen=True, slots=True)
class Provider:
    id: str  # the ISPDB id, also stored in accounts.provider: "gmail.com"
    name: str
    short_name: str  # for sentences: "Gmail needs an app password"
    domains: tuple[str, ...]
    imap: tuple[ServerSettings, ...]  # in the order to try
    smtp: tuple[ServerSettings, ...]
    username: str  # ISPDB template: %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%
    sign_in: SignIn
    help_url: str = ""  # where to make an app password
    help_where: str = ""  # where on that page
    note: str = ""  # one thing to know before it works (switch IMAP on, Bridge running...)
    recipients_per_message: int = DEFAULT_RECIPIENTS_PER_MESSAGE
    messages_per_day: int | None = None  # None: not published; ask the coordinator
    recipients_per_day: int | None = None
    messages_per_minute: int | None = None
    saves_sent_mail: bool = False  # the server files what SMTP sends in Sent by itself
    host_suffixes: tuple[str, ...] = ()  # server names that mean this provider (Microsoft 365)
    # MX hosts that mean a domain's mail is here ("mail.protection.outlook.com"): a host is
    # the suffix itself or ends with "." and it.
    mx_suffixes: tuple[str, ...] = ()
    # For app passwords, step by step: whose account it is ("Google", "Apple"), where to turn
    # on two-step verification first ('' when the provider does not ask for it), and whether an
    # organisation's administrator may have switched app passwords off (Google Workspace).
    account_name: str = ""
    two_step_url: str = ""
    managed_by_organisation: bool = False

    def username_for(self, email: str) -> str:
        local, _, domain = email.rpartition("@")
        return (
            self.username.replace("%EMAILADDRESS%", email)
            .replace("%EMAILLOCALPART%", local)
            .replace("%EMAILDOMAIN%", domain)
        )


@dataclass(frozen=True, slots=True)
class Candidates:
    """The settings to try for one address, best first."""

    email: str
    username: str
    provider: str  # Provider.id, '' when guessed
    imap: tuple[ServerSettings, ...]
    smtp: tuple[ServerSettings, ...]
    # Guessed lists that all fail mean "not found" (enter them by hand); a provider's or the
    # coordinator's own settings that fail mean the server could not be reached.
    imap_guessed: bool = False
    smtp_guessed: bool = False


def _text(element: ElementTree.Element, path: str, default: str = "") -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else default


def _number(value: str | None) -> int | None:
    return int(value) if value else None


def _servers(provider: ElementTree.Element, tag: str, kind: str) -> tuple[ServerSettings, ...]:
    return tuple(
        ServerSettings(
            _text(server, "hostname"),
            int(_text(server, "port")),
            _SOCKET_TYPES[_text(server, "socketType")],
        )
        for server in provider.iterfind(tag)
        if server.get("type") == kind
    )


def _names(provider: ElementTree.Element, tag: str) -> tuple[str, ...]:
    return tuple(
        found.text.strip().rstrip(".").casefold()
        for found in provider.iterfind(f"{EXTRAS}{tag}")
        if found.text
    )


def parse_provider_file(path: Path) -> Provider:
    element = ElementTree.parse(path).getroot().find("emailProvider")
    if element is None:
        raise ValueError(f"{path} has no emailProvider")
    imap = _servers(element, "incomingServer", "imap")
    sign_in = element.find(f"{EXTRAS}signIn")
    limits_element = element.find(f"{EXTRAS}limits")
    limits = limits_element.attrib if limits_element is not None else {}
    incoming = next(s for s in element.iterfind("incomingServer") if s.get("type") == "imap")
    sign_in_options = sign_in.attrib if sign_in is not None else {}
    return Provider(
        id=element.get("id", ""),
        name=_text(element, "displayName"),
        short_name=_text(element, "displayShortName") or _text(element, "displayName"),
        domains=tuple(d.text.strip().casefold() for d in element.iterfind("domain") if d.text),
        imap=imap,
        smtp=_servers(element, "outgoingServer", "smtp"),
        username=_text(incoming, "username", "%EMAILADDRESS%"),
        sign_in=SignIn(sign_in_options.get("kind", "password")),
        help_url=sign_in_options.get("help", ""),
        help_where=sign_in_options.get("where", ""),
        note=_text(element, f"{EXTRAS}note"),
        recipients_per_message=(
            _number(limits.get("recipientsPerMessage")) or DEFAULT_RECIPIENTS_PER_MESSAGE
        ),
        messages_per_day=_number(limits.get("messagesPerDay")),
        recipients_per_day=_number(limits.get("recipientsPerDay")),
        messages_per_minute=_number(limits.get("messagesPerMinute")),
        saves_sent_mail=_text(element, f"{EXTRAS}savesSentMail") == "true",
        host_suffixes=_names(element, "hostSuffix"),
        mx_suffixes=_names(element, "mxSuffix"),
        account_name=sign_in_options.get("account", ""),
        two_step_url=sign_in_options.get("twoStep", ""),
        managed_by_organisation=sign_in_options.get("managed") == "true",
    )


@cache
def load_providers(folder: Path) -> tuple[Provider, ...]:
    return tuple(parse_provider_file(path) for path in sorted(folder.glob("*.xml")))


def all_providers() -> tuple[Provider, ...]:
    return load_providers(resource_path("providers"))


def email_domain(email: str) -> str:
    return email.strip().rpartition("@")[2].rstrip(".").casefold()


def find_provider(email: str) -> Provider | None:
    """The provider whose table lists the address's domain."""
    domain = email_domain(email)
    return next((p for p in all_providers() if domain in p.domains), None)


def provider_by_id(provider_id: str) -> Provider | None:
    return next((p for p in all_providers() if p.id == provider_id), None) if provider_id else None


def provider_for_host(host: str) -> Provider | None:
    """The provider that runs a server name (Microsoft 365 for outlook.office365.com); loopback
    names (Proton Mail Bridge's) say nothing about who is behind them."""
    name = host.strip().rstrip(".").casefold()
    if not name or is_loopback(name):
        return None
    for provider in all_providers():
        if any(name == s or name.endswith("." + s) for s in provider.host_suffixes):
            return provider
    for provider in all_providers():
        if any(name == server.host for server in (*provider.imap, *provider.smtp)):
            return provider
    return None


def provider_for_mail_exchanger(host: str) -> Provider | None:
    """The provider whose MX hosts include this one (a domain's mail server, from DNS); the
    longest suffix wins, so Yahoo's AOL hosts are AOL's though both are yahoodns.net."""
    name = host.strip().rstrip(".").casefold()
    matches = [
        (len(suffix), provider)
        for provider in all_providers()
        for suffix in provider.mx_suffixes
        if name == suffix or name.endswith("." + suffix)
    ]
    return max(matches, key=lambda match: match[0])[1] if matches else None


def provider_for_settings(settings: AccountSettings) -> Provider | None:
    """Who runs this account: by its saved provider id, its domain, else its servers' names."""
    return (
        provider_by_id(settings.provider)
        or find_provider(settings.email)
        or provider_for_host(settings.imap.host)
        or provider_for_host(settings.smtp.host)
    )


def _guesses(domain: str, ports: Sequence[tuple[str, int, Security]]) -> tuple[ServerSettings, ...]:
    return tuple(ServerSettings(f"{prefix}.{domain}", port, sec) for prefix, port, sec in ports)


def provider_candidates(provider: Provider, email: str) -> Candidates:
    """A provider's own settings for an address (one Pont recognised by its MX, say)."""
    username = provider.username_for(email)
    return Candidates(email, username, provider.id, provider.imap, provider.smtp)


def candidate_settings(email: str) -> Candidates:
    """The provider table's settings for the address's domain, else the usual guesses."""
    email = checked_address(email)
    provider = find_provider(email)
    if provider is not None:
        return provider_candidates(provider, email)
    domain = email_domain(email)
    ssl, starttls = Security.SSL, Security.STARTTLS
    return Candidates(
        email,
        email,
        "",
        _guesses(domain, [("imap", 993, ssl), ("imap", 143, starttls)])
        + _guesses(domain, [("mail", 993, ssl), ("mail", 143, starttls)]),
        _guesses(domain, [("smtp", 465, ssl), ("smtp", 587, starttls)])
        + _guesses(domain, [("mail", 465, ssl), ("mail", 587, starttls)]),
        imap_guessed=True,
        smtp_guessed=True,
    )
