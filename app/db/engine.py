"""Engine and session set-up for SQLite (embedded) and PostgreSQL (shared).

``Database.writer()`` sessions start SQLite transactions with BEGIN IMMEDIATE, so two
writers queue on the busy timeout instead of failing half-way with "database is
locked"; ``Database.reader()`` sessions start deferred transactions that never block.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # FULL: a committed order survives a power cut, not only a process crash.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = {"connect_timeout": 5, "application_name": "orderdesk"}
    return create_engine(url, connect_args=connect_args, **kwargs)


class Database:
    """One database: an engine plus reader and writer session factories."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        writer_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(writer_engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """A unit of work: commits if the block finishes, rolls back on any error."""
        with self._writer() as session, session.begin():
            yield session

    def describe(self) -> str:
        """A short, password-free description for the status bar."""
        parsed = make_url(self.url)
        if self.is_sqlite:
            return f"SQLite {parsed.database}"
        return f"PostgreSQL {parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"

    def dispose(self) -> None:
        self.engine.dispose()
