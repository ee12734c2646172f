"""Microsoft's OpenID metadata for a domain: whether a Microsoft 365 (Entra) tenant holds it,
and which one. Asked over verified HTTPS; every byte of the answer is hostile, and a slow
server costs no more than the time allowed."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

MICROSOFT_AUTHORITY = "https://login.microsoftonline.com"
METADATA_TIMEOUT = 5.0
# Microsoft's document is about 2 KB; more is not metadata.
METADATA_MAX_BYTES = 64 * 1024
# The issuer is https://login.microsoftonline.com/{tenant id}/v2.0 (another host in a
# national cloud): the id is the GUID that is a whole path segment.
_TENANT_IN_ISSUER = re.compile(
    r"^https://[^/]+/([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})(?:/|$)"
)
_SHORT_NAME = re.compile(r"[A-Za-z0-9.\-]{1,64}")  # "EU", "microsoftonline.com"
# httpcore's trace events that hand over the connection's stream (its socket inside).
_CONNECTED = ("connection.connect_tcp.complete", "connection.start_tls.complete")


@dataclass(frozen=True, slots=True)
class MicrosoftTenant:
    """The Microsoft 365 organisation (tenant) whose directory holds a domain."""

    id: str  # a GUID, lower case
    region: str = ""  # tenant_region_scope: "EU", "NA", "WW", ...
    cloud: str = ""  # cloud_instance_name: "microsoftonline.com", or a national cloud's


def metadata_address(domain: str, authority_host: str = MICROSOFT_AUTHORITY) -> str:
    path = quote(domain, safe=".-")
    return f"{authority_host.rstrip('/')}/{path}/v2.0/.well-known/openid-configuration"


def find_tenant(
    domain: str,
    authority_host: str = MICROSOFT_AUTHORITY,
    http: httpx.Client | None = None,
    timeout: float = METADATA_TIMEOUT,
) -> MicrosoftTenant | None:
    """The tenant that holds `domain` (ASCII), from its OpenID metadata: 200 with an issuer
    naming the tenant. None when Microsoft says there is none (400, AADSTS90002), and when
    the answer cannot be used: another status, not JSON, no tenant in the issuer, too big,
    too slow, or no connection at all. Never longer than about `timeout`."""
    answer = _fetch(metadata_address(domain, authority_host), http, timeout)
    if answer is None or answer[0] != 200:
        return None
    return tenant_from_metadata(answer[1])


def tenant_from_metadata(body: bytes) -> MicrosoftTenant | None:
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past the stack
        return None
    if not isinstance(document, dict):
        return None
    issuer = document.get("issuer")
    found = _TENANT_IN_ISSUER.match(issuer) if isinstance(issuer, str) else None
    if found is None:
        return None
    return MicrosoftTenant(
        found.group(1).lower(),
        _short_name(document.get("tenant_region_scope")),
        _short_name(document.get("cloud_instance_name")),
    )


def _short_name(value: object) -> str:
    return value if isinstance(value, str) and _SHORT_NAME.fullmatch(value) else ""


def _fetch(url: str, http: httpx.Client | None, timeout: float) -> tuple[int, bytes] | None:
    """The status and (at most METADATA_MAX_BYTES of) body, or None. httpx's timeouts bound
    each read, not the whole: a server trickling a byte at a time would hold a request for
    hours, so at the deadline the connection's socket is shut, which ends any read."""
    client = http or httpx.Client(verify=ssl.create_default_context(), timeout=timeout)
    sockets: list[socket.socket] = []

    def trace(event: str, info: dict[str, Any]) -> None:
        if event in _CONNECTED:
            stream = info.get("return_value")
            found = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(found, socket.socket):
                sockets.append(found)

    def cut_off() -> None:
        for connection in sockets:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    deadline = time.monotonic() + timeout
    timer = threading.Timer(timeout, cut_off)
    timer.daemon = True
    timer.start()
    try:
        with client.stream(
            "GET",
            url,
            headers={"Accept": "application/json", "Accept-Encoding": "identity"},
            extensions={"trace": trace},
        ) as response:
            # Only plain bytes: a compressed body could unpack to far more than it weighs.
            if response.headers.get("content-encoding", "identity").strip() != "identity":
                return None
            body = bytearray()
            for chunk in response.iter_raw():
                body += chunk
                if len(body) > METADATA_MAX_BYTES or time.monotonic() > deadline:
                    return None
            return response.status_code, bytes(body)
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError):
        return None
    finally:
        timer.cancel()
        if http is None:
            client.close()
