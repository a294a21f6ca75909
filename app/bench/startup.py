"""Bench `startup`: the desk process on the cached data set, offscreen.

- ``startup.cold``: from starting the process to the main window painted and its event loop
  running (logged in as the demo admin through ORDERDESK_BENCH_AUTOLOGIN, which skips only
  the log-in dialog). One operation = one start. Target under 1.5 s.
- ``startup.memory``: the same, then every view opened in turn; the desk's resident memory
  after browsing them (``rss_mb``, the target: < 300 MB), its peak on the way
  (``peak_rss_mb`` of that line is the desk's, not the bench's; it includes the log-in's
  memory-hard password hash, freed at once) and the memory after each view (``rss_after``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from typing import Any

from app.bench import BenchContext, summary

RUNS = {"small": 1, "medium": 3, "large": 5}


def _start(url: str, browse: bool) -> tuple[float, dict[str, Any]]:
    """One desk start: seconds to the first paint, and what the desk reported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "ORDERDESK_BENCH_AUTOLOGIN": "admin:admin123",
           "ORDERDESK_BENCH_BROWSE": "1" if browse else "0"}
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
         "--database", url], capture_output=True, text=True, env=env, timeout=300, check=False)
    painted = re.search(r"first_paint_epoch=([\d.]+)", done.stdout)
    if done.returncode != 0 or painted is None:
        raise RuntimeError(f"the desk did not start: {done.stderr[-2000:]}")
    login = re.search(r"login_s=([\d.]+)", done.stdout)
    report: dict[str, Any] = {"login_s": float(login.group(1)) if login else None}
    browsed = re.search(r"peak_rss_mb=([\d.]+) rss_mb=([\d.]+) rss_after=(\S+)", done.stdout)
    if browsed:
        report.update(peak=float(browsed.group(1)), rss=float(browsed.group(2)),
                      after=json.loads(browsed.group(3)))
    return float(painted.group(1)) - t0, report


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    url = ctx.db.url
    ctx.db.dispose()
    runs = RUNS.get(ctx.scale.name, 3)
    _start(url, False)  # the first start compiles bytecode and warms the OS file cache
    starts = [_start(url, False) for _ in range(runs)]
    cold = [seconds for seconds, _ in starts]
    logins = sorted(desk["login_s"] for _, desk in starts if desk.get("login_s") is not None)
    seconds, desk = _start(url, True)
    memory = summary("startup.memory", [seconds], target_mb=300.0)
    memory["rss_mb"] = desk.get("rss")
    memory["peak_rss_mb"] = desk.get("peak")
    memory["desk_peak_rss_mb"] = desk.get("peak")
    memory["rss_after"] = desk.get("after")
    # of which the log-in's password check (argon2, slow by design) took
    login_p50 = round(logins[len(logins) // 2] * 1000, 1) if logins else None
    return [summary("startup.cold", cold, target_p95_ms=1500.0, login_p50_ms=login_p50),
            memory]
