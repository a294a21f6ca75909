"""Many-row INSERTs of pre-built tuples, for imports (tens of thousands of rows a second).

On SQLite the tuples go to the driver as they are, several hundred rows per multi-row
INSERT statement: SQLAlchemy's per-row parameter handling (a dict per row, a bind processor
call per value) costs more than the INSERT itself, and one statement per row is slow on a
table with a full-text trigger (``orders``): FTS5 writes its pending index to disk at every
statement that fires it, so an executemany costs four times as much as batched rows. The caller converts typed values (Money, UTC times) with ``converter`` —
SQLAlchemy's own bind processor for the column — so what is stored is exactly what an ORM
or Core write stores. On PostgreSQL the rows go through a Core insert, whose
"insertmanyvalues" sends many rows per statement, and the converters do nothing.

Statements still pass through the engine's events (the text guard of app.services.guards
sees every value).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Table, insert


def _same(value: Any) -> Any:
    return value


def raw(conn: Connection) -> bool:
    """Whether bulk_insert hands the rows to the driver untouched (SQLite)."""
    return conn.dialect.name == "sqlite"


def converter(conn: Connection, table: Table, column: str) -> Callable[[Any], Any]:
    """The function that turns a Python value of ``column`` into what bulk_insert needs."""
    if not raw(conn):
        return _same
    col = table.c[column]
    proc = col.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return proc if proc is not None else _same


def bulk_insert(conn: Connection, table: Table, columns: Sequence[str],
                rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT ``rows`` (tuples in ``columns`` order, values made by ``converter``). Columns
    not named get NULL, so name every column that has a default."""
    if not rows:
        return
    if raw(conn):
        quote = conn.dialect.identifier_preparer.quote
        head = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                "VALUES ")
        one = f"({', '.join('?' * len(columns))})"
        per = max(1, min(_ROWS_PER_STATEMENT, _max_variables(conn) // len(columns)))
        for i in range(0, len(rows), per):
            part = rows[i:i + per]
            conn.exec_driver_sql(head + ", ".join([one] * len(part)),
                                 tuple(chain.from_iterable(part)))
    else:
        conn.execute(insert(table), [dict(zip(columns, r, strict=True)) for r in rows])


_ROWS_PER_STATEMENT = 500


def _max_variables(conn: Connection) -> int:
    """How many ? one SQLite statement may hold (999 before SQLite 3.32)."""
    version = getattr(conn.dialect.dbapi, "sqlite_version_info", (3, 32, 0))
    return 32_766 if tuple(version) >= (3, 32, 0) else 999
