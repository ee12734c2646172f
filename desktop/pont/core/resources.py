"""Where the files Pont ships beside its code (resources/) are, from source or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """resources/<parts>: beside desktop/ in a checkout, in the bundle of a PyInstaller build."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[3]
    return root.joinpath("resources", *parts)
