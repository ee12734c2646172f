"""Sync's IMAP connection: made again when the server drops it, and the message that makes
it drop found and passed over, so no message can stop a sync."""

from __future__ import annotations

import imaplib
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TypeVar

from pont.core.errors import ServerRefused
from pont.core.i18n import translate
from pont.core.mail.server_answers import server_answer

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]

    from pont.core.archive.sync_state import SyncedFolder

log = logging.getLogger(__name__)

# A message whose fetch alone drops the connection this many times is passed over.
DROP_TRIES = 3
# Connecting again costs a log-in; one sync does it at most this often, then stops as on any
# cut connection (keeping what it committed), and the next sync carries on.
MAX_RECONNECTS = 40

# What a dropped connection looks like from imaplib: its abort (EOF, unterminated line),
# socket and TLS errors (OSError), and EOFError from a half-read literal.
CONNECTION_ERRORS = (imaplib.IMAP4.abort, OSError, EOFError)

Fetched = TypeVar("Fetched")


@contextmanager
def asking(host: str, what: str) -> Iterator[None]:
    """Turn the server's NO or BAD to the commands inside into ServerRefused(what)."""
    try:
        yield
    except imaplib.IMAP4.abort:  # a dropped connection: ConnectionLost, further up
        raise
    except imaplib.IMAP4.error as error:
        raise ServerRefused(host, what, server_answer(error)) from error


def close_client(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the connection may be gone already; nothing left to tidy
        with suppress(Exception):
            client.shutdown()


class SyncConnection:
    """One sync's connection to the server, connected again (at most MAX_RECONNECTS times)
    when a fetch drops it."""

    def __init__(self, host: str, connect: Callable[[], IMAPClient]) -> None:
        self.host = host
        self._connect = connect
        self._client: IMAPClient | None = None
        self.reconnects = 0
        self._drops: Counter[tuple[int, int]] = Counter()  # (folder id, uid) → drops alone
        self._served = False  # whether any fetch of this sync came through

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def close(self) -> None:
        if self._client is not None:
            close_client(self._client)
            self._client = None

    def fetch(
        self,
        folder: SyncedFolder,
        uids: list[int],
        fetch: Callable[[IMAPClient, list[int]], dict[int, Fetched]],
        what: str,
        pass_over: Callable[[int], None],
    ) -> dict[int, Fetched]:
        """fetch(client, uids), through dropped connections. After a drop the sync connects
        again and fetches each half, so a message that drops the connection every time is
        found: alone, it is tried DROP_TRIES times, then pass_over(uid) is called and it is
        left out. Past MAX_RECONNECTS a drop ends the sync (the error goes on)."""
        if not uids:
            return {}
        try:
            with asking(self.host, what):
                found = fetch(self.client, uids)
            self._served = True
            return found
        except CONNECTION_ERRORS:
            if self.reconnects >= MAX_RECONNECTS:
                raise
        self._reconnect(folder)
        if len(uids) > 1:
            middle = len(uids) // 2
            found = self.fetch(folder, uids[:middle], fetch, what, pass_over)
            found.update(self.fetch(folder, uids[middle:], fetch, what, pass_over))
            return found
        self._drops[folder.id, uids[0]] += 1
        if self._drops[folder.id, uids[0]] < DROP_TRIES:
            return self.fetch(folder, uids, fetch, what, pass_over)
        if not self._served:
            # Nothing has come through yet: is it this message, or the server? Its flags
            # come from the server's index, not the message: a server that drops this
            # fetch too drops everything, and the sync stops without passing anything over.
            self.client.fetch(uids, ["FLAGS"])
        pass_over(uids[0])
        return {}

    def _reconnect(self, folder: SyncedFolder) -> None:
        self.reconnects += 1
        log.warning("The connection to %s dropped; connecting again", self.host)
        self.close()
        with asking(self.host, translate("Sync", "open {folder}").format(folder=folder.name)):
            status = self.client.select_folder(folder.name, readonly=True)
        if int(status[b"UIDVALIDITY"]) != folder.uidvalidity:
            # Its UIDs name other messages now: the next sync starts the folder again.
            raise imaplib.IMAP4.abort("the folder's UIDVALIDITY changed")
