"""Bench `startup`: the desk process on the cached data set, offscreen.

- ``startup.cold``: from starting the process to the main window painted and its event loop
  running (logged in as the demo admin through ORDERDESK_BENCH_AUTOLOGIN, which skips only
  the log-in dialog). One operation = one start. Target under 1.5 s.
- ``startup.memory``: the same, then every view opened in turn; peak resident memory of the
  desk process (``peak_rss_mb`` of that line is the desk's, not the bench's). Target < 300 MB.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from typing import Any

from app.bench import BenchContext, summary

RUNS = {"tiny": 1, "small": 3, "large": 5}


def _start(url: str, browse: bool) -> tuple[float, float | None]:
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
    rss = re.search(r"peak_rss_mb=([\d.]+)", done.stdout)
    return float(painted.group(1)) - t0, float(rss.group(1)) if rss else None


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    url = ctx.db.url
    ctx.db.dispose()
    runs = RUNS.get(ctx.scale.name, 3)
    _start(url, False)  # the first start compiles bytecode and warms the OS file cache
    cold = [_start(url, False)[0] for _ in range(runs)]
    seconds, rss = _start(url, True)
    memory = summary("startup.memory", [seconds], target_mb=300.0)
    memory["peak_rss_mb"] = rss
    memory["desk_peak_rss_mb"] = rss
    return [summary("startup.cold", cold, target_p95_ms=1500.0), memory]
