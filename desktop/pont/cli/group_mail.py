"""The group's own mail from the command line: `pont held` (posts waiting for the
coordinator), and the other commands of issue 14 (requests, bounces), each in its own block."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from pont.cli.output import add_format_option, json_text, print_table, terminal_text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.held import HeldPost


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    register_held(commands)


# --- pont held -------------------------------------------------------------------------------


def register_held(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    held = commands.add_parser(
        "held",
        help="posts to a group's address that wait for you",
        description="Posts to a group's address that wait for your decision: from someone who "
        "is not a member, to a group that holds every post or where only you post, or too "
        "large to pass on. Those not decided within the group's hold days expire.",
    )
    held.add_argument("--group", metavar="NAME", help="only this group's held posts")
    add_format_option(held, ["table", "json"])
    held.set_defaults(handler=held_list)
    actions = held.add_subparsers(dest="action", metavar="ACTION")
    approve = actions.add_parser(
        "approve",
        help="pass a held post on to the group's members",
        description="Pass the held post on to the group's members, as a member's post would "
        "have been. It waits in the outbox: `pont outbox resume` or the next `pont sync` "
        "sends it.",
    )
    approve.add_argument("id", type=int, metavar="ID", help="the held post's number")
    approve.add_argument(
        "--add-member",
        action="store_true",
        help="also add the sender to the group as an active member",
    )
    approve.set_defaults(handler=held_approve)
    reject = actions.add_parser(
        "reject",
        help="turn a held post away",
        description="Turn the held post away: its sender gets a polite reply in the group's "
        "notice language, saying only members can post, unless --silent.",
    )
    reject.add_argument("id", type=int, metavar="ID", help="the held post's number")
    reject.add_argument("--silent", action="store_true", help="send no reply (for spam)")
    reject.set_defaults(handler=held_reject)


def held_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.held import list_held
    from pont.core.members.groups import find_group

    group_id = find_group(db, args.group).id if args.group else None
    posts = list_held(db, group_id, origin="cli")
    if args.format == "json":
        print(json_text([_held_json(post) for post in posts]))
        return 0
    if not posts:
        where = f" for {args.group}" if args.group else ""
        print(
            terminal_text(
                f"No posts are waiting{where}. A post to a group's address waits here when "
                "its sender is not a member, when the group holds every post, or when it is "
                "too large to pass on."
            )
        )
        return 0
    rows = [
        [
            str(post.id),
            post.group_name,
            post.sender,
            post.subject,
            post.size_text,
            f"{post.held.astimezone():%Y-%m-%d %H:%M}",
            f"{post.expires.astimezone():%Y-%m-%d}",
            str(post.reason_text),
        ]
        for post in posts
    ]
    print_table(["ID", "Group", "From", "Subject", "Size", "Held", "Expires", "Why"], rows)
    print(
        "\nDecide with `pont held approve ID [--add-member]` or `pont held reject ID [--silent]`."
    )
    return 0


def _held_json(post: HeldPost) -> dict[str, Any]:
    return {
        "id": post.id,
        "group": post.group_name,
        "sender_email": post.sender_email,
        "sender_name": post.sender_name,
        "subject": post.subject,
        "message_id": post.message_key,
        "reason": post.reason.value,
        "why": str(post.reason_text),
        "detail": post.detail,
        "size": post.size,
        "held": post.held.isoformat(),
        "expires": post.expires.isoformat(),
        "preview": post.preview,
    }


def held_approve(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.held import get_held
    from pont.core.group_mail.held_decisions import approve_held
    from pont.core.posting.outbox.outbox import post_status

    decision = approve_held(db, args.id, add_as_member=args.add_member, origin="cli")
    post = get_held(db, args.id)
    recipients = post_status(db, decision.post_id).recipients if decision.post_id else 0
    added = f" {post.sender_email} is now a member of {post.group_name}." if args.add_member else ""
    print(
        terminal_text(
            f"Approved “{post.subject}” from {post.sender}: it waits in the outbox for "
            f"{recipients:,} {'member' if recipients == 1 else 'members'}.{added} "
            "Send it with `pont outbox resume`."
        )
    )
    return 0


def held_reject(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.held import get_held
    from pont.core.group_mail.held_decisions import reject_held

    reject_held(db, args.id, silently=args.silent, origin="cli")
    post = get_held(db, args.id)
    if args.silent:
        said = "silently: nothing is sent."
    else:
        said = (
            f"and a reply to {post.sender_email} waits in the outbox. "
            "Send it with `pont outbox resume`."
        )
    print(terminal_text(f"Rejected “{post.subject}” from {post.sender} {said}"))
    return 0
