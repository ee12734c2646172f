"""The `pont post send` and `pont outbox` subcommands: queue a group post, send it through the
outbox, and show or resume what the outbox holds."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pont.cli.accounts import account_secret, chosen_account
from pont.cli.output import (
    add_format_option,
    add_group_option,
    add_password_stdin_option,
    print_table,
)
from pont.core.errors import PontError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret
    from pont.core.posting.outbox.outbox import OutboxReport, PostStatus, SendProgress

# Exit statuses: 0 every batch went; 1 a failure, a pause or refused addresses; 3 batches wait
# for later (a server's back-off, or tomorrow's allowance): `pont outbox resume` then.
WAITING = 3
# A retry the server asks for within this many seconds is waited for; later ones are left
# for `pont outbox resume`.
PATIENCE = 120.0
# Seconds to look for the receipt of a batch whose answer never came (outbox/run.py), when
# not the outbox's own SETTLE_SECONDS: longer for a provider that delivers slowly, shorter for
# a test server whose delivery time is known.
SETTLE_VARIABLE = "PONT_SETTLE_SECONDS"


def _settle() -> float:
    from pont.core.posting.outbox.outbox import SETTLE_SECONDS

    try:
        seconds = float(os.environ.get(SETTLE_VARIABLE, ""))
    except ValueError:
        return SETTLE_SECONDS
    return seconds if 0 <= seconds <= 3600 else SETTLE_SECONDS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:

    post = commands.add_parser(
        "post", help="write to a group", description="Posts to a group's members."
    )
    actions = post.add_subparsers(dest="action", metavar="ACTION", required=True)
    send = actions.add_parser(
        "send",
        help="send a post to a group's members",
        description="Queue a post in the outbox and send it, in batches the provider allows, "
        "printing the plan and each batch. Exit status: 0 when every batch went; 1 when the "
        f"outbox paused, a batch failed or addresses were refused; {WAITING} when batches wait "
        "for later (run `pont outbox resume` then).",
    )
    add_group_option(send)
    send.add_argument("--subject", required=True, help="the post's subject (the tag is added)")
    body = send.add_mutually_exclusive_group(required=True)
    body.add_argument("--body", help="the post's text")
    body.add_argument("--body-file", type=Path, metavar="FILE", help="a UTF-8 file with the text")
    send.add_argument(
        "--html-file", type=Path, metavar="FILE", help="a formatted (HTML) version of the text"
    )
    send.add_argument(
        "--attach", type=Path, action="append", default=[], metavar="FILE", help="attach a file"
    )
    add_password_stdin_option(send)
    send.set_defaults(handler=post_send)

    outbox = commands.add_parser(
        "outbox",
        help="show what the outbox holds, or resume sending",
        description="The posts in the outbox, with each batch's state and each recipient's "
        "result (in JSON).",
    )
    add_format_option(outbox, ["table", "json"])
    outbox.set_defaults(handler=outbox_list)
    outbox_actions = outbox.add_subparsers(dest="action", metavar="ACTION")
    resume = outbox_actions.add_parser(
        "resume",
        help="send what is waiting",
        description="Send what the outbox holds that is due, after settling batches a stopped "
        "run left unfinished: Pont looks for each one's receipt (its copy to your own address) "
        "in your Inbox, or a copy in Sent, before ever sending it again. Exit status as for "
        "`pont post send`.",
    )
    resume.add_argument(
        "--account",
        metavar="EMAIL",
        help="the account to send from (needed when there are several)",
    )
    add_password_stdin_option(resume)
    resume.set_defaults(handler=outbox_resume)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise PontError(f"Could not read {path}: {error.strerror}.") from error
    except UnicodeDecodeError as error:
        raise PontError(f"{path} is not UTF-8 text.") from error


def post_send(db: Database, args: argparse.Namespace) -> int:
    from pont.core.mail.accounts import group_account
    from pont.core.members.groups import GroupMode, find_group
    from pont.core.posting.outbox.outbox import post_status, queue_post
    from pont.core.posting.outbox.plan import plan_post
    from pont.core.posting.posts import PostContent, build_post, content_language

    group = find_group(db, args.group)
    account = group_account(db, group)
    content = PostContent(
        subject=args.subject,
        body_text=args.body if args.body is not None else _read(args.body_file),
        body_html=_read(args.html_file) if args.html_file else "",
        attachments=tuple(args.attach),
        language=content_language(group.language),
    )
    secret = account_secret(db, account, args.password_stdin)
    built = build_post(db, group.id, account, content)
    plan = plan_post(db, account, len(built.recipients), copy_all=built.mode is GroupMode.COPY_ALL)
    post_id = queue_post(db, built, account)
    print(f"Sending “{built.subject}” to {plan.describe()}", flush=True)
    for note in plan.notes:
        print(f"  {note}", flush=True)
    report = _send(db, account, secret)
    return _outcome(report, [post_status(db, post_id)])


def outbox_resume(db: Database, args: argparse.Namespace) -> int:
    from pont.core.posting.outbox.outbox import outbox_status

    account = chosen_account(db, args.account)
    secret = account_secret(db, account, args.password_stdin)
    before = {p.id for p in outbox_status(db, account_id=account.id) if not _done(p)}
    report = _send(db, account, secret)
    if not before:
        print("Nothing was waiting in the outbox.")
    return _outcome(report, outbox_status(db, sorted(before)) if before else [])


def send_waiting(db: Database, account: Account, secret: Secret) -> int:
    """Send what waits in the account's outbox (as `pont outbox resume`), if anything does;
    the exit status, 0 when nothing waited."""
    from pont.core.posting.outbox.outbox import outbox_status

    waiting = [
        row[0]
        for row in db.execute(
            "SELECT id FROM posts WHERE account_id = ? AND state IN ('queued', 'sending')"
            " ORDER BY id",
            [account.id],
        )
    ]
    if not waiting:
        return 0
    from pont.core.errors import OutboxBusy

    try:
        report = _send(db, account, secret)
    except OutboxBusy:
        # The window (or another command) is sending: it sends what waits, relays included.
        print("The outbox is being sent by another Pont window or command: it sends the rest.")
        return 0
    return _outcome(report, outbox_status(db, waiting))


def _send(db: Database, account: Account, secret: Secret) -> OutboxReport:
    from pont.core.demo.profile import is_rehearsal
    from pont.core.posting.outbox.run import send_queued
    from pont.core.profile.settings import graph_endpoint

    if is_rehearsal(account):  # the demo: the rehearsal mail world, nothing leaves
        from pont.core.demo.rehearsal import rehearse_queued

        return rehearse_queued(db, account, _show_progress)
    return send_queued(
        db,
        account,
        secret,
        _show_progress,
        patience=PATIENCE,
        settle=_settle(),
        graph_endpoint=graph_endpoint(db, account),
    )


def _done(post: PostStatus) -> bool:
    return post.state.value in ("sent", "failed", "cancelled")


def _show_progress(step: SendProgress) -> None:
    line = f"Batch {step.batch} of {step.batches}: {step.state.value}"
    if step.state.value == "sent":
        line += f" ({step.recipients_done:,} of {step.recipients:,} recipients so far)"
    if step.detail:
        line += f". {step.detail}"
    print(line, flush=True)


def _outcome(report: OutboxReport, posts: list[PostStatus]) -> int:
    from pont.core.posting.outbox.outbox import RecipientResult

    for problem in report.problems:
        print(f"pont: {problem}", file=sys.stderr)
    if report.paused:
        print(
            f"pont: The outbox is paused: {report.paused} "
            "Then run `pont outbox resume --password-stdin`.",
            file=sys.stderr,
        )
        return 1
    failed = False
    for post in posts:
        refused = post.with_result(RecipientResult.REFUSED)
        if refused:
            failed = True
            print(
                f"pont: “{post.subject}” did not reach {len(refused)} "
                f"{'address' if len(refused) == 1 else 'addresses'}:",
                file=sys.stderr,
            )
            for recipient in refused:
                print(f"  {recipient.email}: {recipient.reason}", file=sys.stderr)
        for batch in post.batches:
            if batch.state.value == "failed" and batch.problem not in report.problems:
                failed = True
                print(f"pont: batch {batch.number} failed: {batch.problem}", file=sys.stderr)
        if post.state.value == "failed":
            failed = True
    if failed or report.problems:
        return 1
    if report.waiting:
        when = report.next_attempt.astimezone() if report.next_attempt else None
        after = f" after {when:%a %d %b %H:%M}" if when else ""
        print(
            f"{report.waiting} {'batch waits' if report.waiting == 1 else 'batches wait'} for "
            f"later. Run `pont outbox resume`{after} to send the rest."
        )
        return WAITING
    for post in posts:
        print(f"Sent “{post.subject}” to all {post.recipients:,} recipients.")
    return 0


def outbox_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core.posting.outbox.outbox import RecipientResult, outbox_status

    posts = outbox_status(db)
    if args.format == "json":
        print(json.dumps([_post_json(post) for post in posts], ensure_ascii=False, indent=2))
        return 0
    if not posts:
        print("The outbox is empty. Send a post with: pont post send --group NAME …")
        return 0
    rows = []
    for post in posts:
        sent = sum(1 for b in post.batches if b.state.value == "sent")
        accepted = len(post.with_result(RecipientResult.ACCEPTED))
        rows.append(
            [
                str(post.id),
                f"{post.created.astimezone():%Y-%m-%d %H:%M}",
                post.group_name,
                post.subject,
                post.state.value,
                f"{sent}/{len(post.batches)}",
                f"{accepted}/{post.recipients}",
                post.problem,
            ]
        )
    print_table(
        ["Post", "Queued", "Group", "Subject", "State", "Batches", "Accepted", "Problem"], rows
    )
    for post in posts:
        refused = post.with_result(RecipientResult.REFUSED)
        if refused:
            print(f"\nPost {post.id} did not reach {len(refused):,} of {post.recipients:,}:")
            for recipient in refused:
                print(f"  {recipient.email}: {recipient.reason}")
    return 0


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _post_json(post: PostStatus) -> dict[str, Any]:
    return {
        "id": post.id,
        "group": post.group_name,
        "account": post.account_email,
        "message_id": post.message_key,
        "subject": post.subject,
        "mode": post.mode,
        "state": post.state.value,
        "problem": post.problem,
        "sent_copy_saved": post.sent_copy_saved,
        "created": _iso(post.created),
        "finished": _iso(post.finished),
        "recipients": post.recipients,
        "batches": [
            {
                "number": batch.number,
                "state": batch.state.value,
                "not_before": _iso(batch.not_before),
                "attempts": batch.attempts,
                "problem": batch.problem,
                "started": _iso(batch.started),
                "accepted": _iso(batch.accepted),
                "recipients": [
                    {"email": r.email, "name": r.name, "result": r.result.value, "reason": r.reason}
                    for r in batch.recipients
                ],
            }
            for batch in post.batches
        ],
    }
