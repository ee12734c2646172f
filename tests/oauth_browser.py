"""The coordinator's browser, played by a test: it opens the sign-in address, answers the
consent page, and follows the sign-in service back to Pont's loopback listener, by redirect
or by posting the form a form_post answer carries.

"localhost" is mapped to 127.0.0.1 (or ::1) here: a fresh Debian chroot has no name for it.
"""

from __future__ import annotations

import hashlib
import ssl
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

if TYPE_CHECKING:
    from oauth_server import OAuthServer
    from pont.core.mail.microsoft.setup import MicrosoftSetup


def fingerprint(secret: str) -> str:
    """What tests compare tokens by, so that no token reaches an assertion message."""
    return hashlib.sha256(secret.encode()).hexdigest()[:16]


@dataclass
class SignInWorld:
    """What a sign-in test works with (the `microsoft` fixture): the server, a fresh
    address, and the setup pointing Pont at the server, and the environment that made it."""

    server: OAuthServer
    email: str
    environ: dict[str, str]
    setup: MicrosoftSetup


@dataclass
class Form:
    id: str
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(
                Form(
                    attributes.get("id", ""),
                    attributes.get("action", ""),
                    attributes.get("method", "get"),
                )
            )
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1].fields[attributes["name"]] = attributes.get("value", "")


def forms(page: str) -> list[Form]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


@dataclass
class Landing:
    """Where the browser ended up: Pont's page (or the service's, when it stopped there)."""

    url: str
    status: int
    text: str


@dataclass
class Browser:
    """`open` is an `open_browser` for sign_in_with_browser: it signs in as `user` (the
    address's login hint when empty), choosing `decision` on the consent page."""

    user: str = ""
    decision: str = "accept"
    localhost: str = "127.0.0.1"
    landings: list[Landing] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def open(self, url: str) -> bool:
        with httpx.Client(verify=ssl.create_default_context(), timeout=10) as http:
            response = http.get(url)
            self.visited.append(url)
            for _ in range(10):
                response = self._step(http, response)
                if response is None:
                    return True
            raise AssertionError("the browser went round in circles")
        return True

    def _step(self, http: httpx.Client, response: httpx.Response) -> httpx.Response | None:
        if response.status_code in (301, 302, 303, 307):
            target = urljoin(str(response.url), response.headers["Location"])
            self.visited.append(target)
            return http.get(self._mapped(target))
        found = forms(response.text) if response.status_code == 200 else []
        consent = next((f for f in found if f.id == "consent"), None)
        posted = next((f for f in found if f.id == "form_post"), None)
        if consent is not None:
            answer = dict(consent.fields, decision=self.decision)
            if self.user:
                answer["user"] = self.user
            action = urljoin(str(response.url), consent.action)
            return http.post(action, data=answer)
        if posted is not None:
            action = urljoin(str(response.url), posted.action)
            self.visited.append(action)
            return http.post(self._mapped(action), data=posted.fields)
        self.landings.append(Landing(str(response.url), response.status_code, response.text))
        return None

    def _mapped(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.hostname != "localhost":
            return url
        host = f"[{self.localhost}]" if ":" in self.localhost else self.localhost
        return urlunsplit(parts._replace(netloc=f"{host}:{parts.port}"))

    @property
    def landed(self) -> Landing:
        assert self.landings, "the browser never reached a page"
        return self.landings[-1]


def enter_device_code(address: str, code: str, user: str, accept: bool = True) -> int:
    """What the coordinator does on their phone: open the address, type the code, allow."""
    with httpx.Client(verify=ssl.create_default_context(), timeout=10) as http:
        page = http.get(address)
        form = forms(page.text)[0]
        answer = {"user_code": code, "user": user, "decision": "accept" if accept else "deny"}
        return http.post(urljoin(address, form.action), data=answer).status_code
