"""The guide's screenshot tool still drives the desk: a demo shop, a view, a picture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.ui import screenshots


def test_screenshots_of_views_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    db = screenshots.build_demo(tmp_path / "demo.sqlite3")
    try:
        out = tmp_path / "img"
        out.mkdir()
        written = screenshots.capture(db, out, "zh_CN",
                                      only=lambda key: key in ("shipping", "shop_import"))
    finally:
        db.dispose()
    assert [p.name for p in written] == ["shipping-zh_CN.png", "shop_import-zh_CN.png"]
    for path in written:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 800, path
