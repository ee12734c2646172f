"""Sync 20,000 messages through Microsoft Graph (delta queries, then each new message's MIME)
and over IMAP, from the same Dovecot mailbox: both figures, and the ratio. Graph here is the
tests' Graph-shaped server (tests/graph_server.py) in front of that Dovecot, on loopback, so
the figures compare the two ways of reading, not Microsoft's servers.

The test server SELECTs the folder for every request; on a 20,000-message Maildir that takes
~330 ms, and would be all the benchmark measured. Here its IMAP connections keep their folder
open between requests (KeptOpen), as Exchange keeps a mailbox open; the stock server's cost
is printed too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent))

from bench_sync import MEMBERS, bare_fetch, mailbox_corpus, seed_maildir  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from graph_server import GraphServer, MintedTokens  # noqa: E402
from mailservers import HOST, MailServer, start_mail_server  # noqa: E402
from oauth_keys import SigningKey  # noqa: E402
from pont.core.archive.graph_sync import FETCHES_AT_ONCE  # noqa: E402
from pont.core.archive.sync import SyncReport, sync_account  # noqa: E402
from pont.core.mail.accounts import (  # noqa: E402
    Account,
    AccountSettings,
    ReadRoute,
    Security,
    ServerSettings,
    SignInMethod,
    save_account,
)
from pont.core.mail.connections import open_imap  # noqa: E402
from pont.core.mail.graph.client import GraphClient  # noqa: E402
from pont.core.members.groups import Group, create_group  # noqa: E402
from pont.core.members.members import NewMember, add_member  # noqa: E402
from pont.core.profile.store import open_database  # noqa: E402

ROUNDS = 2
RESYNCS = 3


class KeptOpen:
    """An IMAP connection of the Graph server's whose folder stays selected between requests
    (nothing else changes the mailbox while the benchmark runs)."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._selected: tuple[str, Any] | None = None

    def select_folder(self, folder: str, readonly: bool = False) -> Any:
        if self._selected is None or self._selected[0] != folder:
            self._selected = (folder, self._client.select_folder(folder, readonly=readonly))
        return self._selected[1]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


class KeptOpenPool:
    """The Graph server's pool of IMAP connections, each handed out as KeptOpen."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool
        self._kept: dict[Any, KeptOpen] = {}

    @contextlib.contextmanager
    def imap(self, user: str) -> Iterator[KeptOpen]:
        with self._pool.imap(user) as client:
            yield self._kept.setdefault(client, KeptOpen(client))

    def close(self) -> None:
        self._pool.close()


def select_cost(server: MailServer, user: str) -> float:
    """Seconds one SELECT of the INBOX takes: what the stock test server pays per request."""
    with server.imap(user) as client:
        started = time.perf_counter()
        for _ in range(5):
            client.select_folder("INBOX", readonly=True)
        return (time.perf_counter() - started) / 5


def profile(path: Path, group: Group, server: MailServer, user: str, graph: bool) -> Account:
    """A profile with the group (same List-Id, same members) and the mailbox's account."""
    db = open_database(path)
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
            sign_in=SignInMethod.MICROSOFT if graph else SignInMethod.PASSWORD,
            reading=ReadRoute.GRAPH if graph else ReadRoute.IMAP,
        ),
    )
    db.close()
    return account


def timed(path: Path, account: Account, **route: object) -> tuple[float, SyncReport, list[float]]:
    """The first sync's seconds and report, and the seconds of re-syncs with nothing new."""
    db: Database = open_database(path)
    try:
        started = time.perf_counter()
        report = sync_account(db, account.id, **route)  # type: ignore[arg-type]
        first = time.perf_counter() - started
        again = []
        for _ in range(RESYNCS):
            started = time.perf_counter()
            sync_account(db, account.id, **route)  # type: ignore[arg-type]
            again.append(time.perf_counter() - started)
    finally:
        db.close()
    return first, report, again


def bare_graph_fetch(client: GraphClient) -> float:
    """Every message's MIME fetched by the Graph client alone: the floor for Graph sync."""
    started = time.perf_counter()
    with client, ThreadPoolExecutor(FETCHES_AT_ONCE) as pool:
        for folder in ("sentitems", "inbox"):
            ids = [i for page in client.delta(folder) for i in page.added]
            for _ in pool.map(client.message_mime, ids):
                pass
    return time.perf_counter() - started


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="pont-bench-graph-sync-"))
    server = start_mail_server(root / "server")
    os.environ["SSL_CERT_FILE"] = str(server.ca_file)
    signing_key = SigningKey()
    graph = GraphServer(server, signing_key)
    try:
        user = server.new_user()
        setup = open_database(root / "setup.sqlite3")
        group = create_group(setup, "Wellbeing Network", "Wellbeing")
        members = [f"Member {n} <member{n}@org{n % 13}.example.org>" for n in range(MEMBERS)]
        corpus = mailbox_corpus(group, user, members)
        seed_maildir(server, user, corpus)
        size_mb = sum(len(raw) for _, raw in corpus) / 1e6
        print(f"mailbox: {len(corpus):,} messages ({size_mb:.0f} MB) in INBOX and Sent")
        bare_fetch(server, user, {})  # Dovecot builds its index and header cache once
        select_ms = select_cost(server, user) * 1000
        print(
            f"the stock test server SELECTs for each request: {select_ms:.0f} ms each on this"
            " INBOX; here its connections keep the folder open"
        )
        graph.pool = KeptOpenPool(graph.pool)  # type: ignore[assignment]
        tokens = MintedTokens(signing_key, user, granted=("Mail.Read",))

        results: dict[str, list[tuple[float, SyncReport, list[float]]]] = {"imap": [], "graph": []}
        for attempt in range(ROUNDS):
            imap_path = root / f"imap{attempt}.sqlite3"
            account = profile(imap_path, group, server, user, graph=False)
            connect = partial(open_imap, account, server.password)
            results["imap"].append(timed(imap_path, account, connect=connect))

            graph_path = root / f"graph{attempt}.sqlite3"
            account = profile(graph_path, group, server, user, graph=True)
            requests = len(graph.requests)
            results["graph"].append(
                timed(
                    graph_path,
                    account,
                    connect=None,
                    graph=lambda: GraphClient(graph.endpoint, tokens),
                )
            )
            asked = graph.requests[requests:]
            values = sum(1 for _, path in asked if path.endswith("/$value"))
            pages = sum(1 for _, path in asked if path.endswith("/messages/delta"))

        figures = {}
        for route, runs in results.items():
            first = statistics.median(seconds for seconds, _, _ in runs)
            resync = statistics.median(s for _, _, again in runs for s in again)
            report = runs[-1][1]
            figures[route] = first
            print(
                f"{route:>5}: initial sync {first:6.2f} s ({len(corpus) / first:,.0f} messages/s),"
                f" {report.group_messages:,} group messages in {report.threads} threads,"
                f" {report.skipped} passed over; re-sync with nothing new"
                f" {resync * 1000:.0f} ms (medians of {len(runs)} and {len(runs) * RESYNCS})"
            )
        print(
            f"graph / imap: {figures['graph'] / figures['imap']:.2f}× "
            f"(Graph: {values:,} $value requests and {pages} delta pages a sync and its "
            f"{RESYNCS} re-syncs; IMAP fetches headers first and whole messages only for "
            "group mail)"
        )
        floor = bare_graph_fetch(GraphClient(graph.endpoint, tokens))
        print(
            f"GraphClient alone, the same {len(corpus):,} messages' MIME, {FETCHES_AT_ONCE} at a"
            f" time: {floor:.2f} s; Graph sync / that: {figures['graph'] / floor:.2f}×"
        )
        imap_rows = _archive(root / "imap0.sqlite3")
        graph_rows = _archive(root / "graph0.sqlite3")
        print(f"same archive rows both ways: {imap_rows == graph_rows}")
        setup.close()
    finally:
        graph.stop()
        server.smtp.stop()
        server.dovecot.stop()
        shutil.rmtree(root, ignore_errors=True)


def _archive(path: Path) -> list[tuple[object, ...]]:
    db = open_database(path)
    try:
        return sorted(
            db.execute(
                "SELECT message_key, subject, sender_email, sent, refs, body_text, size, problems"
                " FROM messages"
            ).fetchall()
        )
    finally:
        db.close()


if __name__ == "__main__":
    main()
