"""apply_first_run: an empty database becomes a usable desk; bad answers write nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.config import Settings
from app.db.engine import Database
from app.db.models import Order, User, Warehouse
from app.services import auth
from app.services.errors import ValidationFailed
from app.services.setup import FirstRunResult, apply_first_run, check_connection, validate


def _answers(**changes: object) -> FirstRunResult:
    base = FirstRunResult(
        company_name="Happy Mugs 快乐杯子", company_address="深圳市南山区科技园南路88号",
        company_phone="+86 755 1234 5678", currency="CNY", language="zh_CN",
        admin_username="boss", admin_password="s3cret!", admin_password_repeat="s3cret!",
        warehouse_code="sz1", warehouse_name="Shenzhen shop", label_printer="Labels",
        slip_printer="",
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def _count(db: Database, model: type) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_first_run_creates_admin_warehouse_and_saves_settings(db: Database) -> None:
    """The new admin can log in, the warehouse exists, the settings file holds the answers."""
    settings = Settings()
    outcome = apply_first_run(_answers(database_url=db.url), settings, db, "ws-1")
    actor = auth.log_in(db, "boss", "s3cret!")
    assert actor.user_id == outcome.admin_id and actor.role.value == "admin"
    with db.reader() as s:
        wh = s.get(Warehouse, outcome.warehouse_id)
        assert wh is not None and (wh.code, wh.name) == ("SZ1", "Shenzhen shop")
    saved = Settings.load()
    assert saved.company_name == "Happy Mugs 快乐杯子"
    assert saved.company_address == "深圳市南山区科技园南路88号"
    assert (saved.currency, saved.language) == ("CNY", "zh_CN")
    assert (saved.default_warehouse, saved.label_printer) == ("SZ1", "Labels")
    assert saved.slip_printer == ""
    assert saved.database_url == db.url and saved.first_run_done
    assert outcome.demo_orders == 0 and _count(db, Order) == 0


def test_first_run_with_demo_data(db: Database) -> None:
    """Demo data is loaded beside the new admin, whose password is kept."""
    outcome = apply_first_run(_answers(admin_username="admin", load_demo_data=True),
                              Settings(), db)
    assert outcome.demo_orders == 200 and _count(db, Order) == 200
    auth.log_in(db, "admin", "s3cret!")  # the demo "admin" did not replace ours
    auth.log_in(db, "counter", "1234")


@pytest.mark.parametrize(("change", "words"), [
    ({"admin_password_repeat": "other!"}, "not the same"),
    ({"admin_password": "abc", "admin_password_repeat": "abc"}, "at least"),
    ({"company_name": "  "}, "company name"),
    ({"warehouse_code": "X" * 17}, "longer than"),
    ({"currency": "XXX"}, "Unknown currency"),
])
def test_wrong_answers_write_nothing(db: Database, change: dict[str, object], words: str) -> None:
    """A wrong answer is refused with a message naming it; database and settings untouched."""
    with pytest.raises(ValidationFailed, match=words):
        apply_first_run(_answers(**change), Settings(), db)
    assert _count(db, User) == 0 and _count(db, Warehouse) == 0
    assert not Settings.path().exists()


def test_second_first_run_is_refused(db: Database) -> None:
    """Once an administrator exists the wizard cannot take over the database."""
    apply_first_run(_answers(), Settings(), db)
    with pytest.raises(ValidationFailed, match="already set up"):
        apply_first_run(_answers(admin_username="intruder"), Settings(), db)
    assert _count(db, User) == 1


def test_validate_lists_every_problem() -> None:
    problems = validate(_answers(company_name="", warehouse_code="", admin_password="x"))
    assert len(problems) == 3


def test_check_connection(db: Database) -> None:
    """A working database answers None; an unreachable one gives a message naming it."""
    assert check_connection(db.url) is None
    message = check_connection("postgresql://nobody@127.0.0.1:1/nowhere")
    assert message is not None
    assert "Cannot connect to PostgreSQL nobody@127.0.0.1:1/nowhere" in message
    assert check_connection("not a url") is not None
