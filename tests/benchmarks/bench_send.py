"""Send a post to 1,000 members in batches (99 members and a receipt) through the local test
SMTP server: target ≤ 1.3 × bare smtplib sending the same messages over one connection, in the
same run.

Pont's time covers queueing the post (one transaction), every batch's SMTP transaction with
its state committed before and after, the copy appended to the Sent folder over IMAP, and
finding and deleting the batches' receipts in the INBOX. Both sides send the same envelopes:
99 members and the coordinator's address (the receipt) a message. Two servers: one that
accepts and forgets (so the client's own cost shows; no receipt can arrive there, so Pont
does not wait for any), and the usual test server that delivers every message into 1,000
Dovecot mailboxes over LMTP.
"""

from __future__ import annotations

import smtplib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from _servers import on_both_servers  # noqa: E402

from mailservers import HOST, MailServer, Smtp  # noqa: E402
from pont.core.mail.accounts import (  # noqa: E402
    Account,
    AccountSettings,
    Security,
    ServerSettings,
    save_account,
)
from pont.core.members.groups import GroupMode, create_group, set_group_sending  # noqa: E402
from pont.core.members.members import NewMember, add_member  # noqa: E402
from pont.core.posting.outbox.outbox import SETTLE_SECONDS, post_status, queue_post
from pont.core.posting.outbox.plan import (  # noqa: E402
    members_per_message,
    set_recipients_per_message,
)
from pont.core.posting.outbox.run import send_queued
from pont.core.posting.outbox.sending import batch_copy  # noqa: E402
from pont.core.posting.posts import BuiltPost, PostContent, build_post  # noqa: E402
from pont.core.profile.store import open_database  # noqa: E402

MEMBERS = 1_000
PER_MESSAGE = 100
ROUNDS = 5
BATCH = members_per_message(PER_MESSAGE)  # 99 members, and the receipt
BATCHES = -(-MEMBERS // BATCH)
BODY = "The peer support pilot starts on Monday.\n\n" + "What we learnt in the first month. " * 60


def bare_smtplib(server: MailServer, smtp: Smtp, sender: str, built: BuiltPost) -> float:
    """The same messages (batch header included) over one connection: the floor."""
    recipients = [r.email for r in built.recipients]
    context = server.certificates.client_context()
    start = time.perf_counter()
    client = smtplib.SMTP_SSL(HOST, smtp.smtps_port, context=context, local_hostname="[127.0.0.1]")
    client.login(sender, server.password)
    for number, first in enumerate(range(0, len(recipients), BATCH), start=1):
        batch = [*recipients[first : first + BATCH], sender]
        client.sendmail(sender, batch, batch_copy(built.mime, number, "0" * 32))
    client.quit()
    return time.perf_counter() - start


def pont_send(
    db: object, account: Account, password: str, built: BuiltPost, settle: float
) -> float:
    start = time.perf_counter()
    post_id = queue_post(db, built, account)  # type: ignore[arg-type]
    report = send_queued(db, account, password, settle=settle)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert report.batches_sent == BATCHES, report
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
        add_member(db, group.id, NewMember(email=f"b{number:04d}-{folder.name}{slug}@example.org"))
    set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    content = PostContent(subject="Pilot", body_text=BODY)

    bare, pont = [], []
    for _ in range(ROUNDS):
        built = build_post(db, group.id, account, content)
        bare.append(bare_smtplib(server, smtp, coordinator, built))
        built = build_post(db, group.id, account, content)
        pont.append(pont_send(db, account, server.password, built, settle))
    db.close()
    bare_time, pont_time = statistics.median(bare), statistics.median(pont)
    ratio = pont_time / bare_time
    verdict = "ok" if ratio <= 1.3 else "OVER TARGET"
    print(
        f"{label:>20}: bare smtplib {bare_time * 1000:7.1f} ms, Pont outbox "
        f"{pont_time * 1000:7.1f} ms, ratio {ratio:.2f} (target ≤ 1.30: {verdict}); "
        f"median of {ROUNDS}, {MEMBERS:,} members in batches of {BATCH} and a receipt"
    )
    return ratio


def main() -> None:
    on_both_servers("pont-bench-send-", measure, SETTLE_SECONDS)


if __name__ == "__main__":
    main()
