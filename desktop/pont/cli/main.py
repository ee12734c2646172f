"""The `pont` command: alone it opens the window; subcommands do the same work headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pont import __version__
from pont.cli import accounts, archive, groups, members, posting, profile
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

    for family in (groups, members, accounts, archive, posting, profile):
        family.register(commands)
    return parser


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
