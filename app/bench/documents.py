"""Bench `documents`: shipping labels and packing slips rendered per second, and the time
of a single label (target: ≥ 500 pages/s, one label under 10 ms)."""

from __future__ import annotations

import statistics
import time
from typing import Any

from app.printing import shipping_docs as docs

COUNTS = {"small": 200, "large": 2000}


def _label(i: int) -> docs.LabelData:
    return docs.LabelData(
        "王伟", "+86 138 0013 8000",
        docs.format_address("CN", "广东省", "深圳市", "南山区", f"科技园南路{i}号", "518057"),
        f"SO-{i:06d}", 1, 1, f"EA{10000000 + i:08d}5CN", "SF Express 顺丰", "Standard", "1.20")


def _slip(i: int) -> docs.SlipData:
    return docs.SlipData(f"SO-{i:06d}", f"SH-{i:06d}", "Mary Smith", "+44 7700 900123",
                         ["1 High Street", "London SW1A 1AA", "GB"],
                         [docs.SlipLine(f"SKU-{k}", f"Item {k} 商品", 2, 2) for k in range(5)])


def run(ctx: Any) -> list[dict[str, Any]]:
    scale = ctx[1] if isinstance(ctx, tuple) else getattr(ctx, "scale", "small")
    n = COUNTS.get(scale, COUNTS["small"])
    docs.labels_pdf([_label(0)])  # fonts, imports
    single: list[float] = []
    for i in range(50):
        t0 = time.perf_counter()
        docs.labels_pdf([_label(i)])
        single.append((time.perf_counter() - t0) * 1000)
    single.sort()
    t0 = time.perf_counter()
    docs.labels_pdf(_label(i) for i in range(n))
    label_rate = n / (time.perf_counter() - t0)
    m = max(20, n // 10)
    t0 = time.perf_counter()
    docs.packing_slips_pdf([_slip(i) for i in range(m)])
    slip_rate = m / (time.perf_counter() - t0)
    return [
        {"scenario": "documents.labels", "n": n, "ops_per_s": round(label_rate, 1),
         "p50_ms": round(statistics.median(single), 3),
         "p95_ms": round(single[int(len(single) * 0.95) - 1], 3),
         "floor_ops_per_s": 500, "ratio": round(label_rate / 500, 3)},
        {"scenario": "documents.slips", "n": m, "ops_per_s": round(slip_rate, 1),
         "p50_ms": round(1000 / slip_rate, 3), "p95_ms": round(1000 / slip_rate, 3),
         "floor_ops_per_s": 500, "ratio": round(slip_rate / 500, 3)},
    ]
