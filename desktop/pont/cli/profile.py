"""The `pont backup`, `pont export-all` and `pont import-all` subcommands: the profile's data
kept safe, and handed over whole."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pont.cli.output import print_table
from pont.core.profile.paths import resolve_data_dir
from pont.core.sizes import human_size

if TYPE_CHECKING:
    from sqlite_utils import Database


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser(
        "backup",
        help="back up the profile's data now, or list the backups",
        description="Copy the profile's database into its backups folder now (Pont also does "
        "this once a day while its window is open, and keeps the last 7).",
    )
    backup.add_argument(
        "--list", action="store_true", help="list the backups, newest first, instead"
    )
    backup.set_defaults(handler=backup_command)

    export = commands.add_parser(
        "export-all",
        help="save everything in the profile to one file, to hand the group over",
        description="Save the groups, members, drafts, outbox, mail archive and window "
        "settings to one zip file another coordinator opens with `pont import-all`. "
        "Passwords are never included.",
    )
    export.add_argument("file", type=Path, help="the zip file to write")
    export.set_defaults(handler=export_all)

    importing = commands.add_parser(
        "import-all",
        help="open a file made by export-all into this profile",
        description="Open a file made by `pont export-all` (or the window's Export everything) "
        "into this profile. Accounts come without passwords: Pont asks for them when it "
        "next signs in.",
    )
    importing.add_argument("file", type=Path, help="the zip file to open")
    importing.add_argument(
        "--replace",
        action="store_true",
        help="replace what the profile holds now (kept as a backup first)",
    )
    importing.set_defaults(handler=import_all)


def _data_dir(args: argparse.Namespace) -> Path:
    # The folder cli.main opened the database in, worked out the same way.
    return resolve_data_dir(args.data_dir, demo=args.demo)


def backup_command(db: Database, args: argparse.Namespace) -> int:
    from pont.core.profile.backups import KEEP_DAILY, list_backups, take_backup

    data_dir = _data_dir(args)
    if args.list:
        backups = list_backups(data_dir)
        if not backups:
            print("No backups yet. Make one with: pont backup")
            return 0

        print_table(
            ["Taken", "Size", "Kind", "File"],
            [
                [f"{b.taken:%Y-%m-%d %H:%M}", human_size(b.size), b.kind, str(b.path)]
                for b in backups
            ],
        )
        return 0
    backup = take_backup(db, data_dir)
    print(
        f"Backed up to {backup.path} ({human_size(backup.size)}). "
        f"Pont keeps the last {KEEP_DAILY} daily backups."
    )
    return 0


def export_all(db: Database, args: argparse.Namespace) -> int:
    from pont.core.profile.handover import export_everything

    result = export_everything(db, _data_dir(args), args.file)
    print(result.summary())
    return 0


def import_all(db: Database, args: argparse.Namespace) -> int:
    from pont.core.profile.handover_import import import_everything
    from pont.core.profile.lock import lock_profile

    # The data is replaced underneath: no connection may stay open on it, and no window.
    db.close()
    with lock_profile(_data_dir(args)):
        result = import_everything(_data_dir(args), args.file, replace=args.replace)
    print(result.summary())
    return 0
