"""Sync 20,000 messages from a local Dovecot: target ≤ 1.5 × a bare imapclient fetch of the same
items over the same kind of connection (TLS), and a re-sync with nothing new ≤ 0.5 s."""

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

from imapclient import IMAPClient  # noqa: E402

from mailservers import HOST, MailServer, start_mail_server  # noqa: E402
from pont.core.archive.message_headers import HEADER_FIELDS  # noqa: E402
from pont.core.archive.sync import CHUNK_SIZE, sync_account  # noqa: E402
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account  # noqa: E402
from pont.core.mail.connections import open_imap  # noqa: E402
from pont.core.members.groups import Group, create_group  # noqa: E402
from pont.core.members.members import NewMember, add_member  # noqa: E402
from pont.core.profile.store import open_database  # noqa: E402

MESSAGES = 20_000
GROUP_SHARE = 0.15  # of the mailbox: the rest is personal mail, newsletters, notifications
SENT_SHARE = 0.05  # of the group's messages: the coordinator's posts, also in Sent
MEMBERS = 40
ROUNDS = 3
HEADER_ITEM = b"BODY.PEEK[HEADER.FIELDS (" + " ".join(HEADER_FIELDS).upper().encode() + b")]"

WORDS = [
    "peer", "support", "wellbeing", "funding", "volunteers", "carers", "session", "training",
    "evening", "pilot", "council", "community", "project", "bid", "report", "minutes", "meeting",
    "Cardiff", "Swansea", "Aberystwyth", "referral", "pathway", "waiting", "list", "outcomes",
    "survey", "feedback", "budget", "grant", "partnership",
]  # fmt: skip


def _text(rng: random.Random, words: int) -> str:
    lines = []
    for start in range(0, words, 12):
        lines.append(" ".join(rng.choice(WORDS) for _ in range(min(12, words - start))))
    return "\r\n".join(lines)


def _message(
    rng: random.Random,
    index: int,
    sender: str,
    to: list[str],
    subject: str,
    sent: datetime,
    body: str,
    extra: str = "",
    html: bool = False,
) -> bytes:
    kind = "text/html" if html else "text/plain"
    return (
        f"Return-Path: <{sender.split('<')[-1].rstrip('>')}>\r\n"
        f"Received: from mx{rng.randrange(9)}.example.net by mail.example.org; "
        f"{format_datetime(sent)}\r\n"
        f"From: {sender}\r\nTo: {', '.join(to)}\r\nSubject: {subject}\r\n"
        f"Date: {format_datetime(sent)}\r\nMessage-ID: <m{index}.{rng.randrange(10**9)}@bench>\r\n"
        f"{extra}MIME-Version: 1.0\r\nContent-Type: {kind}; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    ).encode()


def mailbox_corpus(group: Group, coordinator: str, members: list[str]) -> list[tuple[str, bytes]]:
    """(folder, raw) for MESSAGES messages; GROUP_SHARE of them the group's threads."""
    rng = random.Random(3)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    result: list[tuple[str, bytes]] = []
    thread_roots: list[str] = []
    for index in range(MESSAGES):
        sent = start + timedelta(minutes=25 * index)
        if rng.random() < GROUP_SHARE:
            if not thread_roots or rng.random() < 0.12:
                subject = f"[{group.tag}] " + " ".join(rng.choice(WORDS) for _ in range(5))
                raw = _message(
                    rng,
                    index,
                    rng.choice(members),
                    [coordinator],
                    subject,
                    sent,
                    _text(rng, rng.randrange(60, 400)),
                )
                thread_roots.append(raw.split(b"Message-ID: ")[1].split(b"\r\n")[0].decode())
            else:
                root = rng.choice(thread_roots[-30:])
                raw = _message(
                    rng,
                    index,
                    rng.choice(members),
                    [coordinator],
                    f"Re: [{group.tag}] discussion",
                    sent,
                    _text(rng, rng.randrange(40, 300)) + "\r\n\r\n> " + _text(rng, 80),
                    extra=f"In-Reply-To: {root}\r\nReferences: {root}\r\n",
                )
            folder = "Sent" if rng.random() < SENT_SHARE else "INBOX"
            if folder == "Sent":
                result.append(("INBOX", raw))  # the coordinator is on her own group
            result.append((folder, raw))
        elif rng.random() < 0.35:
            # Newsletters: large HTML with another list's List-Id.
            body = "<html><body>" + "".join(
                f"<p style='font-family:Arial'>{_text(rng, 40)}</p>" for _ in range(40)
            )
            raw = _message(
                rng,
                index,
                f"News <news@shop{rng.randrange(30)}.example.com>",
                [coordinator],
                "Offers this week",
                sent,
                body + "</body></html>",
                extra=f"List-Id: <offers.shop{rng.randrange(30)}.example.com>\r\n",
                html=True,
            )
            result.append(("INBOX", raw))
        else:
            raw = _message(
                rng,
                index,
                f"Friend {index % 200} <friend{index % 200}@home.example.net>",
                [coordinator],
                "Catching up",
                sent,
                _text(rng, rng.randrange(30, 600)),
            )
            result.append(("INBOX" if rng.random() < 0.8 else "Sent", raw))
    return result[:MESSAGES]


def seed_maildir(server: MailServer, user: str, corpus: list[tuple[str, bytes]]) -> None:
    """Write the messages straight into the Maildir (100k in ~10 s, LMTP would take minutes)."""
    with server.imap(user) as client:  # Dovecot makes the Maildir and Sent on first use
        client.select_folder("Sent")
    maildir = server.dovecot.root / "home" / user / "Maildir"
    folders = {"INBOX": maildir / "cur", "Sent": maildir / ".Sent" / "cur"}
    for index, (folder, raw) in enumerate(corpus):
        (folders[folder] / f"{1700000000 + index}.M{index}P1.bench:2,S").write_bytes(raw)
    for path in [maildir, *maildir.rglob("*")]:
        shutil.chown(path, "dovecot", "dovecot")


def bare_fetch(server: MailServer, user: str, body_uids: dict[str, list[int]]) -> float:
    """The same items sync asks for, fetched by imapclient alone: the floor for sync."""
    started = time.perf_counter()
    client = IMAPClient(
        HOST, port=server.imaps_port, ssl_context=server.certificates.client_context()
    )
    client.login(user, server.password)
    for folder in ("Sent", "INBOX"):
        client.select_folder(folder, readonly=True)
        uids = client.search(["UID", "1:*"])
        for first in range(0, len(uids), CHUNK_SIZE):
            client.fetch(uids[first : first + CHUNK_SIZE], [HEADER_ITEM, b"RFC822.SIZE"])
        wanted = body_uids.get(folder, [])
        for first in range(0, len(wanted), CHUNK_SIZE):
            client.fetch(wanted[first : first + CHUNK_SIZE], [b"BODY.PEEK[]"])
    client.logout()
    return time.perf_counter() - started


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="pont-bench-sync-"))
    server = start_mail_server(root / "server")
    os.environ["SSL_CERT_FILE"] = str(server.ca_file)
    try:
        user = server.new_user()
        setup = open_database(root / "setup.sqlite3")
        group = create_group(setup, "Wellbeing Network", "Wellbeing")
        members = [f"Member {n} <member{n}@org{n % 13}.example.org>" for n in range(MEMBERS)]
        corpus = mailbox_corpus(group, user, members)
        started = time.perf_counter()
        seed_maildir(server, user, corpus)
        size_mb = sum(len(raw) for _, raw in corpus) / 1e6
        print(
            f"seeded {len(corpus):,} messages ({size_mb:.0f} MB) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        bare_fetch(server, user, {})  # Dovecot builds its index and header cache once

        sync_times, bare_times, resync_times = [], [], []
        for attempt in range(ROUNDS):
            db = open_database(root / f"pont{attempt}.sqlite3")
            copy = create_group(db, group.name, group.tag)
            db.execute("UPDATE groups SET list_id = ? WHERE id = ?", [group.list_id, copy.id])
            for n in range(MEMBERS):
                add_member(db, copy.id, NewMember(f"member{n}@org{n % 13}.example.org"))
            account = save_account(
                db,
                AccountSettings(
                    user,
                    user,
                    ServerSettings(HOST, server.imaps_port, Security.SSL),
                    ServerSettings(HOST, server.smtps_port, Security.SSL),
                ),
            )
            connect = partial(open_imap, account, server.password)
            started = time.perf_counter()
            report = sync_account(db, account.id, connect)
            sync_times.append(time.perf_counter() - started)
            # The bodies sync fetched: each stored message once, from the folder it read first
            # (Sent); the copies it met later it only located, so the floor skips them too.
            body_uids: dict[str, list[int]] = {}
            for name, uid in db.execute(
                "SELECT name, uid FROM (SELECT f.name, l.uid, row_number() OVER (PARTITION BY"
                " l.message_id ORDER BY f.role = 'inbox', l.uid) AS copy FROM message_locations l"
                " JOIN folders f ON f.id = l.folder_id) WHERE copy = 1 ORDER BY uid"
            ):
                body_uids.setdefault(name, []).append(uid)
            assert sum(map(len, body_uids.values())) == report.group_messages
            bare_times.append(bare_fetch(server, user, body_uids))
            for _ in range(3):
                started = time.perf_counter()
                sync_account(db, account.id, connect)
                resync_times.append(time.perf_counter() - started)
            db.close()
        print(
            f"sync report: {report.folders} folders, {report.new_messages:,} new, "
            f"{report.group_messages:,} group messages, {report.threads} threads, "
            f"{report.skipped} skipped"
        )
        sync_s, bare_s = statistics.median(sync_times), statistics.median(bare_times)
        print(
            f"initial sync of {len(corpus):,} messages over TLS: median {sync_s:.2f} s; bare "
            f"imapclient fetch of the same items {bare_s:.2f} s; ratio {sync_s / bare_s:.2f} "
            "(target ≤ 1.5)"
        )
        print(
            f"re-sync with nothing new: median {statistics.median(resync_times) * 1000:.0f} ms "
            f"over {len(resync_times)} runs (target ≤ 500 ms)"
        )
    finally:
        server.smtp.stop()
        server.dovecot.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
