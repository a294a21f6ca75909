"""Bench `pricing`: pricing a 50-line order with 20 active promotions (target p95 under
5 ms). One operation = one ``price_order`` call."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.bench import BenchContext, summary, timings
from app.domain.pricing import LineInput, PricingContext, PromoKind, Promotion, price_order

TARGET_MS = 5.0


def build(seed: int = 1) -> tuple[list[LineInput], list[Promotion], PricingContext]:
    rng = random.Random(seed)
    cats = ["kitchen", "home", "clothes", "toys", "garden"]
    lines = [LineInput(i, f"SKU-{i:03d}", rng.randint(1, 6),
                       Decimal(rng.randint(100, 50000)) / 100, category=rng.choice(cats),
                       manual_discount_pct=Decimal(rng.choice([0, 0, 0, 5])))
             for i in range(1, 51)]
    kinds = list(PromoKind)
    promos = []
    for pid in range(1, 21):
        kind = kinds[pid % len(kinds)]
        promos.append(Promotion(
            pid, f"Promo {pid}", kind,
            value=Decimal(rng.randint(1, 30)) if kind is not PromoKind.FIXED_PRICE
            else Decimal(rng.randint(100, 3000)) / 100,
            threshold=Decimal(rng.choice([0, 100, 300, 1000])), repeating=pid % 3 == 0,
            cap=Decimal(200) if pid % 4 == 0 else None, buy_qty=2, get_qty=1,
            same_item=pid % 2 == 0,
            categories=frozenset({rng.choice(cats)}) if pid % 2 else frozenset(),
            skus=frozenset({f"SKU-{rng.randint(1, 50):03d}" for _ in range(5)})
            if pid % 5 == 0 else frozenset(),
            exclusive=pid == 7, priority=rng.randint(0, 3)))
    ctx = PricingContext(at=datetime(2026, 6, 1, tzinfo=UTC), channel="counter", tier="gold",
                         tier_discount_pct=Decimal(10), shipping=Decimal(15))
    return lines, promos, ctx


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    """Pure pricing (domain): no database, so no driver floor; the target is the yardstick."""
    iterations = {"small": 50, "medium": 500, "large": 2000}.get(ctx.scale.name, 500)
    lines, promos, pctx = build()
    price_order(lines, promos, pctx)  # warm up
    line = summary("pricing", timings(lambda _: price_order(lines, promos, pctx), iterations),
                   lines=50, promotions=20, target_p95_ms=TARGET_MS)
    line["ok"] = line["p95_ms"] < TARGET_MS
    return [line]
