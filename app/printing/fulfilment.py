"""Documents from fulfilment views: labels and slips for a shipment, pick lists, manifests."""

from __future__ import annotations

from datetime import date

from app.printing import shipping_docs as docs
from app.services.fulfilment import ManifestRow, PickListView, ShipmentView


def address_lines(sh: ShipmentView) -> list[str]:
    return docs.format_address(sh.country, sh.province, sh.city, sh.district, sh.street,
                               sh.postcode)


def label_data(sh: ShipmentView, sender: str = "") -> list[docs.LabelData]:
    lines = address_lines(sh)
    carrier = sh.carrier_name or "—"
    return [docs.LabelData(sh.recipient, sh.phone, lines, sh.order_number, p.parcel_no, p.of,
                           p.label_code, carrier, sh.service_name, f"{p.weight_kg:.2f}",
                           sender, f"{sh.packed_at.astimezone():%Y-%m-%d}")
            for p in sh.parcels]


def shipment_labels_pdf(shipments: list[ShipmentView], sender: str = "") -> bytes:
    return docs.labels_pdf(d for sh in shipments for d in label_data(sh, sender))


def slip_data(sh: ShipmentView, shop_name: str = "OrderDesk") -> docs.SlipData:
    return docs.SlipData(
        sh.order_number, sh.number, sh.recipient, sh.phone, address_lines(sh),
        [docs.SlipLine(sku, name, ordered, here) for sku, name, ordered, here in sh.lines
         if here or ordered],
        sh.backorder, f"{sh.carrier_name} {sh.service_name}".strip(),
        [p.tracking_number for p in sh.parcels if p.tracking_number], shop_name,
        packed_at=sh.packed_at)


def packing_slips_pdf(shipments: list[ShipmentView], paper: str = "A4") -> bytes:
    return docs.packing_slips_pdf([slip_data(sh) for sh in shipments], paper)


def pick_list_pdf(pl: PickListView, paper: str = "A4") -> bytes:
    return docs.pick_list_pdf(pl.number, f"{pl.created_at.astimezone():%Y-%m-%d %H:%M} "
                              f"{pl.created_by}", pl.order_numbers,
                              [(x.bin, x.sku, x.name, x.quantity, x.order_number)
                               for x in pl.lines], paper)


def manifest_pdf(carrier: str, day: date, rows: list[ManifestRow]) -> bytes:
    return docs.manifest_pdf(carrier, f"{day:%Y-%m-%d}", [
        (r.shipment, r.order_number, str(r.parcel_no), r.tracking_number, r.recipient, r.city,
         f"{r.weight_kg:.2f}", f"{r.shipped_at.astimezone():%H:%M}") for r in rows])
