"""Every literal ``self.tr("…")`` of the desk has its Chinese in the catalogue, under the
class it is written in (the context lupdate gives it), and so has every
``QT_TRANSLATE_NOOP("Context", "…")`` under its context. The Replenishment view's buttons
were shown in English in a Chinese desk because lupdate had not been run after they were
added; nothing noticed."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources/translations/orderdesk_zh_CN.ts"


def _translated() -> set[tuple[str, str]]:
    done = set()
    for context in ET.parse(CATALOGUE).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            text = message.find("translation")
            if text is None or text.get("type") in ("obsolete", "vanished"):
                continue
            forms = [text.text or ""] + [f.text or "" for f in text.findall("numerusform")]
            if any(form.strip() for form in forms):
                done.add((name, message.findtext("source") or ""))
    return done


def _tr_calls(path: Path) -> list[tuple[str, str, int]]:
    """(class, text, line) of each self.tr("literal") inside a class body."""
    found = []
    for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(cls, ast.ClassDef):
            continue
        for node in ast.walk(cls):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "tr" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.append((cls.name, node.args[0].value, node.lineno))
    return found


def _noop_calls(path: Path) -> list[tuple[str, str, int]]:
    """(context, text, line) of each QT_TRANSLATE_NOOP("Context", "literal")."""
    return [(node.args[0].value, node.args[1].value, node.lineno)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "QT_TRANSLATE_NOOP" and len(node.args) == 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                    for a in node.args)]


def _untranslated(folder: str, finder: Callable[[Path], list[tuple[str, str, int]]]
                  ) -> tuple[int, list[str]]:
    """How many texts ``finder`` sees under ``folder``, and those without Chinese."""
    translated = _translated()
    calls = [(path.relative_to(ROOT), *call)
             for path in sorted((ROOT / folder).rglob("*.py")) for call in finder(path)]
    return len(calls), [f"{path}:{line} {ctx}: {text!r}" for path, ctx, text, line in calls
                        if (ctx, text) not in translated]


def test_every_translate_noop_string_has_its_chinese() -> None:
    """Headers, kind names and other texts marked for translation and translated later."""
    seen, missing = _untranslated("app", _noop_calls)
    assert seen > 50
    assert missing == []


def test_every_tr_string_has_its_chinese() -> None:
    seen, missing = _untranslated("app/ui", _tr_calls)
    assert seen > 500
    assert missing == []
