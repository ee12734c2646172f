"""Where a profile's data lives: platformdirs' user data dir unless told otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Pont"
DATA_DIR_VARIABLE = "PONT_DATA_DIR"
# A file called "portable" beside the packaged program keeps the data beside it too, in
# PontData (a USB stick). "portable.txt" counts: Windows' Explorer, hiding extensions, makes
# that from "New > Text Document". Passwords still go to the computer's keyring.
PORTABLE_MARKERS = ("portable", "portable.txt")
PORTABLE_FOLDER = "PontData"
# The window's own settings (size, the group shown, the language), beside the database.
SETTINGS_FILE = "window.ini"


def default_data_dir() -> Path:
    import platformdirs  # here: ~5 ms of every start-up, not needed with --data-dir

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def portable_data_dir() -> Path | None:
    """PontData beside the packaged program when a portable marker is there; else None.

    Only for the packaged (frozen) program: run from source, the program is Python itself.
    """
    if not getattr(sys, "frozen", False):
        return None
    for folder in _program_folders(Path(sys.executable).resolve().parent):
        if any((folder / marker).is_file() for marker in PORTABLE_MARKERS):
            return folder / PORTABLE_FOLDER
    return None


def _program_folders(folder: Path) -> list[Path]:
    # In a macOS bundle the program is Pont.app/Contents/MacOS/Pont; the folder a person
    # sees is the one holding Pont.app.
    if folder.name == "MacOS" and folder.parent.name == "Contents":
        bundle = folder.parent.parent
        if bundle.suffix == ".app":
            return [folder, bundle.parent]
    return [folder]


def resolve_data_dir(given: str | os.PathLike[str] | None, demo: bool = False) -> Path:
    """--data-dir wins, then PONT_DATA_DIR, then a portable marker beside the packaged
    program, then the platform's place (with demo/ inside for the demo)."""
    if given:
        return Path(given).expanduser()
    if from_environment := os.environ.get(DATA_DIR_VARIABLE):
        return Path(from_environment).expanduser()
    base = portable_data_dir() or default_data_dir()
    return base / "demo" if demo else base
