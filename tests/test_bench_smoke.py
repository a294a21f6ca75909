"""`orderdesk bench all` (scale small, the default) still works and prints the agreed
fields (no timings are asserted: speed is reported by the benchmarks, never tested)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bench import REQUIRED_KEYS, SCENARIOS


@pytest.mark.slow
def test_bench_all_small_prints_every_scenario_with_the_required_keys(tmp_path: Path) -> None:
    env = {**os.environ, "ORDERDESK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("ORDERDESK_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
         "bench", "all",
         "--database", f"sqlite:///{tmp_path / 'desk.sqlite3'}"],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
    for line in lines:
        missing = [k for k in REQUIRED_KEYS if k not in line]
        assert not missing, f"{line.get('scenario')} lacks {missing}"
        assert line["database"] == "sqlite" and line["scale"] == "small"
        assert line["n"] > 0 and line["ops_per_s"] and line["ops_per_s"] > 0
        assert "machine" in line and line["cpu_reference_ms"] > 0
        if "floor_ops_per_s" in line:
            assert "ratio" in line
    names = {line["scenario"] for line in lines}
    for scenario in SCENARIOS:
        assert any(n == scenario or n.startswith(scenario + ".") for n in names), \
            f"no line from {scenario}"
    for expected in ("ship.service", "ship.ui", "ship.burst", "orders-view.first-paint",
                     "orders-view.search", "orders-view.scroll", "startup.cold",
                     "startup.memory", "reserve", "ageing", "pricing", "documents.labels", "e2e"):
        assert expected in names, f"no {expected} line"
    reserve = next(x for x in lines if x["scenario"] == "reserve")
    assert reserve["database_locked"] == 0 and reserve["oversold"] == []
    memory = next(x for x in lines if x["scenario"] == "startup.memory")
    # the desk's own memory after every view was opened, and after each one on the way
    from app.ui.main_window import VIEWS

    assert set(memory["rss_after"]) == {"window", *(v.key for v in VIEWS), "background_done"}
    assert memory["rss_mb"] > 0 and memory["peak_rss_mb"] > 0
    cold = next(x for x in lines if x["scenario"] == "startup.cold")
    assert cold["login_p50_ms"] > 0
