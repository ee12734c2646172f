"""Where a profile's data lives: platformdirs' user data dir unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Pont"
DATA_DIR_VARIABLE = "PONT_DATA_DIR"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(given: str | os.PathLike[str] | None, demo: bool = False) -> Path:
    """--data-dir wins, then PONT_DATA_DIR, then the platform's place (with demo/ for the demo)."""
    if given:
        return Path(given).expanduser()
    if from_environment := os.environ.get(DATA_DIR_VARIABLE):
        return Path(from_environment).expanduser()
    return default_data_dir() / "demo" if demo else default_data_dir()
