"""A local HTTPS server shaped like Microsoft Graph v1.0, for the endpoints Pont uses.

Microsoft Graph cannot run here, so this speaks the same protocol as Microsoft documents it
(learn.microsoft.com/graph): the request and answer shapes, the error bodies
(`{"error": {"code", "message", "innerError"}}`), `Retry-After`, `@odata.nextLink` and
`@odata.deltaLink` paging. It is backed by the tests' real Dovecot: a user's Inbox and Sent
Items are their Dovecot INBOX and Sent, read over IMAP with the static test password.

    GET  /v1.0/me                                             the signed-in user
    POST /v1.0/me/sendMail           Content-Type: text/plain  base64 MIME → 202
    GET  /v1.0/me/mailFolders/{inbox|sentitems}               the folder's counts
    GET  /v1.0/me/mailFolders/{folder}/messages               $filter=internetMessageId eq '…',
                                                              $select, $top, $skip, $orderby
    GET  /v1.0/me/mailFolders/{folder}/messages/delta         Prefer: odata.maxpagesize=N
    GET  /v1.0/me/messages/{id}/$value                        the message's MIME
    GET  /v1.0/me/messages           $search="subject:w AND …"  every folder's matches (KQL's
                                                              subject: terms only), $select,
                                                              $top, paged by @odata.nextLink
    GET  /v1.0/me/mailFolders/{deleteditems|drafts|junkemail} the folder's id, when it exists

sendMail does what Exchange does: the recipients are the MIME's To, Cc and Bcc; each gets the
message without its Bcc line (delivered over LMTP into Dovecot); the sender's Sent Items gets
it whole, Bcc kept (saveToSentItems). As in Exchange Online, Sent Items copies carry no
`internetMessageHeaders` (only received mail has them): their headers are in `$value`.

Bearer tokens are JWTs from the tests' SigningKey (tests/oauth_keys.py): `aud` must be Graph's,
`scp` must hold Mail.Send for sendMail, Mail.Read (or Mail.ReadWrite) for reading, User.Read
for /me. Exchange Online's limits hold per mailbox: 500 recipients a message, 30 messages a
minute, 4 requests at once (the fifth is answered 429 MailboxConcurrency). `GraphFaults`
switches on the rest for one test: 401, 403, 429 and 503 answers, a connection cut after
sendMail took the message, a sendMail held open (for kill tests), a slow answer.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.header
import email.parser
import email.policy
import email.utils
import json
import re
import select
import smtplib
import socket
import ssl
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from imapclient import IMAPClient
from joserfc.errors import ExpiredTokenError, JoseError

from mailservers import HOST, MailServer, mailbox_user
from oauth_keys import GRAPH_AUDIENCE, MAILBOX_AUDIENCE, SigningKey
from pont.core.mail.tokens import Permission, Resource

RECIPIENTS_PER_MESSAGE = 500
MESSAGES_PER_MINUTE = 30
CONCURRENT_REQUESTS = 4
DEFAULT_PAGE_SIZE = 10  # a delta page when the client states no odata.maxpagesize
MAX_PAGE_SIZE = 1000
MAX_REQUEST_BYTES = 4 * 1024 * 1024  # Graph refuses larger requests with 413

FOLDERS = {"inbox": "INBOX", "sentitems": "Sent"}
READ_SCOPES = {"Mail.Read", "Mail.ReadWrite", "Mail.ReadBasic"}
SEND_SCOPES = {"Mail.Send"}
USER_SCOPES = {"User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All"}
# Graph's well-known folders beyond Inbox and Sent Items, as the test Dovecot names them.
WELL_KNOWN = {"deleteditems": "Trash", "drafts": "Drafts", "junkemail": "Junk"}
_SUBJECT_TERM = re.compile(r'subject:("[^"]*"|[^\s"]+)', re.IGNORECASE)
_SEARCH_FIELDS = (
    b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT FROM TO CC DATE REFERENCES IN-REPLY-TO)]"
)
_SEARCH_KEY = b"BODY[HEADER.FIELDS (MESSAGE-ID SUBJECT FROM TO CC DATE REFERENCES IN-REPLY-TO)]"
_FILTER = re.compile(r"^internetMessageId eq '((?:[^']|'')*)'$")
_FIELDS = b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT FROM)]"
_FIELDS_KEY = b"BODY[HEADER.FIELDS (MESSAGE-ID SUBJECT FROM)]"


@dataclass
class Injected:
    """One answer to give instead of the real one, to the next `times` matching requests."""

    status: int
    code: str
    message: str
    retry_after: str | None = None  # the Retry-After header as sent (seconds, or anything)
    times: int = 1
    path: str = ""  # only requests whose path contains this ('' = any)
    body: bytes | None = None  # a raw body instead of the JSON error (hostile answers)


@dataclass
class GraphFaults:
    """Switches for one test's Graph server. The defaults change nothing; a test may flip
    them while the server runs."""

    injected: list[Injected] = field(default_factory=list)
    # sendMail takes (delivers, files in Sent) the message, then cuts the connection without
    # answering: the next N times.
    drop_after_sending: int = 0
    # sendMail cuts the connection once the request has come, taking nothing: the next N times.
    drop_before_sending: int = 0
    # Hold the `pause_on`-th sendMail (counted from 1) at one point, set `paused`, and wait
    # for `resume`: 'received' (the request came whole, nothing taken: a client gone
    # meanwhile leaves nothing taken) or 'taken' (delivered and filed in Sent, the 202 not
    # yet sent). A test kills the client there.
    pause_at: str = ""
    pause_on: int = 1
    paused: threading.Event = field(default_factory=threading.Event)
    resume: threading.Event = field(default_factory=threading.Event)
    delay: float = 0.0  # seconds before answering any request
    # Deliver and file this many seconds after answering 202, as Exchange queues what it takes.
    deliver_after: float = 0.0
    messages_per_minute: int = MESSAGES_PER_MINUTE
    recipients_per_message: int = RECIPIENTS_PER_MESSAGE
    max_request_bytes: int = MAX_REQUEST_BYTES

    def inject(
        self,
        status: int,
        code: str,
        message: str = "",
        *,
        retry_after: str | None = None,
        times: int = 1,
        path: str = "",
        body: bytes | None = None,
    ) -> None:
        self.injected.append(
            Injected(status, code, message or code, retry_after, times, path, body)
        )


@dataclass
class _DeltaRound:
    """One round of delta pages: what is left to send, and the state its deltaLink keeps."""

    folder: str
    uidvalidity: int
    added: list[int]
    removed: list[str]  # message ids
    state: frozenset[int]  # the UIDs the round ends knowing


class _Pool:
    """Logged-in IMAP connections per user, reused across requests."""

    def __init__(self, server: MailServer) -> None:
        self.server = server
        self._idle: dict[str, list[IMAPClient]] = {}
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def imap(self, user: str) -> Iterator[IMAPClient]:
        with self._lock:
            idle = self._idle.setdefault(user, [])
            client = idle.pop() if idle else None
        if client is None:
            client = IMAPClient(
                HOST,
                port=self.server.imaps_port,
                ssl=True,
                ssl_context=self.server.certificates.client_context(),
                timeout=30,
            )
            client.login(user, self.server.password)
        try:
            yield client
        except BaseException:
            with contextlib.suppress(Exception):
                client.logout()
            raise
        with self._lock:
            self._idle.setdefault(user, []).append(client)

    def close(self) -> None:
        with self._lock:
            clients = [c for idle in self._idle.values() for c in idle]
            self._idle.clear()
        for client in clients:
            with contextlib.suppress(Exception):
                client.logout()


def message_id_for(user: str, folder: str, uidvalidity: int, uid: int) -> str:
    """An opaque, stable id (as Graph's are: long, URL-safe base64)."""
    raw = json.dumps([user, folder, uidvalidity, uid]).encode()
    return "AAMkAG" + base64.urlsafe_b64encode(raw).decode("ascii")


def _parse_message_id(message_id: str) -> tuple[str, str, int, int] | None:
    if not message_id.startswith("AAMkAG"):
        return None
    try:
        user, folder, uidvalidity, uid = json.loads(base64.urlsafe_b64decode(message_id[6:]))
    except (ValueError, TypeError, binascii.Error):
        return None
    if not (isinstance(user, str) and folder in FOLDERS.values()):
        return None
    if not (isinstance(uidvalidity, int) and isinstance(uid, int)):
        return None
    return user, folder, uidvalidity, uid


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class GraphError(Exception):
    def __init__(self, status: int, code: str, message: str, retry_after: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after


class GraphServer:
    """The server, on a free loopback port over HTTPS; `endpoint` is its Graph root (v1.0)."""

    def __init__(self, mail: MailServer, signing_key: SigningKey) -> None:
        self.mail = mail
        self.signing_key = signing_key
        self.faults = GraphFaults()
        self.pool = _Pool(mail)
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request
        self.answers: list[tuple[str, int]] = []  # (path, status) of every answer
        self.sent: list[bytes] = []  # the MIME of each message sendMail took
        self.send_attempts = 0  # sendMail requests that came whole
        self.send_times: list[float] = []  # when each came (time.monotonic)
        self.interrupted = 0  # sendMails held at 'received' whose client went meanwhile
        self.concurrent_peak = 0
        self.refused_concurrency = 0
        self.violations: list[str] = []  # limits a client broke (recipients, rate)
        self._running: dict[str, int] = {}
        self._sends: dict[str, deque[float]] = {}
        self._rounds: dict[str, _DeltaRound] = {}  # skiptoken → the round
        self._states: dict[str, tuple[str, str, int, frozenset[int]]] = {}  # deltatoken
        self._lock = threading.Lock()
        self._later: list[threading.Thread] = []
        self.httpd = _HttpsServer(mail.certificates.server_context(), _handler(self))
        self.port = int(self.httpd.server_address[1])
        self.endpoint = f"https://{HOST}:{self.port}/v1.0"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.faults.resume.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._later:
            thread.join(10)
        self.pool.close()

    def count(self, fragment: str, method: str = "") -> int:
        """Requests whose path holds `fragment` (and of `method`, when given)."""
        return sum(1 for m, p in self.requests if fragment in p and method in ("", m))

    def token(self, email: str, *scopes: str, lifetime: float = 3600.0) -> str:
        """A Graph access token for the mailbox, as Microsoft's sign-in would give Pont."""
        return self.signing_key.mint(email, scopes, audience=GRAPH_AUDIENCE, lifetime=lifetime)

    # --- requests ---------------------------------------------------------------------------

    def user_for(self, authorization: str, scopes: set[str]) -> str:
        """The mailbox a bearer token is for, when it may do what `scopes` allow."""
        kind, _, token = authorization.partition(" ")
        if kind.lower() != "bearer" or not token.strip():
            raise GraphError(401, "InvalidAuthenticationToken", "Access token is empty.")
        try:
            claims = self.signing_key.claims(token.strip())
        except (JoseError, ValueError) as error:
            if isinstance(error, ExpiredTokenError):
                raise GraphError(
                    401,
                    "InvalidAuthenticationToken",
                    "Lifetime validation failed, the token is expired.",
                ) from error
            raise GraphError(
                401, "InvalidAuthenticationToken", "Access token validation failure."
            ) from error
        if claims.get("aud") != GRAPH_AUDIENCE:
            raise GraphError(
                401,
                "InvalidAuthenticationToken",
                "Access token validation failure. Invalid audience.",
            )
        granted = set(str(claims.get("scp", "")).split())
        if scopes and not granted & scopes:
            raise GraphError(
                403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."
            )
        email = claims.get("upn") or claims.get("preferred_username") or ""
        if not isinstance(email, str) or "@" not in email:
            raise GraphError(401, "InvalidAuthenticationToken", "Access token validation failure.")
        return email

    def enter(self, user: str) -> None:
        with self._lock:
            running = self._running.get(user, 0)
            if running >= CONCURRENT_REQUESTS:
                self.refused_concurrency += 1
                raise GraphError(
                    429,
                    "ApplicationThrottled",
                    "Application is over its MailboxConcurrency limit.",
                    retry_after="1",
                )
            self._running[user] = running + 1
            self.concurrent_peak = max(self.concurrent_peak, running + 1)

    def leave(self, user: str) -> None:
        with self._lock:
            self._running[user] -= 1

    def injected(self, path: str) -> Injected | None:
        with self._lock:
            for fault in self.faults.injected:
                if fault.times > 0 and fault.path in path:
                    fault.times -= 1
                    return fault
        return None

    def me(self, user: str) -> dict[str, Any]:
        local = user.partition("@")[0]
        return {
            "@odata.context": f"{self.endpoint}/$metadata#users/$entity",
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, user)),
            "displayName": local,
            "mail": user,
            "userPrincipalName": user,
            "businessPhones": [],
            "givenName": None,
            "surname": None,
            "jobTitle": None,
            "mobilePhone": None,
            "officeLocation": None,
            "preferredLanguage": "en-GB",
        }

    # --- sendMail ---------------------------------------------------------------------------

    def check_rate(self, user: str) -> None:
        """30 messages a minute per mailbox: the 31st within a minute is throttled."""
        now = time.monotonic()
        with self._lock:
            sends = self._sends.setdefault(user, deque())
            while sends and sends[0] <= now - 60:
                sends.popleft()
            if len(sends) >= self.faults.messages_per_minute:
                wait = max(1, int(sends[0] + 60 - now) + 1)
                self.violations.append(f"{user}: more than {len(sends)} messages in a minute")
                raise GraphError(
                    429,
                    "ApplicationThrottled",
                    "Message submission rate limit exceeded. Try again later.",
                    retry_after=str(wait),
                )
            sends.append(now)

    def parse_send(self, user: str, body: bytes) -> tuple[bytes, list[str]]:
        """The MIME and its recipients, or the error Exchange gives."""
        try:
            mime = base64.b64decode(body.strip(), validate=True)
        except (binascii.Error, ValueError) as error:
            raise GraphError(
                400,
                "ErrorMimeContentInvalidBase64String",
                "Invalid base64 string for MIME content.",
            ) from error
        headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(mime)
        found = email.utils.getaddresses(
            [str(v) for name in ("To", "Cc", "Bcc") for v in headers.get_all(name, [])]
        )
        recipients = list(dict.fromkeys(a for _, a in found if "@" in a))
        if not recipients:
            raise GraphError(400, "ErrorInvalidRecipients", "At least one recipient is not valid.")
        if len(recipients) > self.faults.recipients_per_message:
            self.violations.append(f"{user}: {len(recipients)} recipients in one message")
            raise GraphError(
                400,
                "ErrorInvalidRecipients",
                "5.5.3 RESOLVER.ADR.RecipLimit; too many recipients: a message may carry "
                f"{self.faults.recipients_per_message}.",
            )
        senders = [a for _, a in email.utils.getaddresses([str(headers.get("From", ""))])]
        if senders and senders[0].casefold() != user.casefold():
            raise GraphError(
                403,
                "ErrorSendAsDenied",
                "The user account which was used to submit this request does not have the "
                "right to send mail on behalf of the specified sending account.",
            )
        return mime, recipients

    def take(self, user: str, mime: bytes, recipients: list[str]) -> None:
        """Deliver to every recipient without the Bcc line; file the whole in Sent."""
        self.sent.append(mime)
        if self.faults.deliver_after:
            later = threading.Thread(
                target=self._deliver_later, args=(user, mime, recipients), daemon=True
            )
            self._later.append(later)
            later.start()
        else:
            self._deliver(user, mime, recipients)

    def _deliver_later(self, user: str, mime: bytes, recipients: list[str]) -> None:
        time.sleep(self.faults.deliver_after)
        self._deliver(user, mime, recipients)

    def _deliver(self, user: str, mime: bytes, recipients: list[str]) -> None:
        delivered = _without_bcc(mime)
        users = [mailbox_user(r) for r in recipients]
        with smtplib.LMTP(HOST, self.mail.dovecot.lmtp_port) as lmtp:
            refused = lmtp.sendmail(mailbox_user(user), users, delivered)
            # LMTP answers the data once per recipient (RFC 2033); smtplib reads the first.
            for _ in range(len(users) - len(refused) - 1):
                lmtp.getreply()
        with self.pool.imap(mailbox_user(user)) as client:
            client.append("Sent", mime, flags=[b"\\Seen"])

    # --- reading ----------------------------------------------------------------------------

    def _folder(self, name: str) -> str:
        folder = FOLDERS.get(name.casefold())
        if folder is None:
            raise GraphError(
                404, "ErrorFolderNotFound", "The specified folder could not be found in the store."
            )
        return folder

    def folder_info(self, user: str, name: str) -> dict[str, Any]:
        if name.casefold() in WELL_KNOWN:
            with self.pool.imap(mailbox_user(user)) as client:
                if not client.folder_exists(WELL_KNOWN[name.casefold()]):
                    raise GraphError(
                        404,
                        "ErrorFolderNotFound",
                        "The specified folder could not be found in the store.",
                    )
            return {"id": name.casefold(), "displayName": WELL_KNOWN[name.casefold()]}
        folder = self._folder(name)
        with self.pool.imap(mailbox_user(user)) as client:
            status = client.folder_status(folder, [b"MESSAGES", b"UNSEEN"])
        return {
            "id": name.casefold(),
            "displayName": "Inbox" if folder == "INBOX" else "Sent Items",
            "parentFolderId": "msgfolderroot",
            "childFolderCount": 0,
            "unreadItemCount": int(status[b"UNSEEN"]),
            "totalItemCount": int(status[b"MESSAGES"]),
        }

    def _items(
        self,
        user: str,
        client: IMAPClient,
        folder: str,
        uidvalidity: int,
        uids: list[int],
        with_headers: bool = False,
    ) -> list[dict[str, Any]]:
        if not uids:
            return []
        wanted = [b"INTERNALDATE", b"FLAGS", b"RFC822.SIZE", _FIELDS]
        if with_headers:
            wanted.append(b"BODY.PEEK[HEADER]")
        fetched = client.fetch(uids, wanted)
        parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
        items = []
        for uid in uids:
            data = fetched.get(uid)
            if data is None:
                continue
            headers = parser.parsebytes(data.get(_FIELDS_KEY, b""))
            moment = data.get(b"INTERNALDATE") or datetime.now(UTC)
            sender = email.utils.parseaddr(str(headers.get("From", "")))
            item: dict[str, Any] = {
                "@odata.type": "#microsoft.graph.message",
                "@odata.etag": f'W/"{uidvalidity}.{uid}"',
                "id": message_id_for(user, folder, uidvalidity, uid),
                "receivedDateTime": _iso(moment),
                "sentDateTime": _iso(moment),
                "subject": str(headers.get("Subject", "")),
                "internetMessageId": str(headers.get("Message-ID", "")).strip(),
                "isRead": b"\\Seen" in data.get(b"FLAGS", ()),
                "parentFolderId": "inbox" if folder == "INBOX" else "sentitems",
                "from": {"emailAddress": {"name": sender[0], "address": sender[1]}},
            }
            if with_headers and folder == "INBOX":  # Sent Items copies have none (Exchange)
                whole = parser.parsebytes(data.get(b"BODY[HEADER]", b""))
                item["internetMessageHeaders"] = [
                    {"name": name, "value": " ".join(str(value).split())}
                    for name, value in whole.items()
                ]
            items.append(item)
        return items

    def list_messages(self, user: str, name: str, query: dict[str, str]) -> dict[str, Any]:
        folder = self._folder(name)
        top = _number(query.get("$top", "10"), 1, 1000)
        skip = _number(query.get("$skip", "0"), 0, 10**9)
        select = {s.strip() for s in query.get("$select", "").split(",") if s.strip()}
        order = query.get("$orderby", "receivedDateTime desc").replace("+", " ").split()
        descending = len(order) < 2 or order[1].lower() == "desc"
        criteria: list[Any] = ["ALL"]
        wanted_id = None
        if "$filter" in query:
            match = _FILTER.match(query["$filter"].strip())
            if match is None:
                raise GraphError(
                    400,
                    "ErrorInvalidUrlQueryFilter",
                    "The query filter contains one or more invalid nodes.",
                )
            wanted_id = match[1].replace("''", "'")
            criteria = ["HEADER", "Message-ID", wanted_id.strip("<>")]
        with self.pool.imap(mailbox_user(user)) as client:
            uidvalidity = int(client.select_folder(folder, readonly=True)[b"UIDVALIDITY"])
            uids = sorted(client.search(criteria), reverse=descending)
            page = uids[skip : skip + top]
            items = self._items(
                user, client, folder, uidvalidity, page, "internetMessageHeaders" in select
            )
        if wanted_id is not None:
            items = [i for i in items if i["internetMessageId"] == wanted_id]
        if select:
            keep = select | {"id", "@odata.etag", "@odata.type"}
            items = [{k: v for k, v in i.items() if k in keep} for i in items]
        answer: dict[str, Any] = {
            "@odata.context": f"{self.endpoint}/$metadata#users('{quote(user)}')"
            f"/mailFolders('{name}')/messages",
            "value": items,
        }
        if skip + top < len(uids):
            rest = {**query, "$skip": str(skip + top)}
            answer["@odata.nextLink"] = (
                f"{self.endpoint}/me/mailFolders/{name}/messages?"
                + "&".join(f"{quote(k)}={quote(v)}" for k, v in rest.items())
            )
        return answer

    def delta(self, user: str, name: str, query: dict[str, str], page_size: int) -> dict[str, Any]:
        base = f"{self.endpoint}/me/mailFolders/{name}/messages/delta"
        folder = self._folder(name)
        skiptoken, deltatoken = query.get("$skiptoken"), query.get("$deltatoken")
        with self.pool.imap(mailbox_user(user)) as client:
            uidvalidity = int(client.select_folder(folder, readonly=True)[b"UIDVALIDITY"])
            if skiptoken is not None:
                with self._lock:
                    round_ = self._rounds.pop(skiptoken, None)
                if round_ is None or round_.folder != folder:
                    raise _sync_state_lost()
            else:
                known: frozenset[int] = frozenset()
                known_validity = uidvalidity
                if deltatoken is not None:
                    with self._lock:
                        state = self._states.get(deltatoken)
                    if state is None or state[0] != user or state[1] != folder:
                        raise _sync_state_lost()
                    _, _, known_validity, known = state
                current = frozenset(client.search(["ALL"]))
                if known_validity != uidvalidity:  # every id changed
                    removed = [message_id_for(user, folder, known_validity, u) for u in known]
                    known = frozenset()
                else:
                    removed = [
                        message_id_for(user, folder, uidvalidity, u)
                        for u in sorted(known - current)
                    ]
                round_ = _DeltaRound(folder, uidvalidity, sorted(current - known), removed, current)
            items: list[dict[str, Any]] = [
                {
                    "@odata.type": "#microsoft.graph.message",
                    "id": gone,
                    "@removed": {"reason": "deleted"},
                }
                for gone in round_.removed[:page_size]
            ]
            round_.removed = round_.removed[page_size:]
            room = page_size - len(items)
            page, round_.added = round_.added[:room], round_.added[room:]
            items += self._items(user, client, folder, round_.uidvalidity, page)
        answer: dict[str, Any] = {
            "@odata.context": f"{self.endpoint}/$metadata#Collection(message)",
            "value": items,
        }
        token = uuid.uuid4().hex + uuid.uuid4().hex
        with self._lock:
            if round_.added or round_.removed:
                self._rounds[token] = round_
                answer["@odata.nextLink"] = f"{base}?%24skiptoken={token}"
            else:
                self._states[token] = (user, folder, round_.uidvalidity, round_.state)
                answer["@odata.deltaLink"] = f"{base}?%24deltatoken={token}"
        return answer

    def forget_delta_states(self) -> None:
        """Every deltaLink and nextLink given so far stops working (410 SyncStateNotFound)."""
        with self._lock:
            self._rounds.clear()
            self._states.clear()

    def search_messages(self, user: str, query: dict[str, str]) -> dict[str, Any]:
        """/me/messages?$search: every folder (Deleted Items, Drafts and Junk too, as Graph
        does), subject terms only; items carry what Graph gives (recipients, conversationId)."""
        words = [term.strip('"') for term in _SUBJECT_TERM.findall(query.get("$search", ""))]
        if not words:
            raise GraphError(400, "BadRequest", "Syntax error: character '\\' is not valid.")
        top = _number(query.get("$top", "10"), 1, 1000)
        skip = _number(query.get("$skiptoken", "0"), 0, 10**9)
        select = {s.strip() for s in query.get("$select", "").split(",") if s.strip()}
        charset = None if all(word.isascii() for word in words) else "UTF-8"
        criteria: list[Any] = []
        for word in words:
            criteria += ["SUBJECT", word]
        items: list[dict[str, Any]] = []
        with self.pool.imap(mailbox_user(user)) as client:
            for _flags, _delimiter, folder in client.list_folders():
                uidvalidity = int(client.select_folder(folder, readonly=True)[b"UIDVALIDITY"])
                uids = sorted(client.search(criteria, charset), reverse=True)
                if uids:
                    items += self._search_items(user, client, folder, uidvalidity, uids)
        page = items[skip : skip + top]
        if select:
            keep = select | {"id", "@odata.etag", "@odata.type"}
            page = [{k: v for k, v in i.items() if k in keep} for i in page]
        answer: dict[str, Any] = {
            "@odata.context": f"{self.endpoint}/$metadata#users('{quote(user)}')/messages",
            "value": page,
        }
        if skip + top < len(items):
            rest = {**query, "$skiptoken": str(skip + top)}
            answer["@odata.nextLink"] = f"{self.endpoint}/me/messages?" + "&".join(
                f"{quote(k)}={quote(v)}" for k, v in rest.items()
            )
        return answer

    def _search_items(
        self, user: str, client: IMAPClient, folder: str, uidvalidity: int, uids: list[int]
    ) -> list[dict[str, Any]]:
        fetched = client.fetch(uids, [b"INTERNALDATE", b"FLAGS", _SEARCH_FIELDS])
        parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
        folder_ids = {"INBOX": "inbox", "Sent": "sentitems"}
        folder_ids.update({name: well_known for well_known, name in WELL_KNOWN.items()})
        items = []
        for uid in uids:
            data = fetched.get(uid)
            if data is None:
                continue
            headers = parser.parsebytes(data.get(_SEARCH_KEY, b""))

            def people(field: str, headers: Any = headers) -> list[dict[str, Any]]:
                found = email.utils.getaddresses([str(v) for v in headers.get_all(field, [])])
                return [
                    {"emailAddress": {"name": _decoded(n), "address": a}} for n, a in found if a
                ]

            own_id = str(headers.get("Message-ID", "")).strip()
            thread = (
                (str(headers.get("References", "")).split() or [""])[0]
                or str(headers.get("In-Reply-To", "")).strip()
                or own_id
            )
            moment = data.get(b"INTERNALDATE") or datetime.now(UTC)
            with contextlib.suppress(TypeError, ValueError):
                moment = email.utils.parsedate_to_datetime(str(headers.get("Date", "")))
            senders = people("From")
            items.append(
                {
                    "@odata.type": "#microsoft.graph.message",
                    "id": message_id_for(user, folder, uidvalidity, uid),
                    "receivedDateTime": _iso(moment),
                    "sentDateTime": _iso(moment),  # Exchange takes it from the Date header
                    "subject": _decoded(str(headers.get("Subject", ""))),
                    "internetMessageId": own_id,
                    "conversationId": uuid.uuid5(uuid.NAMESPACE_URL, thread).hex,
                    "parentFolderId": folder_ids.get(folder, f"folder-{folder}"),
                    "isDraft": folder == "Drafts" or b"\\Draft" in data.get(b"FLAGS", ()),
                    "from": senders[0] if senders else None,
                    "toRecipients": people("To"),
                    "ccRecipients": people("Cc"),
                }
            )
        return items

    def message_value(self, user: str, message_id: str) -> bytes:
        parsed = _parse_message_id(message_id)
        if parsed is None or parsed[0] != user:
            raise _not_found()
        _, folder, uidvalidity, uid = parsed
        with self.pool.imap(mailbox_user(user)) as client:
            selected = client.select_folder(folder, readonly=True)
            if int(selected[b"UIDVALIDITY"]) != uidvalidity:
                raise _not_found()
            fetched = client.fetch([uid], [b"BODY.PEEK[]"]).get(uid)
        if fetched is None:
            raise _not_found()
        return bytes(fetched[b"BODY[]"])


def _decoded(text: str) -> str:
    """A header's encoded words decoded, as Graph gives names and subjects (CR/LF kept)."""
    return str(email.header.make_header(email.header.decode_header(text)))


def _without_bcc(mime: bytes) -> bytes:
    """The message as recipients get it: the header section without its Bcc fields."""
    end = mime.find(b"\r\n\r\n")
    head, rest = (mime, b"") if end < 0 else (mime[: end + 2], mime[end + 2 :])
    lines = head.split(b"\r\n")
    kept: list[bytes] = []
    skipping = False
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        skipping = line.lower().startswith(b"bcc:")
        if not skipping:
            kept.append(line)
    return b"\r\n".join(kept) + rest


def _number(text: str, low: int, high: int) -> int:
    if not text.isdigit():
        raise GraphError(400, "BadRequest", "Invalid query option value.")
    return max(low, min(high, int(text)))


def _not_found() -> GraphError:
    return GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.")


def _sync_state_lost() -> GraphError:
    return GraphError(
        410, "SyncStateNotFound", "The sync state generation is not found. Please do a full sync."
    )


def _handler(graph: GraphServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "Microsoft-IIS/10.0"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's hook name)
            self._serve("GET")

        def do_POST(self) -> None:  # noqa: N802 (http.server's hook name)
            self._serve("POST")

        def _serve(self, method: str) -> None:
            url = urlsplit(self.path)
            path = unquote(url.path)
            graph.requests.append((method, path))
            user = ""
            try:
                body = self._body()
                scopes = self._scopes(method, path)
                user = graph.user_for(self.headers.get("Authorization", ""), scopes)
                graph.enter(user)
                try:
                    if graph.faults.delay:
                        time.sleep(graph.faults.delay)
                    self._route(method, path, url.query, user, body)
                finally:
                    graph.leave(user)
            except GraphError as error:
                self._error(path, error)
            except _Cut:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            if length > graph.faults.max_request_bytes:
                self.rfile.read(length)
                raise GraphError(
                    413,
                    "ErrorMessageSizeExceeded",
                    "The message exceeds the maximum supported size.",
                )
            return self.rfile.read(length) if length else b""

        def _scopes(self, method: str, path: str) -> set[str]:
            if path == "/v1.0/me":
                return USER_SCOPES
            if path == "/v1.0/me/sendMail":
                return SEND_SCOPES
            return READ_SCOPES

        def _route(self, method: str, path: str, query: str, user: str, body: bytes) -> None:
            fault = graph.injected(path)
            if fault is not None:
                if fault.body is not None:
                    self._answer(path, fault.status, fault.body, "application/json")
                    return
                raise GraphError(fault.status, fault.code, fault.message, fault.retry_after)
            options = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
            parts = path.strip("/").split("/")
            if method == "GET" and path == "/v1.0/me":
                self._json(path, 200, graph.me(user))
            elif method == "POST" and path == "/v1.0/me/sendMail":
                self._send_mail(path, user, body)
            elif method == "GET" and path == "/v1.0/me/messages":
                self._json(path, 200, graph.search_messages(user, options))
            elif method == "GET" and parts[:3] == ["v1.0", "me", "mailFolders"] and len(parts) == 4:
                self._json(path, 200, graph.folder_info(user, parts[3]))
            elif (
                method == "GET"
                and parts[:3] == ["v1.0", "me", "mailFolders"]
                and parts[4:] == ["messages"]
            ):
                self._json(path, 200, graph.list_messages(user, parts[3], options))
            elif (
                method == "GET"
                and parts[:3] == ["v1.0", "me", "mailFolders"]
                and parts[4:] == ["messages", "delta"]
            ):
                self._json(path, 200, graph.delta(user, parts[3], options, self._page_size()))
            elif (
                method == "GET"
                and parts[:3] == ["v1.0", "me", "messages"]
                and len(parts) == 5
                and parts[4] == "$value"
            ):
                self._answer(path, 200, graph.message_value(user, parts[3]), "message/rfc822")
            else:
                raise GraphError(
                    400, "BadRequest", f"Resource not found for the segment '{parts[-1]}'."
                )

        def _page_size(self) -> int:
            size = DEFAULT_PAGE_SIZE
            for preference in self.headers.get_all("Prefer", []):
                for part in preference.split(","):
                    name, _, value = part.strip().partition("=")
                    if name.strip().lower() == "odata.maxpagesize" and value.strip().isdigit():
                        size = max(1, min(MAX_PAGE_SIZE, int(value.strip())))
            return size

        def _send_mail(self, path: str, user: str, body: bytes) -> None:
            content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type != "text/plain":
                raise GraphError(
                    400, "ErrorInvalidRequest", "Only MIME content (text/plain) is supported here."
                )
            faults = graph.faults
            mime, recipients = graph.parse_send(user, body)
            graph.send_attempts += 1
            graph.send_times.append(time.monotonic())
            number = graph.send_attempts
            graph.check_rate(user)
            if faults.drop_before_sending > 0:
                faults.drop_before_sending -= 1
                raise _Cut()
            if faults.pause_at == "received" and number == faults.pause_on:
                self._hold()
                if self._client_gone():
                    graph.interrupted += 1
                    raise _Cut()
            graph.take(user, mime, recipients)
            if faults.pause_at == "taken" and number == faults.pause_on:
                self._hold()
            if faults.drop_after_sending > 0:
                faults.drop_after_sending -= 1
                raise _Cut()
            self._answer(path, 202, b"", "")

        def _hold(self) -> None:
            graph.faults.paused.set()
            graph.faults.resume.wait()

        def _client_gone(self) -> bool:
            """Whether the client closed its end (a process killed meanwhile): a peek at the
            socket under TLS, which sees the end of the stream without reading a record."""
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            try:
                return socket.socket.recv(self.connection, 1, socket.MSG_PEEK) == b""
            except OSError:
                return True

        def _error(self, path: str, error: GraphError) -> None:
            now = datetime.now(UTC)
            body = {
                "error": {
                    "code": error.code,
                    "message": error.message,
                    "innerError": {
                        "date": now.strftime("%Y-%m-%dT%H:%M:%S"),
                        "request-id": str(uuid.uuid4()),
                        "client-request-id": str(uuid.uuid4()),
                    },
                }
            }
            headers = {}
            if error.retry_after is not None:
                headers["Retry-After"] = error.retry_after
            if error.status == 401:
                headers["WWW-Authenticate"] = (
                    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/'
                    'common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"'
                )
            self._answer(path, error.status, json.dumps(body).encode(), "application/json", headers)

        def _json(self, path: str, status: int, body: dict[str, Any]) -> None:
            self._answer(
                path, status, json.dumps(body).encode(), "application/json;odata.metadata=minimal"
            )

        def _answer(
            self,
            path: str,
            status: int,
            body: bytes,
            content_type: str,
            headers: dict[str, str] | None = None,
        ) -> None:
            graph.answers.append((path, status))
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("request-id", str(uuid.uuid4()))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    return Handler


class MintedTokens:
    """A TokenSource for the tests: mints what Microsoft's sign-in would give Pont, from the
    tests' signing key (the real one, MicrosoftTokens, is core/mail/microsoft's). A test may
    make it hand out expired tokens, or raise an error as a refused refresh does."""

    def __init__(
        self,
        signing_key: SigningKey,
        email: str,
        granted: tuple[str, ...] = ("Mail.Send", "Mail.Read", "User.Read"),
    ) -> None:
        self.signing_key = signing_key
        self.email = email
        self.granted = granted
        self.asked: list[Permission] = []
        self.expired = False  # hand out tokens whose time is up
        self.refusal: Exception | None = None  # raise this instead of giving a token

    def access_token(self, permission: Permission) -> str:
        self.asked.append(permission)
        if self.refusal is not None:
            raise self.refusal
        audience = GRAPH_AUDIENCE if permission.resource is Resource.GRAPH else MAILBOX_AUDIENCE
        lifetime = -120.0 if self.expired else 3600.0
        return self.signing_key.mint(self.email, self.granted, audience=audience, lifetime=lifetime)


class _HttpsServer(ThreadingHTTPServer):
    """HTTPS, with each connection's TLS handshake in its own thread (a client that connects
    and says nothing holds up nobody else)."""

    daemon_threads = True

    def __init__(self, context: ssl.SSLContext, handler: type[BaseHTTPRequestHandler]) -> None:
        self.context = context
        super().__init__((HOST, 0), handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        try:
            request = self.context.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            return
        try:
            super().finish_request(request, client_address)
        finally:
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RDWR)
            request.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client gone mid-answer (killed on purpose) is no error of the server's


class _Cut(Exception):
    """Cut the connection without answering."""
