"""`pont --smoke-test` from source: what the frozen app's check relies on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_smoke_test_opens_the_window_dismisses_set_up_and_exits_0(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    for _ in range(2):  # a first run (which offers mail set-up), then a second
        result = subprocess.run(
            [sys.executable, "-m", "pont", "--data-dir", str(profile), "--smoke-test"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == ["window shown"]


def test_the_option_is_not_in_the_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pont", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "--smoke-test" not in result.stdout
