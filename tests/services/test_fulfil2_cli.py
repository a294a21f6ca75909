"""The terminal commands of the second wave on both databases: ship, manifest,
receivables ageing / dunning-run, exceptions check, profit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.db.engine import Database
from app.services import fulfilment
from app.services.context import Actor
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers


def test_ship_manifest_ageing_exceptions_profit(db: Database, admin: Actor, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    view = fulfilment.start_packing(db, admin, o.number)
    view = fulfilment.scan_item(db, admin, view.session_id, "MUG-01")
    sh = fulfilment.complete_packing(db, admin, view.session_id)
    url = ["--database", db.url]
    assert main(["ship", sh.parcels[0].label_code, "--json", *url]) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert shipped["order_status"] == "shipped" and shipped["invoice_id"]
    assert main(["ship", "NO-SUCH-PARCEL", *url]) == 1
    assert "No parcel" in capsys.readouterr().err
    csv_path, pdf_path = tmp_path / "m.csv", tmp_path / "m.pdf"
    assert main(["manifest", "--carrier", sh.carrier_code, "--date", date.today().isoformat(),
                 "--csv", str(csv_path), "--pdf", str(pdf_path), *url]) == 0
    assert o.number in csv_path.read_text(encoding="utf-8")
    assert pdf_path.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main(["receivables", "ageing", "--json", *url]) == 0
    ageing = json.loads(capsys.readouterr().out)
    assert ageing["total"] == str(o.total)
    assert sum(map(float, ageing["totals"])) == pytest.approx(float(o.total))
    assert main(["receivables", "dunning-run", *url]) == 0
    capsys.readouterr()
    assert main(["exceptions", "check", "--json", *url]) == 0
    assert json.loads(capsys.readouterr().out)["ran"] is True
    out_csv = tmp_path / "p.csv"
    assert main(["profit", "--by", "product", "--csv", str(out_csv), "--json", *url]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["key"] for r in rows] and "MUG-01" in out_csv.read_text(encoding="utf-8")
