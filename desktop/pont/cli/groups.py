"""`pont group`: create, list and change groups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pont.cli.output import (
    add_format_option,
    add_password_stdin_option,
    json_text,
    print_table,
    terminal_text,
)
from pont.core.errors import PontError

if TYPE_CHECKING:
    from sqlite_utils import Database


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("group", help="create and list groups", description="Groups.")
    group_commands = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = group_commands.add_parser(
        "create", help="create a group", description="Create a group."
    )
    create.add_argument("name", help="the group's name, e.g. 'Wellbeing Network'")
    create.add_argument("--tag", help="short tag for subject lines, e.g. Wellbeing → [Wellbeing]")
    create.add_argument("--description", default="", help="one line saying what the group is")
    create.set_defaults(handler=group_create)
    listing = group_commands.add_parser("list", help="list groups", description="List groups.")
    add_format_option(listing, ["table", "json"])
    listing.set_defaults(handler=group_list)
    setting = group_commands.add_parser(
        "set",
        help="change how a group's posts go out and how it handles its mail",
        description="Change how a group's posts go out: copy-all puts every member in To "
        "(replies reach everyone); group-address sends to your own +tag address with the "
        "members in batches, and names them in the footer. Also who can post to the group "
        "address, how long held posts wait, whether people can leave without asking you, and "
        "the language and wording of the welcome and goodbye messages.",
    )
    setting.add_argument("name", help="the group's name")
    setting.add_argument(
        "--mode", choices=["copy-all", "group-address"], help="how posts are addressed"
    )
    setting.add_argument(
        "--footer", metavar="TEXT", help="one line under each post saying what the group is"
    )
    setting.add_argument(
        "--posting",
        choices=["members", "moderated", "announce"],
        help="who can post to the group address: members freely; every post held for you; "
        "or only you (an announcement group)",
    )
    setting.add_argument(
        "--hold-days",
        type=int,
        metavar="N",
        help="held posts not approved within N days (1 to 365) expire",
    )
    setting.add_argument(
        "--auto-leave",
        action=argparse.BooleanOptionalAction,
        help="let people leave by email without asking you (--no-auto-leave: you approve)",
    )
    setting.add_argument(
        "--language",
        choices=["en", "cy", "both"],
        help="the language of the group's notices and of the footer under its posts: "
        "English, Welsh (Cymraeg), or both",
    )
    for notice in ("welcome", "goodbye"):
        setting.add_argument(
            f"--{notice}-file",
            type=Path,
            metavar="FILE",
            help=f"your own wording for the {notice} message (UTF-8 text), with {{name}}, "
            "{group}, {post} (how to post) and {leave} (how to leave) filled in; an empty "
            "file goes back to Pont's wording",
        )
    setting.set_defaults(handler=group_set)
    preview = group_commands.add_parser(
        "notice-preview",
        help="show a welcome or goodbye message as a member would get it",
        description="Show the subject and text of the group's welcome or goodbye message, "
        "as a member would get it.",
    )
    preview.add_argument("name", help="the group's name")
    preview.add_argument("notice", choices=["welcome", "goodbye"], help="which message")
    preview.add_argument(
        "--member", metavar="EMAIL", help="a member to show it for (default: a sample member)"
    )
    preview.set_defaults(handler=group_notice_preview)
    check = group_commands.add_parser(
        "check-address",
        help="check that mail to the group's address reaches your mailbox",
        description="Send a test message to the group's address (your +tag sub-address, or "
        "the one given) and wait for it to arrive in your mailbox; then it is deleted and "
        "the address remembered as working. Do this before switching a group to "
        "group-address mode: some providers have no plus addresses.",
    )
    check.add_argument("name", help="the group's name")
    check.add_argument(
        "--address",
        metavar="ALIAS",
        default="",
        help="an address you already have that delivers to this mailbox (an alias, a shared "
        "mailbox), to use as the group's address once it works",
    )
    check.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=float,
        default=60.0,
        help="how long to wait for the test message (default 60)",
    )
    add_password_stdin_option(check)
    check.set_defaults(handler=group_check_address)
    register_from_thread(group_commands)


def group_create(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import create_group

    group = create_group(db, args.name, args.tag, args.description, origin="cli")
    print(f"Created {group.name} (subject tag {group.subject_tag}).")
    return 0


def group_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import list_groups

    groups = list_groups(db)
    if args.format == "json":
        rows = [
            {
                "name": g.name,
                "tag": g.tag,
                "description": g.description,
                "members": g.member_count,
                "mode": g.mode.value,
                "address": g.address,
                "posting": g.posting.value,
                "hold_days": g.hold_days,
                "auto_leave": g.auto_leave,
                "language": g.language.value,
            }
            for g in groups
        ]
        print(json_text(rows))
    elif not groups:
        print("No groups yet. Create one with: pont group create NAME")
    else:
        print_table(
            ["Name", "Tag", "Members", "Posts go", "Description"],
            [
                [g.name, g.subject_tag, str(g.member_count), g.mode.value, g.description]
                for g in groups
            ],
        )
    return 0


_MAIL_OPTIONS = ("posting", "hold_days", "auto_leave", "language", "welcome_file", "goodbye_file")
_POSTING = {
    "members": "members post freely",
    "moderated": "every post is held for you",
    "announce": "only you post (an announcement group)",
}
_LANGUAGE = {"en": "English", "cy": "Welsh", "both": "Welsh and English"}


def _read_template(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise PontError(f"Could not read {path}: {error.strerror}.") from error
    except UnicodeDecodeError as error:
        raise PontError(f"{path} is not UTF-8 text.") from error


def group_set(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group, set_group_mail, set_group_sending

    mail_options = {option: getattr(args, option) for option in _MAIL_OPTIONS}
    if (
        args.mode is None
        and args.footer is None
        and all(value is None for value in mail_options.values())
    ):
        raise PontError(
            "Say what to change: --mode copy-all|group-address, --footer TEXT, "
            "--posting members|moderated|announce, --hold-days N, --auto-leave or "
            "--no-auto-leave, --language en|cy|both, --welcome-file FILE, --goodbye-file FILE."
        )
    welcome = _read_template(args.welcome_file)
    goodbye = _read_template(args.goodbye_file)
    before = find_group(db, args.name)
    with db.atomic():  # every change, or none
        after = set_group_sending(db, before.id, mode=args.mode, footer=args.footer, origin="cli")
        after = set_group_mail(
            db,
            before.id,
            posting=args.posting,
            hold_days=args.hold_days,
            auto_leave=args.auto_leave,
            language=args.language,
            welcome=welcome,
            goodbye=goodbye,
            origin="cli",
        )
    how = {
        "copy-all": "every member in To, so replies reach everyone",
        "group-address": "to your +tag address, members in batches and named in the footer",
    }
    changes = []
    if after.mode != before.mode:
        changes.append(f"posts now go out {after.mode.value} ({how[after.mode.value]})")
    if after.footer != before.footer:
        footer = f"“{after.footer}”" if after.footer else "the group's description"
        changes.append(f"the footer line is now {footer}")
    if after.posting != before.posting:
        changes.append(f"{_POSTING[after.posting.value]}")
    if after.hold_days != before.hold_days:
        day = "day" if after.hold_days == 1 else "days"
        changes.append(f"held posts now expire after {after.hold_days} {day}")
    if after.auto_leave != before.auto_leave:
        changes.append(
            "people can now leave without asking you"
            if after.auto_leave
            else "you now approve each request to leave"
        )
    if after.language != before.language:
        changes.append(f"notices and footers now go in {_LANGUAGE[after.language.value]}")
    for notice, old, new in (
        ("welcome", before.welcome, after.welcome),
        ("goodbye", before.goodbye, after.goodbye),
    ):
        if old != new:
            wording = "your own wording" if new else "Pont's wording"
            changes.append(f"the {notice} message now has {wording}")
    if not changes:
        print(f"{after.name} already works that way; nothing changed.")
    else:
        print(f"{after.name}: {'; '.join(changes)}.")
    if after.mode.value == "copy-all" and (args.posting is not None or args.hold_days is not None):
        print(
            "Who can post and held posts matter once the group sends from a group address "
            "(--mode group-address)."
        )
    return 0


def group_notice_preview(db: Database, args: argparse.Namespace) -> int:
    from pont.core.archive.message_headers import Address
    from pont.core.group_mail.notices import NoticeKind, preview_notice
    from pont.core.mail.accounts import get_account, list_accounts
    from pont.core.members.groups import find_group
    from pont.core.members.members import find_member

    group = find_group(db, args.name)
    if args.member:
        member = find_member(db, group.id, args.member)
        to = Address(member.name, member.email)
    else:
        to = Address("Siân Jones", "sian.jones@example.org")
    accounts = list_accounts(db)
    if group.account_id is not None:
        coordinator = get_account(db, group.account_id).email
    elif accounts:
        coordinator = accounts[0].email
    else:
        coordinator = "you@example.org"
        print("(No mail account yet: “you@example.org” stands for your address.)\n")
    text = preview_notice(group, coordinator, NoticeKind(args.notice), to)
    addressee = f"{to.name} <{to.email}>" if to.name else to.email
    print(terminal_text(f"To: {addressee}"))
    print(terminal_text(f"Subject: {text.subject}"))
    print()
    for line in text.body.rstrip("\n").split("\n"):
        print(terminal_text(line))
    return 0


def group_check_address(db: Database, args: argparse.Namespace) -> int:
    from pont.cli.accounts import account_secret
    from pont.cli.microsoft import graph_client
    from pont.core.group_mail.address_check import CheckOutcome, check_address, missing_sentence
    from pont.core.mail.accounts import group_account
    from pont.core.members.groups import find_group

    group = find_group(db, args.name)
    account = group_account(db, group)
    if not 0 < args.timeout <= 3600:
        raise PontError("--timeout is in seconds, more than 0 and at most 3600.")
    secret = account_secret(db, account, args.password_stdin)
    print("Sending a test message and waiting for it to arrive…", flush=True)
    try:
        result = check_address(
            db,
            account,
            secret,
            group.id,
            typed=args.address,
            timeout=args.timeout,
            graph=lambda: graph_client(db, account, secret),
        )
    except KeyboardInterrupt:
        print("Stopped; nothing was recorded.")
        return 1
    if result.outcome is CheckOutcome.ARRIVED:
        where = "" if result.folder.upper() == "INBOX" else f" (in {result.folder})"
        print(f"The test message to {result.address} arrived{where}: {group.name} can use it.")
        if not result.removed:
            print("Pont could not delete the test message; you may delete it yourself.")
        return 0
    print(missing_sentence(result.address, typed=bool(args.address), refusal=result.refusal))
    print(
        "Keep copy-everyone-in mode, or check an address you already have that reaches "
        f"this mailbox: pont group check-address '{group.name}' --address ALIAS"
    )
    return 1


# -- pont group from-thread -------------------------------------------------------------------


def register_from_thread(
    group_commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    from_thread = group_commands.add_parser(
        "from-thread",
        help="start a group from a conversation already in your mailbox",
        description="Search your whole mailbox on the server (every folder but Trash, Junk and "
        "Drafts) for conversations whose subject has all of the words, and list them. When "
        "exactly one matches, or you choose one with --pick N, show everyone in its From, To "
        "and Cc with how many messages each wrote, and create the group with all of them but "
        "you (leave people out with --exclude). Each new member is marked as not yet having "
        "consented to a roster members can see: ask them afterwards with `pont members "
        "consent ask --group NAME --all-missing`. At most the newest 5,000 matching messages "
        "are read; nothing in the mailbox changes.",
    )
    from_thread.add_argument("words", metavar="SUBJECT WORDS", help="words of the subject")
    from_thread.add_argument("--name", required=True, help="the new group's name")
    from_thread.add_argument(
        "--pick", type=int, metavar="N", help="the conversation to use, by its number in the list"
    )
    from_thread.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="EMAIL",
        help="someone in the conversation to leave out of the group (repeat for more)",
    )
    from_thread.add_argument(
        "--dry-run",
        action="store_true",
        help="show the conversations and people, and create nothing",
    )
    from_thread.add_argument(
        "--account", metavar="EMAIL", help="the mailbox to search (needed when there are several)"
    )
    add_password_stdin_option(from_thread)
    add_format_option(from_thread, ["table", "json"])
    from_thread.set_defaults(handler=group_from_thread)


def _day(moment: object) -> str:
    from datetime import datetime

    return moment.astimezone().date().isoformat() if isinstance(moment, datetime) else ""


def group_from_thread(db: Database, args: argparse.Namespace) -> int:
    from pont.cli.accounts import account_secret, chosen_account
    from pont.cli.microsoft import graph_client
    from pont.core.archive.found_conversations import people_in
    from pont.core.archive.mailbox_search import search_mailbox, search_words
    from pont.core.errors import DuplicateGroup, GroupNotFound
    from pont.core.group_mail.from_thread import create_group_from_people, own_addresses
    from pont.core.mail.connections import open_imap
    from pont.core.members.addresses import address_key
    from pont.core.members.groups import find_group

    words = search_words(args.words)
    try:
        taken = find_group(db, args.name)
    except GroupNotFound:
        pass
    else:
        raise DuplicateGroup(taken.name)
    account = chosen_account(db, args.account)
    secret = account_secret(db, account, args.password_stdin)
    if args.format == "table":
        print(f"Searching {account.email} for “{' '.join(words)}”…", flush=True)
    try:
        found = search_mailbox(
            account,
            words,
            connect=lambda: open_imap(account, secret),
            graph=lambda: graph_client(db, account, secret),
        )
    except KeyboardInterrupt:
        print("Stopped; nothing was created.", file=sys.stderr)
        return 1
    conversations = found.conversations
    report: dict[str, object] = {
        "account": account.email,
        "words": list(words),
        "matched": found.matched,
        "read": found.read,
        "capped": found.capped,
        "conversations": [
            {
                "number": number,
                "subject": c.subject,
                "messages": c.count,
                "first": _day(c.first),
                "last": _day(c.last),
            }
            for number, c in enumerate(conversations, 1)
        ],
        "picked": None,
        "people": [],
        "group": None,
    }
    if not conversations:
        raise PontError(
            f"No conversation in {account.email} has a subject with all of these words: "
            f"{' '.join(words)}. Try fewer words, or words as the subject spells them."
        )
    if args.pick is not None and not 1 <= args.pick <= len(conversations):
        raise PontError(f"--pick is a number from the list, 1 to {len(conversations)}.")
    number = args.pick or (1 if len(conversations) == 1 else None)
    if args.format == "table":
        if found.capped and found.matched is not None:
            print(
                f"Found {found.matched:,} messages; read the newest {found.read:,}. More words "
                "would narrow it."
            )
        elif found.capped:
            print(
                f"Found more than {found.read:,} messages; read the first {found.read:,}. "
                "More words would narrow it."
            )
        print_table(
            ["#", "Subject", "Messages", "First", "Last"],
            [
                [str(n), c.subject, str(c.count), _day(c.first), _day(c.last)]
                for n, c in enumerate(conversations, 1)
            ],
        )
    if number is None:
        if args.format == "json":
            print(json_text(report))
        print(
            f"{len(conversations)} conversations match: choose one with --pick N.",
            file=sys.stderr if args.format == "json" else sys.stdout,
        )
        return 1
    chosen = conversations[number - 1]
    people = people_in(chosen, [account.email, *own_addresses(db)])
    excluded = {address_key(address) for address in args.exclude}
    unknown = excluded - {address_key(p.email) for p in people}
    if unknown:
        raise PontError(
            f"Not in that conversation: {', '.join(sorted(unknown))}. Give addresses as the "
            "list of people shows them."
        )
    included = [p for p in people if not p.is_you and address_key(p.email) not in excluded]
    report["picked"] = number
    report["people"] = [
        {
            "email": p.email,
            "name": p.name,
            "wrote": p.wrote,
            "messages": p.seen_in,
            "you": p.is_you,
            "included": p in included,
        }
        for p in people
    ]
    if args.format == "table":
        print()
        print(terminal_text(f"People in “{chosen.subject}” ({chosen.count} messages):"))
        print_table(
            ["Name", "Email", "Wrote", "In", "Member"],
            [
                [
                    p.name,
                    p.email,
                    str(p.wrote),
                    str(p.seen_in),
                    "you" if p.is_you else "yes" if p in included else "left out",
                ]
                for p in people
            ],
        )
    if args.dry_run or not included:
        if args.format == "json":
            print(json_text(report))
        elif not included:
            print("Nobody is left to add once you and those left out are taken away.")
        else:
            print("Nothing created (--dry-run).")
        return 0 if args.dry_run else 1
    from pont.core.archive.message_headers import Address

    made = create_group_from_people(
        db,
        args.name,
        [Address(p.name, p.email) for p in included],
        subject=chosen.subject,
        origin="cli",
    )
    report["group"] = {"name": made.group.name, "members": made.added}
    if args.format == "json":
        print(json_text(report))
        return 0
    member = "member" if made.added == 1 else "members"
    print(
        terminal_text(
            f"Created {made.group.name} with {made.added} {member}. None has consented yet to "
            "a roster members can see: ask them with "
            f"pont members consent ask --group '{made.group.name}' --all-missing"
        )
    )
    for address in made.left_out:
        print(terminal_text(f"Left out {address}: not a usable address."))
    return 0
