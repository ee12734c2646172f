"""The Microsoft Graph client: sends a post's own MIME (POST /me/sendMail), pages through
delta queries on a folder, fetches a message's MIME, finds the copies Exchange filed in
Sent Items, and searches the whole mailbox by subject ($search).

Why httpx: it takes an ssl.SSLContext (so HTTPS trusts the system store, an organisation's
own root, and the tests' CA through SSL_CERT_FILE), has separate connect/read/write/pool
timeouts, streams answers (a message's headers are read without its attachments), and MSAL
already brings it along. One client keeps its connections alive between requests.

Each request asks the TokenSource for a token just before it goes (MSAL refreshes it
silently); a 401 asks once more, then says to sign in again. Graph's limits per mailbox are
kept: at most 4 requests at once (a semaphore per mailbox, shared by every client in the
process), and 429/503 wait for Retry-After when that is short (up to `patience` seconds in
all, cut short by `stop`), else GraphBusy says how long to wait. Every other failure is one
of the Graph* exceptions of core/errors.py.
"""

from __future__ import annotations

import base64
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from typing import Self
from urllib.parse import quote

import httpx

from pont.core.errors import (
    GraphAccessDenied,
    GraphAnswerLost,
    GraphAnswerUnreadable,
    GraphBusy,
    GraphItemGone,
    GraphRefused,
    GraphSignInRefused,
    GraphSyncStateLost,
    GraphUnreachable,
)
from pont.core.i18n import translate
from pont.core.mail.graph.answers import (
    DeltaPage,
    Endpoint,
    delta_page,
    error_words,
    header_block,
    listed_ids,
    mailbox_address,
    message_id,
    parse_json,
    retry_after,
)
from pont.core.mail.graph.limits import CONCURRENT_REQUESTS, REQUEST_LIMIT
from pont.core.mail.tokens import Permission, TokenSource

GRAPH_ENDPOINT = "https://graph.microsoft.com/v1.0"
DELTA_PAGE_SIZE = 200  # messages a delta page may carry (Prefer: odata.maxpagesize)
PATIENCE = 30.0  # seconds one request waits for Retry-After in all, before GraphBusy
TRIES = 5  # answers of 429/503 one request takes before GraphBusy
JSON_LIMIT = 32 * 1024 * 1024
MESSAGE_LIMIT = 160 * 1024 * 1024  # Exchange Online's largest message is 150 MB
HEADER_LIMIT = 256 * 1024
ERROR_LIMIT = 64 * 1024
SENT_COPIES_PAGES = 50  # pages of Sent Items copies of one post followed, at most
SEARCH_PAGES = 100  # pages of a mailbox search followed, at most
# What a mailbox search asks of each message: enough to group it and name its people.
SEARCH_SELECT = (
    "subject,from,toRecipients,ccRecipients,sentDateTime,internetMessageId,conversationId,"
    "parentFolderId,isDraft"
)

# Failures where the request cannot have reached Graph: sending again is safe.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)

_lanes: dict[tuple[str, str], threading.BoundedSemaphore] = {}
_lanes_lock = threading.Lock()


def _lane(endpoint: str, email: str) -> threading.BoundedSemaphore:
    """The semaphore every client of this mailbox shares in this process."""
    key = (endpoint.lower(), email.strip().casefold())
    with _lanes_lock:
        if key not in _lanes:
            _lanes[key] = threading.BoundedSemaphore(CONCURRENT_REQUESTS)
        return _lanes[key]


def _nothing() -> None:
    pass


class GraphClient:
    """Microsoft Graph for one mailbox, signed in through `tokens`. Close it when done (or use
    it in a `with`); an `http` client given is the caller's to close."""

    def __init__(
        self,
        endpoint: str,
        tokens: TokenSource,
        *,
        http: httpx.Client | None = None,
        timeout: float = 60.0,
        patience: float = PATIENCE,
        stop: threading.Event | None = None,
    ) -> None:
        self.endpoint = Endpoint.checked(endpoint)
        self.tokens = tokens
        self.patience = patience
        self.stop = stop
        self._own_http = http is None
        self.http = http or httpx.Client(
            verify=ssl.create_default_context(),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            follow_redirects=False,
            headers={"User-Agent": "Pont"},
        )
        self._lane = _lane(self.endpoint.url, tokens.email)

    def close(self) -> None:
        if self._own_http:
            self.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- what Pont asks -----------------------------------------------------------------------

    def me(self, permission: Permission = Permission.GRAPH_SEND) -> str:
        """The signed-in mailbox's address (GET /me; the token needs User.Read as well)."""
        body = self._request("GET", f"{self.endpoint.url}/me", permission, limit=JSON_LIMIT)
        return mailbox_address(parse_json(body, self.endpoint.host), self.endpoint.host)

    def send_mime(self, mime: bytes, before_sending: Callable[[], None] = _nothing) -> None:
        """Send a whole message as it is (POST /me/sendMail, base64 MIME): its recipients are
        its To, Cc and Bcc; Exchange keeps a copy in Sent Items. `before_sending` runs each
        time just before the request goes. Raises GraphAnswerLost when the request went and
        no answer came (it may have been sent), GraphRefused (413 for too large), GraphBusy,
        GraphAccessDenied, GraphSignInRefused, GraphUnreachable (nothing went)."""
        encoded = base64.b64encode(mime)
        if len(encoded) > REQUEST_LIMIT:
            raise GraphRefused(
                413, "ErrorMessageSizeExceeded", translate("Graph", "the message is too large")
            )
        self._request(
            "POST",
            f"{self.endpoint.url}/me/sendMail",
            Permission.GRAPH_SEND,
            content=encoded,
            headers={"Content-Type": "text/plain"},
            before_sending=before_sending,
            idempotent=False,
            limit=ERROR_LIMIT,
        )

    def delta(
        self, folder: str, delta_link: str = "", *, page_size: int = DELTA_PAGE_SIZE
    ) -> Iterator[DeltaPage]:
        """The folder's changes since `delta_link` (all its messages when ''), page by page;
        the last page carries the delta link to keep for next time. Raises
        GraphSyncStateLost when Graph no longer knows the link (read from the start)."""
        if delta_link and not self.endpoint.owns(delta_link):
            raise GraphSyncStateLost()  # kept from another endpoint: start afresh
        url = delta_link or (
            f"{self.endpoint.url}/me/mailFolders/{quote(folder, safe='')}/messages/delta"
        )
        seen: set[str] = set()
        while True:
            body = self._request(
                "GET",
                url,
                Permission.GRAPH_READ,
                headers={"Prefer": f"odata.maxpagesize={max(1, page_size)}"},
                limit=JSON_LIMIT,
            )
            page, next_link = delta_page(parse_json(body, self.endpoint.host), self.endpoint)
            yield page
            if next_link is None:
                return
            if next_link in seen:
                raise GraphAnswerUnreadable(
                    self.endpoint.host, translate("Graph", "delta pages that go round in circles")
                )
            seen.add(next_link)
            url = next_link

    def message_mime(self, graph_id: str) -> bytes:
        """The whole message (GET /me/messages/{id}/$value)."""
        return self._request(
            "GET", self._value_url(graph_id), Permission.GRAPH_READ, limit=MESSAGE_LIMIT
        )

    def message_headers(self, graph_id: str) -> bytes:
        """The message's header section only: its MIME is read up to the blank line."""
        start = self._request(
            "GET", self._value_url(graph_id), Permission.GRAPH_READ, limit=HEADER_LIMIT, head=True
        )
        return header_block(start)

    def find_messages(self, folder: str, internet_message_id: str) -> list[str]:
        """Ids of the folder's messages with this Message-ID ("<…>"), every page of them."""
        quoted = internet_message_id.replace("'", "''")
        url = f"{self.endpoint.url}/me/mailFolders/{quote(folder, safe='')}/messages"
        params: dict[str, str] | None = {
            "$filter": f"internetMessageId eq '{quoted}'",
            "$select": "id,internetMessageId",
            "$top": "100",
        }
        found: list[str] = []
        for _ in range(SENT_COPIES_PAGES):
            body = self._request("GET", url, Permission.GRAPH_READ, params=params, limit=JSON_LIMIT)
            data = parse_json(body, self.endpoint.host)
            found += listed_ids(data, self.endpoint.host)
            next_link = data.get("@odata.nextLink")
            if not isinstance(next_link, str) or not self.endpoint.owns(next_link):
                break
            url, params = next_link, None
        return found

    def folder_id(self, well_known: str) -> str:
        """The id of a well-known folder (deleteditems, junkemail, drafts); GraphItemGone when
        the mailbox has none."""
        url = f"{self.endpoint.url}/me/mailFolders/{quote(well_known, safe='')}"
        body = self._request(
            "GET", url, Permission.GRAPH_READ, params={"$select": "id"}, limit=JSON_LIMIT
        )
        found = parse_json(body, self.endpoint.host).get("id")
        if not isinstance(found, str) or not found:
            raise GraphAnswerUnreadable(
                self.endpoint.host, translate("Graph", "a folder without id")
            )
        return found

    def search_messages(
        self, search: str, *, page_size: int = 100, max_pages: int = SEARCH_PAGES
    ) -> Iterator[list[dict[str, object]]]:
        """The whole mailbox's messages matching `search` (KQL, as $search takes it), a page
        at a time, with the fields a conversation's people need; at most max_pages pages."""
        url = f"{self.endpoint.url}/me/messages"
        params: dict[str, str] | None = {
            "$search": search,
            "$select": SEARCH_SELECT,
            "$top": str(max(1, page_size)),
        }
        seen: set[str] = set()
        for _ in range(max_pages):
            body = self._request("GET", url, Permission.GRAPH_READ, params=params, limit=JSON_LIMIT)
            data = parse_json(body, self.endpoint.host)
            items = data.get("value")
            if not isinstance(items, list):
                raise GraphAnswerUnreadable(
                    self.endpoint.host, translate("Graph", "a list without items")
                )
            yield [item for item in items if isinstance(item, dict)]
            next_link = data.get("@odata.nextLink")
            if not isinstance(next_link, str) or not self.endpoint.owns(next_link):
                return
            if next_link in seen:
                return  # pages that go round in circles: what came is all there is
            seen.add(next_link)
            url, params = next_link, None

    # --- the requests -------------------------------------------------------------------------

    def _value_url(self, graph_id: str) -> str:
        if message_id(graph_id) is None:
            raise GraphItemGone(404, "ErrorInvalidIdMalformed", "")
        return f"{self.endpoint.url}/me/messages/{quote(graph_id, safe='')}/$value"

    def _token(self, permission: Permission) -> str:
        token = self.tokens.access_token(permission)  # its own MailError when it cannot
        if not (token and token.isascii() and token.isprintable() and " " not in token):
            raise GraphSignInRefused(self.tokens.email)
        return token

    def _wait(self, seconds: float) -> bool:
        """Wait; False when `stop` was set meanwhile."""
        if self.stop is None:
            time.sleep(seconds)
            return True
        return not self.stop.wait(seconds)

    def _request(
        self,
        method: str,
        url: str,
        permission: Permission,
        *,
        limit: int,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        before_sending: Callable[[], None] = _nothing,
        idempotent: bool = True,
        head: bool = False,
    ) -> bytes:
        """The answer's body on success (up to `limit` bytes; with `head`, only until the
        message's header section ends), else the exception its status calls for."""
        asked_again = dropped = False
        waited = 0.0
        tries = 0
        while True:
            token = self._token(permission)
            with self._lane:
                before_sending()
                try:
                    status, answer_headers, body = self._exchange(
                        method, url, token, limit, content, headers, params, head
                    )
                except _NOT_SENT as error:
                    raise GraphUnreachable(self.endpoint.host, _reason(error)) from error
                except httpx.TransportError as error:
                    if not idempotent:
                        raise GraphAnswerLost(self.endpoint.host, _reason(error)) from error
                    if dropped:
                        raise GraphUnreachable(self.endpoint.host, _reason(error)) from error
                    dropped = True  # a kept-alive connection the server had closed: once more
                    continue
            if status < 300:
                return body
            code, words = error_words(body)
            words = words or code or str(status)
            if status == 401 and not asked_again:
                asked_again = True
                continue
            if status == 401:
                raise GraphSignInRefused(self.tokens.email)
            if status == 403:
                raise GraphAccessDenied(self.tokens.email, permission is Permission.GRAPH_SEND)
            if status in (429, 503):
                wait = retry_after(answer_headers)
                tries += 1
                if tries < TRIES and waited + wait <= self.patience and self._wait(wait):
                    waited += wait
                    continue
                raise GraphBusy(wait)
            if status == 404:
                raise GraphItemGone(status, code, words)
            if status == 410:
                raise GraphSyncStateLost()
            if status >= 500 and not idempotent:
                # The request reached Graph; whether it was done before it failed is unknown.
                raise GraphAnswerLost(self.endpoint.host, words)
            raise GraphRefused(status, code, words)

    def _exchange(
        self,
        method: str,
        url: str,
        token: str,
        limit: int,
        content: bytes | None,
        headers: dict[str, str] | None,
        params: dict[str, str] | None,
        head: bool,
    ) -> tuple[int, httpx.Headers, bytes]:
        request_headers = {"Authorization": f"Bearer {token}", **(headers or {})}
        with self.http.stream(
            method, url, content=content, headers=request_headers, params=params
        ) as response:
            status = response.status_code
            cap = limit if status < 300 else ERROR_LIMIT
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if head and (b"\r\n\r\n" in body or b"\n\n" in body):
                    break
                if len(body) > cap:
                    if head or status >= 300:
                        break
                    raise GraphAnswerUnreadable(
                        self.endpoint.host, translate("Graph", "an answer too large to read")
                    )
            return status, response.headers, bytes(body)


def _reason(error: httpx.TransportError) -> str:
    """What happened to the connection, in a few plain words."""
    if isinstance(error, httpx.TimeoutException):
        return translate("Graph", "no answer in time")
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return translate("Graph", "its certificate could not be verified")
        if isinstance(cause, ssl.SSLError):
            return translate("Graph", "the secure connection failed")
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, httpx.ConnectError):
        return translate("Graph", "no connection")
    return translate("Graph", "the connection dropped")
