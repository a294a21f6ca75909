"""Help → User guide shows the guide in the desk's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from app.ui.dialogs.help import HelpDialog, guide_path, slug

SECTIONS_EN = ["Setting up a barcode scanner", "Setting up a label printer",
               "Sharing one database between workstations"]
SECTIONS_ZH = ["扫码枪设置", "面单打印机设置", "多台电脑共用数据库"]


def test_english_guide_is_rendered_as_markdown(qtbot: QtBot) -> None:
    """Headings are rendered (no '#' left) and the scanner and printer set-up are there."""
    dialog = HelpDialog("en")
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.browser.toPlainText()
    assert dialog.path.name == "en.md"
    for section in SECTIONS_EN:
        assert section in text
    assert "Suffix: Enter" in text and "4×6 in" in text
    assert "# OrderDesk" not in text  # Markdown, not raw text
    assert "keyboard layout" in text.lower()


def test_chinese_guide_for_chinese_desk(qtbot: QtBot) -> None:
    dialog = HelpDialog("zh_CN")
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert dialog.path.name == "zh_CN.md"
    for section in SECTIONS_ZH:
        assert section in text


def test_unknown_language_falls_back_to_english(tmp_path: Path) -> None:
    assert guide_path("de").name == "en.md"
    assert guide_path("zh_TW").name == "zh_CN.md"


def test_every_contents_link_has_its_section(qtbot: QtBot) -> None:
    """Each #link in the contents names a heading anchor, in both languages."""
    import re

    for lang in ("en", "zh_CN"):
        dialog = HelpDialog(lang)
        qtbot.addWidget(dialog)
        links = re.findall(r"\]\(#([^)]+)\)", dialog.path.read_text(encoding="utf-8"))
        assert len(set(links)) == 7  # the contents (a section may be linked again in the text)
        assert set(links) <= set(dialog.anchors), set(links) - set(dialog.anchors)


def test_clicking_a_contents_link_scrolls_to_the_section(qtbot: QtBot) -> None:
    dialog = HelpDialog("en")
    qtbot.addWidget(dialog)
    dialog.resize(600, 300)
    dialog.show()
    bar = dialog.browser.verticalScrollBar()
    assert bar.value() == 0
    dialog.browser.anchorClicked.emit(QUrl("#sharing-one-database-between-workstations-postgresql"))
    assert bar.value() > 0


def test_slug_matches_github() -> None:
    assert slug("Setting up a label printer (4×6 in)") == "setting-up-a-label-printer-46-in"
    assert slug("面单打印机设置（4×6 英寸）") == "面单打印机设置46-英寸"


def test_missing_guide_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = HelpDialog("en", base=tmp_path)
    qtbot.addWidget(dialog)
    assert "missing" in dialog.browser.toPlainText()


def test_screenshots_of_every_view_are_shown(qtbot: QtBot) -> None:
    """Each guide shows a screenshot of each view in its own language, loaded from
    docs/guide/img through the browser's search path and shrunk to the dialog."""
    from PySide6.QtGui import QImage, QPixmap, QTextDocument

    from app.ui.dialogs.help import IMAGE_WIDTH
    from app.ui.screenshots import VIEW_KEYS

    for language in ("en", "zh_CN"):
        dialog = HelpDialog(language)
        qtbot.addWidget(dialog)
        expected = [f"img/{key}-{language}.png" for key in VIEW_KEYS]
        assert set(expected) <= set(dialog.images), language
        assert f"img/shop_import-{language}.png" in dialog.images
        document = dialog.browser.document()
        for name in dialog.images:
            image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
            assert isinstance(image, QImage | QPixmap) and not image.isNull(), name
        # wide screenshots are scaled down, not cut off
        html = document.toHtml()
        assert f'width="{IMAGE_WIDTH}"' in html
