"""End to end on both databases: confirm → pick → pack → ship (invoice, stock and ledger,
notice sent to a local SMTP server) → delivered, with costs and profit on record; and a
cancelled made-to-order order cancels its work orders."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Invoice, Notice, StockMove
from app.services import fulfilment, notices, orders, profit, stock, tracking
from app.services.context import Actor
from app.ui.notices_sender import transports_from_settings
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.messages.append(envelope.content)  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[_Mailbox, int]]:
    box = _Mailbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ctl = Controller(box, hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        yield box, port
    finally:
        ctl.stop()


def test_order_from_confirmation_to_delivered(db: Database, admin: Actor,
                                              smtp: tuple[_Mailbox, int]) -> None:
    box, port = smtp
    ids = shop_with_carriers(db, admin, stock_qty=10)
    o = confirmed_order(db, admin, ids["smith"], [("MUG-01", 2), ("TEE-01", 1)])
    fulfilment.create_pick_list(db, admin, [o.id])
    view = fulfilment.start_packing(db, admin, o.number)
    for code in ("MUG-01", "MUG-01", "TEE-01"):
        view = fulfilment.scan_item(db, admin, view.session_id, code)
    sh = fulfilment.complete_packing(db, admin, view.session_id)
    assert orders.get_order(db, o.id).status == "packed"
    result = fulfilment.ship_by_scan(db, admin, sh.parcels[0].label_code)
    assert result.order_status == "shipped" and result.invoice_id is not None
    with db.reader() as s:
        inv = s.get(Invoice, result.invoice_id)
        assert inv is not None and inv.total == o.total
        sales = s.execute(select(StockMove.product_id, func.sum(StockMove.quantity))
                          .where(StockMove.order_id == o.id, StockMove.kind == "sale")
                          .group_by(StockMove.product_id)).all()
    assert dict(sales) == {ids["mug"]: -2, ids["tee"]: -1}
    assert stock.verify(db) == []
    # The shipped notice goes out by e-mail through the desk's settings-built transport.
    transports = transports_from_settings({"smtp_host": "127.0.0.1", "smtp_port": port})
    report = notices.send_due(db, transports)
    shipped = [n for n in notices.notices_for_order(db, o.id) if n.channel == "email"]
    assert [(n.kind, n.status) for n in shipped] == [("shipped", "sent")]
    assert len(box.messages) == 1 and b"has shipped" in box.messages[0]
    assert report.sent
    # Delivered 签收 closes the shipping part and tells the customer.
    assert tracking.scan_delivered(db, admin, sh.parcels[0].label_code) == o.number
    assert orders.get_order(db, o.id).status == "delivered"
    notices.send_due(db, transports)
    assert len(box.messages) == 2 and b"delivered" in box.messages[1]
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Notice).where(
            Notice.order_id == o.id, Notice.channel == "email", Notice.status == "sent")) == 2
    [row] = profit.profit_report(db, admin, date.today(), date.today(), "order")
    assert row.profit.revenue > 0 and row.profit.shipping == sh.shipping_cost
    assert row.profit.net == row.profit.gross - row.profit.shipping - row.profit.fees \
        - row.profit.exceptions - row.profit.indirect


def test_cancelling_an_order_cancels_its_work_orders(db: Database, admin: Actor) -> None:
    from app.services import production
    from tests.production_factories import confirmed_mto_order, make_workshop

    ids = make_workshop(db, admin, panels=0)
    order_id = confirmed_mto_order(db, admin, ids)
    [wo] = production.work_orders_for_order(db, order_id)
    assert wo.state in ("planned", "waiting_material")
    assert {r.sku: r.short for r in production.replenishment_list(db)}.get("PANEL-01") == 2
    o = orders.get_order(db, order_id)
    orders.cancel(db, admin, order_id, o.version, "customer changed their mind")
    [wo] = production.work_orders_for_order(db, order_id)
    assert wo.state == "cancelled"
    assert production.replenishment_list(db) == []  # the component demand is gone
