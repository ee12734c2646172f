"""The Linux desktop files and the Windows installer script agree with Pont and the icon."""

from __future__ import annotations

import ast
import configparser
import re
import subprocess
import xml.etree.ElementTree as ET

from frozen_helpers import ROOT

from pont import __version__
from pont.ui.help.guide import GUIDE_FOLDER, guide_file
from pont.ui.language import LANGUAGES

LINUX = ROOT / "packaging" / "linux"
METAINFO = LINUX / "io.github.pont.Pont.metainfo.xml"


def test_the_desktop_file_launches_pont_with_its_icon() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # keep the keys' case
    desktop.read(LINUX / "pont.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "Pont" and entry["Icon"] == "pont"
    assert {"Office", "Email"} <= set(entry["Categories"].strip(";").split(";"))
    # The application's desktop file name (ui/shell/application.py) is this file's.
    assert (
        'setDesktopFileName("pont")'
        in (ROOT / "desktop" / "pont" / "ui" / "shell" / "application.py").read_text()
    )
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / "pont.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout, result.stdout


def test_the_appstream_metainfo_names_the_desktop_file_and_this_version() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == "io.github.pont.Pont"
    assert component.findtext("launchable") == "pont.desktop"
    assert component.find("releases/release").get("version") == __version__
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_windows_installer_is_per_user_with_this_version_and_the_icon() -> None:
    script = (ROOT / "packaging" / "windows" / "pont.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", script, re.MULTILINE)
    assert f'#define AppVersion "{__version__}"' in script
    assert "SetupIconFile={#Root}\\resources\\icons\\pont.ico" in script


def _bundled_names() -> set[str]:
    """The strings in the spec's `datas=[…]`: what the frozen build carries from resources/."""
    spec = ast.parse((ROOT / "packaging" / "pont.spec").read_text(encoding="utf-8"))
    datas = next(
        keyword.value
        for node in ast.walk(spec)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Analysis"
        for keyword in node.keywords
        if keyword.arg == "datas"
    )
    return {
        node.value
        for node in ast.walk(datas)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


# What resources/ holds for the project, not for the app: its own README, and the README's
# pictures (packaging/screenshots.py).
NOT_SHIPPED = {"README.md", "screenshots"}


def test_the_frozen_build_carries_everything_in_resources_and_the_guide_in_each_language() -> None:
    bundled = _bundled_names()
    left_behind = [
        entry.name
        for entry in (ROOT / "resources").iterdir()
        if entry.name not in NOT_SHIPPED
        and entry.name not in bundled
        and f"resources/{entry.name}" not in bundled
    ]
    assert left_behind == []
    assert {"guide", "resources/guide"} <= bundled  # Help ▸ Getting started
    for language in LANGUAGES:
        assert (ROOT / "resources" / GUIDE_FOLDER / guide_file(language)).is_file()
