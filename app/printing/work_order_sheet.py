"""The work-order sheet: what to make, for whom, by when, with the customer's options,
the components, and the operations to tick off. Its Code128 barcode carries the work-order
number; scanning it starts the work and ticks off each operation in turn."""

from __future__ import annotations

import io

from app.services.production import WorkOrderView

FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese without a font file


def render_work_order_sheet(wo: WorkOrderView) -> bytes:
    """An A4 PDF of one work order."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    width, height = A4
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(f"Work order {wo.number}")
    left, y = 20 * mm, height - 22 * mm
    c.setFont(FONT, 18)
    c.drawString(left, y, f"Work order 生产工单  {wo.number}")
    barcode = code128.Code128(wo.number, barHeight=16 * mm, barWidth=0.5 * mm, quiet=True)
    barcode.drawOn(c, width - 20 * mm - barcode.width, y - 10 * mm)
    c.setFont(FONT, 11)
    y -= 12 * mm
    for label, value in [
        ("Order 订单", f"{wo.order_number}  {wo.customer_name}"),
        ("Item 产品", f"{wo.sku}  {wo.name}"),
        ("Quantity 数量", str(wo.quantity)),
        ("Due 完工日期", f"{wo.due_date:%Y-%m-%d}" if wo.due_date else "-"),
        ("Promised 承诺交期", f"{wo.promised_date:%Y-%m-%d}" if wo.promised_date else "-"),
    ]:
        c.drawString(left, y, f"{label}: {value}")
        y -= 6.5 * mm
    y -= 3 * mm
    c.setFont(FONT, 13)
    c.drawString(left, y, "Customer options 客户选项 / 尺寸")
    c.setFont(FONT, 11)
    y -= 6.5 * mm
    for key, value in sorted(wo.options.items()) or [("-", "")]:
        c.drawString(left + 4 * mm, y, f"{key}: {value}")
        y -= 6 * mm
    y -= 3 * mm
    c.setFont(FONT, 13)
    c.drawString(left, y, "Components 物料")
    c.setFont(FONT, 11)
    y -= 6.5 * mm
    for sku, name, qty in wo.components:
        c.drawString(left + 4 * mm, y, f"{qty:>4} × {sku}  {name}")
        y -= 6 * mm
    y -= 3 * mm
    c.setFont(FONT, 13)
    c.drawString(left, y, "Operations 工序  (scan the barcode after each 每道工序完成后扫码)")
    c.setFont(FONT, 11)
    y -= 7 * mm
    for op in wo.operations:
        c.rect(left + 4 * mm, y - 1 * mm, 4 * mm, 4 * mm)
        if op.done_at is not None:
            c.drawString(left + 4.8 * mm, y, "X")
        c.drawString(left + 11 * mm, y, f"{op.seq}. {op.name}  ({op.standard_minutes} min)")
        y -= 7 * mm
    c.showPage()
    c.save()
    return buf.getvalue()
