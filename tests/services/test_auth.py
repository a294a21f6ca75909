"""Users and log-in on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import User
from app.domain.roles import Role
from app.services import auth
from app.services.context import Actor
from app.services.errors import LoginFailed, PermissionDenied, ValidationFailed


def test_first_admin_then_log_in(db: Database) -> None:
    assert auth.needs_first_admin(db)
    auth.create_first_admin(db, "boss", "s3cret!")
    assert not auth.needs_first_admin(db)
    with pytest.raises(ValidationFailed, match="already exists"):
        auth.create_first_admin(db, "other", "whatever")
    actor = auth.log_in(db, "boss", "s3cret!", "ws-9")
    assert (actor.username, actor.role, actor.workstation) == ("boss", Role.ADMIN, "ws-9")
    with db.reader() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "boss"))
        assert stored is not None and stored.startswith("$argon2id$") and "s3cret" not in stored


def test_wrong_password_and_lock_out(db: Database, admin: Actor) -> None:
    auth.create_user(db, admin, "clerk", "1234", Role.COUNTER)
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(LoginFailed, match="wrong password"):
            auth.log_in(db, "clerk", "0000")
    with pytest.raises(LoginFailed, match="locked"):
        auth.log_in(db, "clerk", "1234")  # even the right PIN waits out the lock


def test_only_admins_create_users(db: Database, admin: Actor) -> None:
    auth.create_user(db, admin, "mgr", "abcd", Role.MANAGER)
    manager = auth.log_in(db, "mgr", "abcd")
    with pytest.raises(PermissionDenied):
        auth.create_user(db, manager, "x", "abcd", Role.ADMIN)
    with pytest.raises(ValidationFailed, match="at least 4"):
        auth.create_user(db, admin, "y", "12", Role.COUNTER)
