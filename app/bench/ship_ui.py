"""ship.ui and ship.burst (see app/bench/ship.py)."""

from __future__ import annotations

from typing import Any

from app.db.engine import Database


def measure_ui(db: Database, codes: list[str], n: int) -> list[dict[str, Any]]:
    return []
