"""The return authorisation (A4, RMA number as Code128) and, where the business pays the
way back, a 100×150 mm return label drawn by the shipping label machinery."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.printing.shipping_docs import (
    LABEL_SIZE,
    LATIN,
    LATIN_BOLD,
    LabelData,
    _fonts,
    code128,
    draw_label,
    fit_paragraph,
    font_for,
)
from app.services.returns import ReturnDocument

REASONS = {
    "quality_defect": "Quality defect 质量问题",
    "damaged_in_transit": "Damaged in transit 运输损坏",
    "wrong_item": "Wrong item sent 发错货", "wrong_size": "Wrong size 尺码不合",
    "changed_mind": "Changed mind 不想要了", "other": "Other 其他",
}


def _authorisation(c: Canvas, d: ReturnDocument) -> None:
    w, h = A4
    m = 18 * mm
    y = h - m
    c.setFont(LATIN_BOLD, 18)
    c.drawString(m, y - 16, "Return authorisation")
    c.setFont(font_for("退货授权单"), 14)
    c.drawString(m, y - 34, "退货授权单")
    bc = code128(d.number, 16 * mm, 0.4 * mm)
    bc.drawOn(c, w - m - bc.width, y - 18 * mm)
    c.setFont(LATIN_BOLD, 12)
    c.drawRightString(w - m, y - 23 * mm, d.number)
    y -= 32 * mm
    c.setFont(LATIN, 10)
    c.drawString(m, y, f"Issued {d.issued_on}   Orders: {', '.join(d.order_numbers)}")
    y -= 8 * mm
    who = "\n".join([d.customer_name, d.phone, *d.address_lines])
    p, ph = fit_paragraph(who, w - 2 * m, 30 * mm, 11)
    p.drawOn(c, m, y - ph)
    y -= ph + 8 * mm
    c.setFont(LATIN_BOLD, 10)
    for x, title in ((m, "SKU"), (m + 40 * mm, "Item"), (m + 110 * mm, "Qty"),
                     (m + 122 * mm, "Reason")):
        c.drawString(x, y, title)
    y -= 2 * mm
    c.line(m, y, w - m, y)
    y -= 6 * mm
    for sku, name, qty, reason in d.lines:
        c.setFont(LATIN, 10)
        c.drawString(m, y, sku)
        c.setFont(font_for(name), 10)
        c.drawString(m + 40 * mm, y, name[:40])
        c.setFont(LATIN, 10)
        c.drawRightString(m + 117 * mm, y, str(qty))
        text = REASONS.get(reason, reason)
        c.setFont(font_for(text), 9)
        c.drawString(m + 122 * mm, y, text)
        y -= 7 * mm
        if y < 40 * mm:
            c.showPage()
            y = h - m
    y -= 6 * mm
    payer = ("We pay the return postage: use the enclosed return label."
             if d.return_label else "Please send the parcel at your own cost.")
    for line in (payer, "Put this page in the parcel so we can match your return quickly.",
                 "请将此页放入包裹。"):
        c.setFont(font_for(line), 10)
        c.drawString(m, y, line)
        y -= 6 * mm


def rma_pdf(d: ReturnDocument) -> bytes:
    """Page 1: the authorisation (A4); page 2, if the business pays: the return label."""
    _fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=0)
    c.setTitle(f"Return authorisation {d.number}")
    _authorisation(c, d)
    c.showPage()
    if d.return_label:
        c.setPageSize(LABEL_SIZE)
        draw_label(c, LabelData(
            recipient=d.warehouse_name or "Returns", phone="", address_lines=["Returns desk"],
            order_number=d.number, parcel_no=1, parcel_count=1, barcode_value=d.number,
            carrier="RETURN 退货", service="Prepaid", sender=d.customer_name,
            shipped_on=d.issued_on))
        c.showPage()
    c.save()
    return buf.getvalue()
