"""Backups of a SQLite database file: on demand, restored, and once a day automatically.

Copies use SQLite's online backup API, so they are consistent snapshots even while the
desk (or another program) has the file open and is writing: the copy is written to a
``.partial`` file, checked, then renamed into place, so a crash never leaves half a backup.
A shared PostgreSQL server is backed up with ``pg_dump`` on the server (see
docs/SECURITY-AND-BACKUP.md); these functions refuse PostgreSQL with a message saying so.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from app.db.engine import BUSY_TIMEOUT_MS, Database
from app.domain.roles import Permission
from app.services.context import Actor, audit
from app.services.errors import ServiceError, ValidationFailed

logger = logging.getLogger(__name__)

SUFFIX = ".sqlite3"


class BackupFailed(ServiceError):
    """The copy or the restore could not be made; the database is unchanged."""


class DatabaseInUse(ServiceError):
    """Another connection has the file open; restore needs it to itself (or --force)."""


def sqlite_path(db: Database) -> Path:
    """The database file, or a clear refusal for PostgreSQL and in-memory databases."""
    if not db.is_sqlite:
        raise ValidationFailed(
            "This is a shared PostgreSQL database: back it up on the server with pg_dump "
            "(see 'Backing up a shared server' in docs/SECURITY-AND-BACKUP.md)."
        )
    name = make_url(db.url).database
    if not name or name == ":memory:":
        raise ValidationFailed("An in-memory database has no file to back up.")
    return Path(name)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def copy_database(source: Path, target: Path) -> Path:
    """Consistent online copy of ``source`` to ``target`` (atomic, checked)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)  # one step: a read snapshot, writers carry on meanwhile
            problems = _integrity(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"Could not copy {source} to {target}: {exc}.") from exc
    finally:
        src.close()
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"The copy of {source} failed its integrity check: {problems[:3]}.")
    with open(partial, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, target)
    return target


def backup(db: Database, actor: Actor, target: Path) -> Path:
    """``orderdesk backup``: copy the open database to ``target`` (a file, or a folder:
    any path without a suffix)."""
    actor.require(Permission.SETTINGS)
    source = sqlite_path(db)
    if target.is_dir() or not target.suffix:  # a folder (made if missing): a dated name
        target = target / backup_name(source, _now())
    copy_database(source, target)  # a read: no audit row, so it never waits for writers
    logger.info("backed up %s to %s", source, target)
    return target


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


def backup_name(source: Path, when: datetime) -> str:
    return f"{source.stem}-{when:%Y%m%d-%H%M%S}{SUFFIX}"


def others_connected(path: Path) -> bool:
    """True if any other connection has the file open (WAL readers included)."""
    conn = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    finally:
        conn.close()


def _check_source(source: Path) -> None:
    if not source.is_file():
        raise ValidationFailed(f"There is no backup file at {source}.")
    with open(source, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ValidationFailed(f"{source} is not a SQLite database file.")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        problems = _integrity(conn)
        has_schema = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'"
                                  ).fetchone() is not None
    except sqlite3.Error as exc:
        raise ValidationFailed(f"{source} cannot be read as a database: {exc}.") from exc
    finally:
        conn.close()
    if problems:
        raise ValidationFailed(f"{source} is damaged (integrity check: {problems[:3]}).")
    if not has_schema:
        raise ValidationFailed(f"{source} is not an OrderDesk database (no schema version).")


def restore(db: Database, actor: Actor, source: Path, force: bool = False) -> Path:
    """Replace the database's contents with ``source``. The replaced database is first
    copied aside (returned path). Refused while another connection has the file open,
    unless ``force`` (then it waits for writers and replaces under their feet)."""
    actor.require(Permission.SETTINGS)
    path = sqlite_path(db)
    _check_source(source)
    db.dispose()  # our own pooled connections do not count as "others"
    if not force and others_connected(path):
        raise DatabaseInUse(
            f"{path} is open in another OrderDesk window, workstation or program. Close it "
            "there first, or restore with --force (the others then see the restored data)."
        )
    aside = copy_database(path, path.with_name(
        f"{path.name}.before-restore-{_now():%Y%m%d-%H%M%S}"))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        src.backup(dst)
        problems = _integrity(dst)
    except sqlite3.Error as exc:
        raise BackupFailed(f"Restoring {source} failed ({exc}); the database is unchanged, "
                           f"and a copy of it is at {aside}.") from exc
    finally:
        src.close()
        dst.close()
    if problems:
        raise BackupFailed(f"The restored database fails its integrity check: {problems[:3]}; "
                           f"the previous one is at {aside}.")
    with db.writer() as s:
        audit(s, actor, "restore", "database", "", source=str(source), replaced_copy=str(aside))
    logger.warning("restored %s from %s; previous copy at %s", path, source, aside)
    return aside


def list_backups(folder: Path, stem: str) -> list[Path]:
    """This database's automatic copies in ``folder``, oldest first."""
    return sorted(p for p in folder.glob(f"{stem}-*{SUFFIX}") if p.is_file())


def daily_backup_if_due(
    db: Database, folder: Path, keep: int = 7, now: datetime | None = None
) -> Path | None:
    """At start-up: one copy per local calendar day, keeping the newest ``keep``.

    Returns the new copy, or None if today's exists or the database is not a SQLite file.
    Runs as the system (no user has logged in yet); never raises for PostgreSQL."""
    if keep < 1:
        raise ValidationFailed(f"Keep at least one daily backup, not {keep}.")
    if not db.is_sqlite:
        return None
    source = sqlite_path(db)
    when = (now or _now()).astimezone()
    existing = list_backups(folder, source.stem)
    today = f"{source.stem}-{when:%Y%m%d}-"
    if any(p.name.startswith(today) for p in existing):
        return None
    target = copy_database(source, folder / backup_name(source, when))
    for old in list_backups(folder, source.stem)[:-keep]:
        old.unlink()
        logger.info("removed old daily backup %s", old)
    return target
