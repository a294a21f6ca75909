"""Neutralise spreadsheet formula injection in exported text (CSV and XLSX).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also
after leading spaces) is run as a formula by Excel, LibreOffice and Google Sheets — a
customer called ``=HYPERLINK("http://evil","click")`` becomes a live link, ``=cmd|…`` worse.
Such text gets a leading apostrophe, which spreadsheets show as text. Plain numbers written
as text ("-12.50", "+3") are left alone; non-text values pass through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_dangerous(text: str) -> bool:
    head = text.lstrip(" ")
    if not head.startswith(DANGEROUS_START) and not text.startswith(DANGEROUS_START):
        return False
    return _NUMBER.fullmatch(text.strip()) is None


def neutralise(value: object) -> object:
    if isinstance(value, str) and is_dangerous(value):
        return "'" + value
    return value


def neutralise_row(row: Iterable[object]) -> list[object]:
    return [neutralise(v) for v in row]
