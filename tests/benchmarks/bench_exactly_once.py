"""Exactly once, with any provider (issue 12, 13): prints how many copies went missing or
arrived twice over 50 trials of each way a batch's answer gets lost.

The server answers 250 at once and delivers a moment later (as real servers do), and files
nothing in Sent (as most providers do not), so only the receipt can tell that a batch went.

- proxy: a TLS proxy between Pont and the server cuts the connection of one batch chosen at
  random after the end of its data, once the server has taken it, before its 250 reaches
  Pont (in-process send_queued, real clock).
- kill: `pont post send` is killed with SIGKILL at a random moment while it sends: after a
  random one of its progress lines (each batch prints one as it starts and one once it is
  recorded), and a random part of the time between two lines. Then `pont outbox resume`
  runs until the post is sent. Where each kill landed is read from the outbox.

Required: 0 missing and 0 doubled copies in every trial. Takes a few minutes.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "core" / "posting" / "outbox"))

from outbox_world import World, build, copies, make_world  # noqa: E402

from mailservers import (  # noqa: E402
    PONT,
    Mailbox,
    MailServer,
    Smtp,
    SmtpFaults,
    TlsProxy,
    pont_environment,
    start_mail_server,
)
from pont.core.posting.outbox.outbox import post_status, queue_post  # noqa: E402
from pont.core.posting.outbox.run import send_queued  # noqa: E402
from pont.core.profile.store import DATABASE_NAME, open_database  # noqa: E402

# aiosmtpd's own note about the test server's implicit-TLS listener, once per connection.
warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
logging.getLogger("mail.log").setLevel(logging.ERROR)

TRIALS = int(os.environ.get("PONT_BENCH_TRIALS", "50"))
MEMBERS = 90
PER_MESSAGE = 10  # 9 members and the receipt: 10 batches
BATCHES = 10
DELIVERY_DELAY = 0.3  # seconds between the 250 and the copies in the mailboxes
SETTLE = 3.0  # seconds Pont looks for a receipt (ample for this server's delay)


def tally(server: MailServer, world: World, key: str) -> tuple[int, int]:
    """(members missing the post, members with it twice or more), once deliveries are done."""
    time.sleep(DELIVERY_DELAY + 0.5)
    counts = [copies(server, member, key) for member in world.members]
    return sum(1 for c in counts if c == 0), sum(1 for c in counts if c > 1)


def proxy_trials(server: MailServer, smtp: Smtp, folder: Path, chance: random.Random) -> None:
    proxy = TlsProxy(server.certificates, smtp.smtps_port)
    missing = doubled = settled = cuts = receipts_late = receipts_left = 0
    began = time.monotonic()
    try:
        for trial in range(TRIALS):
            mailbox = Mailbox(server, server.new_user())
            db = open_database(folder / f"proxy-{trial}.sqlite3")
            world = make_world(db, mailbox, smtp, MEMBERS, per_message=PER_MESSAGE,
                               smtp_port=proxy.port)  # fmt: skip
            built = build(db, world)
            post_id = queue_post(db, built, world.account)
            before = proxy.cut
            proxy.cut_after_data = {proxy.transactions + chance.randint(1, BATCHES)}
            report = send_queued(db, world.account, mailbox.password, settle=SETTLE)
            cuts += proxy.cut - before
            settled += report.recovered
            assert post_status(db, post_id).complete, report
            lost, twice = tally(server, world, built.message_key)
            missing, doubled = missing + lost, doubled + twice
            if left := copies(server, mailbox.email, built.message_key):
                # Late (a loaded machine): the next run, with nothing to send, tidies them.
                receipts_late += left
                send_queued(db, world.account, mailbox.password, settle=SETTLE)
                receipts_left += copies(server, mailbox.email, built.message_key)
            db.close()
    finally:
        proxy.close()
    print(
        f"proxy cut after the data, before the 250: {TRIALS} trials, {cuts} cuts, "
        f"{settled} batches of unknown fate settled; members missing a copy: {missing}, "
        f"with two: {doubled}; receipts that came too late to be tidied at once: "
        f"{receipts_late}, left after the next run: {receipts_left} "
        f"({time.monotonic() - began:.0f} s)"
    )


# A post with a 300 KB attachment: its data takes a moment to go and to be read by the
# server, so kills land in every phase of a transaction, the data phase included.
ATTACHMENT = Path(tempfile.gettempdir()) / "pont-bench-once-handout.bin"
SEND = ("post", "send", "--group", "Wellbeing Network", "--subject", "Pilot",
        "--body", "It starts on Monday.", "--attach", str(ATTACHMENT))  # fmt: skip


def start(data_dir: Path, mailbox: Mailbox, *command: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [PONT, "--data-dir", str(data_dir), *command, "--password-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(pont_environment(mailbox.server.ca_file), PONT_SETTLE_SECONDS=str(SETTLE)),
    )
    assert process.stdin is not None
    process.stdin.write(mailbox.password.encode() + b"\n")
    process.stdin.close()
    return process


def where_it_stopped(data_dir: Path) -> str:
    db = open_database(data_dir / DATABASE_NAME)
    try:
        states = db.execute(
            "SELECT state, data_started IS NOT NULL FROM batches ORDER BY number"
        ).fetchall()
        post = db.execute("SELECT state, sent_copy_saved FROM posts").fetchone()
    finally:
        db.close()
    if not states:
        return "before the post was queued"
    if any(state == "sending" and data for state, data in states):
        return "a batch of unknown fate (data begun, answer not recorded)"
    if any(state == "sending" for state, _ in states):
        return "a batch started, its data not begun"
    if all(state == "sent" for state, _ in states):
        if post[0] == "sent" and post[1]:
            return "after the post was finished (its receipts being tidied)"
        return "with every batch sent, the post not yet finished"
    return "between batches"


def new_trial(server: MailServer, smtp: Smtp, data_dir: Path) -> tuple[Mailbox, World]:
    mailbox = Mailbox(server, server.new_user())
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, smtp, MEMBERS, per_message=PER_MESSAGE)
    db.close()
    return mailbox, world


def line_gap(server: MailServer, smtp: Smtp, folder: Path) -> float:
    """The mean time between two progress lines of a run, from one run without a kill."""
    mailbox, _ = new_trial(server, smtp, folder / "timing")
    process = start(folder / "timing", mailbox, *SEND)
    assert process.stdout is not None
    moments = [time.monotonic() for line in process.stdout if line.startswith(b"Batch")]
    assert process.wait() == 0
    return (moments[-1] - moments[0]) / (len(moments) - 1)


def kill_trials(server: MailServer, smtp: Smtp, folder: Path, chance: random.Random) -> None:
    gap = line_gap(server, smtp, folder)
    missing = doubled = landed = receipts_left = 0
    phases: Counter[str] = Counter()
    began = time.monotonic()
    for trial in range(TRIALS):
        data_dir = folder / f"kill-{trial}"
        mailbox, world = new_trial(server, smtp, data_dir)
        process = start(data_dir, mailbox, *SEND)
        assert process.stdout is not None
        lines = chance.randrange(1, 2 * BATCHES + 1)
        for line in process.stdout:
            lines -= line.startswith(b"Batch")
            if not lines:
                break
        time.sleep(chance.uniform(0, gap))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            landed += 1
            process.wait()
            phases[where_it_stopped(data_dir)] += 1
        else:
            phases["after Pont had finished"] += 1
        queued = where_it_stopped(data_dir) != "before the post was queued"
        resume = start(data_dir, mailbox, *(("outbox", "resume") if queued else SEND))
        assert resume.wait(timeout=120) == 0, resume.stderr.read() if resume.stderr else ""
        db = open_database(data_dir / DATABASE_NAME)
        key = db.execute("SELECT message_key FROM posts").fetchone()[0]
        db.close()
        lost, twice = tally(server, world, key)
        missing, doubled = missing + lost, doubled + twice
        receipts_left += copies(server, mailbox.email, key)
    print(
        f"SIGKILL at random moments while sending (up to {gap * 1000:.0f} ms after one of its "
        f"{2 * BATCHES} progress lines): {TRIALS} trials, {landed} kills landed; members "
        f"missing a copy: {missing}, with two: {doubled}; receipts left in the INBOX: "
        f"{receipts_left} ({time.monotonic() - began:.0f} s)"
    )
    for phase, count in phases.most_common():
        print(f"    {count:3} killed {phase}")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pont-bench-once-"))
    server = start_mail_server(folder / "servers")
    os.environ["SSL_CERT_FILE"] = str(server.ca_file)  # Pont's verified TLS trusts the test CA
    smtp = server.start_smtp(SmtpFaults(deliver_after=DELIVERY_DELAY))
    chance = random.Random(int(os.environ.get("PONT_BENCH_SEED", "12")))
    ATTACHMENT.write_bytes(chance.randbytes(300_000))
    try:
        parts = os.environ.get("PONT_BENCH_PARTS", "proxy,kill").split(",")
        if "proxy" in parts:
            proxy_trials(server, smtp, folder, chance)
        if "kill" in parts:
            kill_trials(server, smtp, folder, chance)
    finally:
        smtp.stop()
        server.smtp.stop()
        server.dovecot.stop()


if __name__ == "__main__":
    main()
