"""Users, log-in and roles. Passwords and PINs are hashed with Argon2id (memory-hard)."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import User
from app.db.types import utcnow
from app.domain.roles import Permission, Role
from app.services.context import Actor, audit
from app.services.errors import LoginFailed, ValidationFailed

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
MIN_SECRET_LENGTH = 4  # a 4-digit PIN is the shortest a counter will accept

_hasher = PasswordHasher()


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def needs_first_admin(db: Database) -> bool:
    with db.reader() as s:
        return (s.scalar(select(func.count()).select_from(User)) or 0) == 0


def create_user(
    db: Database, actor: Actor, username: str, password: str, role: Role,
    display_name: str = "",
) -> int:
    actor.require(Permission.MANAGE_USERS)
    username = username.strip()
    if not username:
        raise ValidationFailed("A user name is required.")
    if len(password) < MIN_SECRET_LENGTH:
        raise ValidationFailed(
            f"The password or PIN needs at least {MIN_SECRET_LENGTH} characters.")
    with db.writer() as s:
        if s.scalar(select(User.id).where(User.username == username)) is not None:
            raise ValidationFailed(f"There is already a user called {username}.")
        user = User(username=username, display_name=display_name or username, role=Role(role).value,
                    password_hash=hash_secret(password))
        s.add(user)
        s.flush()
        audit(s, actor, "create", "user", user.id, username=username, role=role)
        return user.id


def create_first_admin(db: Database, username: str, password: str, workstation: str = "") -> int:
    """The first run's admin; refused once any user exists."""
    if not needs_first_admin(db):
        raise ValidationFailed("An administrator already exists.")
    setup = Actor(None, "first-run", Role.ADMIN, workstation)
    return create_user(db, setup, username, password, Role.ADMIN, "Administrator")


def log_in(db: Database, username: str, password: str, workstation: str = "") -> Actor:
    """Checks the password; repeated failures lock the user out for a while."""
    return _authenticate(db, username, password, workstation, "login")


def switch_user(
    db: Database, actor: Actor, username: str, pin: str, workstation: str = ""
) -> Actor:
    """Hand the counter to another user by their PIN (quick, no log-out). The same
    lock-out applies as for log-in; the audit log records who took over from whom."""
    actor.require(Permission.VIEW)
    return _authenticate(db, username, pin, workstation or actor.workstation, "switch_user",
                         from_user=actor.username)


def _authenticate(
    db: Database, username: str, password: str, workstation: str, action: str, **details: str
) -> Actor:
    failure: LoginFailed | None = None
    with db.writer() as s:
        user = s.scalar(select(User).where(User.username == username.strip()))
        if user is None or not user.active:
            raise LoginFailed("Unknown user or wrong password.")
        now = utcnow()
        if user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise LoginFailed(f"Too many wrong attempts: {username} is locked for {minutes} min.")
        actor = Actor(user.id, user.username, Role(user.role), workstation)
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            # Counted and committed: the failure must stick even though log-in is refused.
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
                user.locked_until = now + LOCKOUT
                user.failed_attempts = 0
            audit(s, actor, f"{action}_failed", "user", user.id, **details)
            failure = LoginFailed("Unknown user or wrong password.")
        else:
            user.failed_attempts = 0
            user.locked_until = None
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = hash_secret(password)
            audit(s, actor, action, "user", user.id, **details)
    if failure is not None:
        raise failure
    return actor
