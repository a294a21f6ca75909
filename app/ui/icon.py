"""The application icon (a parcel with a check mark), from the PNGs rendered out of
resources/icons/orderdesk.svg by packaging/make_icons.py — PNGs rather than the SVG so
no icon-engine plugin is needed in the bundle."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.config import resource_dir

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Every size found; an empty icon (Qt's default) if the files are missing."""
    icon = QIcon()
    folder = resource_dir() / "icons"
    for size in SIZES:
        path = folder / f"orderdesk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
