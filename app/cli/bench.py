"""orderdesk bench SCENARIO — speed measured against the raw driver (see BENCHMARKS.md)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_database_option


def register(sub: Any) -> None:
    p = sub.add_parser("bench", help="benchmarks (JSON lines)")
    add_database_option(p)
    p.add_argument("scenario", help="scenario name or 'all'")
    p.add_argument("--scale", choices=["small", "medium", "large"], default="small",
                   help="data set: small (default: 300 orders, the one-minute CI smoke run), "
                        "medium (20,000 orders), large (1,000,000 orders)")
    p.add_argument("--json", action="store_true", help="JSON lines (the default output)")
    p.add_argument("--rebuild", action="store_true", help="rebuild the cached data set")
    p.add_argument("--orders", type=int, default=None, help="orders for the e2e scenario")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.bench import run_scenarios

    return run_scenarios(args)
