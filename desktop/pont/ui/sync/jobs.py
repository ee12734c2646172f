"""The background work of a sync: plain data in, plain data out, on the worker's thread."""

from __future__ import annotations

import contextlib
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pont.core.errors import MicrosoftSignInExpired, PontError
from pont.ui.accounts.jobs import JobReports, Stopped

if TYPE_CHECKING:
    from imapclient import IMAPClient
    from sqlite_utils import Database

    from pont.core.archive.sync import SyncProgress, SyncReport
    from pont.core.group_mail.handling import GroupMailReport
    from pont.core.mail.accounts import Account
    from pont.core.mail.graph.client import GraphClient
    from pont.core.mail.tokens import Secret

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Connecting:
    """Reported as the job starts on an account."""

    email: str
    host: str


@dataclass(frozen=True, slots=True)
class AccountOutcome:
    email: str
    report: SyncReport | None = None
    error: PontError | None = None
    # What handling the mail sync set aside did (relayed, held, requests, bounces, …).
    group_mail: GroupMailReport | None = None
    to_send: int = 0  # the account's posts queued (relays, notices, replies): send them now


@dataclass
class SyncRun:
    """One sync in progress: what its job reports, and its connection (to cut at closing)."""

    reports: JobReports[Connecting | SyncProgress] = field(default_factory=JobReports)
    client: IMAPClient | None = None
    several: bool = False
    email: str = ""  # the account being synced, as last reported

    def cut_connection(self) -> None:
        """Unblock the job at once: its socket read fails and the sync stops (what it has
        committed stays). Only the socket is shut; the job closes the rest on its thread."""
        client = self.client
        if client is not None:
            with contextlib.suppress(OSError, AttributeError):
                socket.socket.shutdown(client.socket(), socket.SHUT_RDWR)


def sync_job(
    database_path: Path,
    accounts: list[tuple[Account, Secret]],
    run: SyncRun,
    progress: Callable[[int, int], None],
) -> list[AccountOutcome]:
    """Sync each account in turn on the worker's thread, with its own database connection."""
    from pont.core.archive import sync
    from pont.core.mail.connections import open_imap
    from pont.core.profile.store import BACKGROUND_WAIT, open_database

    send = run.reports.sender(progress)
    outcomes: list[AccountOutcome] = []
    db = open_database(database_path, busy_timeout=BACKGROUND_WAIT)
    try:
        for account, password in accounts:

            def connect(account: Account = account, password: Secret = password) -> IMAPClient:
                # Sync connects again after a drop: not once the window has asked it to stop.
                run.reports.check()
                client = open_imap(account, password)
                run.client = client
                return client

            def graph(account: Account = account, secret: Secret = password) -> GraphClient:
                from pont.core.mail.graph.client import GraphClient
                from pont.core.profile.settings import microsoft_setup

                if isinstance(secret, str):
                    raise MicrosoftSignInExpired(account.email)  # Graph takes no password
                endpoint = microsoft_setup(db).graph_endpoint
                return GraphClient(endpoint, secret, stop=run.reports.stop_event)

            send(Connecting(account.email, account.imap.host))
            report: SyncReport | None = None
            failure: PontError | None = None
            try:
                report = sync.sync_account(db, account.id, connect, send, graph=graph)
            except Stopped:
                break
            except PontError as error:
                failure = error
            finally:
                run.client = None
            # What the sync set aside before it ended (or failed part-way) is handled now,
            # on this thread: relays, notices and replies are queued for the outbox.
            handled, to_send = handle_set_aside(db, account)
            outcomes.append(AccountOutcome(account.email, report, failure, handled, to_send))
    finally:
        db.close()
    return outcomes


def handle_set_aside(db: Database, account: Account) -> tuple[GroupMailReport | None, int]:
    """Handle the account's set-aside mail; with the count of its posts queued to go. A
    database that stays busy (another Pont command writing) leaves the mail for next time."""
    import sqlite3

    from pont.core.group_mail.handling import handle_new_mail
    from pont.core.group_mail.status import waiting_to_send

    try:
        handled = handle_new_mail(db, account)
        return handled, waiting_to_send(db, account.id)
    except sqlite3.OperationalError:
        log.warning("The group's mail for %s waits for the next sync", account.email)
        return None, 0
