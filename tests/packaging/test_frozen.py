"""Build the Linux bundle with PyInstaller and run the frozen app's self-test.

Catches a missing data file, Qt plugin or hidden import here rather than on a customer's
workstation. Slow (about a minute to build on two cores): marked ``slow``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "orderdesk.spec"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (pip install pyinstaller)"
    )
    if not sys.platform.startswith("linux"):
        pytest.skip("the frozen-app test builds the Linux bundle")
    out = tmp_path_factory.mktemp("frozen")
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"), str(SPEC)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, (
        f"PyInstaller failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    exe = out / "dist" / "orderdesk" / "orderdesk"
    assert exe.is_file(), f"no executable at {exe}"
    return exe


def _selftest(exe: Path, tmp_path: Path, url: str) -> dict:  # type: ignore[type-arg]
    pdf = tmp_path / "label.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORDERDESK_HOME": str(tmp_path / "home")}
    env.pop("ORDERDESK_DATABASE_URL", None)
    # Run from an empty folder so nothing is picked up from the source tree by accident.
    proc = subprocess.run([str(exe), "selftest", "--database", url, "--pdf", str(pdf)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"self-test failed:\n{proc.stdout}\n{proc.stderr[-4000:]}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["ok"] and result["frozen"] is True
    assert set(result["steps"]) == {"migrate", "demo_data", "log_in", "qt", "data_files",
                                    "label_pdf"}
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "自检" in text and "SO-SELFTEST-0001" in text
    return result


def test_frozen_app_migrates_logs_in_and_renders_a_pdf(bundle: Path, tmp_path: Path) -> None:
    """The bundle alone migrates a fresh SQLite file, logs in, starts Qt, writes the PDF."""
    result = _selftest(bundle, tmp_path, f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    assert result["steps"]["migrate"]["detail"]["applied"] is True
    assert result["steps"]["log_in"]["detail"]["user"] == "admin"
    assert result["steps"]["qt"]["detail"]["platform"] == "offscreen"
    data = result["steps"]["data_files"]["detail"]
    assert data["districts"] > 2000 and data["tracking_formats"] > 10
    assert data["guides"] == ["en.md", "zh_CN.md"]
    # every translation in the source tree arrives compiled in the bundle
    sources = sorted(p.stem + ".qm" for p in (ROOT / "resources" / "translations").glob("*.ts"))
    assert data["translations"] == sources
    # Qt loads its plugins from inside the bundle, not from a Python install
    assert str(bundle.parent) in result["steps"]["qt"]["detail"]["plugins"]
    # the application icon (PNGs rendered from resources/icons/orderdesk.svg) is bundled
    assert {16, 32, 256} <= set(result["steps"]["qt"]["detail"]["icon_sizes"])
    # the guide's screenshots travel with it (Help shows them)
    assert data["guide_images"] >= 18


def test_frozen_app_talks_to_postgresql_with_the_bundled_driver(
    bundle: Path, tmp_path: Path, db_url: str
) -> None:
    """psycopg's binary driver is in the bundle (PostgreSQL run; SQLite run checks reuse)."""
    result = _selftest(bundle, tmp_path, db_url)
    if db_url.startswith("postgresql"):
        assert result["steps"]["migrate"]["detail"]["psycopg_impl"] == "binary"
    else:
        # the fixture's copy is already migrated: nothing to apply, but it still works
        assert result["steps"]["migrate"]["detail"]["applied"] is False
