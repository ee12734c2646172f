"""The admin-consent address of Pont for an organisation, and the details a letter to its IT
team names, each cleaned: every one of them may come from outside."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from pont.core.mail.tokens import Permission, Resource

DEFAULT_AUTHORITY = "https://login.microsoftonline.com"
MAILBOX_RESOURCE = "https://outlook.office.com"
GRAPH_RESOURCE = "https://graph.microsoft.com"
DEFAULT_REDIRECT_URI = "http://localhost"
# The tenant the admin-consent address names when Pont knows neither the tenant nor the
# domain: the administrator's own, whichever they sign in to (never "common").
ANY_ORGANISATION = "organizations"
# Asked for with every sign-in (MSAL adds them), so granted for everyone with the rest:
# otherwise a tenant that lets no user consent would still stop people at these.
SIGN_IN_SCOPES = ("offline_access", "openid", "profile")

# A value longer than this is cut: no name or domain needs more, and a letter should not
# carry a page of someone else's text.
_LONGEST_VALUE = 200
_TENANT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*")
# Characters that end a line, hide, or reorder text (bidi controls): never in a value.
_UNSEEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


@dataclass(frozen=True)
class LetterDetails:
    """What the letter names. Every value may come from outside: none is trusted.

    tenant is a directory (tenant) id or one of its domains; empty means the organisation's
    domain. authority is Pont's Microsoft sign-in address; only its scheme and host are used.
    An empty client_id means this copy of Pont has no Microsoft registration: the letter then
    explains how the organisation can register its own."""

    coordinator_name: str
    coordinator_email: str
    organisation_domain: str = ""
    tenant: str = ""
    client_id: str = ""
    authority: str = DEFAULT_AUTHORITY
    permissions: tuple[Permission, ...] = tuple(Permission)
    redirect_uri: str = DEFAULT_REDIRECT_URI
    mailbox_resource: str = MAILBOX_RESOURCE
    graph_resource: str = GRAPH_RESOURCE


def clean_value(text: str) -> str:
    """text on one line, as it reads: line breaks, control and bidi characters become
    spaces, runs of spaces one, and anything past _LONGEST_VALUE is cut."""
    shown = "".join(
        " " if unicodedata.category(character) in _UNSEEN_CATEGORIES else character
        for character in text
    )
    shown = " ".join(shown.split())
    if len(shown) > _LONGEST_VALUE:
        shown = shown[: _LONGEST_VALUE - 1].rstrip() + "…"
    return shown


def organisation_domain(details: LetterDetails) -> str:
    """The organisation's domain as given, else the coordinator's address's."""
    domain = clean_value(details.organisation_domain)
    if domain:
        return domain
    _, at, after = details.coordinator_email.rpartition("@")
    return clean_value(after) if at else ""


def consent_tenant(details: LetterDetails) -> str:
    """The tenant the admin-consent address names: a tenant id or domain, else the
    organisation's domain, else any organisation's (the administrator's own)."""
    for candidate in (details.tenant.strip(), organisation_domain(details)):
        if candidate and _TENANT.fullmatch(candidate) and len(candidate) <= 253:
            return candidate.lower()
    return ANY_ORGANISATION


def authority_host(authority: str) -> str:
    """The scheme and host of an HTTPS authority; Microsoft's for anything else."""
    try:
        parts = urlsplit(authority.strip())
        if parts.scheme.lower() == "https" and parts.hostname and not parts.username:
            port = f":{parts.port}" if parts.port else ""
            return f"https://{parts.hostname}{port}"
    except ValueError:  # a port that is not a number
        pass
    return DEFAULT_AUTHORITY


def ordered_permissions(permissions: Iterable[Permission]) -> list[Permission]:
    """The permissions once each, in Pont's order: the mailbox's first, then Graph's."""
    wanted = set(permissions)
    return [permission for permission in Permission if permission in wanted]


def consent_scopes(details: LetterDetails) -> list[str]:
    """The full scope names the administrator approves: each permission on its resource,
    then the sign-in scopes."""
    resources = {
        Resource.MAILBOX: details.mailbox_resource.rstrip("/"),
        Resource.GRAPH: details.graph_resource.rstrip("/"),
    }
    named = [
        f"{resources[permission.resource]}/{permission.value}"
        for permission in ordered_permissions(details.permissions)
    ]
    return [*named, *SIGN_IN_SCOPES]


def admin_consent_address(details: LetterDetails) -> str:
    """Microsoft's v2.0 admin-consent address for Pont in the organisation's tenant."""
    query = urlencode(
        {
            "client_id": details.client_id.strip(),
            "scope": " ".join(consent_scopes(details)),
            "redirect_uri": details.redirect_uri.strip(),
        },
        quote_via=quote,
        safe="",
    )
    tenant = quote(consent_tenant(details), safe="")
    return f"{authority_host(details.authority)}/{tenant}/v2.0/adminconsent?{query}"
