"""The `pont` command: alone it opens the window; subcommands do the same work headless."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pont import __version__
from pont.core.errors import PontError
from pont.core.profile.paths import DATA_DIR_VARIABLE, resolve_data_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

# Subcommands never import Qt; only opening the window does (see open_window).


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pont",
        description="Run a visible-membership email group from your own PC and mailbox. "
        "With no command, Pont opens its window.",
    )
    parser.add_argument("--version", action="version", version=f"Pont {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"the profile folder to use (default: ${DATA_DIR_VARIABLE}, "
        "else your user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the demo profile, filled with a sample group the first time",
    )
    # Hidden: the packaging smoke test and start-up benchmark open the window, say on stdout
    # when it is shown, and close it once the profile is open (ui.application.close_once_open).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
        help="change how a group's posts go out",
        description="Change how a group's posts go out: copy-all puts every member in To "
        "(replies reach everyone); group-address sends to your own +tag address with the "
        "members in batches, and names them in the footer.",
    )
    setting.add_argument("name", help="the group's name")
    setting.add_argument(
        "--mode", choices=["copy-all", "group-address"], help="how posts are addressed"
    )
    setting.add_argument(
        "--footer", metavar="TEXT", help="one line under each post saying what the group is"
    )
    setting.set_defaults(handler=group_set)

    members = commands.add_parser(
        "members", help="add, remove, import, list and export members", description="Members."
    )
    member_commands = members.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = member_commands.add_parser(
        "import",
        help="import members from a CSV or vCard file",
        description="Import members from a CSV (Excel, Outlook, Gmail, Thunderbird) or vCard "
        "file, and print what was added, updated and skipped.",
    )
    importing.add_argument("file", type=Path, help="the CSV or vCard file")
    add_group_option(importing)
    importing.set_defaults(handler=members_import)

    add = member_commands.add_parser("add", help="add one member", description="Add a member.")
    add.add_argument("email", help="the member's email address")
    add.add_argument("--name", default="", help="the member's name")
    add.add_argument("--org", default="", help="the member's organisation")
    add_group_option(add)
    add.set_defaults(handler=members_add)

    remove = member_commands.add_parser(
        "remove", help="remove one member", description="Remove a member from a group."
    )
    remove.add_argument("email", help="the member's email address")
    add_group_option(remove)
    remove.set_defaults(handler=members_remove)

    members_listing = member_commands.add_parser(
        "list", help="list a group's members", description="List a group's members."
    )
    add_group_option(members_listing)
    add_format_option(members_listing, ["table", "csv", "json"])
    members_listing.set_defaults(handler=members_list)

    export = member_commands.add_parser(
        "export",
        help="export members to CSV or vCard",
        description="Export a group's members as CSV (opens in Excel) or vCard 3.0.",
    )
    add_group_option(export)
    export.add_argument("--format", choices=["csv", "vcard"], required=True)
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    export.set_defaults(handler=members_export)

    from pont import cli_account, cli_archive

    cli_account.register(commands)
    cli_archive.register(commands)
    from pont import cli_post, cli_profile

    cli_post.register(commands)
    cli_profile.register(commands)
    return parser


def add_group_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", required=True, metavar="NAME", help="the group's name")


def add_format_option(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0], help="output format")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir, demo=args.demo)
    if args.command is None:
        return open_window(data_dir, demo=args.demo, smoke_test=args.smoke_test)
    handler: Callable[[Database, argparse.Namespace], int] = args.handler
    try:
        db = open_profile_for(data_dir, demo=args.demo)
        try:
            return handler(db, args)
        finally:
            db.close()
    except PontError as error:
        print(f"pont: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `pont members list | head`
        return 0


def open_profile_for(data_dir: Path, demo: bool) -> Database:
    from pont.core.demo.profile import seed_demo_profile
    from pont.core.profile.store import open_profile

    db = open_profile(data_dir)
    if demo:
        seed_demo_profile(db)
    return db


def open_window(data_dir: Path, demo: bool, smoke_test: bool = False) -> int:
    from pont.app import run_app

    return run_app(data_dir, demo=demo, smoke_test=smoke_test)


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
            }
            for g in groups
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
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


def group_set(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group, set_group_sending

    if args.mode is None and args.footer is None:
        raise PontError("Say what to change: --mode copy-all|group-address, --footer TEXT.")
    before = find_group(db, args.name)
    after = set_group_sending(db, before.id, mode=args.mode, footer=args.footer, origin="cli")
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
    if not changes:
        print(f"{after.name} already works that way; nothing changed.")
    else:
        print(f"{after.name}: {'; '.join(changes)}.")
    return 0


def members_import(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group
    from pont.core.members.importers.files import load_contacts_file
    from pont.core.members.importing import import_contacts

    group = find_group(db, args.group)
    parsed = load_contacts_file(args.file)
    report = import_contacts(db, group.id, parsed, source=args.file.name, origin="cli")
    print(f"Imported {args.file.name} into {group.name}: {report.summary()}.")
    for skipped in report.skipped:
        shown = f" {skipped.address}" if skipped.address else ""
        print(f"  skipped {skipped.where}{shown}: {skipped.reason}")
    for kept in report.kept:
        print(
            f"  kept {kept.address}'s {kept.field} {kept.kept!r} (the file says {kept.offered!r})"
        )
    return 0


def members_add(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group
    from pont.core.members.members import NewMember, add_member

    group = find_group(db, args.group)
    new = NewMember(email=args.email, name=args.name, organisation=args.org, source="command line")
    member = add_member(db, group.id, new, origin="cli")
    print(f"Added {member.display} to {group.name}.")
    return 0


def members_remove(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group
    from pont.core.members.members import find_member, remove_members

    group = find_group(db, args.group)
    member = find_member(db, group.id, args.email)
    remove_members(db, [member.id], origin="cli")
    print(f"Removed {member.display} from {group.name}.")
    return 0


def members_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.exporters.csv_file import export_csv
    from pont.core.members.groups import find_group
    from pont.core.members.members import list_members

    group = find_group(db, args.group)
    members = list_members(db, group.id)
    if args.format == "json":
        rows = [
            {
                "email": m.email,
                "name": m.name,
                "organisation": m.organisation,
                "status": m.status.value,
                "tags": list(m.tags),
                "joined": m.joined.isoformat(),
            }
            for m in members
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(export_csv(members).decode("utf-8-sig").replace("\r\n", "\n"))
    elif not members:
        print(f"{group.name} has no members yet. Add some with: pont members add EMAIL --group …")
    else:
        print_table(
            ["Name", "Email", "Organisation", "Status", "Tags", "Joined"],
            [
                [m.name, m.email, m.organisation, m.status.value, ", ".join(m.tags), str(m.joined)]
                for m in members
            ],
        )
    return 0


def members_export(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.exporters.csv_file import export_csv
    from pont.core.members.exporters.vcard import export_vcard
    from pont.core.members.groups import find_group
    from pont.core.members.members import list_members

    group = find_group(db, args.group)
    members = list_members(db, group.id)
    data = export_csv(members) if args.format == "csv" else export_vcard(members).encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            args.output.write_bytes(data)
        except OSError as error:
            raise PontError(f"Could not write {args.output}: {error.strerror}.") from error
        print(f"Wrote {len(members)} members of {group.name} to {args.output}.", file=sys.stderr)
    return 0


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=False)]
    for row in [headers, ["-" * width for width in widths], *rows]:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
