"""Channels and tiers set up in one place, channel price imports, dunning level editing:
each setting takes effect where the services read it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Invoice, ReservationHold
from app.domain.allocation import Choice
from app.domain.receivables import DunningAction
from app.services import channel_setup, orders, pricing, receivables
from app.services.channel_setup import ChannelConfig
from app.services.context import Actor
from app.services.errors import ValidationFailed
from tests.factories import make_shop
from tests.services.receivables_helpers import invoiced

D = Decimal


def _web_order(db: Database, admin: Actor, customer_id: int) -> orders.OrderView:
    view = orders.create_draft(db, admin, customer_id, channel="web")
    return orders.add_line(db, admin, view.id, view.version, "MUG-01", 2)


def test_channel_settings_saved_together_and_used(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    saved = channel_setup.save_channel(db, admin, ChannelConfig(
        " web ", invoice_at="confirm", prepaid=True, reservation_minutes=45,
        default_allocation=Choice.SHIP_AND_BACKORDER, fee_percent=D("2.5"),
        fee_fixed=D("1.00")))
    assert (saved.channel, saved.invoice_at, saved.prepaid, saved.reservation_minutes,
            saved.default_allocation) == ("web", "confirm", True, 45, Choice.SHIP_AND_BACKORDER)
    listed = {c.channel: c for c in channel_setup.list_channels(db)}
    assert {"counter", "phone", "web"} <= set(listed) and listed["web"] == saved
    order = _web_order(db, admin, ids["wang"])
    order = orders.confirm(db, admin, order.id, order.version)
    with db.reader() as s:  # invoiced at confirmation, paid by the channel
        inv = s.scalar(select(Invoice).where(Invoice.order_id == order.id))
        hold = s.get(ReservationHold, order.id)
        assert inv is not None and inv.status == "paid"
        assert hold is not None and hold.expires_at is not None
    assert receivables.open_invoices(db, ids["wang"]) == []


@pytest.mark.parametrize("config, message", [
    (ChannelConfig("my shop"), "no spaces"),
    (ChannelConfig("web", invoice_at="later"), "Invoice at"),
    (ChannelConfig("web", reservation_minutes=0), "at least one minute"),
    (ChannelConfig("web", default_allocation=Choice.SUBSTITUTE), "substitute"),
    (ChannelConfig("web", fee_percent=D("101")), "0–100 percent"),
])
def test_bad_channel_settings_are_named(db: Database, admin: Actor, config: ChannelConfig,
                                        message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        channel_setup.save_channel(db, admin, config)


def test_channel_prices_import_all_or_nothing(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    with pytest.raises(ValidationFailed) as bad:
        channel_setup.import_channel_prices(
            db, admin, "web", "sku,price\nMUG-01,19.90\nNOPE-1,3\nTEE-01,abc\n")
    assert "NOPE-1" in str(bad.value) and "row 4" in str(bad.value)
    assert channel_setup.channel_prices(db, "web") == []  # nothing saved
    result = channel_setup.import_channel_prices(db, admin, "web",
                                                 "\ufeffsku,price\nMUG-01,19.90\nTEE-01,¥49\n")
    assert result == channel_setup.PriceImport(2, 0)
    assert [(p.sku, p.unit_price) for p in channel_setup.channel_prices(db, "web")] == [
        ("MUG-01", D("19.90")), ("TEE-01", D("49.00"))]
    assert channel_setup.import_channel_prices(db, admin, "web", "MUG-01,19.90\n") == \
        channel_setup.PriceImport(0, 1)
    order = _web_order(db, admin, ids["smith"])
    assert order.lines[0].unit_price == D("19.90")


def test_tiers_listed_with_builtin_defaults(db: Database, admin: Actor) -> None:
    make_shop(db, admin)
    assert [(t.code, t.discount_pct) for t in channel_setup.list_tiers(db)] == [
        ("silver", D(5)), ("gold", D(10))]
    pricing.set_tier(db, admin, "gold", D("12"), "Gold")
    pricing.set_tier(db, admin, "vip", D("20"), "VIP")
    assert [(t.code, t.name, t.discount_pct) for t in channel_setup.list_tiers(db)] == [
        ("silver", "Silver", D(5)), ("gold", "Gold", D(12)), ("vip", "VIP", D(20))]
    with pytest.raises(ValidationFailed, match="no spaces"):
        channel_setup.check_tier("very important", D(1))


def test_dunning_levels_edited_and_used(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    levels = receivables.dunning_level_settings(db)
    assert [lv.level for lv in levels] == [1, 2, 3]
    first = levels[0]
    receivables.save_dunning_level(db, admin, receivables.DunningLevelData(
        1, 5, D("3.00"), DunningAction.NONE, "Friendly nudge for {customer}",
        "Please pay {amount} ({days} days), fee {fee}.", "", ""))
    edited = receivables.dunning_level_settings(db)[0]
    assert (edited.days_overdue, edited.fee, edited.subject_zh) == (
        5, D("3.00"), "Friendly nudge for {customer}")
    invoiced(db, admin, ids["smith"], issued=date.today() - timedelta(days=6))
    [letter] = receivables.dunning_run(db, admin)
    assert letter.subject == "Friendly nudge for Mary Smith" and letter.fee == D("3.00")
    for data, message in [
        (receivables.DunningLevelData(1, 5, subject_en="{name}", body_en="x"), "unknown field"),
        (receivables.DunningLevelData(1, 5, subject_en="a {", body_en="x"), "brace"),
        (receivables.DunningLevelData(2, 4, subject_en="a", body_en="x"), "start later"),
        (receivables.DunningLevelData(1, 5, fee=D(-1), subject_en="a", body_en="x"),
         "negative"),
    ]:
        with pytest.raises(ValidationFailed, match=message):
            receivables.save_dunning_level(db, admin, data)
    assert receivables.dunning_level_settings(db)[1].days_overdue == levels[1].days_overdue
    receivables.save_dunning_level(db, admin, receivables.DunningLevelData(
        4, 90, D(0), DunningAction.HOLD, first.subject_en, first.body_en))
    receivables.remove_dunning_level(db, admin, 4)
    assert [lv.level for lv in receivables.dunning_level_settings(db)] == [1, 2, 3]
