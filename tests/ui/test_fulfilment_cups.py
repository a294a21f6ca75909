"""A label printed through a real CUPS queue (cups-pdf), found by Qt, without a dialog.

Set up by tests/support/cups_setup.sh (called by .ci/run). Skipped when CUPS is not there,
except under CI where it must run.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from app.printing import shipping_docs as docs
from app.printing.output import PrinterNotFound, print_pdf, printer_names
from tests.support.pdfcheck import barcodes

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _cups_ready() -> bool:
    if shutil.which("lpstat") is None:
        return False
    out = subprocess.run(["lpstat", "-p", "Labels"], capture_output=True, text=True)
    return out.returncode == 0


def _out_dirs() -> list[Path]:
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    dirs = [home / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text().splitlines():
            if line.startswith("Out "):
                dirs.insert(0, Path(line.split(None, 1)[1].replace("${HOME}", str(home))))
    return dirs


def _new_pdfs(before: set[Path]) -> list[Path]:
    found = {p for d in _out_dirs() if d.is_dir() for p in d.glob("*.pdf")}
    return sorted(found - before)


@pytest.mark.slow
def test_label_through_cups_queue(qapp: object) -> None:
    """Qt lists the Labels printer; the label prints without a dialog; the queue's PDF
    carries the tracking-number barcode."""
    if not _cups_ready():
        if ON_CI:
            pytest.fail("CUPS with the Labels printer is required under CI "
                        "(tests/support/cups_setup.sh)")
        pytest.skip("CUPS with a 'Labels' printer is not set up")
    assert "Labels" in printer_names()
    before = {p for d in _out_dirs() if d.is_dir() for p in d.glob("*.pdf")}
    tracking = f"CUPS{int(time.time()) % 10**8:08d}"
    label = docs.LabelData("王伟", "+86 138 0013 8000", ["广东省深圳市南山区科技园南路88号"],
                           "SO-000777", 1, 1, tracking, "SF Express 顺丰")
    assert print_pdf(docs.labels_pdf([label]), "Labels", dpi=203, title=tracking) == 1
    deadline = time.monotonic() + 60
    produced: list[Path] = []
    while time.monotonic() < deadline and not produced:
        produced = [p for p in _new_pdfs(before) if p.stat().st_size > 0]
        if not produced:
            time.sleep(0.2)  # polling the queue's output folder, bounded by the deadline
    assert produced, f"no PDF appeared in {_out_dirs()} within 60 s"
    # cups-pdf may still be writing: wait until the file parses and decodes.
    found: list[tuple[str, str]] = []
    while time.monotonic() < deadline:
        try:
            found = barcodes(produced[-1].read_bytes(), dpi=300)
        except Exception:  # noqa: BLE001 - half-written file
            found = []
        if found:
            break
        time.sleep(0.2)
    assert ("Code128", tracking) in found


def test_unknown_printer_is_named(qapp: object) -> None:
    """Printing to a printer that does not exist says which printers there are."""
    with pytest.raises(PrinterNotFound, match="no printer called 'Nope'"):
        print_pdf(docs.labels_pdf([docs.LabelData("A", "1", ["x"], "SO-1", 1, 1, "X1")]),
                  "Nope")
