"""Which application id and sign-in service Pont uses with Microsoft: resources/microsoft.json,
then an organisation's own registration (a profile setting), then the environment.

Reading the setup never touches the network: MSAL's application object, which fetches the
sign-in service's discovery document when built, is made only when someone signs in or
needs a token (see msal_app).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from urllib.parse import urlsplit

from pont.core.errors import MicrosoftSetupInvalid, MicrosoftSignInNotSetUp
from pont.core.mail.tokens import Permission, Resource
from pont.core.resources import resource_path

# Microsoft's own sign-in hosts, worldwide and in the national clouds: MSAL takes these as
# `authority=`; any other OpenID Connect service is an `oidc_authority=`.
MICROSOFT_HOSTS = frozenset(
    {
        "login.microsoftonline.com",
        "login.microsoftonline.us",
        "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn",
    }
)
# Personal Microsoft accounts (Outlook.com) sign in through the `consumers` tenant.
CONSUMER_DOMAINS = frozenset(
    {"outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "live.co.uk", "msn.com"}
)
# Tenant names that mean "whichever tenant the address belongs to", not one organisation.
_ANY_TENANT = frozenset({"organizations", "common", "consumers"})

ENVIRONMENT = {
    "PONT_MICROSOFT_CLIENT_ID": "client_id",
    "PONT_MICROSOFT_AUTHORITY": "authority",
    "PONT_GRAPH_ENDPOINT": "graph_endpoint",
}
# The profile setting an organisation's own registration is kept under (a JSON object with
# the keys of MicrosoftSetup); the caller reads it and passes it to load_setup.
SETTING_KEY = "microsoft"


@dataclass(frozen=True, slots=True)
class MicrosoftSetup:
    """The registration Pont signs in with. An empty client_id: none set up yet."""

    client_id: str
    authority: str
    graph_endpoint: str
    mailbox_resource: str
    graph_resource: str
    redirect_uri: str

    @property
    def is_set_up(self) -> bool:
        return bool(self.client_id)

    def require_set_up(self) -> None:
        if not self.is_set_up:
            raise MicrosoftSignInNotSetUp()

    def resource_address(self, resource: Resource) -> str:
        address = self.mailbox_resource if resource is Resource.MAILBOX else self.graph_resource
        return address.rstrip("/")

    def scope(self, permission: Permission) -> str:
        """The full scope sent to the sign-in service: "https://outlook.office.com/SMTP.Send"."""
        return f"{self.resource_address(permission.resource)}/{permission.value}"

    def authority_for(self, email: str) -> str:
        """Microsoft's `consumers` tenant for an Outlook.com address and `organizations` for any
        other, unless the setup names one tenant or another sign-in service."""
        parts = urlsplit(self.authority)
        tenant = parts.path.strip("/").split("/")[0]
        if not self.uses_microsoft_host or tenant.casefold() not in _ANY_TENANT:
            return self.authority.rstrip("/")
        domain = email.rpartition("@")[2].strip().rstrip(".").casefold()
        tenant = "consumers" if domain in CONSUMER_DOMAINS else "organizations"
        return f"https://{parts.netloc}/{tenant}"

    @property
    def uses_microsoft_host(self) -> bool:
        """Whether the authority is Microsoft's own (MSAL's `authority=`), rather than another
        OpenID Connect service (`oidc_authority=`)."""
        return (urlsplit(self.authority).hostname or "").casefold() in MICROSOFT_HOSTS

    @property
    def authority_host(self) -> str:
        return urlsplit(self.authority).hostname or self.authority


_DEFAULTS = MicrosoftSetup(
    client_id="",
    authority="https://login.microsoftonline.com/organizations",
    graph_endpoint="https://graph.microsoft.com/v1.0",
    mailbox_resource="https://outlook.office.com",
    graph_resource="https://graph.microsoft.com",
    redirect_uri="http://localhost",
)
_KEYS = tuple(field.name for field in fields(MicrosoftSetup))


def load_setup(
    overrides: Mapping[str, str] | None = None, environ: Mapping[str, str] | None = None
) -> MicrosoftSetup:
    """resources/microsoft.json, then `overrides` (the profile's "microsoft" setting), then
    PONT_MICROSOFT_CLIENT_ID, PONT_MICROSOFT_AUTHORITY and PONT_GRAPH_ENDPOINT. Values that
    are empty or not text are passed over; an address that is not https raises
    MicrosoftSetupInvalid."""
    environ = os.environ if environ is None else environ
    values = dict(_shipped())
    values.update(_usable(overrides or {}))
    values.update(_usable({key: environ.get(name, "") for name, key in ENVIRONMENT.items()}))
    setup = replace(_DEFAULTS, **values)
    for key in ("authority", "graph_endpoint", "mailbox_resource", "graph_resource"):
        _check_https(key, getattr(setup, key), tenant_needed=key == "authority")
    _check_redirect(setup.redirect_uri)
    return setup


def _shipped() -> dict[str, str]:
    try:
        data = json.loads(resource_path("microsoft.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a damaged install: the built-in defaults (no client id) still hold
    return _usable(data) if isinstance(data, dict) else {}


def _usable(values: Mapping[str, object]) -> dict[str, str]:
    return {
        key: value.strip()
        for key, value in values.items()
        if key in _KEYS and isinstance(value, str) and value.strip()
    }


def _check_https(key: str, value: str, tenant_needed: bool) -> None:
    parts = urlsplit(value)
    has_tenant = bool(parts.path.strip("/"))
    if parts.scheme != "https" or not parts.hostname or (tenant_needed and not has_tenant):
        raise MicrosoftSetupInvalid(key, value, _EXAMPLES[key])


def _check_redirect(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme != "http" or parts.hostname not in ("localhost", "127.0.0.1", "::1"):
        raise MicrosoftSetupInvalid("redirect_uri", value, _EXAMPLES["redirect_uri"])


_EXAMPLES = {
    "authority": "https://login.microsoftonline.com/organizations",
    "graph_endpoint": "https://graph.microsoft.com/v1.0",
    "mailbox_resource": "https://outlook.office.com",
    "graph_resource": "https://graph.microsoft.com",
    "redirect_uri": "http://localhost",
}
