"""pytest-qt: the price explanation widget and the backorder choice dialog."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.db.engine import Database
from app.domain.allocation import Choice
from app.services import allocation, orders, pricing
from app.services.context import Actor
from app.services.pricing import PromotionData
from app.ui.dialogs.allocation import AllocationDialog
from app.ui.widgets.price_explanation import PriceExplanation
from tests.factories import make_shop


def test_explanation_shows_each_step(qtbot, db: Database, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    ids = make_shop(db, admin)
    pricing.save_promotion(db, admin, PromotionData("Summer", "percent", value=Decimal(10)))
    view = orders.create_draft(db, admin, ids["wang"])
    view = orders.add_line(db, admin, view.id, view.version, "MUG-01", 2)
    widget = PriceExplanation()
    qtbot.addWidget(widget)
    widget.show_json(view.lines[0].price_explanation)
    m = widget.model
    rows = [[m.data(m.index(r, c)) for c in range(3)] for r in range(m.rowCount())]
    assert rows == [["List price 25.00 × 2", "", "50.00"],
                    ["Summer −10 %", "-5.00", "45.00"],
                    ["Final", "", "45.00"]]
    assert widget.summary.text() == "50.00 → 45.00 (saved 5.00)"


def test_backorder_dialog_offers_choices_and_confirm_uses_them(qtbot, db: Database,  # type: ignore[no-untyped-def]
                                                               admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=3)
    allocation.set_substitutes(db, admin, ids["lamp"], [ids["tee"]])
    view = orders.create_draft(db, admin, ids["wang"])
    view = orders.add_line(db, admin, view.id, view.version, "LAMP-01", 5)
    dialog = AllocationDialog(allocation.shortages(db, view.id))
    qtbot.addWidget(dialog)
    combo = dialog.combos[view.lines[0].id]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["Ship 3 now, backorder 2", "Wait for all 5", "Cancel this line",
                      "Substitute TEE-01 (3 available)"]
    combo.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.choices()[view.lines[0].id].choice is Choice.WAIT_ALL
    done = orders.confirm(db, admin, view.id, view.version, choices=dialog.choices())
    assert done.status == "backordered"
