"""What MSAL does that Pont's design rests on, checked against the tests' OpenID Connect
server, and how Pont says it when the sign-in service cannot be used."""

from __future__ import annotations

import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import msal
import pytest

from mailservers import free_port
from oauth_browser import SignInWorld
from pont.core.errors import MicrosoftAuthorityUnusable, MicrosoftUnreachable
from pont.core.mail.microsoft.msal_app import build_app
from pont.core.mail.microsoft.setup import load_setup
from pont.core.mail.microsoft.sign_in import MicrosoftTokens, sign_in_with_browser
from pont.core.mail.tokens import Permission


def http_client() -> httpx.Client:
    return httpx.Client(verify=ssl.create_default_context(), timeout=10)


def test_building_msals_application_fetches_the_discovery_document(
    microsoft: SignInWorld,
) -> None:
    assert microsoft.server.requests == []
    msal.PublicClientApplication(
        microsoft.server.client_id,
        oidc_authority=microsoft.server.authority(),
        http_client=http_client(),
    )
    assert microsoft.server.requests == ["GET /organizations/.well-known/openid-configuration"]


def test_authority_without_instance_discovery_asks_for_microsofts_own_path(
    microsoft: SignInWorld,
) -> None:
    # Why Pont gives any service but Microsoft's as oidc_authority: as authority, MSAL asks
    # for /<tenant>/v2.0/.well-known/openid-configuration, which only Microsoft serves.
    with pytest.raises(ValueError):
        msal.PublicClientApplication(
            microsoft.server.client_id,
            authority=microsoft.server.authority(),
            instance_discovery=False,
            http_client=http_client(),
        )
    assert microsoft.server.requests == ["GET /organizations/v2.0/.well-known/openid-configuration"]


def test_pont_reaches_no_sign_in_service_until_someone_signs_in(
    microsoft: SignInWorld,
) -> None:
    setup = load_setup(environ=microsoft.environ)
    tokens = MicrosoftTokens(microsoft.email, setup)
    assert tokens.granted() == frozenset()
    assert tokens.email == microsoft.email
    assert microsoft.server.requests == []
    # Importing the sign-in does not load MSAL (nor build anything with it).
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pont.core.mail.microsoft.sign_in, pont.core.mail.accounts;"
            "print('msal' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"


def test_a_service_that_is_not_openid_connect_is_said_to_be_unusable(
    microsoft: SignInWorld,
) -> None:
    address = f"{microsoft.server.base}/organizations/not-a-tenant"
    setup = load_setup(environ={**microsoft.environ, "PONT_MICROSOFT_AUTHORITY": address})
    with pytest.raises(MicrosoftAuthorityUnusable) as unusable:
        build_app(setup, microsoft.email, msal.SerializableTokenCache())
    assert str(unusable.value) == (
        f"{address} does not answer as a Microsoft or OpenID Connect sign-in service should. "
        "Check the sign-in address Pont was given (PONT_MICROSOFT_AUTHORITY or the profile's "
        "“microsoft” setting)."
    )


def test_a_service_nobody_answers_for_is_said_to_be_unreachable(microsoft: SignInWorld) -> None:
    address = f"https://127.0.0.1:{free_port()}/organizations"
    setup = load_setup(environ={**microsoft.environ, "PONT_MICROSOFT_AUTHORITY": address})
    with pytest.raises(MicrosoftUnreachable) as unreachable:
        build_app(setup, microsoft.email, msal.SerializableTokenCache())
    assert str(unreachable.value) == (
        "Pont could not reach the sign-in service at 127.0.0.1 (no connection). Check that "
        "this computer is online, then try again."
    )


def test_a_certificate_this_computer_does_not_trust_is_refused(
    microsoft: SignInWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strangers = tmp_path / "stranger-ca.pem"
    microsoft.server.certificates.stranger.cert_pem.write_to_path(str(strangers))
    monkeypatch.setenv("SSL_CERT_FILE", str(strangers))
    with pytest.raises(MicrosoftUnreachable) as refused:
        build_app(microsoft.setup, microsoft.email, msal.SerializableTokenCache())
    assert refused.value.reason == "its certificate could not be verified"
    assert microsoft.server.requests == []  # nothing was asked over that connection


def test_a_sign_in_page_that_is_not_https_is_never_shown_or_opened(
    microsoft: SignInWorld,
) -> None:
    microsoft.server.discovery_changes = {
        "authorization_endpoint": "http://127.0.0.1:9/organizations/oauth2/v2.0/authorize"
    }
    shown: list[str] = []
    with pytest.raises(MicrosoftAuthorityUnusable):
        sign_in_with_browser(
            microsoft.email,
            [Permission.SMTP],
            microsoft.setup,
            show_address=shown.append,
            open_browser=shown.append,
            timeout=2,
        )
    assert shown == []
