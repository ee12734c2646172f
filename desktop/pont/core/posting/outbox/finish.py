"""Finishing the posts of an outbox run: each one's final state, and one copy in the Sent folder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from pont.core.i18n import for_storage, translate
from pont.core.mail.providers import provider_for_settings
from pont.core.posting.outbox.plan import iso_seconds
from pont.core.posting.outbox.receipts import append_sent_copy, has_post_copy

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.posting.outbox.connections import RunConnections
    from pont.core.posting.outbox.outbox import OutboxReport
    from pont.core.posting.outbox.route import Route


def finish_done_posts(
    db: Database,
    account: Account,
    connections: RunConnections,
    report: OutboxReport,
    now: Callable[[], datetime],
    route: Route | None = None,
) -> None:
    """Posts whose batches are all done: their state, and one copy in the Sent folder (filed
    by the route, when the run sends by one)."""
    rows = db.execute(
        "SELECT p.id, p.state, p.sent_copy_saved, p.message_key, p.mime,"
        " sum(b.state IN ('waiting', 'sending')), sum(b.state = 'sent'),"
        " sum(b.state = 'failed'),"
        " (SELECT count(*) FROM batch_recipients r JOIN batches b2 ON b2.id = r.batch_id"
        "  WHERE b2.post_id = p.id AND r.result = 'refused')"
        " FROM posts p JOIN batches b ON b.post_id = p.id WHERE p.account_id = ?"
        " GROUP BY p.id HAVING sum(b.state IN ('waiting', 'sending')) = 0"
        " AND (p.state IN ('queued', 'sending') OR (p.sent_copy_saved = 0"
        " AND sum(b.state = 'sent') > 0))",
        [account.id],
    ).fetchall()
    for post_id, state, saved, key, mime, _, sent, failed, refused in rows:
        if state in ("queued", "sending"):
            state = "failed" if failed else "sent"
            problem = ""
            if failed == 1:
                problem = translate("Outbox", "1 batch could not be sent.")
            elif failed:
                problem = translate("Outbox", "{count:,} batches could not be sent.").format(
                    count=failed
                )
            elif refused == 1:
                problem = translate("Outbox", "1 address refused by the server.")
            elif refused:
                problem = translate("Outbox", "{count:,} addresses refused by the server.").format(
                    count=refused
                )
            with db.atomic():
                db.execute(
                    "UPDATE posts SET state = ?, problem = ?, finished = ? WHERE id = ?",
                    [state, for_storage(problem), iso_seconds(now()), post_id],
                )
        if sent and not saved:
            if route is not None:
                route.keep_sent_copy(key, mime)
            else:
                _keep_sent_copy(account, connections, report, key, mime)
            with db.atomic():
                db.execute("UPDATE posts SET sent_copy_saved = 1 WHERE id = ?", [post_id])


def _keep_sent_copy(
    account: Account,
    connections: RunConnections,
    report: OutboxReport,
    message_key: str,
    mime: bytes,
) -> None:
    """File the post in Sent, unless the provider does that itself or a copy is there."""
    provider = provider_for_settings(account)
    if provider is None or not provider.saves_sent_mail:
        client, folder = connections.imap()
        if folder is None:
            report.problems.append(
                translate(
                    "Outbox",
                    "Pont found no Sent folder in your mailbox, so it kept no copy there.",
                )
            )
        # A copy already there (the server filed it, or a run that stopped before
        # recording its append) is not added twice.
        elif not has_post_copy(client, folder, message_key):
            append_sent_copy(client, folder, mime)
