"""The work-order sheet PDF: text read back with pypdf, the Code128 barcode decoded with
zxing-cpp from the page rendered by pypdfium2, and the decoded text drives a scan."""

from __future__ import annotations

import io

import pypdf
import pypdfium2
import zxingcpp

from app.db.engine import Database
from app.printing.work_order_sheet import render_work_order_sheet
from app.services import production
from app.services.context import Actor
from tests.production_factories import confirmed_mto_order, make_workshop


def test_sheet_reads_back_and_its_barcode_starts_the_work(db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids, quantity=2)
    [wo] = production.work_orders_for_order(db, order_id)
    pdf = render_work_order_sheet(wo)

    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in (wo.number, "WARD-01", "定制衣柜", "王伟", "2031-03-14", "colour: 橡木色",
                     "width_cm: 180", "cut 开料", "assemble 组装", "PANEL-01"):
        assert expected in text, expected

    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=200 / 72).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert [(c.text, c.format.name) for c in codes] == [(wo.number, "Code128")]

    result = production.scan_work_order(db, admin, codes[0].text)
    assert result.work_order_id == wo.id and result.state == "in_progress"
