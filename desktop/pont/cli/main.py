"""The `pont` command: alone it opens the window; subcommands do the same work headless."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pont import __version__
from pont.cli.output import terminal_text
from pont.core.errors import PontError
from pont.core.profile.paths import DATA_DIR_VARIABLE, resolve_data_dir
from pont.core.profile.store import COMMAND_WAIT, DATABASE_NAME, database_error, open_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

# Subcommands never import Qt; only opening the window does (see open_window).


def reads_only() -> frozenset[Callable[..., int]]:
    """Commands that only read the profile: they work on one that cannot be written (a
    folder on a read-only drive, a file someone made read-only), which the rest refuse up
    front."""
    from pont.cli import accounts, archive, group_mail, groups, members, posting, profile

    return frozenset(
        {
            groups.group_list,
            members.members_list,
            members.members_export,
            members.members_export_data,
            group_mail.requests_list,
            group_mail.consent_list,
            accounts.account_list,
            archive.threads_command,
            archive.search_command,
            posting.outbox_list,
            profile.export_all,
            group_mail.bounces_list,
        }
    )


def build_parser() -> argparse.ArgumentParser:
    # The command families load here, not with this module: opening the window needs none.
    from pont.cli import accounts, archive, group_mail, groups, members, posting, profile

    parser = _options_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    for family in (groups, members, accounts, archive, posting, profile, group_mail):
        family.register(commands)
    return parser


class _NotOnlyTheWindow(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    """Says nothing about what it cannot read: build_parser reads it again and says."""

    def error(self, message: str) -> NoReturn:
        raise _NotOnlyTheWindow(message)


def _options_parser(
    kind: type[argparse.ArgumentParser] = argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    parser = kind(
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
    parser.add_argument(
        "--minimised",
        "--tray",
        action="store_true",
        help="open the window hidden, as an icon in the system tray (how Pont starts at log-in)",
    )
    # Hidden: the packaging smoke test and start-up benchmark open the window, say on stdout
    # when it is shown, and close it once the profile is open (ui.application.close_once_open).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    return parser


def window_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace | None:
    """The arguments when they only open the window, read without making every command's
    parser (~10 ms of each start-up); None when they name a command, ask for help or the
    version, or are wrong (build_parser then reads them, and says what is wrong)."""
    words = sys.argv[1:] if argv is None else list(argv)
    if any(word in ("-h", "--help", "--version") for word in words):
        return None
    try:
        args, rest = _options_parser(_WindowParser).parse_known_args(words)
    except _NotOnlyTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = window_arguments(argv) or build_parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir, demo=args.demo)
    if args.command is None:
        return open_window(
            data_dir, demo=args.demo, smoke_test=args.smoke_test, minimised=args.minimised
        )
    handler: Callable[[Database, argparse.Namespace], int] = args.handler
    try:
        try:
            db = open_profile_for(data_dir, demo=args.demo, read_only_ok=handler in reads_only())
            try:
                return handler(db, args)
            finally:
                db.close()
        except sqlite3.Error as error:
            # What it means (busy, disk full, read-only, …) in a sentence; else a bug.
            translated = database_error(error, data_dir / DATABASE_NAME)
            if translated is None:
                raise
            raise translated from error
    except PontError as error:
        # A sentence may quote a file name or an address from outside.
        print(f"pont: {terminal_text(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `pont members list | head`
        return 0


def open_profile_for(data_dir: Path, demo: bool, read_only_ok: bool = False) -> Database:
    from pont.core.demo.profile import seed_demo_profile

    # A command waits its turn behind another's write (an import, a sync) for up to a minute.
    db = open_profile(data_dir, busy_timeout=COMMAND_WAIT, read_only_ok=read_only_ok and not demo)
    if demo:
        seed_demo_profile(db)
    return db


def open_window(
    data_dir: Path, demo: bool, smoke_test: bool = False, minimised: bool = False
) -> int:
    from pont.app import run_app

    return run_app(data_dir, demo=demo, smoke_test=smoke_test, minimised=minimised)
