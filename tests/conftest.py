"""Fixtures for every test: Qt offscreen, and no test touching the real user's folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt: no test may need (or pop up on) a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def temporary_data_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point Pont's profile and the platform's data, config and cache folders at a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PONT_DATA_DIR", str(home / "pont-profile"))
    for variable, folder in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    return home
