"""Labels, packing slips, pick lists, manifests: text read back, barcodes decoded."""

from __future__ import annotations

from datetime import datetime

from app.db.engine import Database
from app.printing import fulfilment as printing
from app.printing import shipping_docs as docs
from app.services import fulfilment
from app.services.context import Actor
from app.services.fulfilment import ParcelInput
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers
from tests.support.pdfcheck import barcodes, page_sizes_mm, pdf_text, squash

LONG_STREET = ("科技园南路88号深圳湾创业投资大厦A座第三十七层3701至3712室前台转物流部"
               "张先生收（工作日九点至十八点，周末请放门卫室）") * 2


def _label(**kw: object) -> docs.LabelData:
    values: dict[str, object] = dict(
        recipient="王伟", phone="+86 138 0013 8000",
        address_lines=docs.format_address("CN", "广东省", "深圳市", "南山区", "科技园南路88号",
                                          "518057"),
        order_number="SO-000042", parcel_no=2, parcel_count=3,
        barcode_value="EA123456785CN", carrier="SF Express 顺丰", service="Standard",
        weight_kg="1.25")
    values.update(kw)
    return docs.LabelData(**values)  # type: ignore[arg-type]


def test_label_text_size_and_barcode() -> None:
    """100×150 mm; recipient, CJK address, phone, order, parcel n of m; Code128 decodes."""
    pdf = docs.labels_pdf([_label()])
    assert page_sizes_mm(pdf) == [(100.0, 150.0)]
    text = pdf_text(pdf)[0]
    for expected in ("王伟", "广东省深圳市南山区科技园南路88号", "+86 138 0013 8000",
                     "SO-000042", "2 / 3", "EA123456785CN"):
        assert expected in text, (expected, text)
    assert ("Code128", "EA123456785CN") in barcodes(pdf)


def test_long_address_wraps_and_is_not_clipped() -> None:
    """A very long address wraps onto more lines, every character is on the page, and the
    barcode still decodes."""
    lines = docs.format_address("CN", "广东省", "深圳市", "南山区", LONG_STREET, "518057")
    pdf = docs.labels_pdf([_label(address_lines=lines)])
    text = squash(pdf_text(pdf)[0])
    assert squash(LONG_STREET) in text
    assert ("Code128", "EA123456785CN") in barcodes(pdf)
    english = docs.format_address("GB", "", "London", "", "Flat 12, " + "Long Road " * 20,
                                  "SW1A 1AA")
    pdf = docs.labels_pdf([_label(recipient="Mary Smith", address_lines=english)])
    assert squash("Flat 12, " + "Long Road " * 20) in squash(pdf_text(pdf)[0])


def test_shipment_labels_and_slip_from_database(db: Database, admin: Actor) -> None:
    """A two-parcel shipment gives two labels (1/2, 2/2) and a slip with lines, barcodes,
    backorder and return note, on A4 and Letter."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 2), ("LAMP-01", 1)])
    v = fulfilment.start_packing(db, admin, o.number)
    fulfilment.scan_item(db, admin, v.session_id, "MUG-01")
    fulfilment.next_parcel(db, admin, v.session_id)
    fulfilment.scan_item(db, admin, v.session_id, "LAMP-01")
    sh = fulfilment.complete_packing(db, admin, v.session_id, [
        ParcelInput(tracking_number="SF100000001"), ParcelInput(tracking_number="SF100000002")])
    pdf = printing.shipment_labels_pdf([sh])
    texts = pdf_text(pdf)
    assert len(texts) == 2 and "1 / 2" in texts[0] and "2 / 2" in texts[1]
    assert ("Code128", "SF100000002") in barcodes(pdf, page=1)
    slip = printing.packing_slips_pdf([sh], "A4")
    assert page_sizes_mm(slip) == [(210.0, 297.0)]
    text = pdf_text(slip)[0]
    for expected in ("Packing slip", o.number, "MUG-01", "Mug 马克杯", "LAMP-01",
                     "Still to come", "Returns", "SF100000001"):
        assert expected in text, (expected, text)
    found = {v for _, v in barcodes(slip)}
    assert {o.number, "MUG-01", "LAMP-01"} <= found
    letter = printing.packing_slips_pdf([sh], "Letter")
    assert page_sizes_mm(letter) == [(215.9, 279.4)]


def test_pick_list_pdf_has_bins_and_barcodes(db: Database, admin: Actor) -> None:
    """The pick list PDF carries its own number and each order and SKU as barcodes."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("TEE-01", 2)])
    pl = fulfilment.create_pick_list(db, admin, [o.id])
    pdf = printing.pick_list_pdf(pl)
    assert pl.number in pdf_text(pdf)[0] and "TEE-01" in pdf_text(pdf)[0]
    assert {pl.number, o.number, "TEE-01"} <= {v for _, v in barcodes(pdf, dpi=300)}


def test_manifest_and_command_sheet() -> None:
    """The manifest lists its rows; the command sheet's barcodes decode to the commands."""
    row = fulfilment.ManifestRow("SF", "SF Express", "Standard", "SH-000001", "SO-000001", 1,
                                 "SF100000001", "王伟", "深圳市", "CN", __import__("decimal")
                                 .Decimal("1.5"), datetime.now().astimezone(), "li.lei")
    pdf = printing.manifest_pdf("SF Express", datetime.now().date(), [row])
    text = pdf_text(pdf)[0]
    assert "SF100000001" in text and "王伟" in text and "1 parcels" in text
    sheet = docs.command_sheet_pdf()
    assert {c for c, _ in docs.COMMANDS} <= {v for _, v in barcodes(sheet)}
    boxes = [(f"B{i:02d}", f"Box {i} 箱") for i in range(14)]  # more than fit on one page
    sheet = docs.command_sheet_pdf("A4", boxes)
    pages = pdf_text(sheet)
    assert len(pages) == 3 and "Box sizes" in pages[1] and "Box 13 箱" in pages[2]
    found = {v for page in (1, 2) for _, v in barcodes(sheet, page=page)}
    assert {f"BOX:{code}" for code, _ in boxes} == found


def test_packing_slip_wraps_long_addresses_names_and_skus() -> None:
    """The slip draws short cells as plain text and wraps the rest: a long Chinese street, a
    long Latin one, a long SKU and item name all come back whole; each barcode decodes, also
    when the same SKU's barcode is reused on the next slip."""
    lines = [docs.SlipLine("MUG-01", "Mug 马克杯", 2, 2),
             docs.SlipLine("VERY-LONG-SKU-CODE-1234567890", "一个非常长的商品名称，需要换行显示，"
                           "不能被截断 with a long English name as well", 3, 1)]
    latin = "Flat 12, " + "Long Road " * 20
    slip = docs.SlipData("SO-000042", "SH-000042", "王伟", "+86 138 0013 8000",
                         ["广东省深圳市南山区" + LONG_STREET, "518057", latin], lines)
    pdf = docs.packing_slips_pdf([slip, slip])
    for page in (0, 1):
        text = squash(pdf_text(pdf)[page])
        for expected in (LONG_STREET, latin, "VERY-LONG-SKU-CODE-1234567890",
                         "不能被截断 with a long English name as well", "Mug 马克杯", "Returns"):
            assert squash(expected) in text, expected
        assert {"SO-000042", "MUG-01"} <= {v for _, v in barcodes(pdf, page=page)}
