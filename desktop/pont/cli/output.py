"""What every command family shares: the --group and --format options, plain tables, and text
that is safe to print to a terminal."""

from __future__ import annotations

import argparse
import json
import re

# Characters a terminal acts on instead of showing: C0 controls (ESC starts the sequences that
# clear the screen, set the window title or hide text; BEL rings), DEL, C1 controls (0x9B is
# an 8-bit CSI to some terminals), and the bidirectional overrides and isolates that make
# text show in another order than it has (U+202A–U+202E, U+2066–U+2069), with the line and
# paragraph separators. Subjects and names come from strangers, so each is shown escaped.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """The text with every character a terminal would act on written out: ESC as \\x1b, CSI
    as \\u009b, a right-to-left override as \\u202e."""
    return _UNSAFE.sub(_escaped, text)


def json_text(value: object) -> str:
    """JSON for the terminal: json.dumps escapes C0 controls but leaves DEL, C1 controls and
    bidirectional overrides raw; they are escaped here as \\u007f and so on, which JSON
    readers turn back into the same characters."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # Outside its strings JSON has only ASCII, so every one of these is inside a string.
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def add_group_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", required=True, metavar="NAME", help="the group's name")


def add_password_stdin_option(parser: argparse.ArgumentParser) -> None:
    """--password-stdin, for commands that sign in to a mailbox saved in the keyring."""
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of the keyring",
    )


def add_format_option(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0], help="output format")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """Columns padded to line up; every cell's control characters shown escaped."""
    cells = [[terminal_text(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(cell) for cell in column) for column in zip(*cells, strict=False)]
    for row in [cells[0], ["-" * width for width in widths], *cells[1:]]:
        padded = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(padded).rstrip())
