"""GS1 check digits (EAN-8, UPC-A, EAN-13, GTIN-14), used for making and checking codes."""

from __future__ import annotations


def check_digit(body: str) -> str:
    """The GS1 mod-10 check digit of ``body`` (all digits but the last)."""
    if not body.isdigit():
        raise ValueError(f"not digits: {body!r}")
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def is_valid_gtin(code: str) -> bool:
    return len(code) in (8, 12, 13, 14) and code.isdigit() and check_digit(code[:-1]) == code[-1]


def make_ean13(body12: str) -> str:
    if len(body12) != 12:
        raise ValueError("EAN-13 body must have 12 digits")
    return body12 + check_digit(body12)
