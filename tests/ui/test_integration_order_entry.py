"""Order entry with pricing, coupons, manual discounts, margin, credit control and the
backorder choice; confirm runs off the UI thread. SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.allocation import Choice, LineChoice
from app.domain.roles import Role
from app.services import allocation, auth, orders, pricing, receivables
from app.services.context import Actor
from app.services.pricing import CouponData, PromotionData
from app.ui.dialogs import credit_override
from app.ui.views.order_entry import OrderEntryView
from tests.factories import make_shop


def _view(db: Database, actor: Actor, qtbot: QtBot) -> OrderEntryView:
    view = OrderEntryView(db, actor)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    return view


def _wait_extras(view: OrderEntryView, qtbot: QtBot, action) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.extras_loaded, timeout=10_000):
        action()


def _user(db: Database, admin: Actor, name: str, role: Role) -> Actor:
    uid = auth.create_user(db, admin, name, "24680", role)
    return Actor(uid, name, role, "test-ws")


def test_price_explanation_coupon_reason_and_hints(ui_db: Database, admin: Actor,
                                                   qtbot: QtBot) -> None:
    """The selected line's steps are shown; a coupon that does not apply says why; the
    spend-threshold hint appears; once it applies it is listed plainly and can be removed."""
    ids = make_shop(ui_db, admin)
    pricing.save_promotion(ui_db, admin, PromotionData("Lamp week", "percent", value=D(10),
                                                       skus="LAMP-01"))
    pricing.save_promotion(ui_db, admin, PromotionData("Spend 200 get 20", "spend_threshold",
                                                       value=D(20), threshold=D(200)))
    pid = pricing.save_promotion(ui_db, admin, PromotionData("Coupon 30", "amount",
                                                             value=D(30), coupon_only=True))
    pricing.save_coupon(ui_db, admin, CouponData("SAVE30", pid, min_spend=D(300)))
    view = _view(ui_db, admin, qtbot)
    view.set_customer(ids["smith"])
    _wait_extras(view, qtbot, lambda: view.add_code("LAMP-01"))
    view.lines_table.selectRow(0)
    steps = [view.explanation.model.index(r, 0).data()
             for r in range(view.explanation.model.rowCount())]
    assert len(steps) >= 2 and any("Lamp week" in s for s in steps)
    assert "199.00 → 179.10" in view.explanation.summary.text()
    assert "Spend" in view.hints_label.text() and view.hints_label.isVisibleTo(view)

    view.coupon_edit.setText("save30")
    _wait_extras(view, qtbot, view.apply_coupon)
    assert view.message_bar.kind == "error"
    assert "SAVE30" in view.message_bar.label.text()
    assert "minimum spend 300.00" in view.message_bar.label.text()
    assert "does not apply" in view.coupon_list.item(0).text()

    _wait_extras(view, qtbot, lambda: view.add_code("LAMP-01"))
    assert view.coupon_list.item(0).text() == "SAVE30"
    assert view.order is not None and view.order.discount >= D(30)
    view.coupon_list.setCurrentRow(0)
    _wait_extras(view, qtbot, view.remove_selected_coupon)
    assert view.coupon_list.count() == 0
    assert pricing.order_summary(ui_db, view.order.id).coupons == []


def test_unknown_coupon_is_refused(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """A code that is no coupon at all is named in the error; nothing is added."""
    ids = make_shop(ui_db, admin)
    view = _view(ui_db, admin, qtbot)
    view.set_customer(ids["smith"])
    view.coupon_edit.setText("NOPE")
    view.apply_coupon()
    assert "NOPE" in view.message_bar.label.text() and view.message_bar.kind == "error"


def test_line_discount_needs_manager_above_limit(ui_db: Database, admin: Actor,
                                                 qtbot: QtBot) -> None:
    """A counter clerk gives 5 % alone; 20 % asks a manager, whose approval is recorded;
    without approval nothing changes."""
    ids = make_shop(ui_db, admin)
    clerk = _user(ui_db, admin, "clerk", Role.COUNTER)
    boss = _user(ui_db, admin, "boss", Role.MANAGER)
    view = _view(ui_db, clerk, qtbot)
    view.set_customer(ids["smith"])
    _wait_extras(view, qtbot, lambda: view.add_code("LAMP-01"))
    view.lines_table.selectRow(0)
    asked: list[D] = []
    view.ask_approval = lambda p: asked.append(p) or None  # type: ignore[method-assign]
    view.ask_line_discount = lambda sku, cur: (D(20), "loyal")  # type: ignore[method-assign]
    view.discount_selected_line()
    assert asked == [D(20)]
    assert view.order is not None and view.order.total == D("199.00")

    view.ask_line_discount = lambda sku, cur: (D(5), "scratch")  # type: ignore[method-assign]
    view.discount_selected_line()
    assert asked == [D(20)] and view.order.total == D("189.05")

    view.ask_approval = lambda p: boss  # type: ignore[method-assign]
    view.ask_line_discount = lambda sku, cur: (D(20), "loyal")  # type: ignore[method-assign]
    view.discount_selected_line()
    assert view.order.total == D("159.20")
    assert "20" in view.message_bar.label.text()


def test_margin_shown_and_warned_below_threshold(ui_db: Database, admin: Actor,
                                                 qtbot: QtBot) -> None:
    """The margin is shown to a manager; a deep discount turns it into a red warning;
    a counter clerk does not see cost figures."""
    ids = make_shop(ui_db, admin)
    view = _view(ui_db, admin, qtbot)
    view.set_customer(ids["smith"])
    _wait_extras(view, qtbot, lambda: view.add_code("LAMP-01"))
    assert "Margin: 59.8 %" in view.margin_label.text()
    assert "⚠" not in view.margin_label.text()
    view.lines_table.selectRow(0)
    view.ask_line_discount = lambda sku, cur: (D(80), "display model")  # type: ignore[method-assign]
    _wait_extras(view, qtbot, view.discount_selected_line)
    assert "⚠" in view.margin_label.text()

    clerk = _user(ui_db, admin, "clerk", Role.COUNTER)
    other = _view(ui_db, clerk, qtbot)
    with qtbot.waitSignal(other.extras_loaded, timeout=10_000):
        other.load_order(view.order.id)  # type: ignore[union-attr]
    assert not other.margin_label.isVisibleTo(other)


def test_confirm_runs_in_background_and_backorders_by_choice(ui_db: Database, admin: Actor,
                                                             qtbot: QtBot) -> None:
    """Confirm returns at once (button disabled, 'Confirming…'); a shortage asks what to do
    per line and the choice goes to orders.confirm (ship 5 now, backorder 7)."""
    ids = make_shop(ui_db, admin, stock_qty=5)
    view = _view(ui_db, admin, qtbot)
    view.set_customer(ids["smith"])
    view.add_code("MUG-01", 12)
    seen: list[list[allocation.ShortLine]] = []

    def choose(shortages: list[allocation.ShortLine]) -> dict[int, LineChoice]:
        seen.append(shortages)
        return {s.line_id: LineChoice(Choice.SHIP_AND_BACKORDER) for s in shortages}

    view.ask_allocation = choose  # type: ignore[method-assign]
    with qtbot.waitSignal(view.confirm_finished, timeout=10_000) as done:
        view.confirm()
        assert view.confirming and not view.confirm_button.isEnabled()
        assert view.confirm_button.text() == "Confirming…"
    assert done.args == [True]
    assert [(s.sku, s.wanted, s.available) for s in seen[0]] == [("MUG-01", 12, 5)]
    assert view.order is not None and view.order.status == "confirmed"
    backorders = allocation.backorders(ui_db, view.order.id)
    assert [b.quantity for b in backorders] == [7]


def test_credit_refusal_overridden_by_manager(ui_db: Database, admin: Actor, qtbot: QtBot,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the credit limit the override dialog appears; a manager's override confirms."""
    ids = make_shop(ui_db, admin)
    boss = _user(ui_db, admin, "boss", Role.MANAGER)
    receivables.set_credit(ui_db, admin, ids["smith"], credit_limit="10")
    shown: list[str] = []

    class Override:
        def __init__(self, db, refusal, workstation, parent):  # type: ignore[no-untyped-def]
            shown.append(str(refusal))
            self.approver, self.reason_text = boss, "pays cash on delivery"

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(credit_override, "CreditOverrideDialog", Override)
    view = _view(ui_db, admin, qtbot)
    view.set_customer(ids["smith"])
    view.add_code("MUG-01", 2)
    with qtbot.waitSignal(view.confirm_finished, timeout=10_000) as done:
        view.confirm()
    assert done.args == [True] and len(shown) == 1
    assert view.order is not None and view.order.status == "confirmed"
    assert orders.get_order(ui_db, view.order.id).status == "confirmed"
