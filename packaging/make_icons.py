"""Render resources/icons/orderdesk.svg to the PNG, ICO and ICNS files the app and the
PyInstaller spec use. Run after editing the SVG and commit the results:

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows Explorer and the taskbar ask for
ICNS_SIZE = 1024  # Pillow writes the smaller macOS sizes from this one


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "orderdesk.svg"))
    if not renderer.isValid():
        print("orderdesk.svg cannot be read", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        render(renderer, size).save(str(ICONS / f"orderdesk-{size}.png"))
    big = ICONS / "orderdesk-1024.tmp.png"
    render(renderer, ICNS_SIZE).save(str(big))
    try:
        with Image.open(big) as image:
            image.load()
            image.save(ICONS / "orderdesk.icns")
            image.save(ICONS / "orderdesk.ico", sizes=[(s, s) for s in ICO_SIZES])
    finally:
        big.unlink()
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
