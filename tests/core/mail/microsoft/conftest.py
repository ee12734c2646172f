"""Fixtures for signing in with Microsoft: the tests' OpenID Connect server, trusted, with
its switches reset, and a setup that points Pont at it the way an organisation's own
registration would (PONT_MICROSOFT_CLIENT_ID and PONT_MICROSOFT_AUTHORITY)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from oauth_browser import SignInWorld
from oauth_server import OAuthServer
from pont.core.mail.microsoft.setup import load_setup


@pytest.fixture
def microsoft(oauth_server: OAuthServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[SignInWorld]:
    monkeypatch.setenv("SSL_CERT_FILE", str(oauth_server.ca_file))
    oauth_server.reset()
    environ = {
        "PONT_MICROSOFT_CLIENT_ID": oauth_server.client_id,
        "PONT_MICROSOFT_AUTHORITY": oauth_server.authority(),
    }
    email = f"coordinator-{uuid.uuid4().hex[:10]}@example.org"
    yield SignInWorld(oauth_server, email, environ, load_setup(environ=environ))
    oauth_server.reset()
