"""Signing in with Microsoft, and the access tokens that follow.

`sign_in_with_browser` runs the authorization code flow with PKCE as a public client: Pont
shows the sign-in address itself (so a person can open it by hand), tries to open the
system browser, and waits on its own loopback listener for the answer, within a time limit.
`sign_in_with_device_code` is the fallback for a computer with no browser; many
organisations block it (Conditional Access), so it is never the first choice.

Either returns a `MicrosoftTokens`, the TokenSource the mail connections and Microsoft Graph
ask for a fresh access token before each use. Permissions are asked for only when a feature
needs them (incremental consent): a token for a permission not yet granted raises
MicrosoftConsentNeeded, and signing in again for that permission adds it.

No token, authorization code or cache text is ever logged or put in an error.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pont.core.errors import (
    KeyringNeededForMicrosoft,
    MicrosoftAuthorityUnusable,
    MicrosoftConsentNeeded,
    MicrosoftSignInCancelled,
    MicrosoftSignInExpired,
    MicrosoftSignInFailed,
    MicrosoftSignInTimedOut,
)
from pont.core.i18n import translate
from pont.core.mail.credentials import keyring_usable
from pont.core.mail.microsoft.loopback import LoopbackListener
from pont.core.mail.microsoft.msal_app import (
    build_app,
    sign_in_error,
    silent_error,
    translated_network_errors,
)
from pont.core.mail.microsoft.token_cache import (
    StoredTokens,
    read_tokens,
    tokens_version,
    write_tokens,
)
from pont.core.mail.tokens import Permission

if TYPE_CHECKING:
    import msal

    from pont.core.mail.microsoft.setup import MicrosoftSetup

log = logging.getLogger(__name__)

BROWSER_TIMEOUT = 300.0  # seconds to finish signing in in the browser
DEVICE_CODE_TIMEOUT = 900.0  # Microsoft's device codes last 15 minutes
# A token with less than this left is refreshed before use, never tried: a refused login
# slows the next ones down (Dovecot: 2 s, doubling up to 15 s).
REFRESH_MARGIN = 300.0
_TENANT = re.compile(r"^[A-Za-z0-9.-]{1,100}$")


@dataclass(frozen=True, slots=True)
class DeviceCodePrompt:
    """What the coordinator does on another device to sign in (the fallback)."""

    address: str  # where to go, e.g. https://microsoft.com/devicelogin
    code: str  # what to type there; short-lived, and useless without the device code
    expires_in: int  # seconds

    @property
    def sentence(self) -> str:
        return translate(
            "MicrosoftSignIn",
            "Signing in without a browser on this computer (a fallback your organisation "
            "may not allow): on a phone or another computer, open {address} and enter the "
            "code {code}.",
        ).format(address=self.address, code=self.code)


def sign_in_with_browser(
    email: str,
    permissions: Iterable[Permission],
    setup: MicrosoftSetup,
    *,
    show_address: Callable[[str], object],
    open_browser: Callable[[str], object] = webbrowser.open,
    timeout: float = BROWSER_TIMEOUT,
    cancelled: threading.Event | None = None,
) -> MicrosoftTokens:
    """Sign in through the system browser and keep the tokens in the keyring.

    `show_address(url)` is called first, then `open_browser(url)` (which may fail: the
    address has been shown). Raises MicrosoftSignInTimedOut when no answer comes within
    `timeout` seconds, MicrosoftSignInCancelled once `cancelled` is set, and the sign-in
    errors of core/errors.py for the service's answers."""
    asked = _ordered(permissions)
    setup.require_set_up()
    if not keyring_usable():  # before the coordinator spends a sign-in on nothing
        raise KeyringNeededForMicrosoft()
    cancelled = cancelled or threading.Event()
    deadline = time.monotonic() + timeout
    host = setup.authority_host
    cache = _new_cache()
    with LoopbackListener(setup.redirect_uri) as listener:
        app = build_app(setup, email, cache)
        with translated_network_errors(host):
            flow = app.initiate_auth_code_flow(
                [setup.scope(p) for p in asked],
                redirect_uri=listener.redirect_uri,
                login_hint=email,
                response_mode="form_post",
            )
        listener.expect(flow["state"])
        address = flow["auth_uri"]
        if urlsplit(address).scheme != "https":  # from the discovery document: shown, opened
            raise MicrosoftAuthorityUnusable(setup.authority_for(email))
        show_address(address)
        try:
            open_browser(address)
        except Exception:  # noqa: BLE001 (no browser here: the address was shown)
            log.info("no browser could be opened for the Microsoft sign-in")
        answer = listener.wait(deadline, cancelled, _minutes(timeout))
    tenant = _known_tenant(email)
    if "error" in answer:
        raise sign_in_error(answer, email=email, host=host, asked=asked, tenant=tenant)
    # A token is for one resource: the first permission's; the others' consent is given
    # now and their tokens come from the refresh token.
    first = [setup.scope(p) for p in asked if p.resource is asked[0].resource]
    with translated_network_errors(host):
        try:
            result = app.acquire_token_by_auth_code_flow(flow, answer, scopes=first)
        except (ValueError, RuntimeError, KeyError, TypeError) as error:
            # state or nonce not matching, or an answer that is not OAuth's
            raise MicrosoftSignInFailed(host, "invalid_response") from error
    if "error" in result:
        raise sign_in_error(result, email=email, host=host, asked=asked, tenant=tenant)
    return _signed_in(email, setup, app, cache, asked, result)


def sign_in_with_device_code(
    email: str,
    permissions: Iterable[Permission],
    setup: MicrosoftSetup,
    *,
    show_code: Callable[[DeviceCodePrompt], object],
    timeout: float = DEVICE_CODE_TIMEOUT,
    cancelled: threading.Event | None = None,
) -> MicrosoftTokens:
    """The fallback: the coordinator signs in on another device with a code. Asks for the
    permissions of one resource (the first permission's); the rest need another sign-in."""
    ordered = _ordered(permissions)
    asked = [p for p in ordered if p.resource is ordered[0].resource]
    setup.require_set_up()
    if not keyring_usable():
        raise KeyringNeededForMicrosoft()
    cancelled = cancelled or threading.Event()
    host = setup.authority_host
    tenant = _known_tenant(email)
    cache = _new_cache()
    app = build_app(setup, email, cache)
    with translated_network_errors(host):
        flow = app.initiate_device_flow(scopes=[setup.scope(p) for p in asked])
    prompt = _device_prompt(flow, setup.authority_for(email))
    if prompt is None:
        raise sign_in_error(flow, email=email, host=host, asked=asked, tenant=tenant)
    deadline = time.monotonic() + min(timeout, prompt.expires_in)
    show_code(prompt)
    with translated_network_errors(host):
        result = app.acquire_token_by_device_flow(
            flow, exit_condition=lambda _: cancelled.is_set() or time.monotonic() > deadline
        )
    if "error" in result:
        if cancelled.is_set():
            raise MicrosoftSignInCancelled()
        if result.get("error") in ("authorization_pending", "slow_down", "expired_token"):
            raise MicrosoftSignInTimedOut(_minutes(min(timeout, prompt.expires_in)))
        raise sign_in_error(result, email=email, host=host, asked=asked, tenant=tenant)
    return _signed_in(email, setup, app, cache, asked, result)


class MicrosoftTokens:
    """The access tokens of one Microsoft account, from its token cache in the keyring: a
    TokenSource. MSAL's application object (and its network requests) waits for the first
    token asked for. Safe to share between threads."""

    def __init__(
        self, email: str, setup: MicrosoftSetup, *, refresh_margin: float = REFRESH_MARGIN
    ) -> None:
        self._email = email
        self._setup = setup
        self._refresh_margin = refresh_margin
        self._lock = threading.Lock()
        self._app: msal.PublicClientApplication | None = None
        self._cache: msal.SerializableTokenCache | None = None
        self._version: str | None = None
        self._stored: StoredTokens | None = None

    @property
    def email(self) -> str:
        return self._email

    def granted(self) -> frozenset[Permission]:
        """The permissions consented to so far (as far as Pont has seen)."""
        stored = read_tokens(self._email)
        names = stored.granted if stored else frozenset()
        return frozenset(p for p in Permission if p.value in names)

    def access_token(self, permission: Permission) -> str:
        """A token for `permission`'s resource, refreshed silently when less than the
        refresh margin (5 minutes) is left of the one held: never one about to expire."""
        with self._lock:
            return self._access_token(permission)

    def _access_token(self, permission: Permission) -> str:
        self._setup.require_set_up()
        stored = self._load()
        app = self._application()
        host = self._setup.authority_host
        accounts = app.get_accounts()
        if not accounts:
            raise MicrosoftSignInExpired(self._email)
        wanted = self._email.casefold()
        mine = [a for a in accounts if str(a.get("username", "")).casefold() == wanted]
        account = (mine or accounts)[0]  # a sign-in name may differ from the mail address
        scopes = [self._setup.scope(permission)]
        with translated_network_errors(host):
            result = app.acquire_token_silent_with_error(scopes, account)
            if _from_cache(result) and _seconds_left(result) < self._refresh_margin:
                result = app.acquire_token_silent_with_error(scopes, account, force_refresh=True)
        if result is None:  # no refresh token left in the cache
            raise MicrosoftSignInExpired(self._email)
        if "error" in result:
            error = silent_error(
                result,
                email=self._email,
                host=host,
                permission=permission,
                tenant=stored.tenant or _fallback_tenant(self._email),
            )
            if isinstance(error, MicrosoftConsentNeeded) and permission.value in stored.granted:
                self._save(stored.granted - {permission.value})
            raise error
        token = result.get("access_token")
        if not isinstance(token, str) or not token:
            raise MicrosoftSignInFailed(host, "invalid_response")
        assert self._cache is not None
        if self._cache.has_state_changed or permission.value not in stored.granted:
            self._save(stored.granted | {permission.value})
        return token

    def _load(self) -> StoredTokens:
        """The stored tokens, read again only when another writer changed them."""
        version = tokens_version(self._email)
        if version is None:
            raise MicrosoftSignInExpired(self._email)
        if version != self._version or self._stored is None:
            stored = read_tokens(self._email)
            if stored is None:
                raise MicrosoftSignInExpired(self._email)
            if self._cache is None:
                self._cache = _new_cache()
            self._cache.deserialize(stored.cache)
            self._stored, self._version = stored, version
        return self._stored

    def _application(self) -> msal.PublicClientApplication:
        if self._app is None:
            assert self._cache is not None
            self._app = build_app(self._setup, self._email, self._cache)
        return self._app

    def _save(self, granted: frozenset[str]) -> None:
        assert self._cache is not None and self._stored is not None
        stored = StoredTokens(
            cache=_compact(self._cache.serialize()), granted=granted, tenant=self._stored.tenant
        )
        write_tokens(self._email, stored)
        self._stored, self._version = stored, tokens_version(self._email)

    @classmethod
    def _adopt(
        cls,
        email: str,
        setup: MicrosoftSetup,
        app: msal.PublicClientApplication,
        cache: msal.SerializableTokenCache,
    ) -> MicrosoftTokens:
        """The source for a sign-in that just finished, keeping its application object (its
        discovery document is already fetched)."""
        tokens = cls(email, setup)
        tokens._app, tokens._cache = app, cache
        return tokens


def _signed_in(
    email: str,
    setup: MicrosoftSetup,
    app: msal.PublicClientApplication,
    cache: msal.SerializableTokenCache,
    asked: list[Permission],
    result: Mapping[str, Any],
) -> MicrosoftTokens:
    """Keep a finished sign-in's tokens: what was asked for is granted (the consent page
    covers it all), less what the token just issued says is missing for its resource."""
    before = read_tokens(email)
    granted = set(before.granted if before else ())
    scope = result.get("scope")
    issued = set(scope.split()) if isinstance(scope, str) else None
    for permission in asked:
        on_this_token = permission.resource is asked[0].resource
        if issued is None or not on_this_token or setup.scope(permission) in issued:
            granted.add(permission.value)
    claims = result.get("id_token_claims")
    tid = claims.get("tid") if isinstance(claims, dict) else None
    tenant = tid if isinstance(tid, str) and _TENANT.match(tid) else ""
    stored = StoredTokens(
        cache=_compact(cache.serialize()), granted=frozenset(granted), tenant=tenant
    )
    write_tokens(email, stored)
    return MicrosoftTokens._adopt(email, setup, app, cache)


def _new_cache() -> msal.SerializableTokenCache:
    import msal

    return msal.SerializableTokenCache()


def _compact(serialised: str) -> str:
    # MSAL indents its JSON; without the spaces the keyring holds fewer parts.
    return json.dumps(json.loads(serialised), separators=(",", ":"))


def _ordered(permissions: Iterable[Permission]) -> list[Permission]:
    asked = list(dict.fromkeys(Permission(p) for p in permissions))
    if not asked:
        raise ValueError("signing in needs at least one permission")
    return asked


def _from_cache(result: Mapping[str, Any] | None) -> bool:
    return result is not None and "error" not in result and result.get("token_source") == "cache"


def _seconds_left(result: Mapping[str, Any] | None) -> float:
    value = (result or {}).get("expires_in")
    return float(value) if isinstance(value, int | float) else 0.0


def _minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


def _known_tenant(email: str) -> str:
    """The tenant id an earlier sign-in's id token gave, else the address's domain."""
    stored = read_tokens(email)
    return stored.tenant if stored and stored.tenant else _fallback_tenant(email)


def _fallback_tenant(email: str) -> str:
    """The address's domain names its tenant wherever Microsoft takes a tenant id."""
    return email.rpartition("@")[2].strip().rstrip(".").casefold()


def _device_prompt(flow: Mapping[str, Any], authority: str) -> DeviceCodePrompt | None:
    """The device flow's instructions, or None for an error answer. The address must be
    https (it is shown as a link); anything else is not a sign-in service's."""
    address, code, expires = (
        flow.get("verification_uri"),
        flow.get("user_code"),
        flow.get("expires_in"),
    )
    if "error" in flow or not isinstance(address, str) or not isinstance(code, str):
        return None
    if urlsplit(address).scheme != "https" or len(address) > 500 or not 0 < len(code) <= 40:
        raise MicrosoftAuthorityUnusable(authority)
    seconds = expires if isinstance(expires, int) and expires > 0 else int(DEVICE_CODE_TIMEOUT)
    return DeviceCodePrompt(address=address, code=code, expires_in=seconds)
