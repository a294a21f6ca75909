"""`orderdesk bench`: how fast everyday actions are, next to the raw driver's floor.

Each scenario module has ``run(ctx: BenchContext) -> list[dict]``; every dict becomes one
JSON line with at least scenario, database, scale, n, ops_per_s, p50_ms, p95_ms and
peak_rss_mb (``finish`` fills the common fields). Targets are documented in BENCHMARKS.md;
nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.bench.dataset import SCALES, Scale, prepared_database
from app.db.engine import Database

# Scenario name → module. A capability adds its line here when it lands.
SCENARIOS: dict[str, str] = {
    "e2e": "app.bench.e2e",
    "ship": "app.bench.ship",
    "import": "app.bench.import_",
    "orders-view": "app.bench.orders_view",
    "reserve": "app.bench.reserve",
    "pricing": "app.bench.pricing",
    "documents": "app.bench.documents",
    "ageing": "app.bench.ageing",
    "startup": "app.bench.startup",
}

# Every line carries these keys (floor_ops_per_s and ratio where a raw floor makes sense).
REQUIRED_KEYS = ("scenario", "database", "scale", "n", "ops_per_s", "p50_ms", "p95_ms",
                 "peak_rss_mb")


@dataclass
class BenchContext:
    url: str
    scale: Scale
    args: argparse.Namespace
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        """The cached data set for this scale (built on first use)."""
        if self._db is None:
            self._db = prepared_database(self.url, self.scale, getattr(self.args, "rebuild", False))
        return self._db

    @property
    def dialect(self) -> str:
        return "sqlite" if self.url.startswith("sqlite") else "postgresql"


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024, 1)


def timings(fn: Callable[[int], Any], n: int) -> list[float]:
    """Run fn(i) n times; the seconds each took."""
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t0)
    return out


def summary(name: str, samples: list[float], **extra: Any) -> dict[str, Any]:
    """One result line from per-operation times in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0
    total = sum(samples)
    return {
        "scenario": name,
        "n": len(samples),
        "ops_per_s": round(len(samples) / total, 1) if total else None,
        "p50_ms": round(statistics.median(samples) * 1000, 3) if samples else None,
        "p95_ms": round(p95 * 1000, 3),
        **extra,
    }


def with_floor(line: dict[str, Any], floor_samples: list[float]) -> dict[str, Any]:
    floor_total = sum(floor_samples)
    floor_ops = len(floor_samples) / floor_total if floor_total else None
    line["floor_ops_per_s"] = round(floor_ops, 1) if floor_ops else None
    if floor_ops and line.get("ops_per_s"):
        line["ratio"] = round(line["ops_per_s"] / floor_ops, 3)
    return line


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, " \
           f"Python {platform.python_version()}"


def cpu_reference_ms() -> float:
    """Milliseconds this machine takes for a fixed piece of plain Python (best of 5).

    Figures from different machines (or one VM on a busy host) differ by several times
    for the same code; with this beside every line, runs on two machines can be compared
    (a figure divided by its run's reference)."""
    def work() -> int:
        total, seen = 0, {}
        for i in range(200_000):
            total += i
            seen[i & 1023] = total
        return len(seen)

    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return round(best * 1000, 2)


def run_scenarios(args: argparse.Namespace) -> int:
    from app.config import resolve_database_url

    url = resolve_database_url(getattr(args, "database", None))
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        print(f"orderdesk bench: unknown scenario {unknown[0]!r}; "
              f"choose from: {', '.join(SCENARIOS)}, all", file=sys.stderr)
        return 2
    ctx = BenchContext(url, SCALES[args.scale], args)
    reference = cpu_reference_ms()
    for name in names:
        module = importlib.import_module(SCENARIOS[name])
        for line in module.run(ctx):
            line.setdefault("database", ctx.dialect)
            line.setdefault("scale", ctx.scale.name)
            line.setdefault("peak_rss_mb", peak_rss_mb())
            line.setdefault("machine", machine())
            line.setdefault("cpu_reference_ms", reference)
            print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0
