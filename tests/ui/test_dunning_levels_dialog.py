"""pytest-qt: the dunning levels editor from the Receivables view — create, edit, bad
input named; the next dunning run uses what was saved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.receivables import DunningAction
from app.domain.roles import Role
from app.services import receivables
from app.services.context import Actor
from app.ui.dialogs.dunning_levels import DunningLevelsDialog
from app.ui.views.receivables import ReceivablesView
from tests.factories import make_shop
from tests.services.receivables_helpers import invoiced

FINANCE = Actor(None, "fang", Role.FINANCE, "ws-1")


def _dialog(qtbot: QtBot, db: Database) -> DunningLevelsDialog:
    view = ReceivablesView(db, FINANCE)
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(3)
    assert view.levels_button.isVisible() or view.levels_button.isEnabled()
    dialog = view.open_dunning_levels(modal=False)
    assert isinstance(dialog, DunningLevelsDialog)
    return dialog


def _save(qtbot: QtBot, dialog: DunningLevelsDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_edit_a_level_and_the_run_uses_it(qtbot: QtBot, ui_db: Database, admin: Actor) -> None:
    ids = make_shop(ui_db, admin)
    dialog = _dialog(qtbot, ui_db)
    assert [r[1][:2] for r in dialog.model.rows] == [["1", "7"], ["2", "30"], ["3", "60"]]
    dialog.table.clicked.emit(dialog.model.index(0, 0))
    dialog.days.setValue(3)
    dialog.fee.setText("5")
    dialog.subject_en.setText("Reminder for {customer}")
    dialog.subject_zh.setText("{customer}，付款提醒")
    with qtbot.waitSignal(dialog.saved):
        _save(qtbot, dialog)
    assert dialog.message.text() == "Level 1 saved."
    assert dialog.model.rows[0][1][:3] == ["1", "3", "5.00"]
    receivables.set_credit(ui_db, admin, ids["wang"], terms="NET7", language="zh")
    invoiced(ui_db, admin, ids["wang"], issued=date.today() - timedelta(days=11))
    [letter] = receivables.dunning_run(ui_db, admin)
    assert (letter.level, letter.subject, letter.fee) == (1, "王伟，付款提醒", Decimal("5.00"))


def test_create_a_level_and_bad_input(qtbot: QtBot, ui_db: Database) -> None:
    dialog = _dialog(qtbot, ui_db)
    dialog.level.setValue(4)
    dialog.days.setValue(90)
    dialog.fee.setText("80")
    dialog.action.setCurrentIndex(dialog.action.findData("hold"))
    dialog.subject_en.setText("Account closed for {name}")
    dialog.body_en.setPlainText("{amount} unpaid.")
    dialog.subject_zh.clear()  # the form started from level 1's letter
    dialog.body_zh.clear()
    _save(qtbot, dialog)
    assert "unknown field {name}" in dialog.message.text()
    dialog.subject_en.setText("Account closed")
    dialog.fee.setText("eighty")
    _save(qtbot, dialog)
    assert dialog.message.text() == "The fee is not an amount."
    dialog.fee.setText("80")
    dialog.days.setValue(45)  # earlier than level 3
    _save(qtbot, dialog)
    assert "Level 4 must start later than level 3" in dialog.message.text()
    dialog.days.setValue(90)
    _save(qtbot, dialog)
    levels = receivables.dunning_level_settings(ui_db)
    assert [(lv.level, lv.days_overdue, lv.action) for lv in levels][-1] == (
        4, 90, DunningAction.HOLD)
    assert levels[-1].body_zh == "{amount} unpaid."  # the English text stands in
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 3
