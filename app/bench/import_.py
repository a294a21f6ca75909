"""Benchmark `import`: a generated Shopify export (100,000 lines at scale "large") imported
into a database already holding orders (100,000 at "large"). Target ≥ 20,000 lines/s on
SQLite. Reports lines per second for the first import and for re-importing the same file
(all unchanged), the CPU time they took (for comparisons on a loaded machine), and the peak
memory growth of the import (flat: streamed and chunked)."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, Product
from app.services.context import system_actor

SCALES = {"small": (1_000, 1_000), "medium": (10_000, 10_000), "large": (100_000, 100_000)}
# (lines in the export, orders already in the database); the target is 20,000 lines/s.


def _prepare(db: Database, existing: int) -> list[str]:
    from app.services import demo

    with db.reader() as s:
        have = s.scalar(select(func.count()).select_from(Order)) or 0
        skus = list(s.scalars(select(Product.sku).limit(200)))
    if have < existing or not skus:
        demo.generate(db, orders=existing - have)
        with db.reader() as s:
            skus = list(s.scalars(select(Product.sku).limit(200)))
    if not skus:
        from app.services import catalog
        from app.services.catalog import ProductData

        actor = system_actor("bench")
        from decimal import Decimal

        for i in range(50):
            catalog.create_product(db, actor, ProductData(f"BENCH-{i:03d}", f"Bench {i}",
                                                          Decimal("9.99")))
        skus = [f"BENCH-{i:03d}" for i in range(50)]
    return skus


def run_import(db: Database, scale: str = "medium") -> list[dict[str, Any]]:
    from app.channels import read_file
    from app.channels.shopify_sample import write_large
    from app.services import intake

    lines, existing = SCALES.get(scale, SCALES["medium"])
    skus = _prepare(db, existing)
    actor = system_actor("bench")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shopify-export.csv"
        prefix = f"#BENCH{int(time.time())}-"
        write_large(path, lines, skus, prefix=prefix)
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for label in ("import.first", "import.again-unchanged"):
            t0, cpu0 = time.perf_counter(), time.process_time()
            summary = intake.import_items(db, actor, read_file("shopify", path),
                                          channel="shopify-bench", fmt="shopify",
                                          file_name=path.name, keep_outcomes=False)
            dt = time.perf_counter() - t0
            cpu = time.process_time() - cpu0
            rate = summary.rows / dt if dt else 0.0
            per_chunk_ms = dt * 1000 / max(1, summary.rows / 5000)
            results.append({
                "scenario": label, "n": summary.rows, "ops_per_s": round(rate, 1),
                "p50_ms": round(per_chunk_ms, 2), "p95_ms": round(per_chunk_ms, 2),
                "target_ops_per_s": 20_000,
                # CPU seconds of this process: comparable between runs on a busy machine
                # where the wall clock is not.
                "cpu_s": round(cpu, 3),
                "cpu_ops_per_s": round(summary.rows / cpu, 1) if cpu else None,
                "imported": summary.imported, "unchanged": summary.unchanged,
                "needs_attention": summary.needs_attention,
                "rss_growth_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0,
            })
    return results


def run(ctx: Any, scale: str | None = None) -> list[dict[str, Any]]:
    """``run(ctx)`` with ctx.db and ctx.scale, or ``run(db, scale)``."""
    if isinstance(ctx, Database):
        return run_import(ctx, scale or "medium")
    return run_import(ctx.db, ctx.scale.name)
