"""The connections of one outbox run: SMTP and IMAP, each opened when first needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pont.core.errors import AppPasswordRequired, AuthenticationFailed, MicrosoftSignInRequired
from pont.core.i18n import error_sentence
from pont.core.mail.connections import leave_imap, leave_smtp, open_imap, open_smtp
from pont.core.mail.sent_folder import locate_sent_folder

if TYPE_CHECKING:
    import smtplib
    import threading

    from imapclient import IMAPClient  # type: ignore[import-untyped]

    from pont.core.mail.accounts import Account
    from pont.core.mail.graph.client import GraphClient
    from pont.core.mail.tokens import TokenSource

_SIGN_IN_REFUSED = (AuthenticationFailed, AppPasswordRequired, MicrosoftSignInRequired)


class SendingPaused(Exception):
    """The server refused the password: every post of the account waits for the coordinator."""


class RunConnections:
    """The SMTP connection a run sends over and the IMAP one it reads and files Sent mail with,
    each opened when first needed; a refused password raises SendingPaused."""

    def __init__(self, account: Account, password: str) -> None:
        self.account = account
        self.password = password
        self._smtp: smtplib.SMTP | None = None
        self._imap: IMAPClient | None = None
        self._sent_folder: str | None = None
        self._graph: GraphClient | None = None

    def smtp(self) -> smtplib.SMTP:
        if self._smtp is None:
            try:
                self._smtp = open_smtp(self.account, self.password)
            except _SIGN_IN_REFUSED as error:
                raise SendingPaused(error_sentence(error)) from error
        return self._smtp

    def drop_smtp(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def imap(self) -> tuple[IMAPClient, str | None]:
        if self._imap is None:
            try:
                self._imap = open_imap(self.account, self.password)
            except _SIGN_IN_REFUSED as error:
                raise SendingPaused(error_sentence(error)) from error
            self._sent_folder = locate_sent_folder(self._imap)
        return self._imap, self._sent_folder

    def drop_imap(self) -> None:
        if self._imap is not None:
            leave_imap(self._imap)
            self._imap = None

    def graph(
        self, tokens: TokenSource, endpoint: str, stop: threading.Event | None = None
    ) -> GraphClient:
        """The Microsoft Graph client the run sends through (the Graph route), opened when
        first needed; `endpoint` '' is Microsoft's own; `stop` cuts its waits for Retry-After
        short."""
        if self._graph is None:
            from pont.core.mail.graph.client import GRAPH_ENDPOINT, GraphClient

            self._graph = GraphClient(endpoint or GRAPH_ENDPOINT, tokens, stop=stop)
        return self._graph

    def close(self) -> None:
        if self._graph is not None:
            self._graph.close()
            self._graph = None
        if self._smtp is not None:
            leave_smtp(self._smtp)
            self._smtp = None
        if self._imap is not None:
            leave_imap(self._imap)
            self._imap = None
