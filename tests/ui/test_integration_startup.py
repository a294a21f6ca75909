"""Start-up: the first-run wizard on an empty database (applied through
setup.apply_first_run), the Settings dialog's new fields, translations from the bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.db.engine import Database
from app.services import auth
from app.services.setup import FirstRunResult
from app.ui import app as desk
from app.ui.dialogs import first_run
from app.ui.dialogs.settings import SettingsDialog


class _Wizard:
    answers: list[FirstRunResult] = []

    def __init__(self, check_connection) -> None:  # type: ignore[no-untyped-def]
        assert callable(check_connection)

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted if self.answers else QDialog.DialogCode.Rejected

    def first_run_result(self) -> FirstRunResult:
        return self.answers.pop(0)

    def wants_shop_import(self) -> bool:
        return True


def test_first_run_wizard_sets_up_empty_database(ui_db: Database,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong answer is explained and the wizard asked again; the right answers create
    the administrator and warehouse and save the company settings."""
    monkeypatch.setattr(first_run, "FirstRunWizard", _Wizard)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    _Wizard.answers = [
        FirstRunResult("Shop", "pw", "pw"),  # too short
        FirstRunResult("Lotus Tea 莲花茶", "s3cret-pass", "s3cret-pass", company_phone="021-1",
                       warehouse_code="sh1", warehouse_name="Shanghai"),
    ]
    assert auth.needs_first_admin(ui_db)
    after: list[str] = []
    got = desk.run_first_run(ui_db, ui_db.url, "ws-1", after)
    assert got is ui_db
    assert after == ["shop_import"]  # the last page's "then import my shop" was ticked
    assert len(warned) == 1 and "password" in warned[0]
    assert not auth.needs_first_admin(ui_db)
    assert auth.log_in(ui_db, "admin", "s3cret-pass", "ws-1").username == "admin"
    settings = Settings.load()
    assert (settings.company_name, settings.company_phone, settings.default_warehouse) == (
        "Lotus Tea 莲花茶", "021-1", "SH1")
    assert settings.first_run_done


def test_first_run_cancelled_returns_none(ui_db: Database,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_run, "FirstRunWizard", _Wizard)
    _Wizard.answers = []
    assert desk.run_first_run(ui_db, ui_db.url, "ws-1") is None
    assert auth.needs_first_admin(ui_db)


def test_settings_new_fields_round_trip(qtbot: QtBot) -> None:
    """Company phone/e-mail/tax number, printers, default warehouse and idle minutes are
    saved; a saved printer that is not connected stays selectable."""
    saved = Settings.load()
    saved.label_printer = "Zebra-4x6"
    saved.save()
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    combo = dialog.label_printer_combo
    assert combo.currentData() == "Zebra-4x6" and "not connected" in combo.currentText()
    assert dialog.slip_printer_combo.currentData() == ""
    dialog.company_phone_edit.setText("+86 21 5555 0000")
    dialog.company_email_edit.setText("shop@example.cn")
    dialog.company_tax_edit.setText("91310000MA1")
    dialog.warehouse_edit.setText("sh1")
    dialog.idle_spin.setValue(0)
    assert dialog.idle_spin.text() == "Never"
    dialog.idle_spin.setValue(12)
    dialog.save()
    s = Settings.load()
    assert (s.company_phone, s.company_email, s.company_tax_id) == (
        "+86 21 5555 0000", "shop@example.cn", "91310000MA1")
    assert (s.label_printer, s.slip_printer, s.default_warehouse) == ("Zebra-4x6", "", "SH1")
    assert s.idle_policy().minutes == 12


def test_translations_found_in_bundle_folder(qapp: QCoreApplication, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """When the usual place has no catalogue, resource_dir()/translations is used."""
    from app.i18n import qm_file

    built = qm_file("zh_CN")
    assert built is not None
    bundle = tmp_path / "bundle" / "resources"
    (bundle / "translations").mkdir(parents=True)
    (bundle / "translations" / "orderdesk_zh_CN.qm").write_bytes(built.read_bytes())
    monkeypatch.setattr(desk, "resource_dir", lambda: bundle)
    translators = desk.install_bundle_translator(qapp, "zh_CN", [])  # type: ignore[arg-type]
    try:
        assert len(translators) == 1
        assert QCoreApplication.translate("Navigation", "Orders") == "订单"
    finally:
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]
