"""Run Alembic from the application: upgrade on start, current, check."""

from __future__ import annotations

import logging
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)


def migrations_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if frozen:
        return Path(frozen) / "migrations"
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite_file(engine: Engine) -> Path | None:
    """Copy a SQLite file aside before migrating it. Returns the copy's path."""
    path = make_url(str(engine.url)).database
    if not path or path == ":memory:" or not Path(path).exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(path).with_name(f"{Path(path).name}.before-migration-{stamp}")
    with engine.connect() as conn:  # fold the WAL into the main file first
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, target)
    logger.info("copied %s to %s before migrating", path, target)
    return target


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Bring the schema to ``revision``. Returns True if anything was applied."""
    current = current_revision(engine)
    if current == head_revision(engine) and revision == "head":
        return False
    if engine.dialect.name == "sqlite" and current is not None:
        backup_sqlite_file(engine)
    cfg = alembic_config(engine)
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations copy a table and drop the old one; with foreign keys enforced
            # that DROP fails as soon as other rows point at the table. The pragma only takes
            # effect outside a transaction, so it is set on the driver connection first, and
            # every reference is checked before the migration commits.
            _driver_pragma(conn, "PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                _driver_pragma(conn, "PRAGMA foreign_keys=ON")
    return True


def _driver_pragma(conn: Connection, pragma: str) -> None:
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(pragma)
    cursor.close()


def check(engine: Engine) -> list[str]:
    """Differences between the models and the database (empty when they agree)."""
    from alembic.autogenerate import compare_metadata

    from app.db.models import Base
    from app.db.schema_filter import include_object

    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        return [str(d) for d in compare_metadata(ctx, Base.metadata)]
