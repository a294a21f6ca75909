"""pytest-qt: the promotions view saves, disables and previews on an order."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from app.db.engine import Database
from app.domain.roles import Role
from app.services import orders, pricing
from app.services.context import Actor
from app.ui.views.promotions import PromotionsView
from tests.factories import make_shop


def test_create_try_and_disable(qtbot, db: Database, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    ids = make_shop(db, admin)
    order = orders.create_draft(db, admin, ids["wang"])
    order = orders.add_line(db, admin, order.id, order.version, "LAMP-01", 2)
    view = PromotionsView(db, Actor(None, "li", Role.MANAGER))
    qtbot.addWidget(view)
    qtbot.keyClicks(view.name, "Spend 300 get 30")
    view.kind.setCurrentIndex(view.kind.findData("spend_threshold"))
    qtbot.keyClicks(view.value, "30")
    qtbot.keyClicks(view.threshold, "300")
    qtbot.keyClicks(view.order_number, order.number)
    qtbot.mouseClick(view.try_button, Qt.MouseButton.LeftButton)
    assert view.preview.text().startswith("Now 398.00, with this promotion 368.00.")
    assert pricing.list_promotions(db) == []
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 0)) == "Spend 300 get 30"
    # kinds in words, in the list and in the editor (the stored code stays the data)
    assert view.model.data(view.model.index(0, view.model.COL_KIND)) == "Spend and save"
    assert view.kind.currentText() == "Spend and save"
    assert view.kind.currentData() == "spend_threshold"
    view.table.clicked.emit(view.model.index(0, 0))
    qtbot.mouseClick(view.toggle_button, Qt.MouseButton.LeftButton)
    assert view.model.data(view.model.index(0, 4)) == "no"
    assert pricing.list_promotions(db)[0].data.value == Decimal(30)


def test_bad_input_is_explained_and_clerk_cannot_save(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    view = PromotionsView(db, Actor(None, "li", Role.MANAGER))
    qtbot.addWidget(view)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == "A promotion needs a name."
    clerk = PromotionsView(db, Actor(None, "c", Role.COUNTER))
    qtbot.addWidget(clerk)
    assert not clerk.save_button.isEnabled()
