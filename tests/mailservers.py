"""Real mail servers for the tests: a private Dovecot (IMAP, LMTP) and aiosmtpd (SMTP).

Both use TLS certificates from a throwaway `trustme` CA. Clients trust that CA through
`SSL_CERT_FILE` (which OpenSSL's default verify paths honour), never by turning verification
off, so Pont's production code runs unchanged. Every test gets a fresh mailbox user: the
passdb accepts any user name with `MailServer.password`, or with an access token for that
user signed by `MailServer.signing_key` (XOAUTH2 and OAUTHBEARER; see token_checks.py).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import email.utils
import os
import random
import shutil
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trustme
from aiosmtpd import smtp as aiosmtpd_smtp
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from imapclient import IMAPClient

from oauth_keys import SigningKey
from token_checks import Xoauth2Check, write_dovecot_oauth2

HOST = "127.0.0.1"
DOMAIN = "example.org"
# A name no test server answers to: a certificate for it, from the trusted CA, is one for
# "another name" (the certificate hostname check).
ELSEWHERE = "mail.elsewhere.example"
WATCHDOG = Path(__file__).with_name("server_watchdog.py")


def mailbox_user(address: str) -> str:
    """The Dovecot user that receives mail for an address.

    Dovecot 2.3's LMTP offers no SMTPUTF8 and refuses an address beyond ASCII, so the test
    SMTP server delivers such mail to an ASCII name for it: the domain in IDNA form and a
    local part beyond ASCII in punycode, after "utf8.". ASCII addresses are their own user.
    """
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        local = "utf8." + local.encode("punycode").decode("ascii")
    return f"{local}@{domain.encode('idna').decode('ascii')}"


def _ephemeral_ports() -> range:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return range(int(low), int(high) + 1)
    except (OSError, ValueError):
        return range(32768, 61000)  # Linux's default


def free_port() -> int:
    """A free port below the system's ephemeral range: a port the kernel handed out (bind to
    0) could be given again, between this probe and the server's bind, to any outgoing
    connection (the test servers make many), and the server then fails with EADDRINUSE."""
    ephemeral = _ephemeral_ports()
    chance = random.Random()
    for _ in range(200):
        port = chance.randrange(10_000, ephemeral.start)
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {seconds} s")


@dataclass
class Certificates:
    """A CA the tests trust, and a second one nobody trusts (for the untrusted-cert paths)."""

    folder: Path
    ca: trustme.CA = field(default_factory=trustme.CA)
    stranger: trustme.CA = field(default_factory=trustme.CA)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        trusted = self.ca.issue_cert("localhost", HOST)
        trusted.cert_chain_pems[0].write_to_path(str(self.folder / "server.pem"))
        trusted.private_key_pem.write_to_path(str(self.folder / "server.key"))
        untrusted = self.stranger.issue_cert("localhost", HOST)
        untrusted.cert_chain_pems[0].write_to_path(str(self.folder / "stranger.pem"))
        untrusted.private_key_pem.write_to_path(str(self.folder / "stranger.key"))
        elsewhere = self.ca.issue_cert(ELSEWHERE)  # trusted, but for another server
        elsewhere.cert_chain_pems[0].write_to_path(str(self.folder / "elsewhere.pem"))
        elsewhere.private_key_pem.write_to_path(str(self.folder / "elsewhere.key"))

    @property
    def ca_file(self) -> Path:
        return self.folder / "ca.pem"

    def server_context(self, trusted: bool = True, name: str = "") -> ssl.SSLContext:
        """The servers' TLS: the trusted certificate, the stranger's, or one by `name`."""
        name = name or ("server" if trusted else "stranger")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.folder / f"{name}.pem", self.folder / f"{name}.key")
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))


DOVECOT_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap lmtp
listen = {host}
ssl = yes
ssl_cert = <{certs}/{cert}.pem
ssl_key = <{certs}/{cert}.key
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
# Dovecot delays refused logins (up to 15 s) against guessing; tests refuse passwords often.
auth_failure_delay = 0
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
mail_location = maildir:~/Maildir
mail_fsync = never
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
mail_uid = dovecot
mail_gid = dovecot
passdb {{
  driver = static
  args = password={password}
  mechanisms = plain login
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {oauth2}
}}
userdb {{
  driver = static
  args = home={root}/home/%u allow_all_users=yes
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps_port}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {host}
    port = {lmtp_port}
  }}
}}
"""


class Dovecot:
    """A private Dovecot in a temp dir, on free loopback ports; `stop()` when done."""

    def __init__(
        self,
        root: Path,
        certificates: Certificates,
        password: str,
        trusted: bool,
        signing_key: SigningKey,
    ):
        if shutil.which("dovecot") is None:
            raise RuntimeError(
                "Dovecot is not installed: the mail tests need it. "
                "`python3 dev.py test` installs it (apt-get install dovecot-imapd dovecot-lmtpd)."
            )
        version = subprocess.run(["dovecot", "--version"], capture_output=True, text=True)
        if version.stdout.startswith("2.4"):
            raise RuntimeError(
                "This is Dovecot 2.4, whose configuration syntax differs from 2.3's; "
                "tests/mailservers.py writes a 2.3 configuration and needs updating for it."
            )
        self.root = root
        self.imap_port, self.imaps_port, self.lmtp_port = free_port(), free_port(), free_port()
        (root / "home").mkdir()
        self.config = root / "dovecot.conf"
        self.config.write_text(
            DOVECOT_CONFIG.format(
                root=root,
                host=HOST,
                certs=certificates.folder,
                cert="server" if trusted else "stranger",
                password=password,
                oauth2=write_dovecot_oauth2(root, signing_key),
                imap_port=self.imap_port,
                imaps_port=self.imaps_port,
                lmtp_port=self.lmtp_port,
            )
        )
        shutil.chown(root / "home", "dovecot", "dovecot")
        # In the foreground, under a watchdog of its own process group that stops it when
        # this process ends however it ends: a test run killed by SIGKILL or SIGABRT runs no
        # fixture teardown, and a daemonised Dovecot would run on.
        self.process = subprocess.Popen(
            [sys.executable, str(WATCHDOG), str(os.getpid()), str(root), "--",
             "dovecot", "-F", "-c", str(self.config)],
            start_new_session=True,
        )  # fmt: skip
        try:
            for port in (self.imap_port, self.imaps_port, self.lmtp_port):
                wait_for_port(port)
        except BaseException:
            self.stop()
            raise

    def doveadm(self, *args: str) -> None:
        subprocess.run(["doveadm", "-c", str(self.config), *args], check=True)

    def stop(self) -> None:
        subprocess.run(
            ["doveadm", "-c", str(self.config), "stop"], check=False, capture_output=True
        )
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.terminate()  # the watchdog stops Dovecot on its way out
            self.process.wait(15)
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class SmtpFaults:
    """Switches for one test's own SMTP server (`MailServer.start_smtp`). The defaults change
    nothing; a test may flip them while the server runs."""

    # Once this many messages were accepted, answer MAIL with 421 and close the connection,
    # `busy_times` times in all (then accept again, as a provider's hourly cap lifts).
    busy_after: int | None = None
    busy_times: int = 1
    # Recipient address (lower case) → the reply to its RCPT, e.g. "550 5.1.1 No such user".
    refuse: dict[str, str] = field(default_factory=dict)
    # Cut the connection once the message data has come, without taking it: the next N times.
    drop_before_accepting: int = 0
    # Take the message (to deliver, to file in Sent), then cut before the 250: the next N times.
    drop_after_accepting: int = 0
    # Seconds before answering MAIL, and before taking the data once it has all come: a
    # client gone during the delay leaves nothing taken; once taken, the message is delivered
    # and filed in Sent however soon the client goes.
    delay: float = 0.0
    # 552 5.3.4 above this many bytes; the server then advertises no SIZE, so only the
    # answer to the data says it.
    max_size: int | None = None
    save_to_sent: bool = False  # file each accepted message in the sender's Sent, as Gmail does
    # Answer a good XOAUTH2 token with Exchange Online's "535 5.7.139 ... SmtpClientAuthentication
    # is disabled for the Tenant", as a tenant with SMTP AUTH turned off does.
    smtp_auth_disabled: bool = False
    deliver: bool = True  # False: accept and forget (for timing the client alone)
    # Every server answers 250 once it has taken the message and delivers afterwards, as
    # real servers do (wait_for_deliveries() waits for those). This delays the delivery
    # (and the Sent copy) this many seconds more, for a test that wants it late.
    deliver_after: float = 0.0
    # Recipient addresses (lower case) that do not exist, besides every "dead-…" address:
    # taken at RCPT like any other, then returned to the envelope sender in a DSN.
    unknown: set[str] = field(default_factory=set)
    # Deliver no copy to the envelope sender's own address, as providers that drop a copy
    # sent to oneself do.
    drop_to_sender: bool = False
    # Hold the `pause_on`-th transaction (counted from 1, at each MAIL) at one point, set
    # `paused`, and wait for `resume`: 'mail' (before answering MAIL), 'data' (all the data
    # came, nothing taken yet: a client gone meanwhile leaves nothing taken) or 'taken' (taken,
    # its delivery under way, before the 250). A test kills the client there.
    pause_at: str = ""
    pause_on: int = 1
    paused: threading.Event = field(default_factory=threading.Event)
    resume: threading.Event = field(default_factory=threading.Event)


# Addresses starting with this do not exist on the test servers: mail to them comes back to
# its envelope sender as a DSN, as a provider's does for a dead address.
DEAD_PREFIX = "dead-"
# A recipient Dovecot defers is tried this many times, as a real queue would, before the
# test server says it could not deliver (never a silent loss).
DELIVERY_ATTEMPTS = 5


class _PendingDeliveries:
    """Deliveries every test SMTP server of this process has taken but not yet made."""

    def __init__(self) -> None:
        self._pending: set[object] = set()
        self._changed = threading.Condition()

    def begin(self, delivery: object) -> None:
        with self._changed:
            self._pending.add(delivery)

    def end(self, delivery: object) -> None:
        with self._changed:
            self._pending.discard(delivery)
            self._changed.notify_all()

    def wait(self, seconds: float, among: Callable[[object], bool] = lambda _: True) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: not any(among(d) for d in self._pending), seconds)


_PENDING = _PendingDeliveries()


def wait_for_deliveries(seconds: float = 30.0) -> None:
    """Wait until the test SMTP servers delivered all they answered 250 to (deliberately
    late deliveries, `SmtpFaults.deliver_after`, aside): a test that reads a mailbox right
    after sending waits for the server's queue, as a person waits for mail to arrive."""
    if not _PENDING.wait(seconds):
        raise AssertionError(f"the test SMTP server still had mail to deliver after {seconds} s")


def delivery_status_notification(sender: str, failed: list[str], original: bytes) -> bytes:
    """An RFC 3464 report to `sender` that `failed` do not exist, as Postfix writes one:
    a note, the message/delivery-status part, and the returned message's headers."""
    end = original.find(b"\r\n\r\n")
    headers = original[: end + 2] if end >= 0 else original
    boundary = f"pont-test-dsn-{uuid.uuid4().hex}"
    blocks = "".join(
        f"\r\nFinal-Recipient: rfc822; {address}\r\nOriginal-Recipient: rfc822;{address}\r\n"
        "Action: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.example.org\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{address}>: Recipient address rejected:"
        " User unknown\r\n"
        for address in failed
    )
    listed = "".join(f"<{address}>: host mx.example.org said: 550 5.1.1 User unknown\r\n"
                     for address in failed)  # fmt: skip
    head = (
        f"From: MAILER-DAEMON@{DOMAIN} (Mail Delivery System)\r\n"
        f"To: {sender}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <dsn-{uuid.uuid4().hex}@{DOMAIN}>\r\n"
        f"Date: {email.utils.formatdate()}\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n'
        "\r\n"
        f"--{boundary}\r\nContent-Description: Notification\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
        "This is the mail system at the test server.\r\n\r\n"
        "Your message could not be delivered to one or more recipients.\r\n\r\n"
        f"{listed}\r\n"
        f"--{boundary}\r\nContent-Description: Delivery report\r\n"
        "Content-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.{DOMAIN}\r\n"
        f"X-Postfix-Sender: rfc822; {sender}\r\n"
        f"{blocks}\r\n"
        f"--{boundary}\r\nContent-Description: Undelivered Message Headers\r\n"
        "Content-Type: text/rfc822-headers\r\n\r\n"
    ).encode()
    return head + headers + f"\r\n--{boundary}--\r\n".encode()


class _Delivery:
    """aiosmtpd handler: keeps what it accepts and delivers it into Dovecot over LMTP, after
    its 250; mail to an unknown recipient comes back to the sender as a DSN."""

    def __init__(
        self,
        lmtp_port: int,
        tokens: Xoauth2Check,
        faults: SmtpFaults | None = None,
        save_sent: Callable[[str, bytes], None] | None = None,
    ) -> None:
        self.lmtp_port = lmtp_port
        self.tokens = tokens
        self.faults = faults or SmtpFaults()
        self.save_sent = save_sent
        self.received: list[Envelope] = []
        self.accepted = 0
        self.cut = 0  # connections cut on purpose
        self.transactions = 0  # MAIL commands answered
        self.interrupted = 0  # transactions held at a pause whose client went away meanwhile
        self._taking: set[asyncio.Future[None]] = set()  # messages being taken (kept alive)

    async def auth_XOAUTH2(  # noqa: N802 (aiosmtpd's name for a mechanism's method)
        self, server: aiosmtpd_smtp.SMTP, args: list[str]
    ) -> AuthResult:
        return await self.tokens.authenticate(server, args, self.faults.smtp_auth_disabled)

    async def _pause(self, point: str, envelope: Envelope) -> None:
        faults = self.faults
        if faults.pause_at != point or getattr(envelope, "number", 0) != faults.pause_on:
            return
        faults.paused.set()
        try:
            while not faults.resume.is_set():
                await asyncio.sleep(0.01)
        except asyncio.CancelledError:  # aiosmtpd's word that the connection was lost
            self.interrupted += 1
            raise

    async def handle_MAIL(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: aiosmtpd_smtp.SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        options: list[str],
    ) -> str:
        faults = self.faults
        self.transactions += 1
        envelope.number = self.transactions  # type: ignore[attr-defined]
        await self._pause("mail", envelope)
        if faults.delay:
            await asyncio.sleep(faults.delay)
        busy = faults.busy_after is not None and self.accepted >= faults.busy_after
        if busy and faults.busy_times > 0:
            faults.busy_times -= 1
            asyncio.get_running_loop().call_soon(server.transport.close)
            return "421 4.7.0 Too many messages for now, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: aiosmtpd_smtp.SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        options: list[str],
    ) -> str:
        refusal = self.faults.refuse.get(address.lower())
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 (aiosmtpd's hook name)
        self, server: aiosmtpd_smtp.SMTP, session: Session, envelope: Envelope
    ) -> str:
        faults = self.faults
        content = envelope.original_content or b""
        if faults.delay:
            await asyncio.sleep(faults.delay)
        if faults.max_size is not None and len(content) > faults.max_size:
            return "552 5.3.4 Message size exceeds fixed maximum message size"
        if faults.drop_before_accepting > 0:
            faults.drop_before_accepting -= 1
            return self._cut(server)
        await self._pause("data", envelope)
        # Taking the message is one step the client cannot interrupt, as at a real server,
        # which commits a message it has whole and then delivers it and (Gmail) files it in
        # Sent whether or not the client waits for the 250. aiosmtpd cancels this handler
        # when the connection drops: without the shield a client killed mid-delivery left a
        # message delivered (the delivery thread runs on) but never filed in Sent.
        # Its delivery is queued by the taking itself, not by this handler: a client killed
        # while the server took the message must not leave it filed in Sent, never delivered.
        taking = asyncio.ensure_future(self._take(envelope, content, faults.deliver_after))
        self._taking.add(taking)
        if not faults.deliver_after:  # (a deliberately late delivery is not waited for)
            _PENDING.begin(taking)  # counted from the start: no wait ends between the two
            taking.add_done_callback(
                lambda took: None if took.cancelled() else self._deliver_soon(envelope, content)
            )
            taking.add_done_callback(_PENDING.end)
        taking.add_done_callback(self._taking.discard)
        if not faults.deliver_after:
            await asyncio.shield(taking)
        await self._pause("taken", envelope)
        if faults.drop_after_accepting > 0:
            faults.drop_after_accepting -= 1
            return self._cut(server)
        return "250 OK"

    async def _take(self, envelope: Envelope, content: bytes, later: float = 0.0) -> None:
        """Take the message: counted, and (Gmail) filed in Sent; delivered after the 250
        (_deliver_soon), or with a `later` delay, after that delay, Sent copy and all."""
        self.received.append(envelope)
        self.accepted += 1
        if later:
            await asyncio.sleep(later)
            await self._deliver_all(envelope, content)
        if self.faults.save_to_sent and self.save_sent is not None:
            await asyncio.to_thread(self.save_sent, envelope.mail_from, content)

    def _deliver_soon(self, envelope: Envelope, content: bytes) -> None:
        """Deliver in the background, as a real server's queue does, counted in _PENDING so
        that wait_for_deliveries() can wait for it."""
        delivering = asyncio.ensure_future(self._deliver_all(envelope, content))
        _PENDING.begin(delivering)
        self._taking.add(delivering)
        delivering.add_done_callback(self._taking.discard)
        delivering.add_done_callback(_PENDING.end)

    async def _deliver_all(self, envelope: Envelope, content: bytes) -> None:
        recipients = list(envelope.rcpt_tos)
        if self.faults.drop_to_sender:
            sender = (envelope.mail_from or "").casefold()
            recipients = [r for r in recipients if r.casefold() != sender]
        unknown = [r for r in recipients if self._unknown(r)]
        recipients = [r for r in recipients if r not in unknown]
        if self.faults.deliver and recipients:
            await asyncio.to_thread(self._deliver, envelope.mail_from, recipients, content)
        if self.faults.deliver and unknown and envelope.mail_from:
            report = delivery_status_notification(envelope.mail_from, unknown, content)
            await asyncio.to_thread(self._deliver, "", [envelope.mail_from], report)

    def owns(self, delivering: object) -> bool:
        return delivering in self._taking

    def pending(self) -> list[asyncio.Future[None]]:
        return list(self._taking)

    def _unknown(self, address: str) -> bool:
        folded = address.casefold()
        return folded.startswith(DEAD_PREFIX) or folded in self.faults.unknown

    def _cut(self, server: aiosmtpd_smtp.SMTP) -> str:
        self.cut += 1
        server.transport.abort()
        # aiosmtpd writes this to the closed connection, where it goes nowhere.
        return "250 OK"

    def _deliver(self, sender: str, recipients: list[str], content: bytes) -> None:
        """Deliver over LMTP as a real server's queue does: a recipient Dovecot defers (4xx,
        as it may for a moment under load) is tried again, not dropped. (One refused
        outright, 5xx, is left out, as before: a test may name a user who does not exist.)"""
        users = [mailbox_user(recipient) for recipient in recipients]
        for attempt in range(DELIVERY_ATTEMPTS):
            users = self._deliver_once(mailbox_user(sender) if sender else "", users, content)
            if not users:
                return
            time.sleep(0.2 * (attempt + 1))
        print(f"the test SMTP server could not deliver to {users}", file=sys.stderr)

    def _deliver_once(self, sender: str, users: list[str], content: bytes) -> list[str]:
        """One LMTP transaction; the users whose delivery was deferred (4xx), to try again."""
        with smtplib.LMTP(HOST, self.lmtp_port) as lmtp:
            lmtp.ehlo_or_helo_if_needed()
            if lmtp.mail(sender)[0] != 250:
                return users
            answered = {user: lmtp.rcpt(user)[0] for user in users}
            taken = [user for user, code in answered.items() if code in (250, 251)]
            deferred = [user for user, code in answered.items() if 400 <= code < 500]
            if not taken:
                return deferred
            try:
                first = lmtp.data(content)
            except smtplib.SMTPDataError:
                return deferred + taken
            # LMTP answers the data once per recipient (RFC 2033); data() reads the first.
            codes = [first[0], *(lmtp.getreply()[0] for _ in taken[1:])]
            return deferred + [
                user for user, code in zip(taken, codes, strict=True) if 400 <= code < 500
            ]


class _Authenticator:
    def __init__(self, password: str) -> None:
        self.password = password.encode()

    def __call__(
        self,
        server: aiosmtpd_smtp.SMTP,
        session: Session,
        envelope: Envelope,
        mechanism: str,
        data: object,
    ) -> AuthResult:
        if isinstance(data, LoginPassword) and data.password == self.password:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


# RFC 4954: an AUTH command line, initial response included, may be 12,288 octets; an
# XOAUTH2 one carries a whole access token. aiosmtpd allows 512 for a command and 1,001 for
# any line, which stays the limit for the message's lines.
AUTH_LINE_LIMIT = 12_288


class _SmtpSession(aiosmtpd_smtp.SMTP):
    """aiosmtpd's SMTP protocol, taking AUTH lines as long as RFC 4954 allows."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        # The stream reader's limit is set from line_length_limit as it is made.
        self.line_length_limit = AUTH_LINE_LIMIT + 2
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.line_length_limit = aiosmtpd_smtp.SMTP.line_length_limit
        self.command_size_limits = collections.defaultdict(
            lambda: aiosmtpd_smtp.SMTP.command_size_limit, AUTH=AUTH_LINE_LIMIT
        )


class _Controller(Controller):
    def factory(self) -> aiosmtpd_smtp.SMTP:
        return _SmtpSession(self.handler, **self.SMTP_kwargs)


class Smtp:
    """aiosmtpd with AUTH: implicit TLS on `smtps_port`, STARTTLS required on `smtp_port`.
    It offers SMTPUTF8 (RFC 6531) only when told to: without it, it refuses any command
    beyond ASCII ("500 Error: strict ASCII mode"), as servers without it do. Besides the
    password it takes XOAUTH2 access tokens signed by `signing_key` (see token_checks.py)."""

    def __init__(
        self,
        certificates: Certificates,
        password: str,
        lmtp_port: int,
        signing_key: SigningKey,
        faults: SmtpFaults | None = None,
        save_sent: Callable[[str, bytes], None] | None = None,
        smtputf8: bool = False,
    ) -> None:
        self.tokens = Xoauth2Check(signing_key)
        self.delivery = _Delivery(lmtp_port, self.tokens, faults, save_sent)
        self.smtp_port, self.smtps_port = free_port(), free_port()
        authenticator = _Authenticator(password)
        options: dict[str, object] = {"enable_SMTPUTF8": smtputf8}
        if faults and faults.max_size is not None:
            # No SIZE advertised when a test limits the size: the 552 must come from the server.
            options["data_size_limit"] = None
        self._controllers = [
            _Controller(
                self.delivery,
                hostname=HOST,
                port=self.smtp_port,
                tls_context=certificates.server_context(),
                require_starttls=True,
                authenticator=authenticator,
                auth_required=True,
                **options,
            ),
            _Controller(
                self.delivery,
                hostname=HOST,
                port=self.smtps_port,
                server_hostname="localhost",
                ssl_context=certificates.server_context(),
                authenticator=authenticator,
                auth_required=True,
                # aiosmtpd only counts STARTTLS as TLS; this listener is TLS from the start.
                auth_require_tls=False,
                **options,
            ),
        ]
        for controller in self._controllers:
            controller.start()

    @property
    def received(self) -> list[Envelope]:
        return self.delivery.received

    @property
    def faults(self) -> SmtpFaults:
        return self.delivery.faults

    def stop(self) -> None:
        # What it took is delivered first; what cannot be (a test stopped it mid-delivery)
        # is forgotten, or wait_for_deliveries() would wait for it in every later test.
        mine = self.delivery.owns
        _PENDING.wait(10.0, mine)
        for controller in self._controllers:
            controller.stop()
        for delivering in list(self.delivery.pending()):
            _PENDING.end(delivering)


@dataclass
class MailServer:
    """The servers one test session shares; each test takes its own user with `new_user()`."""

    dovecot: Dovecot
    smtp: Smtp
    certificates: Certificates
    password: str
    signing_key: SigningKey  # what the servers check access tokens against
    host: str = HOST

    @property
    def imap_port(self) -> int:
        """Plain IMAP that offers STARTTLS."""
        return self.dovecot.imap_port

    @property
    def imaps_port(self) -> int:
        return self.dovecot.imaps_port

    @property
    def smtp_port(self) -> int:
        """SMTP that requires STARTTLS before AUTH."""
        return self.smtp.smtp_port

    @property
    def smtps_port(self) -> int:
        return self.smtp.smtps_port

    @property
    def ca_file(self) -> Path:
        return self.certificates.ca_file

    def new_user(self, prefix: str = "coordinator") -> str:
        return f"{prefix}-{uuid.uuid4().hex[:10]}@{DOMAIN}"

    def deliver(self, user: str, raw: bytes, sender: str = f"someone@{DOMAIN}") -> None:
        """Put a message in the user's INBOX as a mail server would (LMTP)."""
        with smtplib.LMTP(HOST, self.dovecot.lmtp_port) as lmtp:
            lmtp.sendmail(sender, [user], raw)

    @contextlib.contextmanager
    def imap(self, user: str) -> Iterator[IMAPClient]:
        """A logged-in IMAP connection over implicit TLS, for seeding and checking."""
        client = IMAPClient(
            HOST, port=self.imaps_port, ssl=True, ssl_context=self.certificates.client_context()
        )
        try:
            client.login(user, self.password)
            yield client
        finally:
            with contextlib.suppress(Exception):
                client.logout()

    def append(self, user: str, folder: str, raw: bytes, seen: bool = True) -> None:
        with self.imap(user) as client:
            client.append(folder, raw, flags=[b"\\Seen"] if seen else [])

    def start_smtp(self, faults: SmtpFaults | None = None, *, smtputf8: bool = False) -> Smtp:
        """A second SMTP server of the test's own, on new ports, delivering into the same
        Dovecot, with fault switches, offering SMTPUTF8 when asked; `stop()` it when done
        (the `fault_smtp` fixture does)."""

        def save_sent(user: str, raw: bytes) -> None:
            self.append(mailbox_user(user), "Sent", raw)

        return Smtp(
            self.certificates,
            self.password,
            self.dovecot.lmtp_port,
            self.signing_key,
            faults,
            save_sent,
            smtputf8,
        )

    def set_uidvalidity(self, user: str, folder: str, uidvalidity: int) -> None:
        self.dovecot.doveadm(
            "mailbox", "update", "-u", user, "--uid-validity", str(uidvalidity), folder
        )


@dataclass
class Mailbox:
    """One test's own mailbox on the shared servers."""

    server: MailServer
    email: str

    @property
    def password(self) -> str:
        return self.server.password


def start_mail_server(
    root: Path,
    password: str = "correct-horse-battery-9",
    signing_key: SigningKey | None = None,
) -> MailServer:
    """The servers, taking `password` and access tokens signed by `signing_key` (a new key
    when none is given)."""
    key = signing_key or SigningKey()
    certificates = Certificates(root / "certs")
    # Dovecot's mail processes run as the dovecot user, who cannot enter pytest's 0700 dirs.
    dovecot_root = Path(tempfile.mkdtemp(prefix="pont-dovecot-"))
    dovecot_root.chmod(0o755)
    dovecot = Dovecot(dovecot_root, certificates, password, trusted=True, signing_key=key)
    try:
        smtp = Smtp(certificates, password, dovecot.lmtp_port, key)
    except BaseException:
        dovecot.stop()
        raise
    return MailServer(dovecot, smtp, certificates, password, key)


class DropProxy:
    """A TCP proxy to a server that cuts both sides once `drop_after` bytes came back.

    Set `drop_after` to None to pass everything through. Each new connection starts counting
    from zero, so a test can cut the first sync and let the next one through. What the clients
    sent is kept in `from_clients`, for tests that read the conversation.
    """

    def __init__(self, target_port: int, drop_after: int | None = None) -> None:
        self.target_port = target_port
        self.drop_after = drop_after
        self.dropped = 0
        self.from_clients = bytearray()
        self._listener = socket.create_server((HOST, 0))
        self.port = int(self._listener.getsockname()[1])
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection((HOST, self.target_port))
            self._open += [client, server]
            limit = self.drop_after
            upstream = (client, server, None, self.from_clients)
            threading.Thread(target=self._pipe, args=upstream, daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, limit), daemon=True).start()

    def _pipe(
        self,
        source: socket.socket,
        sink: socket.socket,
        limit: int | None,
        record: bytearray | None = None,
    ) -> None:
        passed = 0
        try:
            while data := source.recv(65536):
                if record is not None:
                    record += data
                if limit is not None and passed + len(data) >= limit:
                    sink.sendall(data[: max(0, limit - passed)])
                    self.dropped += 1
                    break
                sink.sendall(data)
                passed += len(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self) -> None:
        self._listener.close()
        for end in self._open:
            with contextlib.suppress(OSError):
                end.close()


class TlsProxy:
    """A TLS proxy that reads the conversation in clear: in front of a test server's implicit
    TLS port (`upstream_tls`), or of a plain port, as a TLS front with a certificate of the
    test's choosing (`context`).

    For SMTP it can cut the transactions numbered in `cut_after_data` (from 1, over all
    connections, counted at each end of data): the end of the data reaches the server, the
    server answers (it has taken the message), and the proxy then cuts both connections
    instead of passing the answer on. `cut` counts those cuts."""

    def __init__(
        self,
        certificates: Certificates,
        target_port: int,
        *,
        upstream_tls: bool = True,
        context: ssl.SSLContext | None = None,
    ) -> None:
        self.target_port = target_port
        self.cut_after_data: set[int] = set()
        self.transactions = 0
        self.cut = 0
        self._upstream = certificates.client_context() if upstream_tls else None
        self._open: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        listening = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(
                self._serve, HOST, 0, ssl=context or certificates.server_context()
            ),
            self._loop,
        )
        self._server = listening.result(10)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def _serve(self, client: asyncio.StreamReader, to_client: asyncio.StreamWriter) -> None:
        try:
            server, to_server = await asyncio.open_connection(
                HOST,
                self.target_port,
                ssl=self._upstream,
                server_hostname=HOST if self._upstream else None,
            )
        except OSError:
            to_client.transport.abort()
            return
        self._open.update((to_client, to_server))
        cutting: list[bool] = []  # the next answer from the server is to be cut
        await asyncio.gather(
            self._to_server(client, to_server, cutting),
            self._to_client(server, to_client, to_server, cutting),
            return_exceptions=True,
        )

    async def _to_server(
        self, client: asyncio.StreamReader, to_server: asyncio.StreamWriter, cutting: list[bool]
    ) -> None:
        commands, tail, in_data = b"", b"", False
        while data := await client.read(65536):
            rest = data
            while rest:
                if in_data:
                    window = tail + rest
                    end = window.find(b"\r\n.\r\n")
                    if end < 0:
                        tail, rest = window[-4:], b""
                        continue
                    in_data, tail = False, b""
                    rest = window[end + 5 :]
                    self.transactions += 1
                    if self.transactions in self.cut_after_data:
                        cutting.append(True)  # before the end goes on: its answer is cut
                else:
                    commands += rest
                    rest = b""
                    while b"\r\n" in commands:
                        line, commands = commands.split(b"\r\n", 1)
                        if line.strip().upper() == b"DATA":
                            in_data, tail, rest, commands = True, b"\r\n", commands, b""
                            break
            to_server.write(data)
            await to_server.drain()
        to_server.close()

    async def _to_client(
        self,
        server: asyncio.StreamReader,
        to_client: asyncio.StreamWriter,
        to_server: asyncio.StreamWriter,
        cutting: list[bool],
    ) -> None:
        while data := await server.read(65536):
            if cutting:
                self.cut += 1
                to_client.transport.abort()
                to_server.transport.abort()
                return
            to_client.write(data)
            await to_client.drain()
        to_client.close()

    async def _shut(self) -> None:
        self._server.close()
        for writer in self._open:
            if not writer.transport.is_closing():  # Python 3.11.2 fails on a closed one
                writer.transport.abort()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shut(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()


PONT = str(Path(sys.executable).parent / "pont")


def pont_environment(ca_file: Path | None = None) -> dict[str, str]:
    """The environment for a `pont` subprocess: it trusts the test CA when given one, and it
    can never reach the real keyring (it cannot see the tests' in-memory one either)."""
    environment = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    if ca_file is not None:
        environment["SSL_CERT_FILE"] = str(ca_file)
    return environment


def run_pont(
    data_dir: Path, *args: str, stdin: str = "", ca_file: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`pont --data-dir DATA_DIR ARGS…` run as a coordinator runs it, in its own process."""
    return subprocess.run(
        [PONT, "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=pont_environment(ca_file),
        timeout=timeout,
    )
