"""Pont's window carries its bridge icon, loaded through resource_path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from pont.core.resources import resource_path
from pont.ui.shell.application import ICON_SIZES, app_icon

ICONS = resource_path("icons")


def test_every_icon_file_the_builds_use_is_there() -> None:
    names = {path.name for path in ICONS.iterdir()}
    assert {f"pont-{size}.png" for size in ICON_SIZES} <= names
    assert {"pont.svg", "pont.ico", "pont.icns"} <= names


def test_the_icon_has_every_size_and_draws(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {QSize(size, size) for size in ICON_SIZES} <= set(icon.availableSizes())
    pixmap = icon.pixmap(QSize(16, 16))
    assert not pixmap.isNull()
    # Not a blank square: the bridge's dark navy is in the 16 px image.
    image = pixmap.toImage()
    colours = {image.pixelColor(x, y).name() for x in range(16) for y in range(16)}
    assert "#1d3557" in colours


def test_the_main_window_shows_the_icon(tmp_path: Path) -> None:
    # In a fresh process: create_application makes the one QApplication a process may have.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pont.app import build_window\n"
        "app, window = build_window(Path(sys.argv[1]))\n"
        "print(window.windowIcon().isNull(), app.windowIcon().isNull())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
