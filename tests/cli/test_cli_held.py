"""`pont held` as a coordinator runs it: the list (table and JSON), approve and reject, each
decision once; the reply goes through the outbox to the sender alone."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.group_mail.held_world import hold, stranger_address, stranger_post, wait_until
from core.posting.outbox.outbox_world import World, copies, delivered, make_world
from mailservers import DOMAIN, Mailbox, Smtp, run_pont
from pont.core.activity import entries
from pont.core.group_mail.held import HoldReason
from pont.core.members.groups import group_address
from pont.core.profile.store import DATABASE_NAME, open_database


def pont(
    data_dir: Path, mailbox: Mailbox, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return run_pont(data_dir, *args, stdin=stdin, ca_file=mailbox.server.ca_file)


def test_held_lists_rejects_once_and_the_reply_reaches_the_sender_alone(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world: World = make_world(db, mailbox, fault_smtp, 3)
    now = datetime.now(UTC)
    stranger, spammer = stranger_address(DOMAIN), stranger_address(DOMAIN)
    account, group = world.account, world.group
    first = hold(
        db, account, group, stranger_post(account, group, stranger), now - timedelta(hours=1)
    )
    spam = hold(
        db, account, group,
        stranger_post(account, group, spammer, "\x1b]0;owned\x07Cheap pills", name="Spam"),
        now, HoldReason.MODERATED,
    )  # fmt: skip
    db.close()

    table = pont(data_dir, mailbox, "held")
    assert table.returncode == 0, table.stderr
    header, rule, *rows, blank, hint = table.stdout.splitlines()
    assert header.split() == ["ID", "Group", "From", "Subject", "Size", "Held", "Expires", "Why"]
    assert len(rows) == 2 and rows[0].split()[:5] == [
        str(first),
        "Wellbeing",
        "Network",
        "Sam",
        "Stranger",
    ]
    assert "is not a member of Wellbeing Network." in rows[0]
    assert "\x1b" not in table.stdout and "\\x1b]0;owned\\x07Cheap pills" not in rows[1]
    assert "Wellbeing Network holds every post until you approve it." in rows[1]
    assert hint.startswith("Decide with `pont held approve ID")

    listed = pont(data_dir, mailbox, "held", "--group", "Wellbeing Network", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    sam, pills = json.loads(listed.stdout)
    assert (sam["id"], sam["sender_email"], sam["reason"]) == (first, stranger, "not-a-member")
    assert sam["preview"] == "We run a peer support evening in Aberystwyth every month."
    assert pills["subject"].endswith("Cheap pills")
    assert not {"\x1b", "\x07"} & set(pills["subject"])  # never a terminal's control, raw
    unknown_group = pont(data_dir, mailbox, "held", "--group", "Nobody")
    assert (
        unknown_group.returncode == 1
        and "There is no group called “Nobody”" in unknown_group.stderr
    )

    rejected = pont(data_dir, mailbox, "held", "reject", str(first))
    assert rejected.returncode == 0, rejected.stderr
    assert rejected.stdout.strip() == (
        f"Rejected “Can I share our event?” from Sam Stranger <{stranger}> and a reply to "
        f"{stranger} waits in the outbox. Send it with `pont outbox resume`."
    )
    again = pont(data_dir, mailbox, "held", "reject", str(first), "--silent")
    assert again.returncode == 1
    assert (
        again.stderr.strip()
        == f"pont: Held post {first} was rejected already; nothing was changed."
    )
    silent = pont(data_dir, mailbox, "held", "reject", str(spam), "--silent")
    assert silent.returncode == 0 and silent.stdout.strip().endswith("silently: nothing is sent.")
    missing = pont(data_dir, mailbox, "held", "approve", "999", "--add-member")
    assert missing.returncode == 1
    assert "There is no held post number 999." in missing.stderr
    empty = pont(data_dir, mailbox, "held")
    assert empty.stdout.startswith("No posts are waiting.")

    sent = pont(
        data_dir, mailbox, "outbox", "resume", "--password-stdin", stdin=mailbox.password + "\n"
    )
    assert sent.returncode == 0, sent.stderr
    assert [sorted(e.rcpt_tos) for e in fault_smtp.received] == [sorted([stranger, mailbox.email])]
    db = open_database(data_dir / DATABASE_NAME)
    (reply_key,) = db.execute("SELECT message_key FROM posts WHERE kind = 'reply'").fetchone()
    wait_until(lambda: bool(delivered(mailbox.server, stranger, reply_key)))
    assert len(delivered(mailbox.server, stranger, reply_key)) == 1
    assert delivered(mailbox.server, spammer, reply_key) == []
    assert [(e.action, e.origin) for e in entries(db) if e.action.startswith("held")] == [
        ("held-reject", "cli"), ("held-reject-silently", "cli")
    ]  # fmt: skip
    db.close()


def test_a_strangers_post_held_by_sync_is_approved_and_reaches_each_member_once(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    world = make_world(db, mailbox, fault_smtp, 3, per_message=10)
    address = group_address(mailbox.email, world.group)
    db.close()
    stranger = stranger_address(DOMAIN)
    raw = stranger_post(world.account, world.group, stranger, "Our open evening")
    key = raw.split(b"Message-ID: <", 1)[1].split(b">", 1)[0].decode()
    mailbox.server.deliver(address, raw)

    synced = pont(data_dir, mailbox, "sync", "--password-stdin", stdin=mailbox.password + "\n")
    assert synced.returncode == 0, synced.stderr
    assert any("1 held" in line for line in synced.stdout.splitlines()), synced.stdout
    (held,) = json.loads(pont(data_dir, mailbox, "held", "--format", "json").stdout)
    assert (held["sender_email"], held["message_id"]) == (stranger, key)

    approved = pont(data_dir, mailbox, "held", "approve", str(held["id"]), "--add-member")
    assert approved.returncode == 0, approved.stderr
    assert approved.stdout.strip() == (
        f"Approved “Our open evening” from Sam Stranger <{stranger}>: it waits in the outbox "
        f"for 3 members. {stranger} is now a member of Wellbeing Network. Send it with "
        "`pont outbox resume`."
    )
    twice = pont(data_dir, mailbox, "held", "approve", str(held["id"]))
    assert twice.returncode == 1
    assert f"Held post {held['id']} was approved already" in twice.stderr
    sent = pont(
        data_dir, mailbox, "outbox", "resume", "--password-stdin", stdin=mailbox.password + "\n"
    )
    assert sent.returncode == 0, sent.stderr

    wait_until(lambda: all(copies(mailbox.server, m, key) == 1 for m in world.members))
    assert [copies(mailbox.server, m, key) for m in world.members] == [1, 1, 1]
    assert copies(mailbox.server, stranger, key) == 0  # the author, now a member
    members = json.loads(
        pont(data_dir, mailbox, "members", "list", "--group", "Wellbeing Network",
             "--format", "json").stdout
    )  # fmt: skip
    assert stranger in [m["email"] for m in members]
