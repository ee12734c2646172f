"""Relay one member's post to 1,000 members, against sending the coordinator's post of the
same size to the same 1,000, through the local test SMTP server in the same run: target
≤ 1.3 × (issue 14).

The relay's time covers what `pont sync` does after reading the mail: the group's handling
(the never-relay checks, the policy, the relayed copy built from the member's raw bytes, the
post and its 1,000 recipients queued, the author's message filed in the archive, the inbound
row marked done: one transaction) and the outbox run that sends it. The post's time covers
build_post, queue_post and the same outbox run. Two servers, as bench_send.py: one that
accepts and forgets (the client's own cost), and the test server delivering to 1,000 Dovecot
mailboxes over LMTP.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from _servers import on_both_servers  # noqa: E402

from mailservers import HOST, MailServer, Smtp  # noqa: E402
from pont.core.archive.inbound import InboundKind, SetAside, record_inbound  # noqa: E402
from pont.core.group_mail.handling import handle_new_mail  # noqa: E402
from pont.core.mail.accounts import (  # noqa: E402
    Account,
    AccountSettings,
    Security,
    ServerSettings,
    save_account,
)
from pont.core.members.groups import (  # noqa: E402
    Group,
    GroupMode,
    create_group,
    group_address,
    set_group_sending,
)
from pont.core.members.members import NewMember, add_member  # noqa: E402
from pont.core.posting.outbox.outbox import SETTLE_SECONDS, post_status, queue_post  # noqa: E402
from pont.core.posting.outbox.plan import set_recipients_per_message  # noqa: E402
from pont.core.posting.outbox.run import send_queued  # noqa: E402
from pont.core.posting.posts import PostContent, build_post  # noqa: E402
from pont.core.profile.store import open_database  # noqa: E402

MEMBERS = 1_000  # who receive either: the author is a member besides them
PER_MESSAGE = 100
ROUNDS = 3
BODY = "The peer support pilot starts on Monday.\n\n" + "What we learnt in the first month. " * 60
AUTHOR = "author@example.org"
BATCHES = -(-MEMBERS // (PER_MESSAGE - 1))  # 99 members and the receipt a message


def member_post(address: str, number: int) -> bytes:
    lines = [
        f"From: Carys Evans <{AUTHOR}>",
        f"To: Bench <{address}>",
        "Subject: Pilot",
        "Date: Mon, 06 May 2024 08:00:00 +0000",
        f"Message-ID: <bench-relay-{number}-{time.time_ns()}@example.org>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s; b=abc",
        "Received: from mx.example.org by mail.example.org",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n" + BODY.replace("\n", "\r\n")).encode()


def relay(
    db: object, account: Account, group: Group, password: str, number: int, settle: float
) -> float:
    raw = member_post(group_address(account.email, group), number)
    start = time.perf_counter()
    with db.atomic():  # type: ignore[attr-defined]
        record_inbound(db, account.id, SetAside(InboundKind.GROUP_ADDRESS, group.id), raw, None)  # type: ignore[arg-type]
    report = handle_new_mail(db, account)  # type: ignore[arg-type]
    sent = send_queued(db, account, password, settle=settle)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert report.relayed == 1, report
    assert sent.batches_sent == BATCHES, sent
    return elapsed


def post(db: object, account: Account, group: Group, password: str, settle: float) -> float:
    start = time.perf_counter()
    built = build_post(db, group.id, account, PostContent("Pilot", BODY))  # type: ignore[arg-type]
    post_id = queue_post(db, built, account)  # type: ignore[arg-type]
    sent = send_queued(db, account, password, settle=settle)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert len(built.recipients) == MEMBERS
    assert sent.batches_sent == BATCHES, sent
    assert post_status(db, post_id).complete  # type: ignore[arg-type]
    return elapsed


def measure(server: MailServer, smtp: Smtp, label: str, folder: Path, settle: float) -> float:
    slug = "".join(c for c in label if c.isalpha())
    db = open_database(folder / f"{slug}.sqlite3")
    coordinator = server.new_user()
    account = save_account(
        db,
        AccountSettings(
            email=coordinator,
            username=coordinator,
            imap=ServerSettings(HOST, server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, smtp.smtps_port, Security.SSL),
        ),
    )
    set_recipients_per_message(db, account.id, PER_MESSAGE)
    group = create_group(db, f"Bench {slug}", "Bench")
    for number in range(MEMBERS):
        add_member(db, group.id, NewMember(email=f"r{number:04d}-{folder.name}{slug}@example.org"))
    group = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    author = add_member(db, group.id, NewMember(email=AUTHOR, name="Carys Evans"))

    relayed, posted = [], []
    for number in range(ROUNDS):
        relayed.append(relay(db, account, group, server.password, number, settle))
        # The coordinator's post goes to the same 1,000: the author paused for it.
        db.execute("UPDATE members SET status = 'paused' WHERE id = ?", [author.id])
        posted.append(post(db, account, group, server.password, settle))
        db.execute("UPDATE members SET status = 'active' WHERE id = ?", [author.id])
    db.close()
    relay_time, post_time = statistics.median(relayed), statistics.median(posted)
    ratio = relay_time / post_time
    verdict = "ok" if ratio <= 1.3 else "OVER TARGET"
    print(
        f"{label:>20}: coordinator's post {post_time * 1000:7.1f} ms, member's post relayed "
        f"{relay_time * 1000:7.1f} ms, ratio {ratio:.2f} (target ≤ 1.30: {verdict}); "
        f"median of {ROUNDS}, {MEMBERS:,} members in {BATCHES} batches and a receipt each"
    )
    return ratio


def main() -> None:
    on_both_servers("pont-bench-relay-", measure, SETTLE_SECONDS)


if __name__ == "__main__":
    main()
