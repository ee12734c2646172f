"""The check that a group's address reaches the coordinator's mailbox, before the group uses
it (issue 14, item 5): a test message with a unique token goes to the address, then the
mailbox is searched until it arrives or time runs out.

Some Microsoft 365 organisations turn plus addresses off (DisablePlusAddressInRecipients)
and some providers never had them: the test message then bounces or vanishes, and the
coordinator is offered copy-everyone-in mode or an address they already have (an alias, a
shared mailbox), which is checked in turn. On arrival the group records when
(groups.address_checked) and, for a typed address, that address (groups.address); the test
message is deleted where the mailbox allows it (IMAP; Graph reads with Mail.Read only)."""

from __future__ import annotations

import secrets
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.errors import MailError, PontError
from pont.core.i18n import translate
from pont.core.members.addresses import address_key, checked_address
from pont.core.members.groups import Group, get_group, group_address
from pont.core.posting.headers import HeaderWriter, check_serialised

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.mail.graph.client import GraphClient
    from pont.core.mail.tokens import Secret

CHECK_HEADER = "X-Pont-Address-Check"
DEFAULT_TIMEOUT = 60.0  # seconds: providers deliver to themselves within seconds
POLL_SECONDS = 2.0
# Graph's well-known names of the folders a test message may land in.
GRAPH_FOLDERS = ("inbox", "junkemail")


class CheckOutcome(StrEnum):
    ARRIVED = "arrived"
    MISSING = "missing"  # not there when time ran out, or the server refused the address
    STOPPED = "stopped"  # the coordinator cancelled


@dataclass(frozen=True, slots=True)
class CheckMessage:
    address: str
    message_key: str  # its Message-ID, without <>
    token: str
    mime: bytes


@dataclass(frozen=True, slots=True)
class AddressCheckResult:
    outcome: CheckOutcome
    address: str
    folder: str = ""  # where it arrived
    removed: bool = False  # the test message was deleted again
    refusal: str = ""  # the server's words when it refused the address outright
    checked: str = ""  # ISO time recorded in groups.address_checked


class AddressUnusable(PontError):
    def __init__(self, address: str) -> None:
        super().__init__(
            translate(
                "AddressCheck",
                "{address} is the mailbox itself, so it cannot tell the group’s mail from "
                "yours: type an alias or a shared mailbox that delivers to it.",
            ).format(address=address)
        )


class TestNotSent(MailError):
    def __init__(self, why: str) -> None:
        super().__init__(
            translate("AddressCheck", "Pont could not send the test message: {why}").format(why=why)
        )


def missing_sentence(address: str, typed: bool, refusal: str = "") -> str:
    """What the coordinator reads when the test message did not arrive."""
    if refusal:
        first = translate(
            "AddressCheck", "The mail server refused the test message to {address} ({why})."
        ).format(address=address, why=refusal)
    else:
        first = translate("AddressCheck", "The test message to {address} did not arrive.").format(
            address=address
        )
    if typed:
        return (
            first
            + " "
            + translate(
                "AddressCheck",
                "Check that the address is spelt right and that its mail comes to this mailbox.",
            )
        )
    return (
        first
        + " "
        + translate(
            "AddressCheck",
            "Some Microsoft 365 organisations turn plus addresses off "
            "(DisablePlusAddressInRecipients) and some providers never had them.",
        )
    )


def address_to_check(account: Account, group: Group, typed: str = "") -> str:
    """The address the check tries: the one typed (checked), else the group's own."""
    if not typed.strip():
        return group_address(account.email, group)
    address = checked_address(typed)
    if address_key(address) == address_key(account.email):
        raise AddressUnusable(address)
    return address


def check_message(account: Account, group: Group, address: str, now: datetime) -> CheckMessage:
    """The test message: to the address, from the mailbox, a token no one can guess.
    It carries X-Pont-Batch so that sync never sets it aside as a post to relay."""
    token = secrets.token_hex(12)
    coordinator = account.email.strip()
    headers = HeaderWriter()
    headers.addresses("From", [(account.display_name or "Pont", coordinator)])
    headers.addresses("To", [(group.name, address)])
    headers.text(
        "Subject",
        translate("AddressCheck", "Pont’s check of the address for {group}").format(
            group=group.name
        ),
    )
    headers.ascii("Date", format_datetime(now))
    domain = coordinator.rpartition("@")[2]
    message_id = make_msgid(domain=domain if domain.isascii() and domain else "pont.invalid")
    headers.ascii("Message-ID", message_id)
    headers.ascii(CHECK_HEADER, token)
    headers.ascii("X-Pont-Batch", "check")
    headers.ascii("Auto-Submitted", "auto-generated")
    smtputf8 = not (coordinator.isascii() and address.isascii())
    base = policy.SMTPUTF8 if smtputf8 else policy.SMTP
    message = EmailMessage(policy=base.clone(refold_source="none"))
    headers.apply(message)
    message.set_content(
        translate(
            "AddressCheck",
            "Pont sent this to see that mail to {address} reaches your mailbox. "
            "It deletes it once it has arrived; if you see it, you may delete it.",
        ).format(address=address)
        + "\n",
        cte="quoted-printable",
    )
    mime = message.as_bytes()
    check_serialised(mime, message, headers.meant)
    return CheckMessage(address, message_id.strip("<>"), token, mime)


def plus_address(account: Account, group: Group) -> str:
    """The group's +tag sub-address of the mailbox, whatever address the group has typed."""
    return group_address(account.email, replace(group, address=""))


def record_checked(
    db: Database, account: Account, group: Group, address: str, moment: datetime
) -> str:
    """The address reached the mailbox: remember when, and a typed address as the group's
    (the +tag sub-address is the group's when none is typed: stored as '')."""
    kept = "" if address_key(address) == address_key(plus_address(account, group)) else address
    checked = moment.isoformat(timespec="seconds")
    with db.atomic():
        db.execute(
            "UPDATE groups SET address = ?, address_checked = ? WHERE id = ?",
            [kept, checked, group.id],
        )
    return checked


# -- sending ---------------------------------------------------------------------------------


def send_by_smtp(account: Account, secret: Secret, message: CheckMessage) -> str:
    """Send the test message; the server's words when it refused the address ('' sent)."""
    from pont.core.mail.connections import leave_smtp, open_smtp

    smtp = open_smtp(account, secret)
    try:
        options = [] if message.address.isascii() else ["SMTPUTF8"]
        try:
            smtp.sendmail(account.email, [message.address], message.mime, mail_options=options)
        except smtplib.SMTPRecipientsRefused as error:
            code, words = next(iter(error.recipients.values()), (550, b""))
            return _words(code, words)
        except smtplib.SMTPResponseException as error:
            if 500 <= error.smtp_code < 600:
                return _words(error.smtp_code, error.smtp_error)
            raise TestNotSent(_words(error.smtp_code, error.smtp_error)) from error
        except (smtplib.SMTPException, OSError) as error:
            raise TestNotSent(str(error) or type(error).__name__) from error
    finally:
        leave_smtp(smtp)
    return ""


def _words(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())[:200]
    return f"{code} {text}".strip()


# -- looking for it --------------------------------------------------------------------------


def imap_folders(client: IMAPClient, address: str) -> list[str]:
    """INBOX, the Junk folder, and a folder named after the sub-address's detail (Fastmail
    files user+folder@ there)."""
    folders = ["INBOX"]
    detail = address.partition("@")[0].partition("+")[2].casefold()
    try:
        listed = client.list_folders()
    except Exception:  # a server that cannot list: INBOX alone
        return folders
    for flags, _delimiter, name in listed:
        if not isinstance(name, str) or name in folders:
            continue
        if b"\\Junk" in flags or (detail and name.casefold().rsplit("/", 1)[-1] == detail):
            folders.append(name)
    return folders


def find_by_imap(
    client: IMAPClient, folders: list[str], message: CheckMessage
) -> tuple[str, list[int]]:
    """The folder the test message is in and its UIDs; ('', []) when not there yet."""
    for folder in folders:
        client.select_folder(folder)
        uids = client.search(["HEADER", CHECK_HEADER, message.token])
        if uids:
            return folder, [int(uid) for uid in uids]
    return "", []


def remove_by_imap(client: IMAPClient, uids: list[int]) -> bool:
    """Delete the test message from the selected folder (expunging only it, where the
    server can); False when the server would not."""
    try:
        client.add_flags(uids, [b"\\Seen", b"\\Deleted"])
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)
    except Exception:
        return False
    return True


def find_by_graph(graph: GraphClient, message: CheckMessage) -> str:
    """The well-known folder the test message is in; '' when not there yet."""
    from pont.core.errors import GraphItemGone

    for folder in GRAPH_FOLDERS:
        try:
            if graph.find_messages(folder, f"<{message.message_key}>"):
                return folder
        except GraphItemGone:
            continue  # a mailbox without that folder
    return ""


# -- the whole check -------------------------------------------------------------------------


def check_address(
    db: Database,
    account: Account,
    secret: Secret,
    group_id: int,
    *,
    typed: str = "",
    timeout: float = DEFAULT_TIMEOUT,
    poll: float = POLL_SECONDS,
    stop: threading.Event | None = None,
    graph: Callable[[], GraphClient] | None = None,
    waiting: Callable[[float], None] | None = None,
) -> AddressCheckResult:
    """Send the test message and wait up to `timeout` seconds for it; record the address on
    arrival. `waiting` is told the seconds left at each look; setting `stop` cancels.
    Raises PontError (MailError) when the mailbox cannot be reached at all."""
    from pont.core.mail.accounts import ReadRoute, SendRoute

    stop = stop or threading.Event()
    group = get_group(db, group_id)
    address = address_to_check(account, group, typed)
    message = check_message(account, group, address, activity.now())
    client_graph: GraphClient | None = None
    needs_graph = account.sending is SendRoute.GRAPH or account.reading is ReadRoute.GRAPH
    if needs_graph:
        if graph is None:
            raise TypeError("an account that uses Microsoft Graph needs graph=")
        client_graph = graph()
    try:
        if account.sending is SendRoute.GRAPH and client_graph is not None:
            client_graph.send_mime(message.mime)
            refusal = ""
        else:
            refusal = send_by_smtp(account, secret, message)
        if refusal:
            return AddressCheckResult(CheckOutcome.MISSING, address, refusal=refusal)
        waiting_for = _Waiting(address, timeout, poll, stop, waiting)
        if account.reading is ReadRoute.GRAPH and client_graph is not None:
            found_by_graph = client_graph

            def look() -> tuple[str, bool] | None:
                folder = find_by_graph(found_by_graph, message)
                return (folder, False) if folder else None  # Graph's Mail.Read cannot delete

            return waiting_for.result(look, lambda: _record(db, account, group, address))
        return _wait_by_imap(db, group, account, secret, message, waiting_for)
    finally:
        if client_graph is not None:
            client_graph.close()


def _record(db: Database, account: Account, group: Group, address: str) -> str:
    return record_checked(db, account, group, address, activity.now())


@dataclass(frozen=True, slots=True)
class _Waiting:
    """Looking for the test message until it comes, the time runs out, or the check stops."""

    address: str
    timeout: float
    poll: float
    stop: threading.Event
    waiting: Callable[[float], None] | None

    def result(
        self, look: Callable[[], tuple[str, bool] | None], record: Callable[[], str]
    ) -> AddressCheckResult:
        """look() gives (the folder it came to, whether it was removed) once it has come."""
        deadline = time.monotonic() + self.timeout
        while True:
            found = look()
            if found is not None:
                folder, removed = found
                checked = record()
                return AddressCheckResult(
                    CheckOutcome.ARRIVED, self.address, folder, removed, checked=checked
                )
            left = deadline - time.monotonic()
            if left <= 0:
                return AddressCheckResult(CheckOutcome.MISSING, self.address)
            if self.waiting is not None:
                self.waiting(left)
            if self.stop.wait(min(self.poll, left)):
                return AddressCheckResult(CheckOutcome.STOPPED, self.address)


def _wait_by_imap(
    db: Database,
    group: Group,
    account: Account,
    secret: Secret,
    message: CheckMessage,
    waiting_for: _Waiting,
) -> AddressCheckResult:
    from pont.core.mail.connections import leave_imap, open_imap

    client = open_imap(account, secret)
    try:
        folders = imap_folders(client, message.address)

        def look() -> tuple[str, bool] | None:
            folder, uids = find_by_imap(client, folders, message)
            return (folder, remove_by_imap(client, uids)) if uids else None

        return waiting_for.result(look, lambda: _record(db, account, group, message.address))
    finally:
        leave_imap(client)
