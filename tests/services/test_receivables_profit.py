"""Profit per order/product/category/customer/channel/period, with costs and exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Invoice
from app.services import profit, stock
from app.services.context import Actor
from app.services.errors import ValidationFailed
from tests.factories import make_shop
from tests.services.receivables_helpers import confirmed, invoiced

D = Decimal
JAN = (date(2025, 1, 1), date(2025, 1, 31))


def _setup(db: Database, admin: Actor) -> dict[str, int]:
    ids = make_shop(db, admin)
    # Moving average: 10 lamps at 80 + 10 at 100 → 90.
    stock.receive(db, admin, ids["lamp"], ids["warehouse"], 10, "PO-1", D("100"))
    profit.set_channel(db, admin, "counter", fee_percent=D("2"), fee_fixed=D("1.00"))
    a = invoiced(db, admin, ids["wang"], "LAMP-01", 1, issued=date(2025, 1, 10))
    b = invoiced(db, admin, ids["smith"], "MUG-01", 4, issued=date(2025, 1, 20))
    with db.reader() as s:
        orders = dict(s.execute(select(Invoice.id, Invoice.order_id)).all())
    profit.add_order_cost(db, admin, orders[a], "shipping", "12.00", "SF rate")
    profit.add_order_cost(db, admin, orders[a], "shipping", "10.50", "SF invoice", actual=True)
    profit.add_order_cost(db, admin, orders[b], "exception", "5.00", "reship handle")
    profit.add_indirect_cost(db, admin, *JAN, "30.00", "order", "rent share")
    return ids


def test_profit_by_order_worked_example(db: Database, admin: Actor) -> None:
    _setup(db, admin)
    rows = {r.key: r.profit for r in profit.profit_report(db, admin, *JAN, "order")}
    lamp = rows["SO-000001"]
    # 199 revenue, 90 cost (moving average), actual shipping 10.50 beats the rate,
    # fee 2% + 1 = 4.98, overhead 30 / 2 orders = 15.
    assert (lamp.revenue, lamp.cost_of_goods, lamp.shipping, lamp.fees, lamp.indirect) == (
        D("199.00"), D("90.00"), D("10.50"), D("4.98"), D("15.00"))
    assert lamp.gross == D("109.00") and lamp.net == D("78.52")
    mugs = rows["SO-000002"]
    assert mugs.revenue == D("100.00") and mugs.cost_of_goods == D("38.00")
    assert mugs.exceptions == D("5.00") and mugs.fees == D("3.00")


@pytest.mark.parametrize("group", ["product", "category", "customer", "channel", "period"])
def test_every_grouping_adds_up_to_the_same_totals(db: Database, admin: Actor,
                                                   group: str) -> None:
    _setup(db, admin)
    by_order = profit.profit_report(db, admin, *JAN, "order")
    other = profit.profit_report(db, admin, *JAN, group)
    assert sum((r.profit.net for r in other), D(0)) == sum((r.profit.net for r in by_order), D(0))
    assert sum((r.profit.revenue for r in other), D(0)) == D("299.00")


def test_exports_are_formula_safe(db: Database, admin: Actor, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.services import catalog
    from app.services.catalog import CustomerData

    ids = _setup(db, admin)
    evil = catalog.create_customer(db, admin, CustomerData("=HYPERLINK(\"http://x\",\"y\")"))
    invoiced(db, admin, evil, "TEE-01", issued=date(2025, 1, 25))
    rows = profit.profit_report(db, admin, *JAN, "customer")
    text = profit.export_csv(rows)
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text
    profit.export_xlsx(rows, tmp_path / "p.xlsx")
    ws = load_workbook(tmp_path / "p.xlsx").active
    assert ws is not None
    cells = [c.value for c in ws["A"]]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in cells)
    assert ws["D2"].data_type == "n"
    assert ids


def test_margin_preview_warns_below_threshold(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    order = confirmed(db, admin, ids["wang"], "LAMP-01")
    ok = profit.order_margin(db, order.id, D("50"))
    assert ok.margin_percent == D("59.8") and ok.warning is None
    low = profit.order_margin(db, order.id, D("70"))
    assert low.warning is not None and "below" in low.warning


def test_bad_grouping_is_refused(db: Database, admin: Actor) -> None:
    with pytest.raises(ValidationFailed, match="Group by"):
        profit.profit_report(db, admin, *JAN, "colour")
