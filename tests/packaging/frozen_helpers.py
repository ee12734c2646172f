"""Where the frozen app is built, and how the packaging tests and benchmark run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
APP = ROOT / "build" / "dist" / "Pont"
BUILD_SCRIPT = ROOT / "packaging" / "build_linux.py"


def build_frozen_app() -> subprocess.CompletedProcess[str]:
    """packaging/build_linux.py in this Python; its output says how long the build took."""
    return subprocess.run(
        [sys.executable, str(BUILD_SCRIPT)], capture_output=True, text=True, timeout=600
    )


def run_frozen(
    program: Path, *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
