"""Every list-backed table's column headers have a Chinese translation in the catalogue,
under the context the model translates them in (lupdate cannot see headers kept in a
HEADERS tuple, so nothing else would notice a missing one)."""

from __future__ import annotations

import importlib
import pkgutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import app.ui
from app.ui.models.rows import RowsTableModel

CATALOGUE = Path(__file__).resolve().parents[2] / "resources/translations/orderdesk_zh_CN.ts"


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_table_header_is_translated() -> None:
    for info in pkgutil.walk_packages(app.ui.__path__, "app.ui."):
        importlib.import_module(info.name)
    translated = set()
    for context in ET.parse(CATALOGUE).getroot().findall("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            text = message.find("translation")
            if text is not None and (text.text or "").strip():
                translated.add((name, message.findtext("source")))
    models = list(_subclasses(RowsTableModel))
    assert len(models) >= 15
    missing = [(m.__name__, h) for m in models
               for h in getattr(m, "HEADERS", ())
               if ((getattr(m, "TR_CONTEXT", None) or m.__name__), h) not in translated]
    assert missing == []
