"""The background work behind sending a post: plain data in, plain data out, each job on a
worker's thread with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pont.ui.accounts.jobs import JobReports

if TYPE_CHECKING:
    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret
    from pont.core.posting.outbox.outbox import OutboxReport, SendProgress
    from pont.core.posting.posts import PostContent


@dataclass(frozen=True, slots=True)
class PostRequest:
    """A post to build and hand to the outbox."""

    database_path: Path
    group_id: int
    account: Account
    content: PostContent
    draft_id: int | None


@dataclass(frozen=True, slots=True)
class QueuedPost:
    post_id: int
    subject: str
    recipients: int


def queue_job(request: PostRequest) -> QueuedPost:
    """Build the post (a copy-everyone-in post to hundreds takes a noticeable moment), store
    it in the outbox, and forget the draft: from then on the outbox holds it."""
    from pont.core.posting.drafts import delete_draft
    from pont.core.posting.posts import build_post
    from pont.core.profile.store import open_database

    db = open_database(request.database_path)
    try:
        account = request.account
        built = build_post(db, request.group_id, account, request.content)
        # One transaction: a draft kept beside its queued post would be sent a second time.
        # The draft goes first so the transaction writes (and locks) before queue_post reads.
        with db.atomic():
            if request.draft_id is not None:
                delete_draft(db, request.draft_id)
            from pont.core.posting.outbox.outbox import queue_post

            post_id = queue_post(db, built, account)
        return QueuedPost(post_id, built.subject, len(built.recipients))
    finally:
        db.close()


@dataclass
class SendRun:
    """One run of the outbox for one account: what it reports, and the Cancel switch (the
    outbox stops after the batch being sent and cancels the rest of that post)."""

    account: Account
    reports: JobReports[SendProgress] = field(default_factory=JobReports)
    cancel: threading.Event = field(default_factory=threading.Event)
    # The window is closing: no waiting for receipts to tidy (a later run tidies them).
    hurry: threading.Event = field(default_factory=threading.Event)
    current_post: int | None = None  # as last reported


def send_job(
    database_path: Path,
    run: SendRun,
    password: Secret,
    progress: Callable[[int, int], None],
) -> OutboxReport:
    """Send what the account's outbox holds that is due, reporting each batch (the demo's
    rehearsal mailbox by its rehearsal route: pont.core.demo.rehearsal)."""
    from pont.core.demo.profile import is_rehearsal
    from pont.core.demo.rehearsal import rehearse_queued
    from pont.core.posting.outbox.run import send_queued
    from pont.core.profile.store import open_database

    send = run.reports.sender(progress)
    db = open_database(database_path)
    try:
        if is_rehearsal(run.account):
            return rehearse_queued(db, run.account, send, run.cancel, run.hurry)
        from pont.core.profile.settings import graph_endpoint

        return send_queued(
            db,
            run.account,
            password,
            send,
            run.cancel,
            hurry=run.hurry,
            graph_endpoint=graph_endpoint(db, run.account),
        )
    finally:
        db.close()
