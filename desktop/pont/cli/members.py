"""`pont members`: add, remove, import, list and export a group's members."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pont.cli import group_mail
from pont.cli.output import (
    add_format_option,
    add_group_option,
    json_text,
    print_table,
    terminal_text,
)
from pont.core.errors import PontError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.members.members import Member


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    importing.add_argument(
        "--first-names-first",
        action=argparse.BooleanOptionalAction,
        default=None,
        help='turn "Evans, Dai" into "Dai Evans" (the default when most names in the file '
        "are written surname first); --no-first-names-first keeps names as the file has them",
    )
    add_group_option(importing)
    importing.set_defaults(handler=members_import)

    add = member_commands.add_parser("add", help="add one member", description="Add a member.")
    add.add_argument(
        "email", help='the member\'s email address, or "Name <address>" with their name'
    )
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

    export_data = member_commands.add_parser(
        "export-data",
        help="write what Pont holds about one member to a JSON file",
        description="Write everything Pont holds about one member (their details, history, "
        "consents, bounces, requests, and a list of their messages in the archive) to a JSON "
        "file, for a request to see their data.",
    )
    export_data.add_argument("email", help="the member's email address")
    add_group_option(export_data)
    export_data.add_argument("--output", type=Path, required=True, help="the JSON file to write")
    export_data.set_defaults(handler=members_export_data)

    group_mail.register_consent(member_commands)


def members_export_data(db: Database, args: argparse.Namespace) -> int:
    from pont.core.group_mail.member_data import write_member_data
    from pont.core.members.groups import find_group
    from pont.core.members.members import find_member

    group = find_group(db, args.group)
    member = find_member(db, group.id, args.email)
    data = write_member_data(db, member.id, args.output)
    print(
        terminal_text(
            f"Wrote what Pont holds about {member.display} to {args.output}"
            f" ({len(data['messages'])} message(s) of theirs listed from the archive)."
        )
    )
    return 0


def members_import(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group
    from pont.core.members.importers.files import load_contacts_file
    from pont.core.members.importing import import_contacts
    from pont.core.members.names import (
        first_name_first,
        first_surname_first,
        looks_surname_first,
        with_first_names_first,
    )

    group = find_group(db, args.group)
    parsed = load_contacts_file(args.file)
    names = [contact.name for contact in parsed.contacts]
    turn = args.first_names_first
    if turn is None:
        turn = looks_surname_first(names)
    example = first_surname_first(names) if turn else ""
    if example:
        parsed = with_first_names_first(parsed)
    report = import_contacts(db, group.id, parsed, source=args.file.name, origin="cli")
    # Names, addresses and reasons quote the file, which a stranger may have written.
    lines = [f"Imported {args.file.name} into {group.name}: {report.summary()}."]
    if example:
        how = "" if args.first_names_first else " (--no-first-names-first keeps them as written)"
        lines.append(
            f"  Put first names first, as in {example} → {first_name_first(example)}{how}."
        )
    note = report.other_encoding_note()
    if note is not None:
        lines.append(f"  {note}")
    for skipped in report.skipped:
        shown = f" {skipped.address}" if skipped.address else ""
        lines.append(f"  skipped {skipped.where}{shown}: {skipped.reason}")
    for kept in report.kept:
        lines.append(
            f"  kept {kept.address}'s {kept.field} {kept.kept!r} (the file says {kept.offered!r})"
        )
    for line in lines:
        print(terminal_text(line))
    return 0


def members_add(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group
    from pont.core.members.importers.pasted import typed_address
    from pont.core.members.members import NewMember, add_member

    group = find_group(db, args.group)
    # "Ann Jones <ann@example.org>" and "ann@example.org (Ann Jones)" as Paste addresses takes.
    name, email = typed_address(args.email)
    new = NewMember(
        email=email, name=args.name or name, organisation=args.org, source="command line"
    )
    member = add_member(db, group.id, new, origin="cli")
    print(terminal_text(f"Added {member.display} to {group.name}."))
    return 0


def members_remove(db: Database, args: argparse.Namespace) -> int:
    from pont.core.members.groups import find_group
    from pont.core.members.members import find_member, remove_members

    group = find_group(db, args.group)
    member = find_member(db, group.id, args.email)
    remove_members(db, [member.id], origin="cli")
    print(terminal_text(f"Removed {member.display} from {group.name}."))
    return 0


def members_list(db: Database, args: argparse.Namespace) -> int:
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
        print(json_text(rows))
    elif args.format == "csv":
        sys.stdout.write(_csv_for_terminal(members))
    elif not members:
        print(
            terminal_text(
                f"{group.name} has no members yet. Add some with: pont members add EMAIL --group …"
            )
        )
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
    if args.output is None and sys.stdout.isatty():
        # Shown, not saved: control characters are escaped as `members list` escapes them.
        if args.format == "csv":
            sys.stdout.write(_csv_for_terminal(members))
        else:
            text = export_vcard(members)
            lines = text.removesuffix("\r\n").split("\r\n")
            sys.stdout.write("".join(terminal_text(line) + "\n" for line in lines))
    elif args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            args.output.write_bytes(data)
        except OSError as error:
            raise PontError(f"Could not write {args.output}: {error.strerror}.") from error
        print(f"Wrote {len(members)} members of {group.name} to {args.output}.", file=sys.stderr)
    return 0


def _csv_for_terminal(members: Sequence[Member]) -> str:
    """The CSV export's cells, one member a line, their control characters shown escaped."""
    import csv

    from pont.core.members.exporters.csv_file import csv_rows

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([terminal_text(cell) for cell in row] for row in csv_rows(members))
    return buffer.getvalue()
