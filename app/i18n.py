"""Translations: find ``resources/``, build ``.qm`` files from the ``.ts`` sources when
they are missing or stale, and install the translator for the chosen language.

``.ts`` files are the sources (committed); ``.qm`` files are built, never committed:
next to the ``.ts`` in a packaged build (shipped), otherwise into a cache folder under
the user's data folder with ``pyside6-lrelease`` at start.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from app.config import Settings, data_dir

logger = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
CATALOG = "orderdesk"


def resources_dir() -> Path:
    """``resources/`` next to the ``app`` package (source checkout or editable install),
    else inside a PyInstaller bundle."""
    here = Path(__file__).resolve().parent.parent / "resources"
    if here.is_dir():
        return here
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return here


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve_language(lang: str | None = None) -> str:
    """The option, then the saved setting, then the system locale; "en" or "zh_CN"."""
    chosen = lang or Settings.load().language
    if chosen in LANGUAGES:
        return chosen
    from PySide6.QtCore import QLocale

    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def _lrelease() -> list[str] | None:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found:
        return [found]
    try:
        import PySide6

        binary = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32"
                                                  else "lrelease")
        if binary.exists():
            return [str(binary)]
    except ImportError:  # pragma: no cover
        pass
    return None


def qm_file(lang: str) -> Path | None:
    """A current ``.qm`` for ``lang``, building it if needed; None for English/unavailable."""
    if lang == "en":
        return None
    ts = translations_dir() / f"{CATALOG}_{lang}.ts"
    shipped = translations_dir() / f"{CATALOG}_{lang}.qm"
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        logger.warning("no translation source %s", ts)
        return None
    cache = data_dir() / "cache" / "translations"
    cache.mkdir(parents=True, exist_ok=True)
    built = cache / f"{CATALOG}_{lang}.qm"
    if built.exists() and built.stat().st_mtime >= ts.stat().st_mtime:
        return built
    tool = _lrelease()
    if tool is None:
        logger.warning("cannot build %s: pyside6-lrelease not found", built)
        return built if built.exists() else None
    result = subprocess.run([*tool, "-silent", str(ts), "-qm", str(built)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not built.exists():
        logger.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
        return None
    return built


def install_translators(app: object, lang: str) -> list[object]:
    """Install our catalogue and Qt's own (standard buttons) for ``lang``. Returns the
    translators, which the caller must keep alive."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    assert isinstance(app, QCoreApplication)
    installed: list[object] = []
    if lang == "en":
        return installed
    QLocale.setDefault(QLocale(lang))
    path = qm_file(lang)
    if path is not None:
        ours = QTranslator(app)
        if ours.load(str(path)):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            logger.warning("could not load %s", path)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
