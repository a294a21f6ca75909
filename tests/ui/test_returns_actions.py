"""The returns view's action buttons: approve (with a manager outside the policy),
reject, cancel, refund / store credit / exchange; refusals shown in plain words; a change
made meanwhile on another workstation is refused; the return policy dialog."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import ReturnApproval, StockLevel
from app.domain.returns import Payer, ReturnReason
from app.domain.roles import Role
from app.services import orders, returns
from app.services.context import Actor
from app.services.returns import ReturnRequest
from app.ui.dialogs.approval import ManagerApprovalDialog
from app.ui.dialogs.return_policy import ReturnPolicyDialog
from app.ui.views.returns import GREEN, RED, ReturnsView, parse_exchange
from tests.services.fulfilment_helpers import shop_with_carriers
from tests.services.test_returns_service import _ship, _through_inspection


def _bench(qtbot: QtBot, db: Database, actor: Actor) -> ReturnsView:
    view = ReturnsView(db, actor)
    qtbot.addWidget(view)
    view.show()
    return view


def _on_bench(view: ReturnsView, rid: int) -> None:
    view._show(returns.get_return(view.db, rid))


def _status(view: ReturnsView, status: str) -> bool:
    return view.current is not None and view.current.status == status


def test_approve_reject_cancel_by_buttons_and_keys(qtbot: QtBot, ui_db: Database,
                                                   admin: Actor,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 3)])
    line = o.lines[0].id
    a, b, c = (returns.open_return(db, admin, [ReturnRequest(line, 1, "wrong_size")])
               for _ in range(3))
    view = _bench(qtbot, db, admin)
    buttons = view.action_buttons
    _on_bench(view, a.id)
    assert buttons["approve"].isEnabled() and not buttons["refund"].isEnabled()
    buttons["approve"].click()
    qtbot.waitUntil(lambda: _status(view, "approved"))
    assert view.banner.styleSheet() == GREEN and a.number in view.banner.text()
    assert not buttons["approve"].isEnabled() and buttons["cancel"].isEnabled()

    monkeypatch.setattr(view, "ask_text", lambda *args: "not bought here")
    _on_bench(view, b.id)
    qtbot.keyClick(view, Qt.Key.Key_F6)  # reject by its key
    qtbot.waitUntil(lambda: _status(view, "rejected"))
    _on_bench(view, c.id)
    buttons["cancel"].click()
    qtbot.waitUntil(lambda: _status(view, "cancelled"))
    qtbot.waitUntil(lambda: [r.number for r in view.open_model.rows] == [a.number])

    # Asked why, answered nothing: not rejected, and told so.
    d = returns.open_return(db, admin, [ReturnRequest(line, 1, "wrong_size")])
    _on_bench(view, d.id)
    monkeypatch.setattr(view, "ask_text", lambda *args: "")
    buttons["reject"].click()
    assert view.banner.styleSheet() == RED and "Say why" in view.banner.text()
    assert returns.get_return(db, d.id).status == "requested"


def test_outside_policy_needs_a_manager_refusal_shown(qtbot: QtBot, ui_db: Database,
                                                       admin: Actor,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk approving a late return is asked for a manager; a non-manager 'approver' is
    refused with a clear red message; a manager with a reason approves it (logged)."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "changed_mind")],
                            today=date.today() + timedelta(days=40))
    clerk = Actor(None, "clerk", Role.COUNTER, "ws1")
    view = _bench(qtbot, db, clerk)
    _on_bench(view, r.id)
    assert "Outside the policy" in view.summary.text()
    asked: list[str] = []

    def manager(why: str) -> Actor:
        asked.append(why)
        return Actor(None, "other-clerk", Role.COUNTER, "ws1")

    monkeypatch.setattr(view, "ask_manager", manager)
    monkeypatch.setattr(view, "ask_text", lambda *args: "good customer")
    view.action_buttons["approve"].click()
    qtbot.waitUntil(lambda: view.banner.styleSheet() == RED)
    assert "may not approve it; a manager must" in view.banner.text()
    assert "14 days" in asked[0]
    assert returns.get_return(db, r.id).status == "requested"

    monkeypatch.setattr(view, "ask_manager", lambda why: None)  # manager walked away
    view.action_buttons["approve"].click()
    assert "no manager approval" in view.banner.text()

    monkeypatch.setattr(view, "ask_manager",
                        lambda why: Actor(None, "boss", Role.MANAGER, "ws1"))
    view.action_buttons["approve"].click()
    qtbot.waitUntil(lambda: _status(view, "approved"))
    with db.reader() as s:
        a = s.scalars(select(ReturnApproval)).one()
        assert (a.approved_by, a.reason) == ("boss", "good customer")


def test_manager_logs_in_through_the_approval_dialog(qtbot: QtBot, ui_db: Database,
                                                     admin: Actor,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The clerk's Approve opens the manager approval dialog (the one discounts use); the
    manager who logs in there is the approver kept with the reason."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "changed_mind")],
                            today=date.today() + timedelta(days=40))
    shown: list[str] = []

    def manager_logs_in(dialog: ManagerApprovalDialog) -> int:
        shown.append(dialog.message.text())
        dialog.approver = Actor(None, "mgr", Role.MANAGER, "ws1")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ManagerApprovalDialog, "exec", manager_logs_in)
    view = _bench(qtbot, db, Actor(None, "clerk", Role.COUNTER, "ws1"))
    monkeypatch.setattr(view, "ask_text", lambda *args: "regular customer")
    _on_bench(view, r.id)
    view.action_buttons["approve"].click()
    qtbot.waitUntil(lambda: _status(view, "approved"))
    assert r.number in shown[0] and "manager" in shown[0]
    with db.reader() as s:
        assert s.scalars(select(ReturnApproval.approved_by)).one() == "mgr"


def test_resolve_by_refund_store_credit_and_exchange(qtbot: QtBot, ui_db: Database,
                                                     admin: Actor,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 2), ("TEE-01", 1)])
    mug, tee = (next(li.id for li in o.lines if li.sku == s) for s in ("MUG-01", "TEE-01"))
    r1 = _through_inspection(db, admin, [ReturnRequest(mug, 1, "wrong_size")], ["MUG-01"])
    r2 = _through_inspection(db, admin, [ReturnRequest(mug, 1, "wrong_size")], ["MUG-01"])
    r3 = _through_inspection(db, admin, [ReturnRequest(tee, 1, "wrong_size")], ["TEE-01"])
    view = _bench(qtbot, db, admin)

    _on_bench(view, r1.id)
    assert view.action_buttons["refund"].isEnabled()
    quote = returns.quote(db, r1.id)
    qtbot.waitUntil(lambda: "Would credit" in view.summary.text())
    assert f"{quote.amount:.2f}" in view.summary.text()
    monkeypatch.setattr(view, "ask_text", lambda *args: "ALIPAY-9")
    view.action_buttons["refund"].click()
    qtbot.waitUntil(lambda: _status(view, "resolved"))
    assert view.current is not None and view.current.resolution == "refund"
    assert view.current.refund_reference == "ALIPAY-9" and view.current.amount > 0
    assert "Resolved by refund" in view.summary.text()
    assert f"resolved by refund: ¥{quote.amount:.2f}" in view.banner.text()

    _on_bench(view, r2.id)
    qtbot.keyClick(view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: _status(view, "resolved"))
    assert view.current is not None and view.current.resolution == "store_credit"

    _on_bench(view, r3.id)
    defaults: list[str] = []

    def items(title: str, label: str, default: str = "") -> str:
        defaults.append(default)
        return default

    monkeypatch.setattr(view, "ask_text", items)
    view.action_buttons["exchange"].click()
    qtbot.waitUntil(lambda: _status(view, "resolved"))
    assert defaults == ["TEE-01 x1"]
    assert view.current is not None and view.current.exchange_order_id is not None
    new = orders.get_order(db, view.current.exchange_order_id)
    assert new.status == "confirmed" and r3.number in new.notes
    with db.reader() as s:
        level = s.scalars(select(StockLevel).where(StockLevel.product_id == ids["tee"])).one()
        assert level.reserved == 1


def test_bad_exchange_items_and_unknown_code(qtbot: QtBot, ui_db: Database, admin: Actor,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("TEE-01", 1)])
    r = _through_inspection(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")],
                            ["TEE-01"])
    view = _bench(qtbot, db, admin)
    _on_bench(view, r.id)
    monkeypatch.setattr(view, "ask_text", lambda *args: "TEE-01 xlots")
    view.action_buttons["exchange"].click()
    assert view.banner.styleSheet() == RED and "whole number" in view.banner.text()
    monkeypatch.setattr(view, "ask_text", lambda *args: "NO-SUCH-THING x1")
    view.action_buttons["exchange"].click()
    qtbot.waitUntil(lambda: view.banner.styleSheet() == RED and "NO-SUCH-THING"
                    in view.banner.text())
    assert returns.get_return(db, r.id).status == "inspected"


def test_change_on_another_workstation_is_refused(qtbot: QtBot, ui_db: Database, admin: Actor
                                                  ) -> None:
    """Bob cancels the return on his workstation; Ann's screen still shows it requested:
    her Approve is refused naming Bob, and her screen reloads to what is true now."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")])
    view = _bench(qtbot, db, Actor(None, "ann", Role.MANAGER, "ws1"))
    _on_bench(view, r.id)
    other = Database(db.url)
    try:
        returns.cancel_return(other, Actor(None, "bob", Role.MANAGER, "ws2"), r.id,
                              "customer kept it", r.version)
    finally:
        other.dispose()
    view.action_buttons["approve"].click()
    qtbot.waitUntil(lambda: _status(view, "cancelled"))
    assert view.banner.styleSheet() == RED
    assert "changed by bob" in view.banner.text() and "reload" in view.banner.text()
    assert not view.action_buttons["approve"].isEnabled()


def test_policy_dialog_saves_to_settings(qtbot: QtBot, ui_db: Database, admin: Actor) -> None:
    dialog = ReturnPolicyDialog(ui_db, admin)
    qtbot.addWidget(dialog)
    assert dialog.customer_pays.isChecked()
    dialog.customer_pays.setChecked(False)
    dialog.windows[ReturnReason.WRONG_SIZE].setValue(45)
    dialog.fees[ReturnReason.CHANGED_MIND].setValue(5)
    dialog.save()
    policy = returns.return_policy(ui_db)
    assert policy[ReturnReason.WRONG_SIZE].return_shipping is Payer.BUSINESS
    assert policy[ReturnReason.WRONG_SIZE].window_days == 45
    assert policy[ReturnReason.CHANGED_MIND].restocking_fee_percent == 5
    clerk = ReturnPolicyDialog(ui_db, Actor(None, "clerk", Role.COUNTER, "ws"))
    qtbot.addWidget(clerk)
    clerk.save()
    assert "clerk" in clerk.error.text() or "permission" in clerk.error.text().lower()


def test_parse_exchange() -> None:
    assert [(i.code, i.quantity) for i in parse_exchange("TEE-01 x2, MUG-01")] == [
        ("TEE-01", 2), ("MUG-01", 1)]
    with pytest.raises(ValueError, match="above 0"):
        parse_exchange("TEE-01 x0")
    with pytest.raises(ValueError, match="at least one"):
        parse_exchange(" , ")
