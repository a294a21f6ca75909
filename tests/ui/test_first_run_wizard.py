"""The first-run wizard, driven page by page as a shop owner would."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.db.engine import Database
from app.services import auth, setup
from app.ui.dialogs.first_run import PDF_FILE, FirstRunWizard


class FakeConnections:
    """Stands in for setup.check_connection: remembers the URLs it was asked about."""

    def __init__(self, answer: str | None = None) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, url: str) -> str | None:
        self.asked.append(url)
        return self.answer


def _next(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is disabled on {wizard.currentPage().title()!r}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def wizard(qtbot: QtBot) -> FirstRunWizard:
    w = FirstRunWizard(check_connection=FakeConnections())
    qtbot.addWidget(w)
    w.show()
    return w


def _fill_company(qtbot: QtBot, w: FirstRunWizard) -> None:
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()  # name is required
    qtbot.keyClicks(w.company.name, "Happy Mugs")
    w.company.name.setText(w.company.name.text() + " 快乐杯子")  # IME text: keyClicks is Latin only
    w.company.address.setPlainText("深圳市南山区科技园南路88号")
    w.company.currency.setCurrentText("HKD")
    w.company.language.setCurrentIndex(w.company.language.findData("zh_CN"))
    _next(qtbot, w)


def _fill_admin(qtbot: QtBot, w: FirstRunWizard, password: str = "s3cret!") -> None:
    qtbot.keyClicks(w.admin.password, password)
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()  # repeat missing
    assert "not the same" in w.admin.hint.text()
    qtbot.keyClicks(w.admin.repeat, password)
    _next(qtbot, w)


def test_local_setup_page_by_page(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    """Company → local database → admin → warehouse → printers → demo: the result holds it all."""
    _fill_company(qtbot, wizard)
    assert wizard.currentPage() is wizard.database
    _next(qtbot, wizard)  # local is the default and needs no test
    _fill_admin(qtbot, wizard)
    wizard.warehouse.code.clear()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(wizard.warehouse.code, "sz1")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.printers
    assert wizard.printers.choice("label") == PDF_FILE
    _next(qtbot, wizard)
    wizard.finish.demo.setChecked(True)
    assert not wizard.wants_shop_import()
    wizard.finish.import_shop.setChecked(True)  # the desk opens Import shop data next
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.wants_shop_import()
    r = wizard.first_run_result()
    assert (r.company_name, r.currency, r.language) == ("Happy Mugs 快乐杯子", "HKD", "zh_CN")
    assert r.company_address == "深圳市南山区科技园南路88号"
    assert r.database_url == "" and r.admin_username == "admin"
    assert r.admin_password == r.admin_password_repeat == "s3cret!"
    assert (r.warehouse_code, r.label_printer, r.load_demo_data) == ("SZ1", "", True)
    assert setup.validate(r) == []


def test_short_password_keeps_next_disabled(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    _fill_company(qtbot, wizard)
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.admin.password, "abc")
    qtbot.keyClicks(wizard.admin.repeat, "abc")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "at least" in wizard.admin.hint.text()


def test_shared_database_needs_a_passing_connection_test(qtbot: QtBot) -> None:
    """Next stays disabled until the typed server passes the test; editing it resets that."""
    fake = FakeConnections(answer="Cannot connect to PostgreSQL: connection refused")
    w = FirstRunWizard(check_connection=fake)
    qtbot.addWidget(w)
    w.show()
    _fill_company(qtbot, w)
    page = w.database
    page.shared.setChecked(True)
    page.host.setText("db.shop.lan")
    page.password.setText("pw")
    next_button = w.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert fake.asked == ["postgresql://orderdesk:pw@db.shop.lan:5432/orderdesk"]
    assert "connection refused" in page.status.text() and not next_button.isEnabled()
    fake.answer = None
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert next_button.isEnabled() and page.status.text() == "Connected."
    page.database.setText("other")  # a changed address must be tested again
    assert not next_button.isEnabled()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    _next(qtbot, w)
    assert w.first_run_result().database_url == "postgresql://orderdesk:pw@db.shop.lan:5432/other"


def test_test_print_to_pdf(qtbot: QtBot, wizard: FirstRunWizard, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """With "PDF file" chosen the test label is a 4×6 in PDF page with the test text."""
    target = tmp_path / "label-test.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    assert wizard.printers.test_print("label") == str(target)
    page = PdfReader(target).pages[0]
    width_in = float(page.mediabox.width) / 72
    height_in = float(page.mediabox.height) / 72
    assert round(width_in, 1) == 4.0 and round(height_in, 1) == 6.0
    assert "OrderDesk test page" in " ".join(page.extract_text().split())
    assert str(target) in wizard.printers.status.text()


def test_wizard_result_sets_up_a_database(qtbot: QtBot, wizard: FirstRunWizard,
                                          db: Database) -> None:
    """End to end: the wizard's answers go through apply_first_run into a working desk."""
    _fill_company(qtbot, wizard)
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard, "counter-pass")
    result = wizard.first_run_result()
    result.database_url = db.url
    setup.apply_first_run(result, Settings(), db)
    assert auth.log_in(db, "admin", "counter-pass").role.value == "admin"
    assert Settings.load().currency == "HKD"
