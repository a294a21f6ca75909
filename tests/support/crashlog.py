"""When a test worker dies (a segfault or an abort in Qt), its traceback goes with it and CI
shows only "worker crashed". Each worker writes faulthandler's report to a file of its own;
the controlling process prints any such report at the end of the run, next to the failure."""

from __future__ import annotations

import faulthandler
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

import pytest

ENV = "ORDERDESK_TEST_CRASH_DIR"
_log: IO[str] | None = None
_MACHINERY = ("/_pytest/", "/pluggy/", "/xdist/", "/execnet/", "/pytestqt/")


@pytest.hookimpl(trylast=True)  # after pytest's own faulthandler set-up, which it replaces
def pytest_configure(config: pytest.Config) -> None:
    global _log
    worker: dict[str, Any] | None = getattr(config, "workerinput", None)
    if worker is None:
        # The controller (or a run without workers): workers inherit the folder.
        os.environ.setdefault(ENV, tempfile.mkdtemp(prefix="orderdesk-crash-"))
        return
    path = Path(os.environ[ENV]) / f"{worker['workerid']}-{os.getpid()}.log"
    _log = path.open("w", encoding="utf-8")
    faulthandler.enable(file=_log, all_threads=True)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    folder = os.environ.get(ENV)
    if not folder or not Path(folder).is_dir():
        return
    crashed = False
    for log in sorted(Path(folder).glob("*.log")):
        text = log.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            crashed = True
            terminalreporter.section(f"worker crash report {log.stem}", sep="=")
            # The innermost frames come first; pytest's own machinery only hides them.
            lines = [line for line in text.splitlines() if not any(
                part in line for part in _MACHINERY)]
            terminalreporter.write_line("\n".join(lines[:150]))
    if not crashed and getattr(terminalreporter.config, "workerinput", None) is None:
        shutil.rmtree(folder, ignore_errors=True)
