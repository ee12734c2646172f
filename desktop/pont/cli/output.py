"""What every command family shares: the --group and --format options, and plain tables."""

from __future__ import annotations

import argparse


def add_group_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", required=True, metavar="NAME", help="the group's name")


def add_format_option(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0], help="output format")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=False)]
    for row in [headers, ["-" * width for width in widths], *rows]:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
