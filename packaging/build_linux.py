#!/usr/bin/env python3
"""Build Pont's one-folder Linux app with PyInstaller: build/dist/Pont.

    .venv/bin/python packaging/build_linux.py

PyInstaller's work and cache folders are under build/ too, so a second build is warm and
nothing lands outside the checkout. tests/packaging/ runs this and smoke-tests the result.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = BUILD / "dist"
APP = DIST / "Pont"


def build() -> float:
    """Run PyInstaller on packaging/pont.spec; the seconds it took."""
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(BUILD / "pyinstaller-cache"))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "packaging" / "pont.spec"),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return time.perf_counter() - started


def missing_xcb_libraries() -> list[str]:
    """Libraries Qt's X11 plugin needs that are neither in the bundle nor on this machine:
    the bundle carries the build machine's, so build where dev.py's XCB_PACKAGES are."""
    internal = APP / "_internal"
    plugin = internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env).stdout
    return [line.split()[0] for line in output.splitlines() if "not found" in line]


def main() -> int:
    if not sys.platform.startswith("linux"):
        sys.exit("build_linux.py builds on Linux; see packaging/README.md for Windows and macOS.")
    seconds = build()
    size = sum(f.stat().st_size for f in APP.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"build_linux.py: built {APP.relative_to(ROOT)} in {seconds:.0f} s, {size >> 20} MiB")
    missing = missing_xcb_libraries()
    if missing:
        print(
            "build_linux.py: warning: this bundle cannot open a window on X11 where these are "
            f"missing: {' '.join(missing)}; build where dev.py's XCB_PACKAGES are installed."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
