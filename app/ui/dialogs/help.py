"""Help → User guide: the Markdown guide for the current language in a QTextBrowser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QDesktopServices, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.config import docs_dir

GUIDES = ("en", "zh_CN")
IMAGE_WIDTH = 720  # px: fits the dialog's default width beside its margins


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces → '-'."""
    kept = "".join(ch for ch in heading.strip().lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


def add_heading_anchors(document: QTextDocument) -> list[str]:
    """Qt's Markdown reader gives headings no anchors: name each one as GitHub would, so
    the guide's contents links (#section) work in the dialog and on the web alike."""
    names = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0 and block.text().strip():
            name = slug(block.text())
            cursor = QTextCursor(block)
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorNames([name])
            cursor.mergeCharFormat(fmt)
            names.append(name)
        block = block.next()
    return names


def fit_images(document: QTextDocument, base: Path, max_width: int) -> list[str]:
    """Screenshots are as wide as the desk's window: show them at most ``max_width``
    pixels wide (height in proportion) so the guide reads without scrolling sideways.
    Returns the image names found, in order."""
    from PySide6.QtGui import QImage

    names: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fragment.isValid() and fmt.isImageFormat():
                image_fmt = fmt.toImageFormat()
                name = image_fmt.name()
                names.append(name)
                size = QImage(str(base / name)).size()
                if size.width() > max_width:
                    image_fmt.setWidth(max_width)
                    image_fmt.setHeight(size.height() * max_width / size.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image_fmt)
            it += 1
        block = block.next()
    return names


def guide_path(language: str = "", base: Path | None = None) -> Path:
    """The guide for ``language`` ("en", "zh_CN", "" = the system's), English if missing."""
    folder = (base or docs_dir()) / "guide"
    lang = language or QLocale.system().name()
    if lang.startswith("zh"):
        lang = "zh_CN"
    path = folder / f"{lang}.md"
    return path if path.is_file() else folder / "en.md"


class HelpDialog(QDialog):
    """Non-modal; links inside the guide (#anchors, images) resolve next to the file,
    web links open in the browser."""

    def __init__(self, language: str = "", parent: QWidget | None = None,
                 base: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("OrderDesk user guide"))
        self.resize(820, 680)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # handled in _follow: anchors, files, the web
        self.browser.anchorClicked.connect(self._follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.anchors: list[str] = []
        self.images: list[str] = []
        self.path = guide_path(language, base)
        self.load(self.path)

    def load(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            self.browser.setPlainText(
                self.tr("The user guide is missing from this installation (%1).")
                .replace("%1", str(path)))
            return
        # images and relative links are found next to the Markdown file
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setMarkdown(text)
        self.anchors = add_heading_anchors(self.browser.document())
        self.images = fit_images(self.browser.document(), path.parent, IMAGE_WIDTH)
        self.path = path

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and (not url.path() or url.path() == self.path.name):
            self.browser.scrollToAnchor(url.fragment())
        elif url.isRelative() and url.path().endswith(".md"):
            self.load(self.path.parent / url.path())
