"""Backups, restore, the daily copy and `orderdesk check` (SQLite files; PostgreSQL is refused
with a pointer to pg_dump); the audit log refuses UPDATE and DELETE on both databases."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from app.cli import main
from app.db.engine import Database
from app.db.models import AuditEntry, Order
from app.services import backups, checks, orders
from app.services.context import Actor
from app.services.errors import ValidationFailed
from tests.factories import make_shop


def _orders(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


def _sqlite_only(db: Database) -> None:
    if not db.is_sqlite:
        with pytest.raises(ValidationFailed, match="pg_dump"):
            backups.sqlite_path(db)
        pytest.skip("file backups are for SQLite; PostgreSQL refuses with a pg_dump pointer")


def test_backup_while_another_connection_is_writing(db: Database, admin: Actor,
                                                    tmp_path: Path) -> None:
    _sqlite_only(db)
    ids = make_shop(db, admin)
    orders.create_draft(db, admin, ids["wang"])
    with db.writer() as busy:  # another connection holds the write lock, uncommitted
        busy.add(Order(number="SO-UNCOMMITTED", channel="counter", customer_name="x",
                       created_by="t", updated_by="t"))
        busy.flush()
        target = backups.backup(db, admin, tmp_path / "backups")  # a folder: dated name
        busy.rollback()
    assert target.parent == tmp_path / "backups" and target.name.startswith("test-")
    copy = Database(f"sqlite:///{target}")
    assert _orders(copy) == 1  # the committed order, not the uncommitted one
    with copy.reader() as s:
        numbers = set(s.scalars(select(Order.number)))
    copy.dispose()
    assert "SO-UNCOMMITTED" not in numbers
    assert not list(target.parent.glob("*.partial"))


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(
        db: Database, admin: Actor, tmp_path: Path) -> None:
    _sqlite_only(db)
    ids = make_shop(db, admin)
    saved = backups.backup(db, admin, tmp_path / "saved.sqlite3")
    for _ in range(3):
        orders.create_draft(db, admin, ids["wang"])
    assert _orders(db) == 3
    aside = backups.restore(db, admin, saved)
    assert _orders(db) == 0
    kept = Database(f"sqlite:///{aside}")
    assert _orders(kept) == 3  # the replaced database was kept aside, whole
    kept.dispose()
    with db.reader() as s:
        assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) \
            == "restore"
    assert all(r.ok for r in checks.run_checks(db)), checks.run_checks(db)


def test_restore_refuses_while_another_connection_is_open_unless_forced(
        db: Database, admin: Actor, tmp_path: Path) -> None:
    _sqlite_only(db)
    ids = make_shop(db, admin)
    saved = backups.backup(db, admin, tmp_path / "saved.sqlite3")
    orders.create_draft(db, admin, ids["wang"])
    other = Database(db.url)  # another window on the same file, idle but connected
    with other.reader() as s:
        s.execute(text("SELECT 1"))
        with pytest.raises(backups.DatabaseInUse, match="--force"):
            backups.restore(db, admin, saved)
        assert _orders(db) == 1  # untouched
        s.rollback()
        backups.restore(db, admin, saved, force=True)
    assert _orders(other) == 0  # the other connection sees the restored data
    other.dispose()


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_restore_refuses_files_that_are_not_orderdesk_databases(
        db: Database, admin: Actor, tmp_path: Path, content: bytes) -> None:
    _sqlite_only(db)
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    with pytest.raises(ValidationFailed, match="not a SQLite database"):
        backups.restore(db, admin, bogus)
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ValidationFailed, match="not an OrderDesk database"):
        backups.restore(db, admin, foreign)
    with pytest.raises(ValidationFailed, match="no backup file"):
        backups.restore(db, admin, tmp_path / "missing.sqlite3")


def test_daily_backup_once_a_day_with_retention(db: Database, admin: Actor,
                                                tmp_path: Path) -> None:
    folder = tmp_path / "daily"
    day1 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    if not db.is_sqlite:
        assert backups.daily_backup_if_due(db, folder, keep=3, now=day1) is None
        return
    first = backups.daily_backup_if_due(db, folder, keep=3, now=day1)
    assert first is not None and first.exists()
    assert backups.daily_backup_if_due(db, folder, keep=3, now=day1 + timedelta(hours=8)) is None
    made = [backups.daily_backup_if_due(db, folder, keep=3, now=day1 + timedelta(days=d))
            for d in range(1, 6)]
    kept = backups.list_backups(folder, "test")
    assert kept == made[-3:]
    assert [p.name[5:13] for p in kept] == ["20260304", "20260305", "20260306"]
    with pytest.raises(ValidationFailed, match="at least one"):
        backups.daily_backup_if_due(db, folder, keep=0)


def test_check_reports_and_never_repairs(db: Database, admin: Actor,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    ids = make_shop(db, admin)
    assert main(["check", "--json", "--database", db.url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert {c["name"] for c in report["checks"]} >= {
        "database integrity", "schema revision", "stock ledger and reservations",
        "audit log append-only"}
    with db.writer() as s:  # damage: on hand no longer equals the ledger
        s.execute(text("UPDATE stock_levels SET on_hand = on_hand + 1 WHERE product_id = :p"),
                  {"p": ids["mug"]})
    monkeypatch.setitem(checks._CHECKS, "plugged-in check", lambda db: ["invoice 7 off by 1"])
    monkeypatch.setitem(checks._CHECKS, "broken check", lambda db: 1 / 0)
    assert main(["check", "--json", "--database", db.url]) == 1
    report = json.loads(capsys.readouterr().out)
    by_name = {c["name"]: c for c in report["checks"]}
    assert by_name["stock ledger and reservations"]["problems"] == [
        f"product {ids['mug']} in warehouse {ids['warehouse']}: on hand 11 but the ledger sums "
        "to 10"]
    assert by_name["plugged-in check"]["problems"] == ["invoice 7 off by 1"]
    assert "ZeroDivisionError" in by_name["broken check"]["problems"][0]
    assert by_name["database integrity"]["ok"]
    main(["check", "--database", db.url])
    assert "FAIL stock ledger" in capsys.readouterr().out
    with db.reader() as s:  # reported, not repaired
        assert s.scalar(text("SELECT on_hand FROM stock_levels WHERE product_id = :p"),
                        {"p": ids["mug"]}) == 11


def test_audit_log_is_append_only_in_the_database(db: Database, admin: Actor) -> None:
    make_shop(db, admin)
    for statement in ("UPDATE audit_log SET username = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), db.writer() as s:
            s.execute(text(statement))
    if not db.is_sqlite:
        with pytest.raises(DBAPIError, match="append-only"), db.writer() as s:
            s.execute(text("TRUNCATE audit_log"))
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) > 0
        assert "someone else" not in set(s.scalars(select(AuditEntry.username)))
    assert checks.run_checks(db, only=["audit log append-only"])[0].ok
    with db.writer() as s:  # an owner removing the guard is caught by `orderdesk check`
        s.execute(text("DROP TRIGGER audit_log_no_delete" if db.is_sqlite
                       else "DROP TRIGGER audit_log_no_truncate ON audit_log"))
    result = checks.run_checks(db, only=["audit log append-only"])[0]
    assert not result.ok and "is missing" in result.problems[0]


def test_backup_cli(db: Database, admin: Actor, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cli.sqlite3"
    code = main(["backup", str(target), "--json", "--database", db.url])
    if not db.is_sqlite:
        assert code == 1 and "pg_dump" in capsys.readouterr().err
        return
    assert code == 0 and json.loads(capsys.readouterr().out) == {"backup": str(target)}
    assert main(["restore", str(target), "--database", db.url]) == 0
    assert "kept as" in capsys.readouterr().out
