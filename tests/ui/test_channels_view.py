"""pytest-qt: the Channels & tiers view creates and edits channel settings, channel prices
(by hand and from CSV) and member tiers; each change shows in the services that use it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.allocation import Choice
from app.domain.roles import Role
from app.services import allocation, catalog, channel_setup, orders, pricing
from app.services.catalog import CustomerData
from app.services.context import Actor
from app.ui.views.channels import ChannelsView
from tests.factories import make_shop

D = Decimal
MANAGER = Actor(None, "li", Role.MANAGER, "ws-1")


def _view(qtbot: QtBot, db: Database, actor: Actor = MANAGER) -> ChannelsView:
    view = ChannelsView(db, actor)
    qtbot.addWidget(view)
    return view


def _click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_add_and_edit_a_channel(qtbot: QtBot, ui_db: Database, admin: Actor) -> None:
    make_shop(ui_db, admin)
    view = _view(qtbot, ui_db)
    assert {"counter", "phone", "web"} <= set(view.channels)
    qtbot.keyClicks(view.new_channel, "Tmall")
    _click(qtbot, view.add_channel_button)
    assert view.current_channel() == "tmall" and view.title.text() == "tmall"
    view.invoice_at.setCurrentIndex(view.invoice_at.findData("confirm"))
    view.prepaid.setChecked(True)
    view.reservation.setValue(90)
    view.default_choice.setCurrentIndex(view.default_choice.findData("ship_and_backorder"))
    view.fee_percent.setText("3.5")
    view.fee_fixed.setText("0.80")
    with qtbot.waitSignal(view.saved):
        _click(qtbot, view.save_button)
    assert view.message.text() == "Channel tmall saved."
    saved = {c.channel: c for c in channel_setup.list_channels(ui_db)}["tmall"]
    assert (saved.invoice_at, saved.prepaid, saved.reservation_minutes, saved.default_allocation,
            saved.fee_percent, saved.fee_fixed) == (
        "confirm", True, 90, Choice.SHIP_AND_BACKORDER, D("3.5"), D("0.80"))
    with ui_db.reader() as s:  # allocation reads the same row
        row = allocation.channel_settings(s, "tmall")
        assert row is not None and row.reservation_minutes == 90
    # edit again: "never" expires, and a bad fee is named, nothing saved
    view.reservation.setValue(0)
    view.fee_percent.setText("lots")
    _click(qtbot, view.save_button)
    assert view.message.text() == "The fee percent is not a number."
    view.fee_percent.setText("3.5")
    _click(qtbot, view.save_button)
    again = {c.channel: c for c in channel_setup.list_channels(ui_db)}["tmall"]
    assert again.reservation_minutes is None


def test_channel_prices_by_hand_and_from_csv(qtbot: QtBot, ui_db: Database, admin: Actor,
                                             tmp_path: Path) -> None:
    ids = make_shop(ui_db, admin)
    view = _view(qtbot, ui_db)
    view.select_channel("web")
    qtbot.keyClicks(view.price_product, "MUG-01")
    qtbot.keyClicks(view.price_value, "19.90")
    _click(qtbot, view.set_price_button)
    assert view.price_model.rowCount() == 1
    assert view.price_model.rows[0][1] == ["MUG-01", "Mug 马克杯", "25.00", "19.90"]
    order = orders.create_draft(ui_db, admin, ids["wang"], channel="web")
    order = orders.add_line(ui_db, admin, order.id, order.version, "MUG-01", 1)
    assert order.lines[0].unit_price == D("19.90")  # pricing uses the channel price
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,price\nTEE-01,49\nGHOST,1\n", encoding="utf-8")
    view.import_prices(str(bad))
    assert "GHOST" in view.message.text() and view.price_model.rowCount() == 1
    good = tmp_path / "prices.csv"
    good.write_text("sku,price\nTEE-01,49\nLAMP-01,180.00\n", encoding="utf-8")
    view.import_prices(str(good))
    assert view.message.text() == "2 price(s) saved, 0 unchanged."
    assert [r[1][0] for r in view.price_model.rows] == ["LAMP-01", "MUG-01", "TEE-01"]
    view.price_table.selectRow(0)
    _click(qtbot, view.remove_price_button)
    assert [p.sku for p in channel_setup.channel_prices(ui_db, "web")] == ["MUG-01", "TEE-01"]


def test_member_tiers_edit_and_take_effect(qtbot: QtBot, ui_db: Database,
                                           admin: Actor) -> None:
    make_shop(ui_db, admin)
    cid = catalog.create_customer(ui_db, admin, CustomerData("Vip Chen", member_tier="vip"))
    view = _view(qtbot, ui_db)
    assert [r[1][0] for r in view.tier_model.rows] == ["silver", "gold"]
    qtbot.keyClicks(view.tier_code, "vip")
    qtbot.keyClicks(view.tier_name, "VIP")
    qtbot.keyClicks(view.tier_discount, "20")
    _click(qtbot, view.tier_save_button)
    assert view.message.text() == "Tier vip saved: 20 % off."
    assert view.tier_model.rows[-1][1] == ["vip", "VIP", "20", "1"]
    view.tier_table.setCurrentIndex(view.tier_model.index(1, 0))
    view._tier_clicked()  # the form shows the clicked tier for editing
    assert view.tier_code.text() == "gold"
    view.tier_discount.setText("abc")
    _click(qtbot, view.tier_save_button)
    assert view.message.text() == "The discount is a number of percent, e.g. 5."
    order = orders.create_draft(ui_db, admin, cid)
    order = orders.add_line(ui_db, admin, order.id, order.version, "LAMP-01", 1)
    assert order.lines[0].line_total == D("159.20")  # 199.00 less 20 %
    with ui_db.reader() as s:
        assert pricing.tier_discount(s, "vip") == D(20)


def test_clerk_cannot_change_settings(qtbot: QtBot, ui_db: Database) -> None:
    view = _view(qtbot, ui_db, Actor(None, "c", Role.COUNTER))
    assert not view.save_button.isEnabled() and not view.tier_save_button.isEnabled()
    assert not view.import_button.isEnabled()


def test_new_strings_are_translated(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from app.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        tr = QCoreApplication.translate
        assert tr("Navigation", "Channels & tiers") == "渠道与会员等级"
        assert tr("ChannelsView", "Save channel") == "保存渠道"
        assert tr("DunningLevelsDialog", "Save level") == "保存级别"
        assert tr("ChartWidget", "No data") == "无数据"
        assert tr("MainWindow", "Reservation expired unpaid — stock released, order on hold: %1"
                  ).startswith("未付款订单")
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        from PySide6.QtCore import QLocale
        QLocale.setDefault(QLocale(QLocale.Language.English))
