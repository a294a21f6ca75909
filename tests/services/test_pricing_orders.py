"""Pricing on orders: repricing on every change, explanations, coupons, manual discounts,
frozen prices at confirmation (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Coupon, CouponRedemption
from app.domain.pricing import explanation_from_json
from app.domain.roles import Role
from app.services import orders, pricing
from app.services.context import Actor
from app.services.errors import PermissionDenied, ValidationFailed
from app.services.pricing import CouponData, PromotionData
from tests.factories import make_shop

CLERK = Actor(None, "clerk", Role.COUNTER, "ws1")
BOSS = Actor(None, "li", Role.MANAGER, "ws1")


def _order(db: Database, admin: Actor, ids: dict[str, int], *items: tuple[str, int],
           customer: str = "wang") -> orders.OrderView:
    view = orders.create_draft(db, admin, ids[customer])
    for code, qty in items:
        view = orders.add_line(db, admin, view.id, view.version, code, qty)
    return view


def test_tier_and_promotion_reprice_on_every_change(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    pricing.set_tier(db, admin, "gold", D(10))
    from app.services import catalog
    cust = catalog.get_customer(db, ids["wang"])
    catalog.update_customer(db, admin, ids["wang"], cust.version, catalog.CustomerData(
        cust.name, cust.phone, member_tier="gold"))
    pricing.save_promotion(db, admin, PromotionData("Spend 300 get 30", "spend_threshold",
                                                    value=D(30), threshold=D(300)))
    view = _order(db, admin, ids, ("MUG-01", 2), ("LAMP-01", 1))
    # 50 + 199 = 249, gold −10 % → 224.10: below 300, no threshold
    assert view.total == D("224.10")
    assert pricing.order_summary(db, view.id).hints == []
    view = orders.add_line(db, admin, view.id, view.version, "TEE-01", 2)
    # + 119.80 → 368.80, gold → 331.92, then 30 off → 301.92
    assert (view.subtotal, view.total) == (D("368.80"), D("301.92"))
    steps = explanation_from_json(view.lines[1].price_explanation)
    assert [s.kind for s in steps] == ["list", "tier", "promotion", "final"]
    assert steps[-1].amount == view.lines[1].line_total
    assert sum((li.discount for li in view.lines), D(0)) == view.discount
    view = orders.change_line(db, admin, view.id, view.version, view.lines[2].id, 1)
    # 308.90 → gold 278.01: below 300 again, and the order says how far it is
    assert view.total == D("278.01")
    assert pricing.order_summary(db, view.id).hints == [
        "Spend 21.99 more for 30.00 off (Spend 300 get 30)."]


def test_coupon_reason_then_used_at_confirm_and_given_back_at_cancel(
        db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    pid = pricing.save_promotion(db, admin, PromotionData("Coupon 30", "amount", value=D(30),
                                                          coupon_only=True))
    pricing.save_coupon(db, admin, CouponData("SAVE30", pid, min_spend=D(300), max_uses=1))
    view = _order(db, admin, ids, ("LAMP-01", 1))
    result = pricing.add_coupon(db, admin, view.id, orders.get_order(db, view.id).version,
                                "save30")
    assert result.coupon_problems == (("SAVE30", "needs 101.00 more (minimum spend 300.00)"),)
    view = orders.get_order(db, view.id)
    with pytest.raises(ValidationFailed, match="needs 101.00 more"):
        orders.confirm(db, admin, view.id, view.version)
    view = orders.add_line(db, admin, view.id, view.version, "LAMP-01", 1)
    assert view.total == D("368.00")
    view = orders.confirm(db, admin, view.id, view.version)
    assert view.status == "confirmed" and view.total == D("368.00")
    with db.reader() as s:
        assert s.scalar(select(Coupon.used_count)) == 1
    other = _order(db, admin, ids, ("LAMP-01", 2), customer="smith")
    result = pricing.add_coupon(db, admin, other.id, orders.get_order(db, other.id).version,
                                "SAVE30")
    assert result.coupon_problems == (("SAVE30", "all 1 uses have been taken"),)
    orders.cancel(db, admin, view.id, view.version, "customer changed mind")
    with db.reader() as s:
        assert s.scalar(select(Coupon.used_count)) == 0
        assert s.scalar(select(CouponRedemption.status)) == "returned"
    other = orders.get_order(db, other.id)
    result = pricing.remove_coupon(db, admin, other.id, other.version, "SAVE30")
    other = orders.get_order(db, other.id)
    result = pricing.add_coupon(db, admin, other.id, other.version, "SAVE30")
    assert result.coupon_problems == () and result.total == D("368.00")


def test_expired_coupon_says_when(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    pid = pricing.save_promotion(db, admin, PromotionData("C", "percent", value=D(10),
                                                          coupon_only=True))
    pricing.save_coupon(db, admin, CouponData("OLD", pid,
                                              ends_at=datetime(2024, 1, 2, tzinfo=UTC)))
    view = _order(db, admin, ids, ("MUG-01", 1))
    result = pricing.add_coupon(db, admin, view.id, view.version, "OLD")
    assert result.coupon_problems == (("OLD", "expired on 2024-01-02"),)


def test_manual_discount_limit_and_approval(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    view = _order(db, admin, ids, ("MUG-01", 2))
    line = view.lines[0].id
    with pytest.raises(PermissionDenied, match="needs a manager's approval"):
        pricing.set_line_discount(db, CLERK, view.id, view.version, line, D(20))
    with pytest.raises(PermissionDenied):
        pricing.set_line_discount(db, CLERK, view.id, view.version, line, D(20), approver=CLERK)
    result = pricing.set_line_discount(db, CLERK, view.id, view.version, line, D(20),
                                       reason="scratched", approver=BOSS)
    assert result.total == D("40.00")
    steps = explanation_from_json(orders.get_order(db, view.id).lines[0].price_explanation)
    assert "approved by li" in steps[1].label
    view = orders.get_order(db, view.id)
    result = pricing.set_line_discount(db, CLERK, view.id, view.version, line, D(10))
    assert result.total == D("45.00")


def test_prices_frozen_at_confirmation(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    view = _order(db, admin, ids, ("MUG-01", 2))
    view = orders.confirm(db, admin, view.id, view.version)
    pricing.save_promotion(db, admin, PromotionData("Half", "percent", value=D(50)))
    assert orders.get_order(db, view.id).total == D("50.00")
    with pytest.raises(ValidationFailed):
        pricing.set_line_discount(db, admin, view.id, view.version, view.lines[0].id, D(5))


def test_channel_price_list_and_free_shipping(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    pricing.set_channel_price(db, admin, "counter", ids["lamp"], D("180.00"))
    pricing.save_promotion(db, admin, PromotionData("Free ship 100", "free_shipping",
                                                    threshold=D(100)))
    view = _order(db, admin, ids, ("LAMP-01", 1))
    result = pricing.set_shipping_fee(db, admin, view.id, view.version, D(12))
    assert (result.subtotal, result.shipping, result.total) == (D(180), D(0), D(180))
    view = orders.get_order(db, view.id)
    view = orders.change_line(db, admin, view.id, view.version, view.lines[0].id, 1)
    assert view.shipping == D(0)


def test_preview_writes_nothing(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    view = _order(db, admin, ids, ("MUG-01", 3))
    result = pricing.preview(db, view.id, PromotionData("B2G1", "buy_x_get_y", buy_qty=2,
                                                        get_qty=1))
    assert result.total == D("50.00")
    assert orders.get_order(db, view.id).total == D("75.00")
    assert pricing.list_promotions(db) == []


def test_promotion_window_and_disable(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    now = datetime.now(UTC)
    pid = pricing.save_promotion(db, admin, PromotionData(
        "Tomorrow", "percent", value=D(10), starts_at=now + timedelta(days=1)))
    view = _order(db, admin, ids, ("MUG-01", 1))
    assert view.total == D("25.00")
    promo = pricing.list_promotions(db)[0]
    promo.data.starts_at = now - timedelta(days=1)
    pricing.save_promotion(db, admin, promo.data, pid, promo.version)
    view = orders.change_line(db, admin, view.id, view.version, view.lines[0].id, 2)
    assert view.total == D("45.00")
    pricing.set_promotion_active(db, admin, pid, False)
    view = orders.change_line(db, admin, view.id, view.version, view.lines[0].id, 1)
    assert view.total == D("25.00")
    with pytest.raises(PermissionDenied):
        pricing.save_promotion(db, CLERK, promo.data, pid)
