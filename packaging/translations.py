#!/usr/bin/env python3
"""Pont's translations: collect the English text into .ts files, compile them to .qm.

    .venv/bin/python packaging/translations.py update    refresh resources/translations/*.ts
                                                         from the code (then translate the
                                                         new entries, e.g. in pyside6-linguist)
    .venv/bin/python packaging/translations.py compile   .ts -> .qm beside them (for running
                                                         from source; git ignores the .qm)

The .ts files are the source and are kept in git; the frozen build compiles its own copy
(packaging/pont.spec) and ships only the .qm files. Tests check every entry is translated
and that the .ts files hold every string in the code (tests/ui/test_translations.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop" / "pont"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ["cy"]


def tool(name: str) -> str:
    """A PySide6 tool installed beside this Python (the virtualenv's bin or Scripts)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def source_files() -> list[str]:
    return sorted(str(path) for path in SOURCES.rglob("*.py"))


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"pont_{language}.ts"


def extract(target: Path, language: str) -> None:
    """Write (or refresh, keeping its translations) the .ts at target from the code."""
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *source_files(),
            "-locations",
            "none",
            "-no-obsolete",
            "-target-language",
            language,
            "-ts",
            str(target),
        ],
        check=True,
        capture_output=True,
    )


def compile_all(destination: Path = TRANSLATIONS) -> list[Path]:
    """Compile every .ts into destination; the .qm files written."""
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for language in LANGUAGES:
        qm = destination / f"pont_{language}.qm"
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts_file(language)), "-qm", str(qm)],
            check=True,
        )
        written.append(qm)
    return written


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        for language in LANGUAGES:
            extract(ts_file(language), language)
        return 0
    if argv == ["compile"]:
        compile_all()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
