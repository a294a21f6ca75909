"""Shared fixtures: a fresh, migrated database per test on SQLite and on PostgreSQL.

Each test run migrates one template database per engine once, then every test gets a
copy (SQLite: a file copy; PostgreSQL: CREATE DATABASE … TEMPLATE), which is fast.
Under CI (CI=true) the PostgreSQL tests must run: an unreachable server fails them.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.db import migrate  # noqa: E402
from app.db.engine import Database  # noqa: E402
from app.services.context import Actor, system_actor  # noqa: E402
from tests.support.crashlog import (  # noqa: E402,F401 - hooks: a crashed worker's traceback
    pytest_configure,
    pytest_terminal_summary,
)

PG_ADMIN_URL = os.environ.get(
    "ORDERDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _pg_admin():  # type: ignore[no-untyped-def]
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT",
                         connect_args={"connect_timeout": 3})


def _pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, logs and the default SQLite file live in the test's own folder."""
    monkeypatch.setenv("ORDERDESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ORDERDESK_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db.engine)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    try:
        admin = _pg_admin()
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server
        if ON_CI:
            pytest.fail(f"PostgreSQL is required under CI but unreachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}")
    name = f"od_tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(_pg_url(name))
    migrate.upgrade(db.engine)
    db.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of a fresh migrated database, once per engine."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "test.sqlite3"
        shutil.copy(template, path)
        yield f"sqlite:///{path}"
        return
    template_name: str = request.getfixturevalue("pg_template")
    name = f"od_t_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
    try:
        yield _pg_url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def admin() -> Actor:
    return system_actor("test-ws")
