"""Run Alembic from the application: upgrade on start, current, check.

Alembic is imported only when there is something to do: at every start the desk compares the
database's revision with the head read from the revision files (``_quick_head``), which is a
large part of the start-up time saved when the schema is already current."""

from __future__ import annotations

import ast
import logging
import re
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)


def migrations_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if frozen:
        return Path(frozen) / "migrations"
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

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


def _quick_head() -> str | None:
    """The single head revision read from the revision files without Alembic, or None when
    that is not certain (a file it cannot read, several heads, a bundle without sources)."""
    revisions: dict[str, tuple[str, ...]] = {}
    for path in sorted(migrations_dir().glob("versions/*.py")):
        values = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        try:
            rev = ast.literal_eval(values["revision"])
            down = ast.literal_eval(values["down_revision"])
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(rev, str):
            return None
        downs = (down,) if isinstance(down, str) else tuple(down or ())
        revisions[rev] = tuple(str(d) for d in downs)
    parents = {d for downs in revisions.values() for d in downs}
    heads = [r for r in revisions if r not in parents]
    return heads[0] if len(heads) == 1 else None


# `revision: str = "1000"` / `down_revision = ("0900", "1200")` at the start of a line.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)


def _quick_current(engine: Engine) -> str | None:
    """The revision stamped in the database, read with one query (None if not stamped)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:  # no alembic_version table yet: an empty database
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def is_current(engine: Engine) -> bool:
    """True when the database is certainly at the head revision (checked without Alembic)."""
    head = _quick_head()
    return head is not None and _quick_current(engine) == head


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Bring the schema to ``revision``. Returns True if anything was applied."""
    if revision == "head" and is_current(engine):
        return False
    from alembic import command

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
    from alembic.runtime.migration import MigrationContext

    from app.db.models import Base
    from app.db.schema_filter import include_object

    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        return [str(d) for d in compare_metadata(ctx, Base.metadata)]
