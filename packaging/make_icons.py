#!/usr/bin/env python3
"""Render Pont's icon files (PNG sizes, .ico, .icns) from resources/icons/pont.svg.

    .venv/bin/python packaging/make_icons.py

Run it after changing the SVG and commit what it writes: the build and the window use the
generated files, so neither needs an SVG renderer. Qt (QtSvg, part of PySide6-Essentials)
draws the SVG; Pillow, a dev dependency, writes the Windows and macOS containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "pont.svg"
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]  # Windows uses up to 256
ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]  # macOS wants 1024 for Retina 512@2x


def render(size: int) -> bytes:
    """The SVG drawn at size × size pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        sys.exit(f"make_icons.py: Qt could not read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    images = {}
    for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES}):
        images[size] = Image.open(io.BytesIO(render(size))).convert("RGBA")
    for size in PNG_SIZES:
        path = ICONS / f"pont-{size}.png"
        images[size].save(path, optimize=True)
        print(f"wrote {path.relative_to(ICONS.parent.parent)}")
    # Each size drawn from the SVG at that size, not scaled down from the largest.
    largest_ico = max(ICO_SIZES)
    images[largest_ico].save(
        ICONS / "pont.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != largest_ico],
    )
    print("wrote resources/icons/pont.ico")
    largest_icns = max(ICNS_SIZES)
    images[largest_icns].save(
        ICONS / "pont.icns",
        append_images=[images[s] for s in ICNS_SIZES if s != largest_icns],
    )
    print("wrote resources/icons/pont.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
