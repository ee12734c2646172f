"""Sizes in words, as a file manager and the mail providers state them (powers of 1000)."""

from __future__ import annotations


def human_size(size: int) -> str:
    """ "512 bytes", "12 KB", "2.4 MB", "25 MB": one decimal below 10, none above."""
    if size < 1000:
        return "1 byte" if size == 1 else f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1000
        if value < 999.5 or unit == "GB":
            shown = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{shown.removesuffix('.0')} {unit}"
    raise AssertionError("unreachable")
