"""Smoke tests of the PyInstaller build: it starts, runs commands and opens its window."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from frozen_helpers import ROOT, run_frozen
from PySide6.QtCore import QTranslator

from pont import __version__
from pont.ui.help.guide import GUIDE_FOLDER, guide_file
from pont.ui.language import LANGUAGES

SAMPLE = Path(__file__).parent / "members-outlook.csv"  # Outlook's export: cp1252, CRLF


def test_both_executables_say_their_version(frozen_app: Path) -> None:
    for name in ("Pont", "pont-cli"):
        result = run_frozen(frozen_app / name, "--version")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Pont {__version__}"


def test_a_csv_import_through_the_command_line(frozen_app: Path, tmp_path: Path) -> None:
    cli = frozen_app / "pont-cli"
    profile = ["--data-dir", str(tmp_path / "profile")]
    created = run_frozen(cli, *profile, "group", "create", "Wellbeing Network")
    assert created.returncode == 0, created.stderr
    imported = run_frozen(
        cli, *profile, "members", "import", str(SAMPLE), "--group", "Wellbeing Network"
    )
    assert imported.returncode == 0, imported.stderr
    assert "added 3, updated 0, skipped 1" in imported.stdout
    listed = run_frozen(
        cli, *profile, "members", "list", "--group", "Wellbeing Network", "--format", "json"
    )
    assert listed.returncode == 0, listed.stderr
    members = {row["email"]: row for row in json.loads(listed.stdout)}
    assert set(members) == {
        "sian.davies@example.org",
        "rhodri@example.cymru",
        "zoe.price@example.org",
    }
    assert members["sian.davies@example.org"]["name"] == "Siân Davies"
    assert members["sian.davies@example.org"]["organisation"] == "Cyngor Caerdydd"


def test_the_window_opens_offscreen_and_closes_cleanly(frozen_app: Path, tmp_path: Path) -> None:
    # A fresh profile: the first run also offers mail set-up, which the smoke test dismisses.
    result = run_frozen(
        frozen_app / "Pont",
        "--data-dir",
        str(tmp_path / "profile"),
        "--smoke-test",
        env={"QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["window shown"]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "profile" / "pont.sqlite3").exists()


def test_the_bundle_has_the_resources_and_no_test_tools(frozen_app: Path) -> None:
    internal = frozen_app / "_internal"
    for name in ("pont-16.png", "pont-256.png", "pont-512.png"):
        assert (internal / "resources" / "icons" / name).is_file()
    assert (internal / "resources" / "providers" / "gmail.com.xml").is_file()
    assert (internal / "resources" / "microsoft.json").is_file()  # signing in with Microsoft
    for language in LANGUAGES:  # Help ▸ Getting started
        assert (internal / "resources" / GUIDE_FOLDER / guide_file(language)).is_file()
    translations = internal / "resources" / "translations"
    assert [path.name for path in translations.iterdir()] == ["pont_cy.qm"]  # no .ts sources
    welsh = QTranslator()
    assert welsh.load(str(translations / "pont_cy.qm"))
    assert welsh.translate("MainWindow", "&File") not in {"", "&File"}
    toc = ast.literal_eval((ROOT / "build" / "pyinstaller" / "pont" / "PYZ-00.toc").read_text())
    modules = {entry[0] for entry in toc[-1] if isinstance(entry, tuple)}
    # keyring finds these through entry points, which PyInstaller cannot follow by itself.
    assert {"keyring.backends.SecretService", "secretstorage", "jeepney"} <= modules
    packages = {name.split(".")[0] for name in modules}
    assert not packages & {"pytest", "_pytest", "hypothesis", "aiosmtpd", "trustme", "mypy", "PIL"}
    qt_modules = {path.name.split(".")[0] for path in (internal / "PySide6").glob("Qt*.so")}
    assert qt_modules == {"QtCore", "QtGui", "QtWidgets"}
