"""The group's own mail from the command line (issue 14): held posts, join and leave requests,
bounces. Each part registers its own subcommands in its own block below."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pont.cli.output import add_format_option, json_text, print_table, terminal_text

if TYPE_CHECKING:
    from sqlite_utils import Database


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    register_bounces(commands)


# --- bounces: `pont bounces`, `pont bounces reenable` ----------------------------------------


def register_bounces(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bounces = commands.add_parser(
        "bounces",
        help="members whose mail bounces, and bounces that named no member",
        description="List the members whose mail bounced: their score (a bounced post counts "
        "1, a temporary failure 0.5, over the last 30 days), when it last bounced, and "
        "whether delivery to them is paused (status 'bouncing', at a score of 5).",
    )
    bounces.add_argument("--group", metavar="NAME", help="only this group's members")
    add_format_option(bounces, ["table", "json"])
    bounces.set_defaults(handler=bounces_list)
    actions = bounces.add_subparsers(dest="action", metavar="ACTION")
    reenable = actions.add_parser(
        "reenable",
        help="deliver to a bouncing member again",
        description="Turn delivery back on for a member whose mail kept bouncing, their "
        "score cleared.",
    )
    reenable.add_argument("email", metavar="EMAIL", help="the member's address")
    reenable.add_argument("--group", required=True, metavar="NAME", help="the group's name")
    reenable.set_defaults(handler=bounces_reenable)


def bounces_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core import activity
    from pont.core.group_mail.bounces import bouncing_members, unmatched_bounces
    from pont.core.members.groups import find_group, list_groups

    group_id = find_group(db, args.group).id if args.group else None
    names = {group.id: group.name for group in list_groups(db)}
    listed = bouncing_members(db, activity.now(), group_id)
    unmatched = unmatched_bounces(db) if group_id is None else []
    if args.format == "json":
        print(
            json_text(
                {
                    "members": [
                        {
                            "email": b.email,
                            "name": b.name,
                            "group": names.get(b.group_id, ""),
                            "status": b.status.value,
                            "score": b.score,
                            "bounced_posts": b.bounced_posts,
                            "last_bounce": b.last_bounce.isoformat(),
                            "kind": b.last_kind.value,
                        }
                        for b in listed
                    ],
                    "unmatched": [
                        {
                            "from": u.sender,
                            "subject": u.subject,
                            "received": u.received.isoformat(),
                            "why": "no failed address found"
                            if u.outcome.endswith("unreadable")
                            else "no member has the address",
                        }
                        for u in unmatched
                    ],
                }
            )
        )
        return 0
    if not listed:
        print("No member's mail has bounced.")
    else:
        print_table(
            ["Member", "Group", "Score", "Last bounce", "Kind", "Status"],
            [
                [
                    b.email,
                    names.get(b.group_id, ""),
                    f"{b.score:g}",
                    f"{b.last_bounce.astimezone():%Y-%m-%d %H:%M}",
                    b.last_kind.value,
                    b.status.value,
                ]
                for b in listed
            ],
        )
        paused = [b for b in listed if b.status.value == "bouncing"]
        if paused:
            print(
                f"\nDelivery is paused to {len(paused)} of them. Deliver to one again with:"
                " pont bounces reenable EMAIL --group NAME"
            )
    if unmatched:
        print(f"\n{len(unmatched)} bounces named no member:")
        for u in unmatched:
            print(terminal_text(f"  {u.received.astimezone():%Y-%m-%d %H:%M}  {u.subject}"))
    return 0


def bounces_reenable(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.bounces import reenable_member
    from pont.core.members.groups import find_group
    from pont.core.members.members import find_member

    group = find_group(db, args.group)
    member = find_member(db, group.id, args.email)
    if reenable_member(db, member.id, origin="cli"):
        print(terminal_text(f"Pont delivers to {member.display} in {group.name} again."))
    else:
        print(terminal_text(f"{member.display} is not bouncing: nothing changed."))
    return 0


# --- end of bounces ----------------------------------------------------------------------------
