"""Worked examples for each promotion kind and their combinations (pure domain)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest

from app.domain.pricing import (
    CouponRule,
    CouponUse,
    LineInput,
    PricingContext,
    PromoKind,
    Promotion,
    coupon_problem,
    explanation_from_json,
    explanation_json,
    explanation_text,
    needs_approval,
    price_order,
    price_with_coupons,
    spread,
)
from app.domain.roles import Role

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
CTX = PricingContext(at=NOW, channel="counter")
MUG = LineInput(1, "MUG", 2, D("25.00"), category="kitchen")
TEE = LineInput(2, "TEE", 1, D("59.90"), category="clothes")
LAMP = LineInput(3, "LAMP", 1, D("199.00"), category="home")


def P(pid: int, kind: PromoKind, **kw: object) -> Promotion:  # noqa: N802
    return Promotion(pid, kw.pop("name", f"P{pid}"), kind, **kw)  # type: ignore[arg-type]


# (description, lines, promotions, context changes, expected line totals by key, expected total)
EXAMPLES = [
    ("no promotion", [MUG, TEE], [], {}, {1: "50.00", 2: "59.90"}, "109.90"),
    ("percent on one category", [MUG, TEE],
     [P(1, PromoKind.PERCENT, value=D(20), categories=frozenset({"kitchen"}))], {},
     {1: "40.00", 2: "59.90"}, "99.90"),
    ("amount off spread pro rata", [MUG, LAMP], [P(1, PromoKind.AMOUNT, value=D(10))], {},
     # 10 × 50/249 = 2.008 → 2.00, 10 × 199/249 = 7.991 → 7.99; the cent left goes to
     # the larger remainder (the mug's .8 against the lamp's .1)
     {1: "47.99", 2: None, 3: "191.01"}, "239.00"),
    ("fixed price", [MUG], [P(1, PromoKind.FIXED_PRICE, value=D("19.90"),
                              skus=frozenset({"MUG"}))], {}, {1: "39.80"}, "39.80"),
    ("fixed price above the price gives nothing", [MUG],
     [P(1, PromoKind.FIXED_PRICE, value=D(30))], {}, {1: "50.00"}, "50.00"),
    ("buy 2 get 1 same item", [LineInput(1, "MUG", 7, D("25.00"))],
     [P(1, PromoKind.BUY_X_GET_Y, buy_qty=2, get_qty=1)], {}, {1: "125.00"}, "125.00"),
    ("buy 2 get 1 cheapest free", [MUG, TEE, LAMP],
     [P(1, PromoKind.BUY_X_GET_Y, buy_qty=2, get_qty=2, same_item=False)], {},
     # 4 units → 2 free: the two mugs
     {1: "0.00", 2: "59.90", 3: "199.00"}, "258.90"),
    ("spend 300 get 30 single", [LAMP, TEE, MUG],
     [P(1, PromoKind.SPEND_THRESHOLD, value=D(30), threshold=D(300))], {}, None, "278.90"),
    ("spend threshold not met", [LAMP],
     [P(1, PromoKind.SPEND_THRESHOLD, value=D(30), threshold=D(300))], {}, {3: "199.00"},
     "199.00"),
    ("every 100 get 10 repeating", [LAMP, TEE, MUG],
     [P(1, PromoKind.SPEND_THRESHOLD, value=D(10), threshold=D(100), repeating=True)], {},
     None, "278.90"),
    ("every 100 get 10 capped at 20", [LAMP, TEE, MUG],
     [P(1, PromoKind.SPEND_THRESHOLD, value=D(10), threshold=D(100), repeating=True,
        cap=D(20))], {}, None, "288.90"),
    ("gold tier then percent stack", [MUG],
     [P(1, PromoKind.PERCENT, value=D(10))], {"tier": "gold", "tier_discount_pct": D(10)},
     {1: "40.50"}, "40.50"),
    ("exclusive with higher priority blocks the rest", [MUG],
     [P(1, PromoKind.PERCENT, value=D(10), exclusive=True, priority=5),
      P(2, PromoKind.AMOUNT, value=D(5))], {}, {1: "45.00"}, "45.00"),
    ("exclusive with lower priority is skipped", [MUG],
     [P(1, PromoKind.PERCENT, value=D(10), exclusive=True),
      P(2, PromoKind.AMOUNT, value=D(5), priority=5)], {}, {1: "45.00"}, "45.00"),
    ("stackable: percent and amount", [MUG],
     [P(1, PromoKind.PERCENT, value=D(10)), P(2, PromoKind.AMOUNT, value=D(5))], {},
     {1: "40.00"}, "40.00"),
    ("amount bigger than the order never goes negative", [MUG],
     [P(1, PromoKind.AMOUNT, value=D(500))], {}, {1: "0.00"}, "0.00"),
    ("free shipping over 100", [LAMP], [P(1, PromoKind.FREE_SHIPPING, threshold=D(100))],
     {"shipping": D(12)}, {3: "199.00"}, "199.00"),
    ("free shipping not reached", [MUG], [P(1, PromoKind.FREE_SHIPPING, threshold=D(100))],
     {"shipping": D(12)}, {1: "50.00"}, "62.00"),
    ("out of its window", [MUG],
     [P(1, PromoKind.PERCENT, value=D(50), ends_at=datetime(2026, 5, 1, tzinfo=UTC))], {},
     {1: "50.00"}, "50.00"),
    ("wrong channel", [MUG], [P(1, PromoKind.PERCENT, value=D(50), channels=frozenset({"web"}))],
     {}, {1: "50.00"}, "50.00"),
    ("tier only", [MUG], [P(1, PromoKind.PERCENT, value=D(50), tiers=frozenset({"gold"}))],
     {"tier": "silver", "tier_discount_pct": D(5)}, {1: "47.50"}, "47.50"),
    ("channel price list", [LineInput(1, "MUG", 2, D("25.00"), channel_price=D("22.00"))], [],
     {}, {1: "44.00"}, "44.00"),
    ("manual discount after tier", [LineInput(1, "MUG", 2, D("25.00"),
                                              manual_discount_pct=D(10))], [],
     {"tier": "gold", "tier_discount_pct": D(10)}, {1: "40.50"}, "40.50"),
]


@pytest.mark.parametrize("name,lines,promos,ctx,expect_lines,expect_total", EXAMPLES,
                         ids=[e[0] for e in EXAMPLES])
def test_worked_example(name, lines, promos, ctx, expect_lines, expect_total) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    result = price_order(lines, promos, replace(CTX, **ctx))
    if expect_lines:
        for key, value in expect_lines.items():
            if value is not None:
                assert result.line(key).total == D(value), name
    assert result.total == D(expect_total)
    assert result.subtotal - result.discount + result.shipping == result.total


def test_amount_off_remainder_goes_to_the_largest_remainder() -> None:
    """10 off over 50 and 199: 2.008 and 7.991 → the spare cent to the mug (.8 > .1)."""
    result = price_order([MUG, LAMP], [P(1, PromoKind.AMOUNT, value=D(10))], CTX)
    assert result.line(1).discount == D("2.01")
    assert result.line(1).discount + result.line(3).discount == D("10.00")
    assert spread(D(10), {1: D(50), 3: D(199)}) == {1: D("2.01"), 3: D("7.99")}


def test_percent_then_threshold() -> None:
    """308.90 less 10 % each line = 278.01; below 300, so the threshold gives nothing and
    the order is told how far it is."""
    result = price_order([LAMP, TEE, MUG], [
        P(1, PromoKind.PERCENT, value=D(10)),
        P(2, PromoKind.SPEND_THRESHOLD, value=D(30), threshold=D(300), name="Spend 300")], CTX)
    assert result.total == D("278.01")
    assert (2, "needs 21.99 more") in result.skipped
    assert result.hints == ("Spend 21.99 more for 30.00 off (Spend 300).",)


def test_threshold_priority_before_percent() -> None:
    """With a higher priority the threshold goes first, on the full 308.90."""
    result = price_order([LAMP, TEE, MUG], [
        P(1, PromoKind.PERCENT, value=D(10)),
        P(2, PromoKind.SPEND_THRESHOLD, value=D(30), threshold=D(300), priority=1)], CTX)
    # (308.90 − 30) × 0.9 = 251.01 on the order, but 10 % is rounded per line: 251.00.
    assert result.total == D("251.00")
    assert result.discount == sum((li.discount for li in result.lines), D(0))


def test_explanation_reads_list_tier_promotion_final() -> None:
    ctx = PricingContext(at=NOW, tier="gold", tier_discount_pct=D(10))
    result = price_order([MUG], [P(7, PromoKind.PERCENT, value=D(10), name="Summer")], ctx)
    steps = result.line(1).steps
    assert [s.kind for s in steps] == ["list", "tier", "promotion", "final"]
    text = explanation_text(steps)
    assert "List price 25.00 × 2 = 50.00" in text
    assert "Gold member −10 %  -5.00 → 45.00" in text
    assert "Summer −10 %  -4.50 → 40.50" in text
    assert explanation_from_json(explanation_json(result.line(1))) == list(steps)


def test_coupon_reasons() -> None:
    rule = CouponRule("SAVE30", 1, ends_at=datetime(2026, 5, 31, tzinfo=UTC))
    assert coupon_problem(CouponUse(rule), NOW, D(100), True) == "expired on 2026-05-31"
    rule = CouponRule("SAVE30", 1, min_spend=D(300))
    assert coupon_problem(CouponUse(rule), NOW, D(100), True) == (
        "needs 200.00 more (minimum spend 300.00)")
    rule = CouponRule("ONCE", 1, max_uses=5)
    assert coupon_problem(CouponUse(rule, used_total=5), NOW, D(1), True) == (
        "all 5 uses have been taken")
    rule = CouponRule("ONE", 1, max_uses_per_customer=1)
    assert "already used it 1" in str(coupon_problem(CouponUse(rule, 1, 1), NOW, D(1), True))
    assert coupon_problem(CouponUse(CouponRule("OK", 1)), NOW, D(1), True) is None


def test_coupon_unlocks_its_promotion_only_when_valid() -> None:
    promo = P(1, PromoKind.AMOUNT, value=D(30), coupon_only=True, name="Coupon 30")
    ok = price_with_coupons([LAMP, TEE, MUG], [promo], CTX,
                            [CouponUse(CouponRule("SAVE30", 1, min_spend=D(300)))])
    assert ok.total == D("278.90") and ok.coupon_problems == ()
    short = price_with_coupons([LAMP], [promo], CTX,
                               [CouponUse(CouponRule("SAVE30", 1, min_spend=D(300)))])
    assert short.total == D("199.00")
    assert short.coupon_problems == (("SAVE30", "needs 101.00 more (minimum spend 300.00)"),)
    none = price_order([LAMP], [promo], CTX)
    assert none.total == D("199.00")


def test_free_shipping_hint() -> None:
    result = price_order([LineInput(1, "X", 1, D("85.00"))],
                         [P(1, PromoKind.FREE_SHIPPING, threshold=D(100), name="Free ship")],
                         PricingContext(at=NOW, shipping=D(10)))
    assert result.total == D("95.00")
    assert result.hints == ("Spend 15.00 more for free shipping (Free ship).",)


def test_manual_discount_limits() -> None:
    assert not needs_approval(Role.COUNTER, D(10))
    assert needs_approval(Role.COUNTER, D("10.01"))
    assert not needs_approval(Role.MANAGER, D(60))
    assert needs_approval(Role.WAREHOUSE, D(1))
