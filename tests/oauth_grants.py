"""authlib's side of the tests' sign-in server (tests/oauth_server.py): the client, the
authorization codes and refresh tokens, the grants (authorization code with PKCE S256
required, refresh token, device code) and the id token, on requests the server's handler
reads with the standard library."""

from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from authlib.oauth2.rfc6749 import (
    AuthorizationCodeMixin,
    AuthorizationServer,
    ClientMixin,
    OAuth2Error,
    OAuth2Payload,
    OAuth2Request,
    TokenMixin,
    grants,
)
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc8628 import (
    DeviceAuthorizationEndpoint,
    DeviceCodeGrant,
    DeviceCredentialDict,
)
from authlib.oidc.core import OpenIDCode, OpenIDToken

from oauth_keys import TENANT_ID

if TYPE_CHECKING:
    from oauth_server import OAuthServer

# authlib's server logs every token it issues at DEBUG: the tests' logs would hold tokens
# that are not Pont's to leak, and would hide a leak of Pont's own.
logging.getLogger("authlib").setLevel(logging.WARNING)

CLIENT_ID = "7c1a5b0e-pont-tests"
RESERVED_SCOPES = frozenset({"openid", "profile", "offline_access", "email"})
TENANT_PATH = re.compile(r"^/(?P<tenant>[A-Za-z0-9.-]{1,100})(?P<rest>/.*)$")
_LOOPBACK_REDIRECT = re.compile(r"^http://(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}/?$")


@dataclass
class User:
    email: str
    tenant: str

    @property
    def object_id(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, self.email.casefold()))


@dataclass
class Client(ClientMixin):
    """A public client (no secret) that may come back to any loopback port."""

    client_id: str

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return bool(_LOOPBACK_REDIRECT.match(redirect_uri))

    def check_client_secret(self, client_secret: str) -> bool:
        return False

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "none"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in (
            "authorization_code",
            "refresh_token",
            "urn:ietf:params:oauth:grant-type:device_code",
        )


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: User
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int
    expires_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


@dataclass
class RefreshToken(TokenMixin):
    value: str
    client_id: str
    user: User
    revoked: int = 0  # the AADSTS number a refresh with it is refused with; 0: still good

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return ""

    def is_expired(self) -> bool:
        return False

    def is_revoked(self) -> bool:
        return bool(self.revoked)

    def get_user(self) -> User:
        return self.user


class EntraError(OAuth2Error):
    """An error answer shaped as Entra's: `error_codes` and `suberror` beside the standard."""

    def __init__(self, error: str, number: int, text: str, suberror: str = "") -> None:
        super().__init__(description=f"AADSTS{number}: {text}", status_code=400, error=error)
        self.number, self.suberror = number, suberror

    def get_body(self) -> list[tuple[str, Any]]:
        body = super().get_body()
        body.append(("error_codes", [self.number]))
        if self.suberror:
            body.append(("suberror", self.suberror))
        return body


@dataclass
class HttpRequest:
    method: str
    url: str
    headers: Any
    query: dict[str, list[str]]
    form: dict[str, list[str]]
    tenant: str = ""


class _Payload(OAuth2Payload):
    def __init__(self, request: HttpRequest) -> None:
        self._lists = {**request.query, **request.form}

    @property
    def data(self) -> dict[str, str]:
        return {name: values[0] for name, values in self._lists.items()}

    @property
    def datalist(self) -> dict[str, list[str]]:
        return self._lists


class _Request(OAuth2Request):
    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request.method, request.url, headers=request.headers)
        self.http = request
        self.payload = _Payload(request)

    @property
    def args(self) -> dict[str, str]:
        return {name: values[0] for name, values in self.http.query.items()}

    @property
    def form(self) -> dict[str, str]:
        return {name: values[0] for name, values in self.http.form.items()}


class _S256Required(CodeChallenge):
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise OAuth2Error(
                "PKCE with S256 is required.", status_code=400, error="invalid_request"
            )
        super().validate_code_challenge(grant, redirect_uri)


class _IdToken(OpenIDToken):
    """An id token on every token answer of the code and device grants (MSAL always asks
    for openid), signed with the session's key and dated by the server's clock."""

    def __init__(self, server: OAuthServer) -> None:
        self.oauth = server

    def process_token(self, grant: Any, response: Any) -> Any:
        _, token, _ = response
        if "access_token" in token:
            token["id_token"] = self.encode_id_token(token, grant.request)
            self.oauth.issued.append(token["id_token"])
        return token

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": self.oauth.signing_key.kid, "typ": "JWT"}

    def get_compatible_claims(self, request: Any) -> dict[str, Any]:
        now = int(self.oauth.now())
        user: User = request.user
        return {
            "iss": self.oauth.issuer(user.tenant),
            "aud": request.client.client_id,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "auth_time": now,
        }

    def resolve_client_private_key(self, client: Client) -> Any:
        return self.oauth.signing_key.key

    def generate_user_info(self, user: User, scope: str) -> dict[str, str]:
        return {
            "sub": user.object_id,
            "oid": user.object_id,
            "tid": TENANT_ID,
            "preferred_username": user.email,
            "name": user.email.partition("@")[0],
            "ver": "2.0",
        }


class _OpenIDCode(_IdToken, OpenIDCode):
    def __init__(self, server: OAuthServer) -> None:
        super().__init__(server)
        self.require_nonce = True

    def exists_nonce(self, nonce: str, request: Any) -> bool:
        return False


class _CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

    @property
    def oauth(self) -> OAuthServer:
        return self.server.oauth  # type: ignore[no-any-return]

    def save_authorization_code(self, code: str, request: Any) -> None:
        self.oauth.issued.append(code)
        data = request.payload.data
        self.oauth.codes[code] = AuthorizationCode(
            code=code,
            client_id=request.client.client_id,
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope,
            user=request.user,
            nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
            auth_time=int(self.oauth.now()),
            expires_at=time.time() + 600,
        )

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        found = self.oauth.codes.get(code)
        if found and found.client_id == client.client_id and found.expires_at > time.time():
            return found
        return None

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        self.oauth.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: AuthorizationCode) -> User:
        return authorization_code.user

    def generate_token(self, **kwargs: Any) -> dict[str, Any]:
        # Entra issues the token for the scopes the token request names (one resource).
        kwargs["scope"] = self.request.form.get("scope") or kwargs.get("scope")
        return super().generate_token(**kwargs)  # type: ignore[no-any-return]

    def create_authorization_response(self, redirect_uri: str, grant_user: User) -> Any:
        self.request.user = grant_user
        code = self.generate_authorization_code()
        self.save_authorization_code(code, self.request)
        params = [("code", code)]
        if self.request.payload.state:
            params.append(("state", self.request.payload.state))
        return self.oauth.answer_to_client(redirect_uri, params, self.request.payload.data)


class _RefreshGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> RefreshToken | None:
        oauth: OAuthServer = self.server.oauth
        found = oauth.refresh_tokens.get(refresh_token)
        if found is not None and found.revoked:
            raise EntraError(
                "invalid_grant",
                found.revoked,
                "The provided grant has expired due to it being revoked, a fresh auth token "
                "is needed. The user might have changed or reset their password.",
            )
        return found

    def authenticate_user(self, refresh_token: RefreshToken) -> User:
        return refresh_token.user

    def revoke_old_credential(self, refresh_token: RefreshToken) -> None:
        pass  # Entra keeps an old refresh token valid after issuing a new one

    def _validate_token_scope(self, token: RefreshToken) -> None:
        pass  # consent, not the first grant, decides (checked when the token is made)


class _DeviceGrant(DeviceCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

    def query_device_credential(self, device_code: str) -> DeviceCredentialDict | None:
        return self.server.oauth.device_credentials.get(device_code)

    def query_user_grant(self, user_code: str) -> tuple[User, bool] | None:
        return self.server.oauth.device_decisions.get(user_code)

    def should_slow_down(self, credential: DeviceCredentialDict) -> bool:
        return False


class _DeviceEndpoint(DeviceAuthorizationEndpoint):
    CLIENT_AUTH_METHODS = ["none"]
    INTERVAL = 1
    EXPIRES_IN = 900

    def create_endpoint_response(self, request: Any) -> Any:
        self.tenant = request.http.tenant
        return super().create_endpoint_response(request)

    def get_verification_uri(self) -> str:
        return f"{self.server.oauth.base}/device"

    def save_device_credential(self, client_id: str, scope: str, data: dict[str, Any]) -> None:
        self.server.oauth.issued.append(data["device_code"])
        self.server.oauth.device_credentials[data["device_code"]] = DeviceCredentialDict(
            client_id=client_id,
            scope=scope,
            tenant=self.tenant,
            expires_at=time.time() + self.EXPIRES_IN,
            **data,
        )


class AuthlibServer(AuthorizationServer):
    def __init__(self, oauth: OAuthServer) -> None:
        super().__init__()
        self.oauth = oauth
        self.register_token_generator("default", oauth.generate_token)
        self.register_grant(_CodeGrant, [_S256Required(required=True), _OpenIDCode(oauth)])
        self.register_grant(_RefreshGrant)
        self.register_grant(_DeviceGrant, [_IdToken(oauth)])
        self.register_endpoint(_DeviceEndpoint(self))

    def query_client(self, client_id: str) -> Client | None:
        return self.oauth.clients.get(client_id)

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        pass  # generate_token keeps the refresh tokens

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        return request if isinstance(request, OAuth2Request) else _Request(request)

    def handle_response(self, status: int, body: Any, headers: Any) -> Any:
        return status, body, list(headers or [])

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass
