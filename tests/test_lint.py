"""The style rule: ruff and mypy (strict) are clean on app/domain and app/services."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["app/domain", "app/services"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_ruff_is_clean() -> None:
    proc = _run("ruff", "check", "--output-format", "concise", *TARGETS)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_mypy_is_clean() -> None:
    proc = _run("mypy", "--no-incremental", *TARGETS)
    assert proc.returncode == 0, proc.stdout[-4000:]
