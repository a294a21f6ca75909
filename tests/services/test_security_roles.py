"""Every public service function that acts for someone checks that person's role.

Services are discovered by introspection: a public function in ``app/services`` whose first
parameters are ``(db, actor)`` must appear in SERVICE_PERMISSIONS, and is called once per role
with placeholder arguments: roles without the permission must get PermissionDenied before
anything is written, roles with it must not. A public function taking ``db`` but no actor must
be listed in NO_ACTOR with the reason it needs none. So a new service without a check fails.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import app.services
from app.db.engine import Database
from app.db.models import AuditEntry
from app.domain.roles import Permission, Role, may
from app.services.catalog import AddressData, CustomerData, ProductData
from app.services.context import Actor
from app.services.errors import PermissionDenied

P = Permission
SERVICE_PERMISSIONS: dict[str, Permission] = {
    "auth.create_user": P.MANAGE_USERS,
    "auth.switch_user": P.VIEW,
    "backups.backup": P.SETTINGS,
    "backups.restore": P.SETTINGS,
    "catalog.create_customer": P.EDIT_CUSTOMERS,
    "catalog.update_customer": P.EDIT_CUSTOMERS,
    "catalog.create_product": P.EDIT_PRODUCTS,
    "catalog.ensure_warehouse": P.SETTINGS,
    "orders.create_draft": P.ENTER_ORDERS,
    "orders.update_header": P.ENTER_ORDERS,
    "orders.add_line": P.ENTER_ORDERS,
    "orders.change_line": P.ENTER_ORDERS,
    "orders.remove_line": P.ENTER_ORDERS,
    "orders.confirm": P.CONFIRM_ORDERS,
    "orders.cancel": P.CANCEL_ORDERS,
    "stock.receive": P.RECEIVE_STOCK,
    "stock.adjust": P.ADJUST_STOCK,
    # fulfilment second wave (issues 5, 6, 8)
    "fulfilment.ship_by_scan": P.SHIP,
    "fulfilment.set_product_tracking": P.EDIT_PRODUCTS,
    "exception_desk.check": P.VIEW,
    "exception_desk.reship": P.RETURNS,
    "exception_desk.exchange": P.RETURNS,
    "exception_desk.refund": P.APPROVE,
}

# Public functions that take the database but no actor, and why that is safe.
READ = "read-only; every role has VIEW"
NO_ACTOR: dict[str, str] = {
    "auth.needs_first_admin": "start-up, before anyone has logged in",
    "auth.create_first_admin": "first run only; refused once any user exists",
    "auth.log_in": "establishes the actor (lock-out after failures)",
    "backups.sqlite_path": "no database access",
    "backups.daily_backup_if_due": "system, at start-up: a read-only copy",
    "catalog.lookup_product": READ,
    "catalog.get_customer": READ,
    "checks.run_checks": "system: reports, never repairs",
    "demo.generate": "system/bench only: demo data (CLI `orderdesk demo`)",
    "demo.is_empty": READ,
    "orders.get_order": READ,
    "orders.find_order_id": READ,
    "orders.status_history": READ,
    "stock.verify": READ,
    "notices.notices_for_order": READ,
}


def _services() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.iter_modules(app.services.__path__):
        module = importlib.import_module(f"app.services.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            params = list(inspect.signature(fn).parameters)
            if params[:1] == ["db"]:
                found[f"{info.name}.{name}"] = fn
    return found


def _takes_actor(fn: Callable[..., Any]) -> bool:
    return list(inspect.signature(fn).parameters)[1:2] == ["actor"]


SERVICES = _services()
WITH_ACTOR = sorted(k for k, fn in SERVICES.items() if _takes_actor(fn))


def test_every_service_is_in_the_table() -> None:
    without = sorted(k for k, fn in SERVICES.items() if not _takes_actor(fn))
    assert sorted(set(WITH_ACTOR) - set(SERVICE_PERMISSIONS)) == [], \
        "new services: add them to SERVICE_PERMISSIONS with the permission they check"
    assert sorted(set(without) - set(NO_ACTOR)) == [], \
        "public functions taking db but no actor: give them an actor or list them in NO_ACTOR"
    stale = (set(SERVICE_PERMISSIONS) - set(WITH_ACTOR)) | (set(NO_ACTOR) - set(without))
    assert sorted(stale) == []


def _placeholder(name: str, hint: Any, tmp_path: Path) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        if type(None) in args:
            return None
        hint = args[0]
    simple: dict[Any, Any] = {
        int: 10**6, str: "placeholder", Decimal: Decimal("1.00"), bool: False,
        Path: tmp_path / "placeholder.sqlite3", Role: Role.COUNTER, date: date(2026, 1, 1),
        CustomerData: CustomerData("Role test customer"),
        ProductData: ProductData("ROLE-TEST", "Role test product", Decimal("1.00")),
        AddressData: AddressData(),
        list[tuple[int, int]]: [],
    }
    if hint in simple:
        return simple[hint]
    raise AssertionError(f"no placeholder for {name}: {hint!r} — add one to _placeholder")


def _call_args(fn: Callable[..., Any], tmp_path: Path) -> list[Any]:
    hints = typing.get_type_hints(fn)
    params = list(inspect.signature(fn).parameters.values())[2:]
    return [_placeholder(p.name, hints.get(p.name), tmp_path) for p in params
            if p.default is inspect.Parameter.empty
            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _audit_rows(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize("service", WITH_ACTOR)
def test_each_role_is_allowed_or_refused(db: Database, service: str, tmp_path: Path) -> None:
    fn, permission = SERVICES[service], SERVICE_PERMISSIONS[service]
    args = _call_args(fn, tmp_path)
    for role in Role:
        actor = Actor(None, f"role-test-{role.value}", role, "ws-sec")
        before = _audit_rows(db)
        try:
            fn(db, actor, *args)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert permission.value in str(exc) and role.value in str(exc)
            assert _audit_rows(db) == before, f"{service} wrote before refusing {role}"
        except Exception:  # noqa: BLE001 - allowed, then failed on the placeholders
            refused = False
        expected = "allowed" if may(role, permission) else "refused"
        assert ("refused" if refused else "allowed") == expected, \
            f"{service} for {role.value}: the table says {expected} ({permission.value})"
