"""Bench `documents`: shipping labels and packing slips rendered per second.

- ``documents.labels``: one page per label (a batch of n, as a print job); target ≥ 500/s.
  Floor: the raw reportlab canvas drawing the same text lines and the same Code128 barcode,
  without wrapping paragraphs or fitting. p50/p95 are single-label PDFs (one print).
- ``documents.slips``: A4 packing slips with five lines each, per second.
"""

from __future__ import annotations

import io
import time
from typing import Any

from app.bench import BenchContext, summary

COUNTS = {"small": 20, "medium": 200, "large": 2000}


def _label(i: int) -> Any:
    from app.printing import shipping_docs as docs

    return docs.LabelData(
        "王伟", "+86 138 0013 8000",
        docs.format_address("CN", "广东省", "深圳市", "南山区", f"科技园南路{i}号", "518057"),
        f"SO-{i:06d}", 1, 1, f"EA{10000000 + i:08d}5CN", "SF Express 顺丰", "Standard", "1.20")


def _slip(i: int) -> Any:
    from app.printing import shipping_docs as docs

    return docs.SlipData(f"SO-{i:06d}", f"SH-{i:06d}", "Mary Smith", "+44 7700 900123",
                         ["1 High Street", "London SW1A 1AA", "GB"],
                         [docs.SlipLine(f"SKU-{k}", f"Item {k} 商品", 2, 2) for k in range(5)])


def _raw_labels(labels: list[Any]) -> bytes:
    """The floor: the same strings and barcode straight onto a reportlab canvas."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from app.printing import shipping_docs as docs

    docs._fonts()
    w, h = docs.LABEL_SIZE
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=docs.LABEL_SIZE, pageCompression=0)
    for d in labels:
        y = h - 16
        for text, size in ((d.carrier, 14), (d.recipient, 16), (d.phone, 12),
                           *((line, 13) for line in d.address_lines),
                           (f"Order {d.order_number}", 12)):
            c.setFont(docs.font_for(text), size)
            c.drawString(4 * mm, y, text)
            y -= size + 4
        Code128(d.barcode_value, barHeight=22 * mm, barWidth=0.33 * mm, quiet=True,
                humanReadable=False).drawOn(c, 4 * mm, 11 * mm)
        c.drawCentredString(w / 2, 5 * mm, d.barcode_value)
        c.showPage()
    c.save()
    return buf.getvalue()


def _rate(fn: Any, n: int) -> float:
    t0 = time.perf_counter()
    fn()
    return n / (time.perf_counter() - t0)


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    from app.printing import shipping_docs as docs

    n = COUNTS.get(ctx.scale.name, COUNTS["medium"])
    labels = [_label(i) for i in range(n)]
    docs.labels_pdf(labels[:1])  # fonts, imports
    _raw_labels(labels[:1])
    single: list[float] = []
    for i in range(min(n, 50)):
        t0 = time.perf_counter()
        docs.labels_pdf([labels[i]])
        single.append(time.perf_counter() - t0)
    docs.clear_caches()  # the batch pays for its own barcodes, as a fresh print job would
    label_rate = _rate(lambda: docs.labels_pdf(labels), n)
    floor_rate = _rate(lambda: _raw_labels(labels), n)
    m = max(10, n // 10)
    slips = [_slip(i) for i in range(m)]
    one_slip: list[float] = []
    for i in range(min(m, 20)):
        t0 = time.perf_counter()
        docs.packing_slips_pdf([slips[i]])
        one_slip.append(time.perf_counter() - t0)
    docs.clear_caches()
    slip_rate = _rate(lambda: docs.packing_slips_pdf(slips), m)
    lab = summary("documents.labels", single, target_ops_per_s=500)
    lab.update(n=n, ops_per_s=round(label_rate, 1), floor_ops_per_s=round(floor_rate, 1),
               ratio=round(label_rate / floor_rate, 3))
    slip = summary("documents.slips", one_slip)
    slip.update(n=m, ops_per_s=round(slip_rate, 1))
    return [lab, slip]
