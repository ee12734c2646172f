"""Recognise 1,000 bounces during sync: an IMAP sync of an INBOX holding 1,000 DSNs, then
handling them (flufl.bounce, matching, scoring), target ≤ 2 s; beside it, the sync of 1,000
ordinary messages of the same mailbox shape, the baseline."""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from mailservers import (  # noqa: E402
    DOMAIN,
    HOST,
    MailServer,
    delivery_status_notification,
    start_mail_server,
)
from pont.core.archive.sync import sync_account  # noqa: E402
from pont.core.group_mail.handling import handle_new_mail  # noqa: E402
from pont.core.mail.accounts import (  # noqa: E402
    AccountSettings,
    Security,
    ServerSettings,
    save_account,
)
from pont.core.mail.connections import open_imap  # noqa: E402
from pont.core.members.groups import GroupMode, create_group, set_group_sending  # noqa: E402
from pont.core.profile.store import open_database  # noqa: E402

BOUNCES = 1_000
POSTS = 200  # the bounces return these posts, five dead addresses each
ROUNDS = 3
TARGET_SECONDS = 2.0


def _post_key(number: int) -> str:
    return f"pont.bench.{number}@{DOMAIN}"


def _dead(number: int) -> str:
    return f"dead-{number:04d}@members.example.org"


def bounce_corpus(coordinator: str) -> list[bytes]:
    """1,000 Postfix-shaped DSNs, each returning the headers of one of the posts."""
    corpus = []
    for number in range(BOUNCES):
        post = number % POSTS
        original = (
            f"X-Pont-Batch: 1 {'0' * 32}\r\nFrom: Rhian Morgan <{coordinator}>\r\n"
            f"To: Wellbeing <{coordinator}>\r\nSubject: [Wellbeing] News {post}\r\n"
            f"Message-ID: <{_post_key(post)}>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nThe pilot starts on Monday.\r\n"
        ).encode()
        corpus.append(delivery_status_notification(coordinator, [_dead(number)], original))
    return corpus


def ordinary_corpus(coordinator: str, sizes: list[int]) -> list[bytes]:
    """1,000 messages from friends, each as large as the bounce in its place."""
    rng = random.Random(7)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    corpus = []
    for number, size in enumerate(sizes):
        head = (
            f"From: Friend {number % 50} <friend{number % 50}@home.example.net>\r\n"
            f"To: {coordinator}\r\nSubject: Catching up {number}\r\n"
            f"Date: {format_datetime(start + timedelta(minutes=number))}\r\n"
            f"Message-ID: <m{number}.{rng.randrange(10**9)}@home.example.net>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        ).encode()
        line = b"How are things with the peer support pilot in Swansea?\r\n"
        corpus.append(head + line * max(1, (size - len(head)) // len(line)))
    return corpus


def seed_inbox(server: MailServer, user: str, corpus: list[bytes]) -> None:
    """Straight into the Maildir, as bench_sync does: LMTP would take far longer."""
    with server.imap(user) as client:
        client.select_folder("INBOX")
    maildir = server.dovecot.root / "home" / user / "Maildir"
    for index, raw in enumerate(corpus):
        (maildir / "cur" / f"{1800000000 + index}.M{index}P1.bench:2,").write_bytes(raw)
    for path in [maildir, *maildir.rglob("*")]:
        shutil.chown(path, "dovecot", "dovecot")


def one_round(
    root: Path, server: MailServer, user: str, name: str, posts: bool
) -> tuple[float, float, str]:
    """Sync the user's INBOX into a fresh profile, then handle what it set aside: (sync s,
    handling s, what happened)."""
    db = open_database(root / f"{name}.sqlite3")
    try:
        account = save_account(
            db,
            AccountSettings(
                user,
                user,
                ServerSettings(HOST, server.imaps_port, Security.SSL),
                ServerSettings(HOST, server.smtps_port, Security.SSL),
            ),
        )
        group = create_group(db, "Wellbeing Network", "Wellbeing")
        set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO members (group_id, email, email_key, joined) VALUES (?, ?, ?, ?)",
                [(group.id, _dead(n), _dead(n), "2026-01-01") for n in range(BOUNCES)],
            )
            if posts:
                db.conn.executemany(
                    "INSERT INTO posts (group_id, account_id, message_key, subject, mime, mode,"
                    " state, created) VALUES (?, ?, ?, 'News', x'', 'group-address', 'sent', ?)",
                    [
                        (group.id, account.id, _post_key(n), datetime.now(UTC).isoformat())
                        for n in range(POSTS)
                    ],
                )
        connect = partial(open_imap, account, server.password)
        started = time.perf_counter()
        report = sync_account(db, account.id, connect)
        synced = time.perf_counter() - started
        started = time.perf_counter()
        handled = handle_new_mail(db, account)
        handling = time.perf_counter() - started
        scored = db.execute("SELECT count(*) FROM bounces").fetchone()[0]
        what = (
            f"{report.new_messages:,} new, {report.set_aside:,} set aside, "
            f"{report.group_messages:,} in the archive; {handled.bounces:,} bounces handled, "
            f"{scored:,} members scored"
        )
        return synced, handling, what
    finally:
        db.close()


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="pont-bench-bounces-"))
    server = start_mail_server(root / "server")
    os.environ["SSL_CERT_FILE"] = str(server.ca_file)
    try:
        bounced, ordinary = server.new_user(), server.new_user()
        bounces = bounce_corpus(bounced)
        seed_inbox(server, bounced, bounces)
        seed_inbox(server, ordinary, ordinary_corpus(ordinary, [len(raw) for raw in bounces]))
        size_kb = sum(len(raw) for raw in bounces) / BOUNCES / 1000
        print(
            f"seeded {BOUNCES:,} DSNs (about {size_kb:.1f} kB each) and as many ordinary messages"
        )
        for user in (bounced, ordinary):  # Dovecot builds its index once, before timing
            with server.imap(user) as client:
                client.select_folder("INBOX", readonly=True)
                client.fetch(client.search(["ALL"]), [b"BODY.PEEK[HEADER]"])

        bounce_totals, syncs, handlings, baselines = [], [], [], []
        for attempt in range(ROUNDS):
            synced, handling, what = one_round(root, server, bounced, f"b{attempt}", posts=True)
            syncs.append(synced)
            handlings.append(handling)
            bounce_totals.append(synced + handling)
            base, _, base_what = one_round(root, server, ordinary, f"o{attempt}", posts=False)
            baselines.append(base)
        print(f"bounces: {what}")
        print(f"baseline: {base_what}")
        total = statistics.median(bounce_totals)
        print(
            f"1,000 bounces recognised during sync: median {total:.2f} s "
            f"(sync {statistics.median(syncs):.2f} s + handling "
            f"{statistics.median(handlings):.2f} s; target ≤ {TARGET_SECONDS:.0f} s)"
        )
        print(
            f"baseline, sync of 1,000 ordinary messages of the same sizes: median "
            f"{statistics.median(baselines):.2f} s"
        )
    finally:
        server.smtp.stop()
        server.dovecot.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
