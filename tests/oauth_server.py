"""A local OpenID Connect / OAuth 2.0 server standing in for Microsoft's sign-in, which cannot
run here. Its grants are authlib's (authorization code with PKCE S256 required, refresh
token, device code of RFC 8628), served over HTTPS (a certificate from the tests' trustme
CA) by the standard library's HTTP server.

It answers as the protocol documents, and as Microsoft Entra does where Pont depends on it:
- one tenant per path: the authority https://127.0.0.1:<port>/<tenant> has its discovery
  document at <authority>/.well-known/openid-configuration (the standard place; Microsoft's
  own /v2.0/ path is not served, as no other OpenID Connect service serves it);
- the authorize step shows a consent page unless every scope asked for is consented already,
  and answers by redirect (query) or as a posted form (response_mode=form_post);
- a token is for one resource (AADSTS28000 otherwise); its `aud` is the resource and its
  `scp` the bare names of every scope consented for it (oauth_keys.SigningKey.mint);
- refresh tokens rotate, the old one staying valid; a token for a scope never consented
  is refused with AADSTS65001 (invalid_grant, suberror consent_required).

Switches for the tests: refuse_consent; admin_only (scopes only an admin may grant; the
authorize step answers access_denied with AADSTS90094, or `admin_error`) until
approve_as_admin(); revoke(user) (AADSTS50173 when a refresh token issued before is used);
token_lifetime; clock_offset (the server's clock runs ahead of or behind the tests').
"""

from __future__ import annotations

import html
import json
import socket
import socketserver
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from authlib.common.security import generate_token
from authlib.oauth2.rfc6749 import OAuth2Error, scope_to_list
from authlib.oauth2.rfc8628 import DeviceCredentialDict

from mailservers import HOST, Certificates
from oauth_grants import (
    CLIENT_ID,
    RESERVED_SCOPES,
    TENANT_PATH,
    AuthlibServer,
    AuthorizationCode,
    Client,
    EntraError,
    HttpRequest,
    RefreshToken,
    User,
)
from oauth_keys import SigningKey

# -- the server the tests see --------------------------------------------------------------


@dataclass
class OAuthServer:
    """The session's sign-in service; switches (reset() between tests) change its answers."""

    certificates: Certificates
    signing_key: SigningKey
    client_id: str = CLIENT_ID
    # switches
    refuse_consent: bool = False
    admin_only: set[str] = field(default_factory=set)  # bare scope names, "Mail.Read"
    admin_error: int = 90094  # or 65001: what the authorize step answers for admin_only
    token_lifetime: float = 3600.0
    clock_offset: float = 0.0  # seconds the server's clock is ahead of (or behind) ours
    discovery_changes: dict[str, Any] = field(default_factory=dict)  # a hostile document
    # state
    clients: dict[str, Client] = field(default_factory=dict)
    consents: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # full scopes
    admin_approved: set[str] = field(default_factory=set)
    codes: dict[str, AuthorizationCode] = field(default_factory=dict)
    refresh_tokens: dict[str, RefreshToken] = field(default_factory=dict)
    device_credentials: dict[str, DeviceCredentialDict] = field(default_factory=dict)
    device_decisions: dict[str, tuple[User, bool]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)  # "GET /path" (no query), in order
    grants: list[str] = field(default_factory=list)  # grant_type of each token request
    # every secret handed out (codes, device codes, access, refresh and id tokens), for the
    # tests that check none of them reaches a log or an error
    issued: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.clients[self.client_id] = Client(self.client_id)
        self.authlib = AuthlibServer(self)
        self.lock = threading.RLock()
        self._http = _HttpsServer((HOST, 0), self)
        self.port = int(self._http.server_address[1])
        self.base = f"https://{HOST}:{self.port}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    @property
    def ca_file(self) -> Path:
        return self.certificates.ca_file

    def authority(self, tenant: str = "organizations") -> str:
        return f"{self.base}/{tenant}"

    def issuer(self, tenant: str) -> str:
        return self.authority(tenant)

    def now(self) -> float:
        return time.time() + self.clock_offset

    def reset(self) -> None:
        """Every switch back to its default (the state of earlier users stays)."""
        with self.lock:
            self.refuse_consent = False
            self.admin_only = set()
            self.admin_error = 90094
            self.admin_approved = set()
            self.token_lifetime = 3600.0
            self.clock_offset = 0.0
            self.discovery_changes = {}
            self.requests.clear()
            self.grants.clear()

    def revoke(self, user: str, number: int = 50173) -> None:
        """The user's refresh tokens so far stop working (a password reset, sessions revoked);
        a new sign-in gets new ones."""
        with self.lock:
            for token in self.refresh_tokens.values():
                if token.user.email == user:
                    token.revoked = number

    def approve_as_admin(self) -> None:
        with self.lock:
            self.admin_approved |= self.admin_only

    def consented(self, user: str) -> set[str]:
        with self.lock:
            return set(self.consents.get((user, self.client_id), set()))

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    # -- what authlib's grants call -------------------------------------------------------

    def generate_token(
        self,
        grant_type: str,
        client: Client,
        user: User | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        assert user is not None
        asked = [s for s in scope_to_list(scope or "") or [] if s not in RESERVED_SCOPES]
        resources = {s.rpartition("/")[0] for s in asked}
        if len(resources) != 1:
            raise EntraError(
                "invalid_scope",
                28000,
                "Provided value for the input parameter scope is not valid because it contains "
                "more than one resource.",
            )
        resource = resources.pop()
        consented = {s for s in self.consents.get((user.email, client.client_id), set())}
        if not set(asked) <= consented:
            raise EntraError(
                "invalid_grant",
                65001,
                f"The user or administrator has not consented to use the application with ID "
                f"'{client.client_id}' named 'Pont'. Send an interactive authorization request "
                f"for this user and resource.",
                suberror="consent_required",
            )
        granted = sorted(s for s in consented if s.rpartition("/")[0] == resource)
        access_token = self.signing_key.mint(
            user.email,
            [s.rpartition("/")[2] for s in granted],
            audience=resource,
            issuer=self.issuer(user.tenant),
            lifetime=self.token_lifetime,
            now=self.now(),
            oid=user.object_id,
            uti=generate_token(22),  # Entra's token id: no two tokens alike
        )
        self.issued.append(access_token)
        token = {
            "token_type": "Bearer",
            "access_token": access_token,
            "expires_in": int(self.token_lifetime),
            "ext_expires_in": int(self.token_lifetime),
            "scope": " ".join(granted),
        }
        if include_refresh_token:
            value = generate_token(64)
            self.refresh_tokens[value] = RefreshToken(value, client.client_id, user)
            token["refresh_token"] = value
            self.issued.append(value)
        self.grants.append(grant_type)
        return token

    def answer_to_client(
        self, redirect_uri: str, params: list[tuple[str, str]], request: dict[str, str]
    ) -> tuple[int, str, list[tuple[str, str]]]:
        """The authorize step's answer: a redirect, or a page posting a form (form_post)."""
        if request.get("response_mode") == "form_post":
            inputs = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                for k, v in params
            )
            page = (
                "<!DOCTYPE html><html><body onload='document.forms[0].submit()'>"
                f'<form id="form_post" method="post" action="{html.escape(redirect_uri)}">'
                f"{inputs}</form></body></html>"
            )
            return 200, page, [("Content-Type", "text/html; charset=utf-8")]
        separator = "&" if "?" in redirect_uri else "?"
        return 302, "", [("Location", redirect_uri + separator + urlencode(params))]

    # -- the authorize step ---------------------------------------------------------------

    def authorize(self, request: HttpRequest) -> tuple[int, Any, list[tuple[str, str]]]:
        data = {name: values[0] for name, values in {**request.query, **request.form}.items()}
        try:
            grant = self.authlib.get_consent_grant(request, end_user=None)
        except OAuth2Error as error:
            page = f"<p>{html.escape(f'{error.error}: {error.description}')}</p>"
            return 400, page, [("Content-Type", "text/html; charset=utf-8")]
        asked = {s for s in scope_to_list(grant.request.scope or "") if s not in RESERVED_SCOPES}
        user = User(
            data.get("user") or data.get("login_hint") or "someone@example.org", request.tenant
        )
        decided = request.method == "POST"
        if not decided and asked <= self.consented(user.email) and data.get("prompt") != "consent":
            return grant.create_authorization_response(grant.redirect_uri, user)
        if not decided:
            return 200, self._consent_page(request, data), [("Content-Type", "text/html")]
        refused = self.refuse_consent or data.get("decision") != "accept"
        blocked = {
            s for s in asked if s.rpartition("/")[2] in self.admin_only - self.admin_approved
        }
        if refused:
            return self._refusal(
                grant, data, "access_denied", 65004, "User declined to consent to access the app."
            )
        if blocked:
            text = (
                "The grant requires admin permission."
                if self.admin_error == 90094
                else "The user or administrator has not consented to use the application with "
                f"ID '{self.client_id}' named 'Pont'. Send an interactive authorization request "
                "for this user and resource."
            )
            return self._refusal(grant, data, "access_denied", self.admin_error, text)
        with self.lock:
            self.consents.setdefault((user.email, self.client_id), set()).update(asked)
        return grant.create_authorization_response(grant.redirect_uri, user)

    def _refusal(
        self, grant: Any, data: dict[str, str], error: str, number: int, text: str
    ) -> tuple[int, str, list[tuple[str, str]]]:
        params = [("error", error), ("error_description", f"AADSTS{number}: {text}")]
        if data.get("state"):
            params.append(("state", data["state"]))
        return self.answer_to_client(grant.redirect_uri, params, data)

    def _consent_page(self, request: HttpRequest, data: dict[str, str]) -> str:
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in data.items()
            if k not in ("decision", "user")
        )
        action = html.escape(urlsplit(request.url).path)
        user = html.escape(data.get("login_hint", ""))
        return (
            "<!DOCTYPE html><html><body><h1>Pont wants to use your mailbox</h1>"
            f'<form id="consent" method="post" action="{action}">{hidden}'
            f'<input name="user" value="{user}">'
            '<button name="decision" value="accept">Accept</button>'
            '<button name="decision" value="refuse">Cancel</button>'
            "</form></body></html>"
        )

    def decide_device_code(self, user_code: str, user: str, accept: bool) -> bool:
        with self.lock:
            credential = next(
                (c for c in self.device_credentials.values() if c["user_code"] == user_code), None
            )
            if credential is None:
                return False
            asked = {s for s in scope_to_list(credential["scope"]) if s not in RESERVED_SCOPES}
            accept = accept and not self.refuse_consent
            if accept:
                self.consents.setdefault((user, self.client_id), set()).update(asked)
            self.device_decisions[user_code] = (User(user, credential["tenant"]), accept)
            return True

    # -- discovery ------------------------------------------------------------------------

    def discovery(self, tenant: str) -> dict[str, Any]:
        authority = self.authority(tenant)
        return {
            "issuer": self.issuer(tenant),
            "authorization_endpoint": f"{authority}/oauth2/v2.0/authorize",
            "token_endpoint": f"{authority}/oauth2/v2.0/token",
            "device_authorization_endpoint": f"{authority}/oauth2/v2.0/devicecode",
            "jwks_uri": f"{authority}/discovery/v2.0/keys",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": sorted(RESERVED_SCOPES),
            "grant_types_supported": [
                "authorization_code",
                "refresh_token",
                "urn:ietf:params:oauth:grant-type:device_code",
            ],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["none"],
            **self.discovery_changes,
        }


class _HttpsServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], oauth: OAuthServer) -> None:
        self.oauth = oauth
        self.tls = oauth.certificates.server_context()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        kind = sys.exc_info()[0]
        if kind is not None and issubclass(kind, OSError):
            return  # a client that hung up, or refused this server's certificate
        super().handle_error(request, client_address)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = self.socket.accept()
        # The handshake waits for the handler's thread, not the accepting one.
        return self.tls.wrap_socket(
            connection, server_side=True, do_handshake_on_connect=False
        ), address


class _Handler(BaseHTTPRequestHandler):
    server: _HttpsServer
    timeout = 10

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        oauth = self.server.oauth
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        request = HttpRequest(
            method=self.command,
            url=f"{oauth.base}{self.path}",
            headers=self.headers,
            query=parse_qs(parts.query, keep_blank_values=True),
            form=parse_qs(body, keep_blank_values=True) if self.command == "POST" else {},
        )
        with oauth.lock:
            oauth.requests.append(f"{self.command} {parts.path}")
            status, answer, headers = self._route(oauth, parts.path, request)
        self._send(status, answer, headers)

    def _route(
        self, oauth: OAuthServer, path: str, request: HttpRequest
    ) -> tuple[int, Any, list[tuple[str, str]]]:
        form = {name: values[0] for name, values in request.form.items()}
        if path == "/device" and self.command == "GET":
            page = (
                '<form id="device" method="post" action="/device"><input name="user_code">'
                '<input name="user"><button name="decision" value="accept">Allow</button></form>'
            )
            return 200, page, [("Content-Type", "text/html")]
        if path == "/device" and self.command == "POST":
            known = oauth.decide_device_code(
                form.get("user_code", ""), form.get("user", ""), form.get("decision") == "accept"
            )
            return (200 if known else 400), "<p>done</p>", [("Content-Type", "text/html")]
        found = TENANT_PATH.match(path)
        if not found:
            return 404, {"error": "not_found"}, []
        request.tenant, rest = found["tenant"], found["rest"]
        if rest == "/.well-known/openid-configuration" and self.command == "GET":
            return 200, oauth.discovery(request.tenant), []
        if rest == "/discovery/v2.0/keys" and self.command == "GET":
            return 200, oauth.signing_key.public_jwks(), []
        if rest == "/oauth2/v2.0/authorize":
            return oauth.authorize(request)  # type: ignore[no-any-return]
        if rest == "/oauth2/v2.0/token" and self.command == "POST":
            return oauth.authlib.create_token_response(request)  # type: ignore[no-any-return]
        if rest == "/oauth2/v2.0/devicecode" and self.command == "POST":
            return oauth.authlib.create_endpoint_response(  # type: ignore[no-any-return]
                "device_authorization", request
            )
        return 404, {"error": "not_found"}, []

    def _send(self, status: int, answer: Any, headers: list[tuple[str, str]]) -> None:
        if isinstance(answer, dict):
            body = json.dumps(answer).encode("utf-8")
            headers = [*headers, ("Content-Type", "application/json")]
        else:
            body = str(answer).encode("utf-8")
        self.send_response(status)
        names = set()
        for name, value in headers:
            if name.casefold() not in names or name.casefold() != "content-type":
                self.send_header(name, value)
                names.add(name.casefold())
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def start_oauth_server(certificates: Certificates, signing_key: SigningKey) -> OAuthServer:
    return OAuthServer(certificates, signing_key)
