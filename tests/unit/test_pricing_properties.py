"""Property tests of the pricing invariants."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.pricing import (
    LineInput,
    PricingContext,
    PromoKind,
    Promotion,
    price_order,
    spread,
)

NOW = datetime(2026, 6, 1, tzinfo=UTC)
money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False,
                    allow_infinity=False)
pct = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)


@st.composite
def lines(draw: st.DrawFn) -> list[LineInput]:
    n = draw(st.integers(1, 8))
    keys = draw(st.lists(st.integers(1, 1000), min_size=n, max_size=n, unique=True))
    return [LineInput(k, draw(st.sampled_from(["A", "B", "C", "D"])), draw(st.integers(1, 20)),
                      draw(money), category=draw(st.sampled_from(["", "x", "y"])),
                      channel_price=draw(st.none() | money),
                      manual_discount_pct=draw(st.sampled_from([Decimal(0), Decimal(5)])))
            for k in keys]


@st.composite
def promotions(draw: st.DrawFn) -> list[Promotion]:
    out = []
    for pid in range(1, draw(st.integers(0, 6)) + 1):
        kind = draw(st.sampled_from(list(PromoKind)))
        value = draw(pct) if kind is PromoKind.PERCENT else draw(money)
        out.append(Promotion(
            pid, f"P{pid}", kind, value=value, threshold=draw(money),
            repeating=draw(st.booleans()), cap=draw(st.none() | money),
            buy_qty=draw(st.integers(0, 3)), get_qty=draw(st.integers(0, 2)),
            same_item=draw(st.booleans()),
            skus=draw(st.frozensets(st.sampled_from(["A", "B", "C"]), max_size=2)),
            categories=draw(st.frozensets(st.sampled_from(["x", "y"]), max_size=1)),
            exclusive=draw(st.booleans()), priority=draw(st.integers(0, 3))))
    return out


contexts = st.builds(PricingContext, at=st.just(NOW), tier=st.sampled_from(["", "gold"]),
                     tier_discount_pct=st.sampled_from([Decimal(0), Decimal(10)]),
                     shipping=money)


@settings(max_examples=300, deadline=None)
@given(lines(), promotions(), contexts)
def test_invariants(items: list[LineInput], promos: list[Promotion],
                    ctx: PricingContext) -> None:
    """Total ≥ 0, no line below zero, line discounts sum to the order's discount."""
    r = price_order(items, promos, ctx)
    assert r.total >= 0
    assert all(li.total >= 0 and li.discount >= 0 for li in r.lines)
    assert all(li.total == li.gross - li.discount for li in r.lines)
    assert sum((li.discount for li in r.lines), Decimal(0)) == r.discount
    assert r.total == r.subtotal - r.discount + r.shipping
    assert all(li.total == li.total.quantize(Decimal("0.01")) for li in r.lines)
    for a in r.applied:  # each promotion's amount is what its steps took off the lines
        taken = -sum((s.change for li in r.lines for s in li.steps if s.promotion_id == a.id),
                     Decimal(0))
        assert a.amount == (taken or max(ctx.shipping, Decimal(0)) - r.shipping)
    for li in r.lines:  # the explanation adds up: list/channel … to final
        assert li.steps[-1].amount == li.total
        assert li.gross + sum((s.change for s in li.steps if s.kind not in ("list", "channel")),
                              Decimal(0)) == li.total


@settings(max_examples=200, deadline=None)
@given(lines(), promotions(), contexts, st.randoms(use_true_random=False))
def test_independent_of_line_order(items: list[LineInput], promos: list[Promotion],
                                   ctx: PricingContext, rnd: object) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    promos_shuffled = list(reversed(promos))
    a = price_order(items, promos, ctx)
    b = price_order(shuffled, promos_shuffled, ctx)
    assert {li.key: li for li in a.lines} == {li.key: li for li in b.lines}
    assert (a.total, a.discount, a.shipping) == (b.total, b.discount, b.shipping)


@given(money, st.dictionaries(st.integers(0, 50), money, min_size=1, max_size=10))
def test_spread_sums_and_never_exceeds(amount: Decimal, weights: dict[int, Decimal]) -> None:
    shares = spread(amount, weights)
    assert sum(shares.values(), Decimal(0)) == min(amount, sum(weights.values(), Decimal(0)))
    assert all(0 <= shares[k] <= weights[k] for k in weights)
