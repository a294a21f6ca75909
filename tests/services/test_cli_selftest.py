"""`orderdesk selftest` from the source tree (the frozen run is tests/packaging)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.db.engine import Database


def test_selftest_passes_every_step(db: Database, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "selftest.pdf"
    assert main(["selftest", "--database", db.url, "--pdf", str(pdf)]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["ok"] and all(step["ok"] for step in result["steps"].values())
    assert result["steps"]["log_in"]["detail"]["user"] == "admin"
    text = PdfReader(pdf).pages[0].extract_text()
    assert "自检" in text and "SO-SELFTEST-0001" in text
    assert _decode(pdf, tmp_path) == ["SO-SELFTEST-0001"]


def _decode(pdf: Path, tmp_path: Path) -> list[str]:
    """The PDF's barcodes as a scanner would read them (page rendered with pdftoppm)."""
    import shutil
    import subprocess

    import zxingcpp
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as image:
        return [r.text for r in zxingcpp.read_barcodes(image)]


def test_selftest_reports_the_failing_step(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """An unreachable database fails the first step, says why, and exits 1."""
    assert main(["selftest", "--database", "postgresql://nobody@127.0.0.1:1/x"]) == 1
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert not result["ok"] and list(result["steps"]) == ["migrate"]
    assert "OperationalError" in result["steps"]["migrate"]["error"]
