"""Tracking on SQLite and PostgreSQL: status moves, events typed, scanned and imported from
carrier CSV/Excel exports, delivered closing the order, and the merged timeline."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest

from app.db.engine import Database
from app.domain.order_status import OrderStatus
from app.domain.roles import Role
from app.services import orders, tracking
from app.services.context import Actor
from app.services.errors import ConcurrentChange, PermissionDenied, ValidationFailed
from tests.factories import make_shop
from tests.production_factories import shipped_order


def test_moves_follow_the_state_machine_and_show_in_the_timeline(
    db: Database, admin: Actor
) -> None:
    ids = make_shop(db, admin)
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 1)
    o = orders.confirm(db, admin, o.id, o.version)
    assert OrderStatus.IN_PRODUCTION in tracking.moves_for(db, o.id)
    assert OrderStatus.CANCELLED not in tracking.moves_for(db, o.id)
    with pytest.raises(ValidationFailed, match="is confirmed and cannot become delivered"):
        tracking.move_order(db, admin, o.id, None, "delivered", "skip ahead")
    with pytest.raises(ConcurrentChange):
        tracking.move_order(db, admin, o.id, o.version - 1, "picking", "stale")
    with pytest.raises(PermissionDenied):
        tracking.move_order(db, Actor(None, "fin", Role.FINANCE), o.id, None, "picking", "x")
    assert tracking.move_order(db, admin, o.id, o.version, "picking", "pick list printed") \
        == "picking"
    steps = [(e.source, e.title, e.username, e.workstation, e.detail)
             for e in tracking.timeline(db, o.id)]
    assert steps == [("status", "draft", "system", "test-ws", "created"),
                     ("status", "draft → confirmed", "system", "test-ws", "confirmed"),
                     ("status", "confirmed → picking", "system", "test-ws", "pick list printed")]


def test_typed_events_and_delivered_closes_the_order(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    oid = shipped_order(db, admin, ids)
    at = datetime(2031, 1, 5, 3, 0, tzinfo=UTC)
    assert tracking.record_event(db, admin, oid, "in_transit", at, "SF1001", "广州转运中心")
    assert not tracking.record_event(db, admin, oid, "in_transit", at, "SF1001", "广州转运中心")
    assert orders.get_order(db, oid).status == "shipped"
    assert tracking.scan_delivered(db, admin, " SF1001\n") == orders.get_order(db, oid).number
    assert orders.get_order(db, oid).status == "delivered"
    titles = [e.title for e in tracking.timeline(db, oid)]
    assert titles[-1] == "shipped → delivered" or "shipped → delivered" in titles
    assert "in_transit" in titles and "picked_up" in titles and "delivered" in titles


def _csv(rows: list[list[str]], encoding: str) -> bytes:
    header = "运单号,订单号,时间,状态,网点,描述\n"
    return (header + "".join(",".join(r) + "\n" for r in rows)).encode(encoding)


def test_carrier_csv_in_gb18030_with_the_express_mapping(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    a = shipped_order(db, admin, ids, "SF1001")
    b = shipped_order(db, admin, ids, "SF2002")
    b_number = orders.get_order(db, b).number
    data = _csv([
        ["SF1001", "", "2031-01-05 08:00:00", "运输中", "广州", "快件到达广州转运中心"],
        ["", b_number, "2031/01/05 09:30", "派送中", "深圳", ""],
        ["SF1001", "", "2031-01-06 10:15:00", "已签收", "深圳", "本人签收"],
        ["SF9999", "", "2031-01-06 10:15:00", "运输中", "", ""],
        ["SF2002", "", "yesterday", "运输中", "", ""],
    ], "gb18030")
    result = tracking.import_carrier_export(db, admin, data, "sf.csv",
                                            tracking.MAPPINGS["express_zh"])
    assert (result.added, result.duplicates) == (3, 0)
    assert result.delivered_orders == [orders.get_order(db, a).number]
    assert result.problems == ["row 5: no order for SF9999", "row 6: unreadable time 'yesterday'"]
    assert orders.get_order(db, a).status == "delivered"
    assert orders.get_order(db, b).status == "shipped"
    signed = [e for e in tracking.timeline(db, a) if e.title == "delivered"][0]
    assert signed.at == datetime(2031, 1, 6, 2, 15, tzinfo=UTC)  # Beijing time to UTC
    assert signed.detail == "已签收 本人签收 · 深圳" and signed.workstation == "import"
    again = tracking.import_carrier_export(db, admin, data, "sf.csv",
                                           tracking.MAPPINGS["express_zh"])
    assert (again.added, again.duplicates) == (0, 3)


def test_carrier_excel_export(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    oid = shipped_order(db, admin, ids, "1Z999AA10123456784")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Tracking Number", "Time", "Status", "Location"])
    sheet.append(["1Z999AA10123456784", datetime(2031, 2, 1, 12, 0), "Out for delivery", "Leeds"])
    sheet.append(["1Z999AA10123456784", datetime(2031, 2, 1, 17, 0), "Delivered", "Leeds"])
    buf = io.BytesIO()
    book.save(buf)
    result = tracking.import_carrier_export(
        db, admin, buf.getvalue(), "ups.xlsx", tracking.MAPPINGS["generic_en"], timezone="UTC")
    assert result.added == 2 and result.problems == []
    assert orders.get_order(db, oid).status == "delivered"
    kinds = [e.title for e in tracking.timeline(db, oid) if e.source == "tracking"]
    assert kinds == ["picked_up", "out_for_delivery", "delivered"]


def test_customer_report_and_naive_time_refused(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    oid = shipped_order(db, admin, ids)
    counter = Actor(None, "li", Role.COUNTER, "desk-2")
    assert tracking.record_event(db, counter, oid, "damaged", description="顾客来电：外箱压坏",
                                 source="customer")
    with pytest.raises(PermissionDenied):
        tracking.record_event(db, counter, oid, "in_transit")
    with pytest.raises(ValidationFailed, match="time zone"):
        tracking.record_event(db, admin, oid, "note", datetime(2031, 1, 1) + timedelta(0))
