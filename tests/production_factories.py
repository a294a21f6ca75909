"""Builders for the made-to-order, tracking and exception tests (issue 8)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from app.db.engine import Database
from app.services import catalog, orders, production, stock
from app.services.catalog import ProductData
from app.services.context import Actor
from tests.factories import make_shop


def make_workshop(
    db: Database, actor: Actor, panels: int = 10, screws: int = 100
) -> dict[str, int]:
    """The shop plus a made-to-order wardrobe: 2 panels (30.00) and 8 screws (0.50) each,
    cut 30 min, assemble 45 min, finish 20 min, labour 48.00 an hour, 2 days to ship."""
    ids = make_shop(db, actor)
    wid = ids["warehouse"]
    ids["panel"] = catalog.create_product(db, actor, ProductData(
        "PANEL-01", "Oak panel 橡木板", Decimal("0"), Decimal("30.00")))
    ids["screw"] = catalog.create_product(db, actor, ProductData(
        "SCREW-01", "Screw 螺丝", Decimal("0"), Decimal("0.50")))
    ids["wardrobe"] = catalog.create_product(db, actor, ProductData(
        "WARD-01", "Wardrobe 定制衣柜", Decimal("1999.00"), Decimal("0")))
    if panels:
        stock.receive(db, actor, ids["panel"], wid, panels, "opening", Decimal("30.00"))
    if screws:
        stock.receive(db, actor, ids["screw"], wid, screws, "opening", Decimal("0.50"))
    production.set_manufacturing(db, actor, ids["wardrobe"], production.ManufacturingData(
        True, shipping_lead_days=2, labour_rate_per_hour=Decimal("48.00"),
        bom=[(ids["panel"], 2), (ids["screw"], 8)],
        operations=[("cut 开料", 30), ("assemble 组装", 45), ("finish 封边", 20)]))
    return ids


def confirmed_mto_order(
    db: Database, actor: Actor, ids: dict[str, int], quantity: int = 1,
    promised: date | None = date(2031, 3, 17), options: dict[str, object] | None = None,
    with_mug: bool = True,
) -> int:
    """An order for wardrobes (and a stock mug), confirmed: returns its id."""
    o = orders.create_draft(db, actor, ids["wang"])
    o = orders.add_line(db, actor, o.id, o.version, "WARD-01", quantity)
    if with_mug:
        o = orders.add_line(db, actor, o.id, o.version, "MUG-01", 1)
    if promised is not None:
        o = orders.update_header(db, actor, o.id, o.version, promised_date=promised)
    production.set_line_options(db, actor, o.lines[0].id,
                                options or {"width_cm": 180, "colour": "橡木色"})
    o = orders.get_order(db, o.id)
    return orders.confirm(db, actor, o.id, o.version).id


def shipped_order(db: Database, actor: Actor, ids: dict[str, int], parcel: str = "SF1001",
                  shipped_at: datetime | None = None) -> int:
    """A stock order confirmed, picked, packed and shipped, with the carrier's pick-up."""
    from app.services import tracking

    o = orders.create_draft(db, actor, ids["wang"])
    o = orders.add_line(db, actor, o.id, o.version, "LAMP-01", 1)
    o = orders.confirm(db, actor, o.id, o.version)
    for target in ("picking", "packed", "shipped"):
        tracking.move_order(db, actor, o.id, None, target, f"test: {target}")
    tracking.record_event(db, actor, o.id, "picked_up", at=shipped_at, parcel_ref=parcel,
                          location="深圳南山")
    return o.id
