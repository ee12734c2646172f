"""Signing in through the browser, end to end: MSAL (the code users run) against the tests'
OpenID Connect server, the test playing the browser back to Pont's loopback listener."""

from __future__ import annotations

import socket
import threading
import time
import webbrowser
from urllib.parse import parse_qs, urlsplit

import pytest

from oauth_browser import Browser, SignInWorld, fingerprint
from oauth_keys import MAILBOX_AUDIENCE
from pont.core.errors import (
    AdminApprovalRequired,
    KeyringUnavailable,
    MicrosoftConsentRefused,
    MicrosoftSignInCancelled,
    MicrosoftSignInTimedOut,
)
from pont.core.mail.microsoft.loopback import DONE_PAGE, FAILED_PAGE
from pont.core.mail.microsoft.sign_in import MicrosoftTokens, sign_in_with_browser
from pont.core.mail.microsoft.token_cache import has_tokens
from pont.core.mail.tokens import Permission

MAILBOX = [Permission.IMAP, Permission.SMTP]


def test_signing_in_through_the_browser_keeps_tokens_for_the_mailbox(
    microsoft: SignInWorld,
) -> None:
    events: list[str] = []
    browser = Browser()

    def open_browser(url: str) -> bool:
        events.append("browser")
        return browser.open(url)

    tokens = sign_in_with_browser(
        microsoft.email,
        MAILBOX,
        microsoft.setup,
        show_address=lambda url: events.append(f"shown {url}"),
        open_browser=open_browser,
        timeout=30,
    )
    # The address is shown before the browser is tried, and it asks for the code flow with
    # PKCE (S256), answered as a posted form to http://localhost:<port>.
    assert events[1] == "browser"
    address = events[0].removeprefix("shown ")
    assert address.startswith(f"{microsoft.server.authority()}/oauth2/v2.0/authorize?")
    asked = {name: values[0] for name, values in parse_qs(urlsplit(address).query).items()}
    assert asked["response_type"] == "code"
    assert asked["response_mode"] == "form_post"
    assert asked["code_challenge_method"] == "S256"
    assert asked["login_hint"] == microsoft.email
    assert urlsplit(asked["redirect_uri"]).hostname == "localhost"
    assert set(asked["scope"].split()) == {
        "https://outlook.office.com/IMAP.AccessAsUser.All",
        "https://outlook.office.com/SMTP.Send",
        "openid",
        "profile",
        "offline_access",
    }
    # The browser ends on Pont's page, which says in English and Welsh it can be closed.
    assert browser.landed.status == 200
    assert browser.landed.text == DONE_PAGE
    assert "You can close this window" in DONE_PAGE
    assert "Gallwch gau’r ffenestr hon" in DONE_PAGE
    # The standard discovery path, then the code flow; no Microsoft-only /v2.0/ path.
    assert microsoft.server.requests == [
        "GET /organizations/.well-known/openid-configuration",
        "GET /organizations/oauth2/v2.0/authorize",
        "POST /organizations/oauth2/v2.0/authorize",
        "POST /organizations/oauth2/v2.0/token",
    ]
    assert has_tokens(microsoft.email)
    assert tokens.email == microsoft.email
    assert tokens.granted() == {Permission.IMAP, Permission.SMTP}
    claims = microsoft.server.signing_key.claims(tokens.access_token(Permission.IMAP))
    assert claims["aud"] == MAILBOX_AUDIENCE
    assert set(claims["scp"].split()) == {"IMAP.AccessAsUser.All", "SMTP.Send"}
    assert claims["upn"] == microsoft.email
    # The token from the sign-in serves both permissions: no further token request.
    held = fingerprint(tokens.access_token(Permission.IMAP))
    assert fingerprint(tokens.access_token(Permission.SMTP)) == held
    assert microsoft.server.grants == ["authorization_code"]
    # Pont started again: the token source reads the keyring, and still needs no sign-in.
    later = MicrosoftTokens(microsoft.email, microsoft.setup)
    assert fingerprint(later.access_token(Permission.SMTP)) == held
    assert microsoft.server.grants == ["authorization_code"]


def test_a_browser_that_resolves_localhost_to_ipv6_reaches_pont_too(
    microsoft: SignInWorld,
) -> None:
    browser = Browser(localhost="::1")
    tokens = sign_in_with_browser(
        microsoft.email,
        [Permission.SMTP],
        microsoft.setup,
        show_address=lambda url: None,
        open_browser=browser.open,
        timeout=30,
    )
    assert any(url.startswith("http://localhost:") for url in browser.visited)
    assert browser.landed.text == DONE_PAGE
    assert tokens.granted() == {Permission.SMTP}


def test_when_no_browser_opens_the_address_shown_is_enough(microsoft: SignInWorld) -> None:
    browser = Browser()

    def no_browser(url: str) -> bool:
        raise webbrowser.Error("could not locate runnable browser")

    def show_address(url: str) -> None:  # the coordinator copies it into a browser
        threading.Thread(target=browser.open, args=(url,), daemon=True).start()

    tokens = sign_in_with_browser(
        microsoft.email,
        MAILBOX,
        microsoft.setup,
        show_address=show_address,
        open_browser=no_browser,
        timeout=30,
    )
    assert tokens.granted() == {Permission.IMAP, Permission.SMTP}


def test_a_browser_that_never_comes_back_ends_at_the_time_limit(microsoft: SignInWorld) -> None:
    shown: list[str] = []
    started = time.monotonic()
    with pytest.raises(MicrosoftSignInTimedOut) as timed_out:
        sign_in_with_browser(
            microsoft.email,
            MAILBOX,
            microsoft.setup,
            show_address=shown.append,
            open_browser=lambda url: True,  # the coordinator closed the window
            timeout=1.0,
        )
    assert 1.0 <= time.monotonic() - started < 5
    assert str(timed_out.value) == (
        "The Microsoft sign-in did not finish within a minute. If you closed the sign-in "
        "page, start signing in again."
    )
    assert str(MicrosoftSignInTimedOut(5)) == (
        "The Microsoft sign-in did not finish within 5 minutes. If you closed the sign-in "
        "page, start signing in again."
    )
    assert not has_tokens(microsoft.email)
    # The listener is gone: its port no longer answers.
    port = urlsplit(parse_qs(urlsplit(shown[0]).query)["redirect_uri"][0]).port
    assert port is not None
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_signing_in_can_be_cancelled_while_it_waits(microsoft: SignInWorld) -> None:
    cancelled = threading.Event()
    started = time.monotonic()
    with pytest.raises(MicrosoftSignInCancelled) as stopped:
        sign_in_with_browser(
            microsoft.email,
            MAILBOX,
            microsoft.setup,
            show_address=lambda url: threading.Timer(0.3, cancelled.set).start(),
            open_browser=lambda url: True,
            timeout=60,
            cancelled=cancelled,
        )
    assert time.monotonic() - started < 5
    assert str(stopped.value) == (
        "Signing in with Microsoft was stopped before it finished. Nothing was changed."
    )
    assert not has_tokens(microsoft.email)


def test_refusing_consent_in_the_browser_says_what_it_means(microsoft: SignInWorld) -> None:
    browser = Browser(decision="refuse")
    with pytest.raises(MicrosoftConsentRefused) as refused:
        sign_in_with_browser(
            microsoft.email,
            MAILBOX,
            microsoft.setup,
            show_address=lambda url: None,
            open_browser=browser.open,
            timeout=30,
        )
    assert str(refused.value) == (
        f"Pont was not given permission to use {microsoft.email}, so it cannot reach this "
        "mailbox. To carry on, sign in with Microsoft again and accept what it asks."
    )
    assert browser.landed.text == FAILED_PAGE
    assert "Ni orffennodd y mewngofnodi" in FAILED_PAGE
    assert not has_tokens(microsoft.email)
    assert microsoft.server.grants == []  # no token was asked for


@pytest.mark.parametrize("answer", [90094, 65001])
def test_a_tenant_that_needs_an_admin_says_so_with_the_tenant_and_permissions(
    microsoft: SignInWorld, answer: int
) -> None:
    microsoft.server.admin_only = {"IMAP.AccessAsUser.All"}
    microsoft.server.admin_error = answer
    with pytest.raises(AdminApprovalRequired) as needs_admin:
        sign_in_with_browser(
            microsoft.email,
            MAILBOX,
            microsoft.setup,
            show_address=lambda url: None,
            open_browser=Browser().open,
            timeout=30,
        )
    assert str(needs_admin.value) == (
        "Microsoft says an administrator must approve Pont before it may use "
        f"IMAP.AccessAsUser.All, SMTP.Send for {microsoft.email}. Ask your IT team to approve "
        "Pont; everything that does not need this keeps working meanwhile."
    )
    assert needs_admin.value.tenant == "example.org"  # no id token yet: the address's domain
    assert needs_admin.value.permissions == (Permission.IMAP, Permission.SMTP)
    assert not has_tokens(microsoft.email)
    # Once the IT team approves, the same sign-in goes through.
    microsoft.server.approve_as_admin()
    tokens = sign_in_with_browser(
        microsoft.email,
        MAILBOX,
        microsoft.setup,
        show_address=lambda url: None,
        open_browser=Browser().open,
        timeout=30,
    )
    assert tokens.granted() == {Permission.IMAP, Permission.SMTP}


def test_with_no_keyring_signing_in_stops_before_the_browser(
    microsoft: SignInWorld, no_keyring: None
) -> None:
    shown: list[str] = []
    with pytest.raises(KeyringUnavailable) as refused:
        sign_in_with_browser(
            microsoft.email,
            MAILBOX,
            microsoft.setup,
            show_address=shown.append,
            open_browser=Browser().open,
        )
    assert shown == []
    assert microsoft.server.requests == []
    # Said for Microsoft's sign-in, not for a password Pont would ask for each time.
    assert "keeps Microsoft’s sign-in nowhere else" in str(refused.value)
