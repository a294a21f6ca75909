"""Receivables view and the credit override dialog, driven like a user would."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Invoice
from app.domain.roles import Role
from app.services import auth, orders, receivables
from app.services.context import Actor
from app.ui.dialogs.credit_override import CreditOverrideDialog, confirm_with_credit_control
from app.ui.views.receivables import ReceivablesView
from tests.factories import make_shop
from tests.services.receivables_helpers import draft, invoiced

D = Decimal


def _select_customer(view: ReceivablesView, customer_id: int) -> None:
    view.pay_customer.setCurrentIndex(view.pay_customer.findData(customer_id))


def test_recording_a_payment(qtbot: QtBot, db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    inv = invoiced(db, admin, ids["wang"], "LAMP-01")
    view = ReceivablesView(db, admin)
    qtbot.addWidget(view)
    _select_customer(view, ids["wang"])
    assert view.invoice_model.rowCount() == 1
    qtbot.keyClicks(view.pay_amount, "250.00")
    qtbot.keyClicks(view.pay_reference, "TT 4711")
    qtbot.mouseClick(view.pay_button, Qt.MouseButton.LeftButton)
    assert "199.00 allocated" in view.status.text() and "51.00 kept as credit" in \
        view.status.text()
    assert view.invoice_model.rowCount() == 0
    with db.reader() as s:
        row = s.get(Invoice, inv)
        assert row is not None and row.status == "paid"


def test_bad_amount_is_shown_not_raised(qtbot: QtBot, db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    view = ReceivablesView(db, admin)
    qtbot.addWidget(view)
    _select_customer(view, ids["wang"])
    qtbot.keyClicks(view.pay_amount, "abc")
    qtbot.mouseClick(view.pay_button, Qt.MouseButton.LeftButton)
    assert "not an amount" in view.status.text()


def test_ageing_loads_off_the_ui_thread(qtbot: QtBot, db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"], issued=date.today() - timedelta(days=45))
    view = ReceivablesView(db, admin)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load_ageing()
    model = view.ageing_model
    assert model.rowCount() == 1
    assert model.index(0, model.FIRST_BUCKET + 2).data() == "25.00"  # 31–60
    assert "25.00" in view.ageing_total.text()


def test_statement_pdf_and_dunning(qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"], issued=date.today() - timedelta(days=20))
    view = ReceivablesView(db, admin)
    qtbot.addWidget(view)
    target = tmp_path / "st.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    view.st_from.setDate(view.st_from.date().addDays(-60))
    assert view.save_statements() == target
    assert "王伟" in PdfReader(str(target)).pages[0].extract_text()
    view.run_dunning()
    assert view.letter_model.rowCount() == 1
    view.letter_table.selectRow(0)
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    assert "1 letter(s) queued" in view.status.text()
    assert [h.status for h in receivables.letters(db, customer_id=ids["wang"])] == ["sent"]


def _manager(db: Database, admin: Actor) -> None:
    auth.create_user(db, admin, "boss", "correct-horse", Role.MANAGER)
    auth.create_user(db, admin, "ann", "another-pass", Role.COUNTER)


def test_refused_confirmation_with_manager_override(qtbot: QtBot, db: Database, admin: Actor,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the limit: the dialog shows why; a wrong password and a clerk are refused;
    the manager with a reason gets the order confirmed, audited under their name."""
    ids = make_shop(db, admin)
    _manager(db, admin)
    receivables.set_credit(db, admin, ids["wang"], credit_limit=D("100"))
    clerk = Actor(None, "lee", Role.COUNTER, "ws-1")
    order = draft(db, clerk, ids["wang"], "LAMP-01")
    seen: list[str] = []
    attempts = iter([("boss", "wrong", "big client"), ("ann", "another-pass", "trust me"),
                     ("boss", "correct-horse", "big client, pays on delivery")])

    def fake_exec(dialog: CreditOverrideDialog) -> int:
        qtbot.addWidget(dialog)
        seen.append(dialog.message.text())
        user, pw, why = next(attempts)
        if user == "boss" and pw == "wrong":
            dialog.username.setText(user)
            dialog.password.setText(pw)
            dialog.reason.setPlainText(why)
            qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
            assert dialog.result() != QDialog.DialogCode.Accepted
            assert "wrong password" in dialog.error.text()
            user, pw, why = next(attempts)
        dialog.username.setText(user)
        dialog.password.setText(pw)
        dialog.reason.setPlainText(why)
        qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CreditOverrideDialog, "exec", fake_exec)
    result = confirm_with_credit_control(None, db, clerk, order.id, order.version)
    assert result is not None and result.status == "confirmed"
    assert "limit 100.00" in seen[0] and "this order 199.00" in seen[0]
    assert "may not override" in seen[1]  # the clerk who logged in is no manager
    from app.db.models import AuditEntry

    with db.reader() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "credit_override"))
        assert entry is not None and entry.username == "boss"


def test_refused_confirmation_cancelled(qtbot: QtBot, db: Database, admin: Actor,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ids = make_shop(db, admin)
    receivables.set_hold(db, admin, ids["wang"], True, "bounced cheque")
    order = draft(db, admin, ids["wang"])
    monkeypatch.setattr(CreditOverrideDialog, "exec",
                        lambda self: QDialog.DialogCode.Rejected.value)
    assert confirm_with_credit_control(None, db, admin, order.id, order.version) is None
    assert orders.get_order(db, order.id).status == "draft"


def test_override_needs_a_reason(qtbot: QtBot, db: Database, admin: Actor) -> None:
    refusal = receivables.CreditRefused("refused", customer_id=1, limit=None,
                                        outstanding=D(0), order_total=D(0), on_hold=True)
    dialog = CreditOverrideDialog(db, refusal)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    assert "reason is required" in dialog.error.text()
