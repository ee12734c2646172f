"""Search over 100,000 stored messages of one group (by message, and by conversation as
the window shows it), and threading 20,000 of them.

Target: median ≤ 20 ms over a set of typical queries (issue 3). Also prints how long
rebuild_threads takes for a group of 20,000 messages.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _data import FIRST, LAST
from sqlite_utils import Database

from pont.core.archive.search import search, search_conversations
from pont.core.archive.threads import rebuild_threads
from pont.core.members.groups import create_group
from pont.core.profile.store import open_database

MESSAGES = 100_000
THREADED = 20_000
RUNS = 7

TOPICS = [
    "social prescribing", "peer support", "funding bid", "mental health first aid",
    "green prescribing walks", "carers' week", "loneliness in rural areas", "volunteer training",
    "Welsh-language services", "youth wellbeing", "housing and health", "data sharing agreement",
]  # fmt: skip
SENTENCES = [
    "We tried this in {town} last year and the feedback was good.",
    "Has anyone got a template for the {topic} evaluation?",
    "The lottery fund closes at the end of the month, so we need a draft soon.",
    "Our link workers see about thirty referrals a week, mostly from GP surgeries.",
    "I can share the slides from the {topic} session if that helps.",
    "Thanks all, this is really useful; I'll bring it to our team meeting.",
    "The evidence on {topic} is mixed, but the qualitative work is encouraging.",
    "Could we add this to the agenda for the quarterly call?",
    "People told us the hardest part was getting to the first session.",
    "Diolch yn fawr, I'll forward this to colleagues in {town}.",
    "We found that transport was the main barrier for older people.",
    "Please send your comments on the draft by Friday.",
]
TOWNS = ["Cardiff", "Swansea", "Aberystwyth", "Bangor", "Wrexham", "Newport", "Carmarthen"]
QUERIES = [
    "prescribing",  # a single word
    "peer support",  # two words
    "Siân",  # a name, typed with its accent
    "fund",  # a prefix, as typed so far
    '"mental health"',  # a phrase
    "Machynlleth",  # a rare word
    "wellbeing",  # a common word
    "the",  # the commonest word there is
    "evaluation template",
    "rhodri",
]


def _messages(count: int, seed: int) -> list[tuple[object, ...]]:
    rng = random.Random(seed)
    start = datetime(2022, 1, 1, tzinfo=UTC)
    rows: list[tuple[object, ...]] = []
    thread_keys: list[str] = []
    topic = ""
    for index in range(count):
        key = f"bench{seed}-{index}@mail.example.org"
        if not thread_keys or rng.random() < 0.2:
            topic = rng.choice(TOPICS)
            subject = f"[Wellbeing] {topic.capitalize()}"
            thread_keys = [key]
            refs: list[str] = []
        else:
            subject = f"Re: [Wellbeing] {topic.capitalize()}"
            refs = thread_keys[-5:]
            thread_keys.append(key)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first}.{last}{rng.randrange(200)}@example.org".lower()
        body = " ".join(
            rng.choice(SENTENCES).format(topic=topic, town=rng.choice(TOWNS))
            for _ in range(rng.randrange(2, 9))
        )
        if index % 5000 == 0:
            body += " The next gathering is in Machynlleth."
        body += f"\n\nBest wishes,\n{first}\nwellbeing network"
        sent = start + timedelta(minutes=index * 7 + rng.randrange(5))
        rows.append(
            (key, subject, f"{first} {last}", email, email, "[]", sent.isoformat(),
             refs[-1] if refs else "", json.dumps(refs), "", body, "", len(body), "now")
        )  # fmt: skip
    return rows


def fill_archive(db: Database, group_id: int, count: int, seed: int) -> None:
    rows = _messages(count, seed)
    with db.atomic():
        first_id = 1 + (db.execute("SELECT max(id) FROM messages").fetchone()[0] or 0)
        db.conn.executemany(
            "INSERT INTO messages (message_key, subject, sender_name, sender_email, sender_key,"
            " recipients, sent, in_reply_to, refs, list_id, body_text, body_html, size, stored)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.conn.executemany(
            "INSERT INTO message_groups (message_id, group_id, reason) VALUES (?, ?, 'list-id')",
            [(first_id + offset, group_id) for offset in range(count)],
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "pont.sqlite3")
        big = create_group(db, "Wellbeing Network")
        started = time.perf_counter()
        fill_archive(db, big.id, MESSAGES, seed=1)
        filled = time.perf_counter() - started
        print(f"stored {MESSAGES:,} messages with their search index in {filled:.1f} s")

        timings: dict[str, list[float]] = {query: [] for query in QUERIES}
        for _ in range(RUNS):
            for query in QUERIES:
                started = time.perf_counter()
                hits = search(db, big.id, query)
                timings[query].append(time.perf_counter() - started)
                assert hits, f"no hits for {query!r}"
        medians = {query: statistics.median(times) * 1000 for query, times in timings.items()}
        for query, median in medians.items():
            print(f"  {query!r:24} {median:6.1f} ms")
        print(
            f"search on {MESSAGES:,} messages: median {statistics.median(medians.values()):.1f} ms,"
            f" worst {max(max(t) for t in timings.values()) * 1000:.1f} ms"
            f" over {len(QUERIES)} queries × {RUNS} runs (target median ≤ 20 ms)"
        )

        # What the Conversations tab runs: results by conversation, over a threaded archive.
        rebuild_threads(db, [big.id])
        grouped: dict[str, list[float]] = {query: [] for query in QUERIES}
        for _ in range(RUNS):
            for query in QUERIES:
                started = time.perf_counter()
                found = search_conversations(db, big.id, query)
                grouped[query].append(time.perf_counter() - started)
                assert found, f"no conversations for {query!r}"
        medians = {query: statistics.median(times) * 1000 for query, times in grouped.items()}
        for query, median in medians.items():
            print(f"  {query!r:24} {median:6.1f} ms")
        print(
            f"search by conversation on {MESSAGES:,} messages: median"
            f" {statistics.median(medians.values()):.1f} ms,"
            f" worst {max(max(t) for t in grouped.values()) * 1000:.1f} ms"
            f" over {len(QUERIES)} queries × {RUNS} runs (target median ≤ 20 ms)"
        )

        threaded = create_group(db, "Peer Support")
        fill_archive(db, threaded.id, THREADED, seed=2)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            rebuild_threads(db, [threaded.id])
            times.append(time.perf_counter() - started)
        count = db.execute(
            "SELECT count(*) FROM threads WHERE group_id = ?", [threaded.id]
        ).fetchone()[0]
        print(
            f"rebuild_threads for {THREADED:,} messages ({count:,} threads): first"
            f" {times[0] * 1000:.0f} ms, again {min(times[1:]) * 1000:.0f} ms"
        )
        db.close()


if __name__ == "__main__":
    main()
