"""The command line on both databases: db upgrade/current/check, demo, stock verify."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db.engine import Database
from app.db.models import Order, User


def test_db_commands_and_demo(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "current", "--json", "--database", db.url]) == 0
    current = json.loads(capsys.readouterr().out)
    assert current["current"] is True
    assert main(["db", "check", "--database", db.url]) == 0
    assert "agree" in capsys.readouterr().out
    assert main(["demo", "--customers", "20", "--products", "15", "--orders", "120", "--json",
                 "--database", db.url]) == 0
    assert json.loads(capsys.readouterr().out)["orders"] == 120
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 120
        statuses = set(s.scalars(select(Order.status).distinct()))
        assert {"draft", "confirmed", "shipped", "delivered", "cancelled"} <= statuses
        assert s.scalar(select(func.count()).select_from(User)) == 5
    assert main(["stock", "verify", "--json", "--database", db.url]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "problems": []}


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("orderdesk ")


def test_upgrade_copies_a_sqlite_file_aside(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An existing SQLite file below head is copied aside before migrating."""
    from app.db import migrate

    path = tmp_path / "old.sqlite3"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db.engine, "0001")
    with db.engine.begin() as conn:  # pretend an older schema: nothing applied yet
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='0001'")
    if migrate.head_revision(db.engine) == "0001":
        assert migrate.upgrade(db.engine) is False
        assert not list(tmp_path.glob("old.sqlite3.before-migration-*"))
    else:
        assert migrate.upgrade(db.engine) is True
        assert list(tmp_path.glob("old.sqlite3.before-migration-*"))
    db.dispose()


def test_quick_schema_check_agrees_with_alembic(db: Database) -> None:
    """The start-up check reads the head from the revision files and the stamp with one query;
    it must agree with Alembic, and say "not current" for an older stamp."""
    from app.db import migrate

    assert migrate._quick_head() == migrate.head_revision(db.engine)
    assert migrate.is_current(db.engine) is True
    assert migrate.upgrade(db.engine) is False
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='0001'")
    assert migrate.is_current(db.engine) is False


def test_quick_schema_check_on_an_empty_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.db import migrate

    db = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert migrate.is_current(db.engine) is False
    assert migrate.upgrade(db.engine) is True
    assert migrate.is_current(db.engine) is True
    db.dispose()


def test_desk_options_are_parsed_without_the_sub_commands() -> None:
    from app.cli import _desk_args

    args = _desk_args(["--database", "sqlite:///x.db", "--lang", "zh_CN", "--demo"])
    assert args is not None
    assert (args.database, args.lang, args.demo) == ("sqlite:///x.db", "zh_CN", True)
    assert _desk_args([]) is not None
    # A sub-command, --help or a mistake goes to the full parser, which explains it.
    assert _desk_args(["--database", "sqlite:///x.db", "db", "current"]) is None
    assert _desk_args(["--help"]) is None
    assert _desk_args(["--lang", "fr"]) is None


def test_a_bad_desk_option_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "fr"])
    assert stop.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
