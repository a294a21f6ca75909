"""Schema objects that live outside the ORM models, so Alembic leaves them alone."""

from __future__ import annotations

from typing import Any

# SQLite FTS5 search tables (and their shadow tables), PostgreSQL trigram and
# text_pattern_ops indexes made in migrations.
UNMANAGED_TABLE_PREFIXES = ("order_search", "sqlite_")
UNMANAGED_INDEX_PREFIXES = ("ix_trgm_", "ix_pattern_")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table" and name and name.startswith(UNMANAGED_TABLE_PREFIXES):
        return False
    if type_ == "index" and name and name.startswith(UNMANAGED_INDEX_PREFIXES):
        return False
    return True
