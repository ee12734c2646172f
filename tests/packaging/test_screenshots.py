"""packaging/screenshots.py, which takes the README's screenshots, still runs and takes them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

# The windows' sizes in the script: the main windows large enough that names and addresses
# show whole, the dialogs without empty space.
SIZES = {
    "main-window.png": (1400, 760),
    "composer.png": (980, 520),
    "outbox.png": (820, 300),
    "main-window-cy.png": (1400, 760),
}


def _colours(image: QImage) -> int:
    """How many colours a sample of the picture has: a blank or unpainted window has one."""
    step = 7
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_the_script_writes_the_four_screenshots(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "screenshots.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(SIZES)
    for name, size in SIZES.items():
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == size, name
        assert _colours(image) > 20, f"{name} looks blank"
    # The Welsh window is in Welsh: not the same picture as the English one.
    assert QImage(str(tmp_path / "main-window.png")) != QImage(str(tmp_path / "main-window-cy.png"))
