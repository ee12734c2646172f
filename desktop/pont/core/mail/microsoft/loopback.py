"""Pont's own listener for the browser's return from Microsoft's sign-in page.

The sign-in page sends the browser back to http://localhost:<port>, carrying the
authorization code (or an error) as a form it posts (response_mode=form_post, which keeps
the code out of the browser's history) or in the address's query. A browser may resolve
"localhost" to 127.0.0.1 or to ::1, so Pont listens on both, on one free port. Only an
answer carrying the state this sign-in sent is taken; anything else on the port is turned
away. The page the browser lands on says, in English and Welsh, that it can be closed.
"""

from __future__ import annotations

import errno
import queue
import socket
import socketserver
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from pont.core.errors import MicrosoftSignInCancelled, MicrosoftSignInTimedOut

MAX_BODY = 64 * 1024  # a sign-in answer is well under 10 KB
MAX_FIELDS = 50
_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pont</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em;
line-height:1.5}}</style></head>
<body><p>{english}</p><p lang="cy">{welsh}</p></body></html>
"""
DONE_PAGE = _PAGE.format(
    english="You are signed in to Pont. You can close this window and go back to Pont.",
    welsh="Rydych chi wedi mewngofnodi i Pont. Gallwch gau’r ffenestr hon a mynd yn ôl i Pont.",
)
FAILED_PAGE = _PAGE.format(
    english="Signing in did not finish. You can close this window: Pont says what happened.",
    welsh="Ni orffennodd y mewngofnodi. Gallwch gau’r ffenestr hon: mae Pont yn dweud beth "
    "ddigwyddodd.",
)
REFUSED_PAGE = _PAGE.format(
    english="This is not a sign-in Pont is waiting for.",
    welsh="Nid yw hwn yn fewngofnodi y mae Pont yn aros amdano.",
)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10  # seconds a connection may idle: a stalled client never holds the port

    def do_GET(self) -> None:
        self._answer(urlsplit(self.path).query)

    def do_POST(self) -> None:
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().casefold()
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            length = -1
        if kind != "application/x-www-form-urlencoded" or not 0 <= length <= MAX_BODY:
            self._send(HTTPStatus.BAD_REQUEST, REFUSED_PAGE)
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        self._answer(body)

    def _answer(self, encoded: str) -> None:
        listener = self.server.listener
        if urlsplit(self.path).path.rstrip("/") != listener.path.rstrip("/"):
            self._send(HTTPStatus.NOT_FOUND, REFUSED_PAGE)
            return
        try:
            fields = parse_qs(encoded, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:
            fields = {}
        answer = {name: values[0] for name, values in fields.items()}
        if not listener.take(answer):
            self._send(HTTPStatus.BAD_REQUEST, REFUSED_PAGE)
            return
        self._send(HTTPStatus.OK, FAILED_PAGE if "error" in answer else DONE_PAGE)

    def _send(self, status: HTTPStatus, page: str) -> None:
        body = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the request line holds the authorization code: never written anywhere


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], listener: LoopbackListener) -> None:
        self.listener = listener
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer's own looks this host's name up (socket.getfqdn), which can stall.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "localhost", int(self.server_address[1])


class _Server6(_Server):
    address_family = socket.AF_INET6


class LoopbackListener:
    """Listens on 127.0.0.1 and ::1 (when this computer has it) on one free port, until
    closed; `wait` returns the first answer that carries the expected state."""

    def __init__(self, redirect_base: str = "http://localhost") -> None:
        parts = urlsplit(redirect_base)
        self.host = parts.hostname or "localhost"
        self.path = parts.path or "/"
        self._expected_state: str | None = None
        self._answers: queue.Queue[dict[str, str]] = queue.Queue()
        self._lock = threading.Lock()
        self._servers = self._bind()
        self.port = int(self._servers[0].server_address[1])
        self.families = tuple(server.address_family for server in self._servers)
        for server in self._servers:
            threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
            ).start()

    def _bind(self) -> list[_Server]:
        for _ in range(20):
            first = _Server(("127.0.0.1", 0), self)
            port = int(first.server_address[1])
            try:
                second = _Server6(("::1", port), self)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    first.server_close()  # ::1 has that port taken: try another
                    continue
                return [first]  # no IPv6 loopback on this computer
            return [first, second]
        return [_Server(("127.0.0.1", 0), self)]

    @property
    def redirect_uri(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        path = "" if self.path == "/" else self.path
        return f"http://{host}:{self.port}{path}"

    def expect(self, state: str) -> None:
        with self._lock:
            self._expected_state = state

    def take(self, answer: dict[str, str]) -> bool:
        """Whether `answer` is this sign-in's (the handler's question); the first is kept."""
        with self._lock:
            expected = self._expected_state
        ours = bool(expected) and answer.get("state") == expected
        if ours and ("code" in answer or "error" in answer):
            self._answers.put(answer)
            return True
        return False

    def wait(self, deadline: float, cancelled: threading.Event, minutes: int) -> dict[str, str]:
        """The browser's answer; MicrosoftSignInTimedOut after `deadline` (time.monotonic()),
        MicrosoftSignInCancelled as soon as `cancelled` is set."""
        while True:
            if cancelled.is_set():
                raise MicrosoftSignInCancelled()
            left = deadline - time.monotonic()
            if left <= 0:
                raise MicrosoftSignInTimedOut(minutes)
            try:
                return self._answers.get(timeout=min(left, 0.1))
            except queue.Empty:
                continue

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
