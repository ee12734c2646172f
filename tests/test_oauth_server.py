"""The tests' OpenID Connect server keeps the rules Pont must live with: PKCE with S256,
the standard discovery path only, one resource per token, consent for every scope."""

from __future__ import annotations

import json
import ssl

import httpx
import pytest

from oauth_browser import Browser
from oauth_server import OAuthServer
from pont.core.mail.microsoft.setup import load_setup
from pont.core.mail.microsoft.sign_in import sign_in_with_browser
from pont.core.mail.microsoft.token_cache import read_tokens
from pont.core.mail.tokens import Permission


@pytest.fixture
def trusted(oauth_server: OAuthServer, monkeypatch: pytest.MonkeyPatch) -> OAuthServer:
    monkeypatch.setenv("SSL_CERT_FILE", str(oauth_server.ca_file))
    oauth_server.reset()
    return oauth_server


def client() -> httpx.Client:
    return httpx.Client(verify=ssl.create_default_context(), timeout=10)


def authorize(server: OAuthServer, **extra: str) -> httpx.Response:
    params = {
        "client_id": server.client_id,
        "response_type": "code",
        "redirect_uri": "http://localhost:8400",
        "scope": "openid https://outlook.office.com/SMTP.Send",
        "state": "s",
        "nonce": "n",
        **extra,
    }
    with client() as http:
        return http.get(f"{server.authority()}/oauth2/v2.0/authorize", params=params)


def test_the_authorize_step_requires_pkce_with_s256(trusted: OAuthServer) -> None:
    assert authorize(trusted).status_code == 400
    plain = authorize(trusted, code_challenge="a" * 43, code_challenge_method="plain")
    assert plain.status_code == 400
    s256 = authorize(trusted, code_challenge="a" * 43, code_challenge_method="S256")
    assert s256.status_code == 200
    assert 'id="consent"' in s256.text
    elsewhere = authorize(
        trusted,
        code_challenge="a" * 43,
        code_challenge_method="S256",
        redirect_uri="https://attacker.example/",
    )
    assert elsewhere.status_code == 400


def test_discovery_is_served_at_the_standard_path_only(trusted: OAuthServer) -> None:
    with client() as http:
        found = http.get(f"{trusted.authority('contoso')}/.well-known/openid-configuration")
        assert found.json()["issuer"] == trusted.authority("contoso")
        assert found.json()["token_endpoint"].startswith(trusted.authority("contoso"))
        microsofts = http.get(f"{trusted.authority()}/v2.0/.well-known/openid-configuration")
        assert microsofts.status_code == 404
        keys = http.get(f"{trusted.authority()}/discovery/v2.0/keys").json()
        assert keys == trusted.signing_key.public_jwks()


def test_a_token_is_for_one_resource_and_scopes_never_consented(trusted: OAuthServer) -> None:
    email = "one-resource@example.org"
    environ = {
        "PONT_MICROSOFT_CLIENT_ID": trusted.client_id,
        "PONT_MICROSOFT_AUTHORITY": trusted.authority(),
    }
    sign_in_with_browser(
        email,
        [Permission.SMTP],
        load_setup(environ=environ),
        show_address=lambda url: None,
        open_browser=Browser().open,
    )
    stored = read_tokens(email)
    assert stored is not None
    (refresh,) = json.loads(stored.cache)["RefreshToken"].values()

    def refreshed(scope: str) -> dict[str, object]:
        with client() as http:
            answer = http.post(
                f"{trusted.authority()}/oauth2/v2.0/token",
                data={
                    "grant_type": "refresh_token",
                    "client_id": trusted.client_id,
                    "refresh_token": refresh["secret"],
                    "scope": scope,
                },
            )
        return dict(answer.json())

    both = refreshed("https://outlook.office.com/SMTP.Send https://graph.microsoft.com/Mail.Send")
    assert (both["error"], both["error_codes"]) == ("invalid_scope", [28000])
    never = refreshed("https://graph.microsoft.com/Mail.Send offline_access")
    assert (never["error"], never["error_codes"], never["suberror"]) == (
        "invalid_grant",
        [65001],
        "consent_required",
    )
    granted = refreshed("https://outlook.office.com/SMTP.Send offline_access openid")
    assert granted["scope"] == "https://outlook.office.com/SMTP.Send"
    assert granted["token_type"] == "Bearer"
