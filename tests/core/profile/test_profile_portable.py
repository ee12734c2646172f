"""Where the profile lives: --data-dir, then PONT_DATA_DIR, then portable mode, then the
platform's folder. Frozen is simulated by setting sys.frozen and sys.executable, as
PyInstaller does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pont.core.profile.paths import default_data_dir, resolve_data_dir


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A packaged Pont in a folder on a USB stick; no PONT_DATA_DIR set."""
    folder = tmp_path / "usb" / "Pont"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "pont.exe"))
    monkeypatch.delenv("PONT_DATA_DIR", raising=False)
    return folder


def test_a_portable_marker_keeps_the_data_beside_the_program(program: Path) -> None:
    (program / "portable").write_text("")
    assert resolve_data_dir(None) == program / "PontData"
    assert resolve_data_dir(None, demo=True) == program / "PontData" / "demo"


def test_windows_explorer_s_portable_txt_counts_too(program: Path) -> None:
    (program / "portable.txt").write_text("")
    assert resolve_data_dir(None) == program / "PontData"


def test_without_the_marker_the_platform_folder_is_used(program: Path) -> None:
    assert resolve_data_dir(None) == default_data_dir()
    (program / "portable").mkdir()  # a folder of that name is not the marker
    assert resolve_data_dir(None) == default_data_dir()


def test_data_dir_and_the_environment_win_over_portable_mode(
    program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (program / "portable").write_text("")
    monkeypatch.setenv("PONT_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(None) == tmp_path / "from-env"
    assert resolve_data_dir(tmp_path / "given") == tmp_path / "given"


def test_run_from_source_a_marker_beside_python_means_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "venv" / "bin"
    folder.mkdir(parents=True)
    (folder / "portable").write_text("")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "python"))
    monkeypatch.delenv("PONT_DATA_DIR", raising=False)
    assert resolve_data_dir(None) == default_data_dir()


def test_a_macos_bundle_looks_beside_the_app_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = tmp_path / "usb" / "Pont.app" / "Contents" / "MacOS"
    inside.mkdir(parents=True)
    (tmp_path / "usb" / "portable").write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(inside / "Pont"))
    monkeypatch.delenv("PONT_DATA_DIR", raising=False)
    assert resolve_data_dir(None) == tmp_path / "usb" / "PontData"


def test_the_portable_profile_is_a_working_profile(program: Path) -> None:
    from pont.core.members.groups import create_group, list_groups
    from pont.core.profile.store import open_profile

    (program / "portable").write_text("")
    db = open_profile(resolve_data_dir(None))
    create_group(db, "Wellbeing Network")
    db.close()
    assert (program / "PontData" / "pont.sqlite3").is_file()
    db = open_profile(program / "PontData")
    assert [g.name for g in list_groups(db)] == ["Wellbeing Network"]
    db.close()
