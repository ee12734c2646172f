"""A local HTTPS server answering as Microsoft's sign-in does for a domain's OpenID metadata
(GET /{domain}/v2.0/.well-known/openid-configuration): 200 with the tenant's document for a
domain a tenant holds, 400 with AADSTS90002 for any other; and hostile answers on request.
Its certificate comes from the tests' trustme CA (mailservers.Certificates)."""

from __future__ import annotations

import contextlib
import gzip
import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from mailservers import HOST


class Hostile(Enum):
    NOT_JSON = "not-json"
    JSON_LIST = "json-list"
    NO_TENANT_IN_ISSUER = "no-tenant"
    DEEP_JSON = "deep-json"  # nested past Python's recursion limit
    HUGE = "huge"  # a tenant's document, padded to megabytes
    GZIP = "gzip"  # the same, compressed small: it unpacks to megabytes
    SLOW = "slow"  # says nothing for longer than any client waits
    TRICKLE = "trickle"  # a byte of body at a time, for ever
    TRICKLE_HEADERS = "trickle-headers"  # a byte of headers at a time, for ever
    SERVER_ERROR = "server-error"


@dataclass(frozen=True)
class Tenant:
    id: str
    region: str = "EU"
    cloud: str = "microsoftonline.com"


@dataclass
class TenantMetadataServer:
    tenants: dict[str, Tenant | Hostile]  # domain -> the tenant holding it, or a hostile answer
    context: ssl.SSLContext
    requests: list[str] = field(default_factory=list)  # the domains asked about
    stop_serving: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None

    @property
    def authority_host(self) -> str:
        assert self._server is not None
        return f"https://{HOST}:{self._server.server_address[1]}"

    def document(self, domain: str, tenant: Tenant) -> dict[str, object]:
        base = f"{self.authority_host}/{tenant.id}"
        return {  # the fields and shape of Microsoft's, trimmed
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "jwks_uri": f"{self.authority_host}/{tenant.id}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "issuer": f"{base}/v2.0",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            "tenant_region_scope": tenant.region,
            "cloud_instance_name": tenant.cloud,
            "cloud_graph_host_name": "graph.windows.net",
            "msgraph_host": "graph.microsoft.com",
        }

    def padded(self, size: int) -> bytes:
        """A tenant's document that would be believed, but for its size."""
        document = self.document("padded.example", Tenant("11111111-2222-3333-4444-555555555555"))
        return json.dumps({**document, "padding": "x" * size}).encode()

    def no_such_tenant(self, domain: str) -> dict[str, object]:
        return {
            "error": "invalid_tenant",
            "error_description": f"AADSTS90002: Tenant '{domain}' not found. Check to make "
            "sure you have the correct tenant ID and are signing into the correct cloud.",
            "error_codes": [90002],
            "error_uri": f"{self.authority_host}/error?code=90002",
        }

    def start(self) -> TenantMetadataServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = self.path.split("/")
                if len(parts) != 5 or parts[2:] != ["v2.0", ".well-known", "openid-configuration"]:
                    self.reply(404, b"{}")
                    return
                domain = parts[1]
                owner.requests.append(domain)
                found = owner.tenants.get(domain)
                if found is None:
                    self.reply(400, json.dumps(owner.no_such_tenant(domain)).encode())
                elif isinstance(found, Tenant):
                    self.reply(200, json.dumps(owner.document(domain, found)).encode())
                else:
                    self.hostile(found)

            def reply(self, status: int, body: bytes, **headers: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.end_headers()
                with contextlib.suppress(OSError):  # a client that stopped reading, rightly
                    self.wfile.write(body)

            def hostile(self, how: Hostile) -> None:
                if how is Hostile.NOT_JSON:
                    self.reply(200, b"<html>\xff\xfe not json")
                elif how is Hostile.JSON_LIST:
                    self.reply(200, b'["issuer", "https://x/00000000-0000-0000-0000-000000000000"]')
                elif how is Hostile.NO_TENANT_IN_ISSUER:
                    self.reply(200, b'{"issuer": "https://login.example/common/v2.0?x=/' + b"0" * 9)
                elif how is Hostile.DEEP_JSON:
                    self.reply(200, b"[" * 30_000 + b"]" * 30_000)  # within the size limit
                elif how is Hostile.HUGE:
                    self.reply(200, owner.padded(8_000_000))
                elif how is Hostile.GZIP:
                    packed = gzip.compress(owner.padded(20_000_000), 1)
                    self.reply(200, packed, Content_Encoding="gzip")
                elif how is Hostile.SLOW:
                    owner.stop_serving.wait(30)
                elif how is Hostile.TRICKLE:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    try:
                        self.wfile.write(b'{"issuer": "')
                        while not owner.stop_serving.is_set():
                            self.wfile.write(b" ")
                            self.wfile.flush()
                            time.sleep(0.05)
                    except OSError:  # the client gave up, as it should
                        return
                elif how is Hostile.TRICKLE_HEADERS:
                    try:
                        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
                        while not owner.stop_serving.is_set():
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(0.05)
                    except OSError:
                        return
                else:
                    self.reply(503, b'{"error": "temporarily_unavailable"}')

        server = ThreadingHTTPServer((HOST, 0), Handler)
        server.daemon_threads = True
        server.socket = self.context.wrap_socket(server.socket, server_side=True)
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stop_serving.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
