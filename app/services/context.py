"""Who is acting, from where: passed to every service call."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.db.models import AuditEntry
from app.db.types import utcnow
from app.domain.roles import Permission, Role, may
from app.services import guards
from app.services.errors import PermissionDenied

guards.install()  # length/NUL checks on every flush and statement (see guards.py)


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: Role
    workstation: str = ""

    def require(self, permission: Permission) -> None:
        if not may(self.role, permission):
            raise PermissionDenied(
                f"{self.username} ({self.role.value}) may not do this: "
                f"it needs the '{permission.value}' permission."
            )


def system_actor(workstation: str = "") -> Actor:
    """For set-up, migrations and demo data: acts as admin, recorded as 'system'."""
    return Actor(None, "system", Role.ADMIN, workstation)


def audit(
    session: Session, actor: Actor, action: str, entity: str, entity_id: object = "",
    **details: Any,
) -> None:
    session.add(
        AuditEntry(
            user_id=actor.user_id,
            username=actor.username,
            workstation=actor.workstation,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            details=json.dumps(details, default=str, ensure_ascii=False) if details else "",
        )
    )


_T_AUDIT: Table = AuditEntry.__table__  # type: ignore[assignment]
_I_AUDIT = insert(_T_AUDIT)


def audit_many(
    session: Session, actor: Actor, action: str, entity: str,
    entries: Sequence[tuple[object, dict[str, Any]]],
) -> None:
    """``audit`` for many entities at once, one multi-row INSERT: (entity id, details)."""
    if not entries:
        return
    at = utcnow()
    session.connection().execute(_I_AUDIT, [
        {"at": at, "user_id": actor.user_id, "username": actor.username,
         "workstation": actor.workstation, "action": action, "entity": entity,
         "entity_id": str(entity_id),
         "details": json.dumps(details, default=str, ensure_ascii=False) if details else ""}
        for entity_id, details in entries])


def audit_now(
    session: Session, actor: Actor, action: str, entity: str, entity_id: object = "",
    **details: Any,
) -> None:
    """``audit`` written at once with a prebuilt Core INSERT, for hot paths (one call per
    scan): no ORM object, nothing left for the flush."""
    session.connection().execute(_I_AUDIT, {
        "at": utcnow(), "user_id": actor.user_id, "username": actor.username,
        "workstation": actor.workstation, "action": action, "entity": entity,
        "entity_id": str(entity_id),
        "details": json.dumps(details, default=str, ensure_ascii=False) if details else ""})
