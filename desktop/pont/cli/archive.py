"""The `pont` subcommands that read the mailbox into the group archive and look through it."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from pont.cli.accounts import account_secret, chosen_account
from pont.cli.microsoft import graph_client
from pont.cli.output import (
    add_format_option,
    add_group_option,
    add_password_stdin_option,
    json_text,
    print_table,
    terminal_text,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.message_headers import Address
    from pont.core.archive.sync import SyncProgress
    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret

# Search snippets mark matches as **bold**, in the table and in JSON alike: readable as it
# stands in a terminal, and Markdown for anything that renders it.
BOLD = "**"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = commands.add_parser(
        "sync",
        help="fetch new mail into the group archive",
        description="Read new mail in the account's INBOX and Sent folder and keep the groups' "
        "traffic in the archive. Other mail leaves nothing behind, and nothing is marked as read. "
        "Then handle the groups' own mail: members' posts to a group's address are relayed to "
        "the other members (through the outbox, sent at once), strangers' posts held, join and "
        "leave requests filed, bounces counted. Exit status: as `pont outbox resume` when "
        "something was sent, else 0.",
    )
    sync.add_argument(
        "--account", metavar="EMAIL", help="the account to sync (needed when there are several)"
    )
    add_password_stdin_option(sync)
    sync.set_defaults(handler=sync_command)

    threads = commands.add_parser(
        "threads",
        help="list a group's conversations",
        description="List a group's conversations, the most recently active first.",
    )
    add_group_option(threads)
    add_format_option(threads, ["table", "json"])
    threads.set_defaults(handler=threads_command)

    search = commands.add_parser(
        "search",
        help="search a group's archive",
        description="Search the subjects, text and senders of a group's archived mail, best "
        f"match first. Matching words in the snippets are marked {BOLD}like this{BOLD}.",
    )
    search.add_argument("query", help="words to look for; the last may be the start of a word")
    add_group_option(search)
    add_format_option(search, ["table", "json"])
    search.set_defaults(handler=search_command)


def sync_command(db: Database, args: argparse.Namespace) -> int:
    from pont.core.archive.sync import sync_account
    from pont.core.mail.connections import open_imap

    account = chosen_account(db, args.account)
    secret = account_secret(db, account, args.password_stdin)
    report = sync_account(
        db,
        account.id,
        lambda: open_imap(account, secret),
        _show_progress,
        graph=lambda: graph_client(db, account, secret),
    )
    print(
        f"Synced {_count(report.folders, 'folder')}: "
        f"{_count(report.new_messages, 'new message')}, "
        f"{_count(report.group_messages, 'group message')} archived, "
        f"in {_count(report.threads, 'thread')}."
    )
    if report.partly_read == 1:
        print("1 message could not be read in full: it is stored as far as it could be read, "
              "and marked.")  # fmt: skip
    elif report.partly_read:
        print(
            f"{report.partly_read:,} messages could not be read in full: they are stored as far "
            "as they could be read, and marked."
        )
    if report.skipped_messages:
        print(
            f"Passed over {_count(report.skipped, 'message')} the mail server could not send "
            "(still in the mailbox, for reading in a mail program or webmail):"
        )
        for skipped in report.skipped_messages:
            subject = f": {skipped.subject}" if skipped.subject else ""
            print(terminal_text(f"  {skipped.folder}, message UID {skipped.uid}{subject}"))
    return _group_mail(db, account, secret)


def _group_mail(db: Database, account: Account, secret: Secret) -> int:
    """Handle what the sync set aside, then send what that queued (and whatever else waits)."""
    from pont.cli.posting import send_waiting
    from pont.core.group_mail.handling import handle_new_mail

    mail = handle_new_mail(db, account)
    if mail.total:
        alone = f", {mail.ignored:,} left alone" if mail.ignored else ""
        print(
            f"Group mail: {mail.relayed:,} relayed, {mail.held:,} held, "
            f"{_count(mail.requests, 'request')}, {_count(mail.bounces, 'bounce')}{alone}."
        )
    return send_waiting(db, account, secret)


def _show_progress(step: SyncProgress) -> None:
    if step.total == 0:
        line = f"{step.folder}: nothing new"
    elif step.done == 0:
        line = f"{step.folder}: {_count(step.total, 'new message')}"
    else:
        line = f"{step.folder}: {step.done:,} of {step.total:,} read"
    print(terminal_text(line), flush=True)  # folder names come from the server


def threads_command(db: Database, args: argparse.Namespace) -> int:
    from pont.core.archive.threads import list_threads
    from pont.core.members.groups import find_group

    group = find_group(db, args.group)
    threads = list_threads(db, group.id)
    if args.format == "json":
        rows = [
            {
                "subject": thread.subject,
                "participants": [_person(person) for person in thread.participants],
                "messages": thread.message_count,
                "last_activity": _iso(thread.last_activity),
                "message_ids": list(thread.message_keys),
            }
            for thread in threads
        ]
        print(json_text(rows))
    elif not threads:
        print(terminal_text(f"No conversations in {group.name} yet. Fetch them with: pont sync"))
    else:
        print_table(
            ["Last activity", "Messages", "Subject", "Participants"],
            [
                [
                    _local(thread.last_activity),
                    str(thread.message_count),
                    thread.subject,
                    ", ".join(person.display for person in thread.participants),
                ]
                for thread in threads
            ],
        )
    return 0


def search_command(db: Database, args: argparse.Namespace) -> int:
    from pont.core.archive.search import SNIPPET_END, SNIPPET_START, search
    from pont.core.members.groups import find_group

    group = find_group(db, args.group)
    hits = search(db, group.id, args.query)

    def snippet(text: str) -> str:
        return " ".join(text.replace(SNIPPET_START, BOLD).replace(SNIPPET_END, BOLD).split())

    if args.format == "json":
        rows = [
            {
                "subject": hit.subject,
                "sender": _person(hit.sender) if hit.sender else None,
                "sent": _iso(hit.sent),
                "snippet": snippet(hit.snippet),
            }
            for hit in hits
        ]
        print(json_text(rows))
    elif not hits:
        print(terminal_text(f"Nothing in {group.name}'s archive matches “{args.query}”."))
    else:
        print_table(
            ["Sent", "From", "Subject", "Snippet"],
            [
                [
                    _local(hit.sent),
                    hit.sender.display if hit.sender else "",
                    hit.subject,
                    snippet(hit.snippet),
                ]
                for hit in hits
            ],
        )
    return 0


def _person(address: Address) -> dict[str, str]:
    return {"name": address.name, "email": address.email}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "(no date)"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
