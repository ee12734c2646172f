"""The group's own mail from the command line (issue 14): `pont held` (held posts),
`pont requests` (join and leave requests by email), `pont members consent …` (registered
under `pont members`) and `pont bounces`. Each part keeps to its own block below."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from pont.cli.output import add_format_option, json_text, print_table, terminal_text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.held import HeldPost
    from pont.core.group_mail.requests import MemberRequest


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    register_held(commands)
    register_requests(commands)
    register_bounces(commands)


# ---- pont requests: join and leave requests by email ----


def register_requests(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    requests = commands.add_parser(
        "requests",
        help="list join and leave requests, approve or reject them",
        description="Join and leave requests people sent by email. With no action, lists "
        "those waiting: for you, or for the person's own confirmation. Approving a leave "
        "request marks the member as left and sends a goodbye; approving a join sends the "
        "person a confirmation, and they become a member when they answer it. "
        "Notices wait in the outbox: `pont outbox resume` or `pont sync` sends them.",
    )
    requests.add_argument("--group", metavar="NAME", help="only this group's requests")
    requests.add_argument(
        "--all", action="store_true", help="decided requests too, not only those waiting"
    )
    add_format_option(requests, ["table", "json"])
    requests.set_defaults(handler=requests_list)
    actions = requests.add_subparsers(dest="action", metavar="ACTION")
    for name, summary, description, handler in (
        ("approve", "approve a request", "Approve a join or leave request.", requests_approve),
        (
            "reject",
            "reject a request",
            "Reject a join or leave request. Pont sends the person nothing.",
            requests_reject,
        ),
    ):
        action = actions.add_parser(name, help=summary, description=description)
        action.add_argument("id", type=int, help="the request's number, from `pont requests`")
        action.set_defaults(handler=handler)


def _request_row(request: MemberRequest) -> dict[str, object]:
    return {
        "id": request.id,
        "kind": request.kind.value,
        "email": request.email,
        "name": request.name,
        "group": request.group_name,
        "received": request.received.isoformat(),
        "state": request.state.value,
        "decided": request.decided.isoformat() if request.decided else None,
    }


_STATE_WORDS = {
    "open": "waiting for you",
    "confirming": "waiting for their confirmation",
    "done": "done",
    "rejected": "rejected",
    "expired": "expired",
}


def requests_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.requests import list_requests
    from pont.core.members.groups import find_group

    group_id = find_group(db, args.group).id if args.group else None
    found = list_requests(db, group_id, waiting_only=not args.all)
    if args.format == "json":
        print(json_text([_request_row(request) for request in found]))
    elif not found:
        print("No requests are waiting." if not args.all else "There are no requests.")
    else:
        print_table(
            ["ID", "Kind", "Person", "Group", "Received", "State"],
            [
                [
                    str(r.id),
                    r.kind.value,
                    f"{r.name} <{r.email}>" if r.name else r.email,
                    r.group_name,
                    r.received.strftime("%Y-%m-%d %H:%M"),
                    _STATE_WORDS[r.state.value],
                ]
                for r in found
            ],
        )
    return 0


def requests_approve(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.requests import RequestKind, RequestState, approve_request

    request = approve_request(db, args.id, origin="cli")
    who = request.email
    if request.kind is RequestKind.LEAVE:
        line = f"{who} has left {request.group_name}; a goodbye waits in the outbox."
    elif request.state is RequestState.CONFIRMING:
        line = (
            f"Approved: a confirmation to {who} waits in the outbox. They join "
            f"{request.group_name} when they answer it."
        )
    else:
        line = f"{who} is a member of {request.group_name} already."
    print(terminal_text(line))
    return 0


def requests_reject(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.requests import reject_request

    request = reject_request(db, args.id, origin="cli")
    print(terminal_text(f"Rejected {request.email}'s {request.kind.value} request."))
    return 0


# ---- pont members consent: each member's agreement to a visible roster ----


def register_consent(members: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    consent = members.add_parser(
        "consent",
        help="who agreed to a roster members can see; ask, or record consent",
        description="Each member's consent to a roster every member can see: given by "
        "answering Pont's confirmation or consent request, or recorded by you with a note.",
    )
    actions = consent.add_subparsers(dest="consent_action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list",
        help="each member's consent: given (when, how), asked, or not yet",
        description="List a group's members with their consent.",
    )
    listing.add_argument("--group", required=True, metavar="NAME", help="the group's name")
    listing.add_argument(
        "--missing", action="store_true", help="only members who have not consented"
    )
    add_format_option(listing, ["table", "json"])
    listing.set_defaults(handler=consent_list)

    ask = actions.add_parser(
        "ask",
        help="send members a consent request",
        description="Queue a consent request to each named member, or with --all-missing to "
        "every active member without consent. They consent by answering it. Members who "
        "consented already are not asked again. `pont outbox resume` or `pont sync` sends.",
    )
    ask.add_argument("--group", required=True, metavar="NAME", help="the group's name")
    ask.add_argument("emails", nargs="*", metavar="EMAIL", help="members to ask")
    ask.add_argument(
        "--all-missing", action="store_true", help="every active member without consent"
    )
    ask.set_defaults(handler=consent_ask)

    record = actions.add_parser(
        "record",
        help="record consent a member gave another way",
        description="Record consent a member gave you another way (on paper, by phone), "
        "with a note saying how.",
    )
    record.add_argument("email", help="the member's email address")
    record.add_argument("--group", required=True, metavar="NAME", help="the group's name")
    record.add_argument("--note", required=True, help="how they consented, e.g. 'signed form'")
    record.add_argument(
        "--date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="when they consented (default: today)",
    )
    record.set_defaults(handler=consent_record)


def consent_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.consent import consent_asked, consent_for
    from pont.core.members.groups import find_group
    from pont.core.members.members import list_members

    group = find_group(db, args.group)
    given, asked = consent_for(db, group.id), consent_asked(db, group.id)
    rows = []
    for member in list_members(db, group.id):
        consent = given.get(member.id)
        if consent is not None and args.missing:
            continue
        rows.append(
            {
                "email": member.email,
                "name": member.name,
                "status": member.status.value,
                "consent": "given" if consent else ("asked" if member.id in asked else "not yet"),
                "given": consent.given.isoformat() if consent else None,
                "how": consent.how.value if consent else None,
                "message_key": consent.message_key if consent else None,
                "note": consent.note if consent else None,
                "asked": asked[member.id].isoformat() if member.id in asked else None,
            }
        )
    if args.format == "json":
        print(json_text(rows))
    elif not rows:
        print(terminal_text(f"Every member of {group.name} has consented."))
    else:
        print_table(
            ["Email", "Name", "Consent", "When", "How"],
            [
                [
                    str(row["email"]),
                    str(row["name"]),
                    str(row["consent"]),
                    str(row["given"] or row["asked"] or "")[:10],
                    str(row["how"] or ""),
                ]
                for row in rows
            ],
        )
    return 0


def consent_ask(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.consent import ask_for_consent, consent_for
    from pont.core.members.groups import find_group
    from pont.core.members.members import find_member, list_members

    group = find_group(db, args.group)
    if args.all_missing == bool(args.emails):
        print("Name members to ask, or give --all-missing (not both).")
        return 2
    if args.all_missing:
        given = consent_for(db, group.id)
        ids = [m.id for m in list_members(db, group.id) if m.id not in given]
    else:
        ids = [find_member(db, group.id, address).id for address in args.emails]
    report = ask_for_consent(db, ids, datetime.now(UTC), origin="cli")
    line = f"Queued {report.asked} consent request(s) in the outbox."
    if report.already_given:
        line += f" {report.already_given} had consented already."
    if report.not_active:
        line += f" {report.not_active} not active, not asked."
    print(line)
    return 0


def consent_record(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.consent import record_given_consent
    from pont.core.members.groups import find_group
    from pont.core.members.members import find_member

    group = find_group(db, args.group)
    member = find_member(db, group.id, args.email)
    day = args.date or date.today()
    when = datetime(day.year, day.month, day.day, tzinfo=UTC)
    record_given_consent(db, member.id, args.note, when, origin="cli")
    print(terminal_text(f"Recorded {member.display}'s consent ({day.isoformat()})."))
    return 0


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


# ---- pont held: posts to a group's address that wait for the coordinator ----


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
