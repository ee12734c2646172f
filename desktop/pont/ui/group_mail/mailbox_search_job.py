"""The search of the new-group-from-a-conversation dialog, as a worker runs it: signed in
with what the coordinator gave, its own database connection for Microsoft's settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pont.core.archive.mailbox_search import MailboxSearch
    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret

# What a search runs on its worker: (account, words, stop, progress) → what it found.
SearchJob = Callable[
    ["Account", tuple[str, ...], threading.Event, Callable[[int, int], None]], "MailboxSearch"
]


def mailbox_search_job(
    database_path: Path, secret_for: Callable[[Account], Secret | None]
) -> Callable[[Account], SearchJob | None]:
    """For an account, the search on a worker's thread (its own database connection, for
    Microsoft's settings), or None when the coordinator gave no password."""

    def for_account(account: Account) -> SearchJob | None:
        secret = secret_for(account)
        if secret is None:
            return None

        def job(
            account: Account,
            words: tuple[str, ...],
            stop: threading.Event,
            progress: Callable[[int, int], None],
        ) -> MailboxSearch:
            from pont.core.archive.mailbox_search import search_mailbox
            from pont.core.mail.connections import open_imap

            def graph() -> object:
                from pont.core.errors import MicrosoftSignInExpired
                from pont.core.mail.graph.client import GraphClient
                from pont.core.profile.settings import microsoft_setup
                from pont.core.profile.store import BACKGROUND_WAIT, open_database

                if isinstance(secret, str):
                    raise MicrosoftSignInExpired(account.email)
                db = open_database(database_path, busy_timeout=BACKGROUND_WAIT)
                try:
                    endpoint = microsoft_setup(db).graph_endpoint
                finally:
                    db.close()
                return GraphClient(endpoint, secret, stop=stop)

            return search_mailbox(
                account,
                words,
                connect=lambda: open_imap(account, secret),
                graph=graph,  # type: ignore[arg-type]
                progress=progress,
                stop=stop,
            )

        return job

    return for_account
