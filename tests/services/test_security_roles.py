"""Every public service function that acts for someone checks that person's role.

Services are discovered by introspection: a public function in ``app/services`` whose first
parameters are ``(db, actor)`` must appear in SERVICE_PERMISSIONS, and is called once per role
with placeholder arguments: roles without the permission must get PermissionDenied before
anything is written, roles with it must not. A public function taking ``db`` but no actor must
be listed in NO_ACTOR with the reason it needs none. So a new service without a check fails.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import enum
import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
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
    "catalog.update_product": P.EDIT_PRODUCTS,
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
    "stock.set_reorder_point": P.ADJUST_STOCK,
    # allocation and pricing (issue 4)
    "allocation.set_channel_settings": P.SETTINGS,
    "allocation.set_substitutes": P.EDIT_PRODUCTS,
    "allocation.set_backorder_priority": P.APPROVE,
    "allocation.release_remaining": P.CANCEL_ORDERS,
    "pricing.add_coupon": P.ENTER_ORDERS,
    "pricing.remove_coupon": P.ENTER_ORDERS,
    "pricing.set_line_discount": P.ENTER_ORDERS,  # above the limit also an APPROVE approver
    "pricing.set_shipping_fee": P.ENTER_ORDERS,
    "pricing.save_promotion": P.MANAGE_PRICING,
    "pricing.set_promotion_active": P.MANAGE_PRICING,
    "pricing.save_coupon": P.MANAGE_PRICING,
    "pricing.set_tier": P.MANAGE_PRICING,
    "pricing.set_channel_price": P.MANAGE_PRICING,
    # fulfilment (issue 5)
    "fulfilment.create_carrier": P.SETTINGS,
    "fulfilment.add_tracking_range": P.SETTINGS,
    "fulfilment.create_box_size": P.SETTINGS,
    "fulfilment.install_default_carriers": P.SETTINGS,
    "fulfilment.create_pick_list": P.SHIP,
    "fulfilment.start_packing": P.SHIP,
    "fulfilment.scan_item": P.SHIP,
    "fulfilment.undo_last_scan": P.SHIP,
    "fulfilment.next_parcel": P.SHIP,
    "fulfilment.cancel_packing": P.SHIP,
    "fulfilment.complete_packing": P.SHIP,
    "fulfilment.set_tracking_number": P.SHIP,
    "fulfilment.mark_label_printed": P.SHIP,
    "fulfilment.ship_by_scan": P.SHIP,
    "fulfilment.set_product_tracking": P.EDIT_PRODUCTS,
    "exception_desk.exchange": P.RETURNS,
    "intake.retry_row": P.IMPORT_ORDERS,
    "returns.approve": P.RETURNS,
    "returns.cancel_return": P.RETURNS,
    "returns.finish_receiving": P.RETURNS,
    "returns.finish_repair": P.RETURNS,
    "returns.inspect_line": P.RETURNS,
    "returns.issue_document": P.RETURNS,
    "returns.open_return": P.RETURNS,
    "returns.receive_scan": P.RETURNS,
    "returns.reject": P.RETURNS,
    "returns.resolve": P.RETURNS,
    "returns.set_return_policy": P.SETTINGS,
    "notices.retry": P.SHIP,
    "offline.ship_by_scan": P.SHIP,
    "offline.scan_item": P.SHIP,
    "offline.replay": P.SHIP,
    # intake (issue 3) and shop import (issue 11)
    "intake.import_items": P.IMPORT_ORDERS,
    "intake.accept_change": P.ENTER_ORDERS,
    "intake.reject_change": P.ENTER_ORDERS,
    "intake.fix_order": P.ENTER_ORDERS,
    "intake.map_sku": P.ENTER_ORDERS,
    "intake.release": P.ENTER_ORDERS,
    "intake.dismiss_row": P.IMPORT_ORDERS,
    "intake.save_column_mapping": P.IMPORT_ORDERS,
    "shop_import.import_products": P.EDIT_PRODUCTS,  # with opening stock also RECEIVE_STOCK
    "shop_import.import_customers": P.EDIT_CUSTOMERS,  # with credit limits also FINANCE
    "shop_import.save_mapping": P.EDIT_PRODUCTS,  # customer mappings: EDIT_CUSTOMERS
    # receivables and profit (issue 6)
    "receivables.issue_invoice": P.FINANCE,
    "receivables.apply_credit": P.FINANCE,
    "receivables.record_payment": P.FINANCE,
    "receivables.allocate_payment": P.FINANCE,
    "receivables.undo_allocation": P.FINANCE,
    "receivables.create_credit_note": P.FINANCE,
    "receivables.set_credit": P.FINANCE,
    "receivables.set_hold": P.FINANCE,
    "receivables.import_bank_statement": P.FINANCE,
    "receivables.confirm_bank_line": P.FINANCE,
    "receivables.ignore_bank_line": P.FINANCE,
    "receivables.dunning_run": P.FINANCE,
    "receivables.send_letters": P.FINANCE,
    "receivables.discard_letter": P.FINANCE,
    "profit.set_channel": P.FINANCE,
    "profit.add_order_cost": P.FINANCE,
    "profit.add_indirect_cost": P.APPROVE,
    "profit.profit_report": P.FINANCE,
    "profit.profit_trend": P.FINANCE,
    # finance reports (issue 10.7): what customers owe is not for every role
    "receivables.ageing_report": P.FINANCE,
    "receivables.customer_statement": P.FINANCE,
    "receivables.statements": P.FINANCE,
    "receivables.reconciliation_csv": P.FINANCE,
    "receivables.save_dunning_level": P.FINANCE,
    "receivables.remove_dunning_level": P.FINANCE,
    # channels and member tiers set up in one place (issues 4 and 6)
    "channel_setup.save_channel": P.MANAGE_PRICING,
    "channel_setup.import_channel_prices": P.MANAGE_PRICING,
    # made-to-order, tracking, exception desk (issue 8); the workshop uses ADJUST_STOCK
    "production.set_manufacturing": P.EDIT_PRODUCTS,
    "production.set_line_options": P.ENTER_ORDERS,
    "production.recheck_materials": P.VIEW,
    "production.start_work_order": P.ADJUST_STOCK,
    "production.tick_operation": P.ADJUST_STOCK,
    "production.scan_work_order": P.ADJUST_STOCK,
    "production.report_problem": P.ADJUST_STOCK,
    "production.decide_new_date": P.CONFIRM_ORDERS,
    "production.resume_work_order": P.ADJUST_STOCK,
    "production.finish_work_order": P.ADJUST_STOCK,
    "tracking.move_order": P.CONFIRM_ORDERS,  # shipping moves need SHIP
    "tracking.record_event": P.SHIP,  # a customer's own report needs only VIEW
    "tracking.scan_delivered": P.SHIP,
    "tracking.import_carrier_export": P.SHIP,
    "exception_desk.set_rule": P.APPROVE,
    "exception_desk.check": P.VIEW,
    "exception_desk.reship": P.RETURNS,
    "exception_desk.refund": P.APPROVE,
    "exception_desk.claim": P.RETURNS,
    "exception_desk.new_promised_date": P.CONFIRM_ORDERS,
    "exception_desk.add_note": P.VIEW,
    "exception_desk.close_case": P.RETURNS,
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
    "demo.generate_invoices": "system/bench only: bulk invoices for the benchmark data set",
    "demo.is_empty": READ,
    "demo.has_demo_users": "start-up, before anyone has logged in: whether the demo log-ins "
                           "exist (names no password it did not ship with)",
    "orders.get_order": READ,
    "orders.find_order_id": READ,
    "orders.status_history": READ,
    "stock.verify": READ,
    "allocation.shortages": READ,
    "allocation.backorders": READ,
    "allocation.open_reservations": READ,
    "allocation.replenishment": READ,
    "exception_desk.rules": READ,
    "exception_desk.open_cases": READ,
    "exception_desk.count_open_cases": READ,
    "exception_desk.cases_for_order": READ,
    "exception_desk.get_case": READ,
    "fulfilment.box_sizes": READ,
    "fulfilment.get_pick_list": READ,
    "fulfilment.get_pack_view": READ,
    "fulfilment.get_shipment": READ,
    "fulfilment.propose_service": READ,
    "fulfilment.shipments_to_print": READ,
    "fulfilment.manifest": READ,
    "intake.pending_changes": READ,
    "intake.needs_attention": READ,
    "intake.attention_detail": READ,
    "intake.unreadable_rows": READ,
    "intake.column_mapping": READ,
    "shop_import.saved_mapping": READ,
    "notices.list_notices": READ,
    "notices.notices_for_order": READ,
    "returns.find_return_id": READ,
    "returns.find_returnable": READ,
    "returns.get_return": READ,
    "returns.open_returns": READ,
    "returns.quote": READ,
    "returns.returns_of_order": READ,
    "returns.return_policy": READ,
    "order_costs.costs_for_order": READ,
    "order_costs.cost_totals": READ,
    "pricing.order_summary": READ,
    "pricing.line_explanation": READ,
    "pricing.list_promotions": READ,
    "pricing.list_coupons": READ,
    "pricing.preview": READ,
    "production.replenishment_list": READ,
    "production.board": READ,
    "production.get_work_order": READ,
    "production.work_orders_for_order": READ,
    "production.find_work_order_id": READ,
    "profit.order_margin": READ,
    "receivables.get_credit": READ,
    "receivables.open_invoices": READ,
    "receivables.allocations_of": READ,
    "receivables.find_customers": READ,
    "receivables.bank_lines": READ,
    "receivables.letters": READ,
    "receivables.invoice_document": READ,
    "tracking.moves_for": READ,
    "tracking.timeline": READ,
    "allocation.expire_reservations": "system, scheduled: releases unpaid reservations",
    "notices.send_due": "system, the outbox sender: sends what services queued",
    "receivables.dunning_levels": "read; seeds the default levels once on first use",
    "receivables.dunning_level_settings": "read; seeds the default levels once on first use",
    "channel_setup.list_channels": READ,
    "channel_setup.channel_prices": READ,
    "channel_setup.list_tiers": READ,
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
    }
    if hint in simple:
        return simple[hint]
    # Anything else: a value of roughly the right shape. A wrong placeholder can only make an
    # allowed role fail *after* its check (still "allowed"); it can never fake a refusal.
    origin = typing.get_origin(hint) or hint
    if isinstance(origin, type) and issubclass(origin, enum.Enum):
        return next(iter(origin))
    if origin in (list, collections.abc.Sequence, collections.abc.Iterable, tuple,
                  collections.abc.Collection):
        return []
    if origin in (dict, collections.abc.Mapping):
        return {}
    if hint is datetime:
        return datetime(2026, 1, 1, tzinfo=UTC)
    if hint is bytes:
        return b"placeholder"
    if dataclasses.is_dataclass(hint):
        return object()  # refused before it is looked at, or fails after the check
    raise AssertionError(f"no placeholder for {name}: {hint!r} — add one to _placeholder")


def _call_args(fn: Callable[..., Any], tmp_path: Path) -> tuple[list[Any], dict[str, Any]]:
    hints = typing.get_type_hints(fn)
    params = [p for p in list(inspect.signature(fn).parameters.values())[2:]
              if p.default is inspect.Parameter.empty]
    args = [_placeholder(p.name, hints.get(p.name), tmp_path) for p in params
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    kwargs = {p.name: _placeholder(p.name, hints.get(p.name), tmp_path) for p in params
              if p.kind == p.KEYWORD_ONLY}
    return args, kwargs


def _audit_rows(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize("service", WITH_ACTOR)
def test_each_role_is_allowed_or_refused(db: Database, service: str, tmp_path: Path) -> None:
    fn, permission = SERVICES[service], SERVICE_PERMISSIONS[service]
    args, kwargs = _call_args(fn, tmp_path)
    for role in Role:
        actor = Actor(None, f"role-test-{role.value}", role, "ws-sec")
        before = _audit_rows(db)
        try:
            fn(db, actor, *args, **kwargs)
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
