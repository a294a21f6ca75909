"""Bench: pricing a 50-line order with 20 active promotions (target: under 5 ms)."""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

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


def measure(iterations: int) -> dict[str, Any]:
    lines, promos, ctx = build()
    price_order(lines, promos, ctx)  # warm up
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        price_order(lines, promos, ctx)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    ops = 1000 / statistics.fmean(times)
    floor = 1000 / TARGET_MS
    return {"scenario": "pricing", "n": iterations, "lines": 50, "promotions": 20,
            "ops_per_s": round(ops, 1), "p50_ms": round(p50, 3), "p95_ms": round(p95, 3),
            "floor_ops_per_s": floor, "ratio": round(ops / floor, 2),
            "target_ms": TARGET_MS, "ok": p95 < TARGET_MS}


def run(ctx: Any) -> list[dict[str, Any]]:
    """``ctx``: an object with ``scale`` ('small' or 'large'), or the scale string itself."""
    scale = ctx if isinstance(ctx, str) else getattr(ctx, "scale", "small")
    return [measure(200 if scale == "small" else 2000)]
