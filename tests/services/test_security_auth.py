"""Switching user by PIN is recorded in the audit log and shares the log-in lock-out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import AuditEntry
from app.domain.roles import Role
from app.services import auth
from app.services.context import Actor
from app.services.errors import LoginFailed


def test_switch_user_by_pin_is_audited(db: Database, admin: Actor) -> None:
    auth.create_user(db, admin, "li", "1234", Role.COUNTER)
    auth.create_user(db, admin, "boss", "9876", Role.MANAGER)
    li = auth.log_in(db, "li", "1234", "counter-1")
    boss = auth.switch_user(db, li, "boss", "9876")
    assert (boss.username, boss.role, boss.workstation) == ("boss", Role.MANAGER, "counter-1")
    with pytest.raises(LoginFailed, match="wrong password"):
        auth.switch_user(db, boss, "li", "0000")
    with db.reader() as s:
        rows = s.execute(select(AuditEntry.action, AuditEntry.username, AuditEntry.workstation,
                                AuditEntry.details).order_by(AuditEntry.id)).all()
    assert [tuple(r) for r in rows[-3:]] == [
        ("login", "li", "counter-1", ""),
        ("switch_user", "boss", "counter-1", '{"from_user": "li"}'),
        ("switch_user_failed", "li", "counter-1", '{"from_user": "boss"}'),
    ]


def test_switch_user_locks_out_like_log_in(db: Database, admin: Actor) -> None:
    auth.create_user(db, admin, "li", "1234", Role.COUNTER)
    auth.create_user(db, admin, "wu", "5555", Role.COUNTER)
    li = auth.log_in(db, "li", "1234")
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(LoginFailed, match="wrong password"):
            auth.switch_user(db, li, "wu", "0000")
    with pytest.raises(LoginFailed, match="wu is locked for 5 min"):
        auth.switch_user(db, li, "wu", "5555")  # even the right PIN, while locked
    with pytest.raises(LoginFailed, match="locked"):
        auth.log_in(db, "wu", "5555")
