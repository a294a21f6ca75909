"""Import shop data dialog: choose a file, map columns with the intake mapping dialog,
check, import; bad rows listed with line and reason, good rows all written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import CustomerOpeningBalance, Product
from app.services import catalog, shop_import
from app.services.context import Actor
from app.ui.dialogs.column_mapping import ColumnMappingDialog
from app.ui.dialogs.shop_import import ShopImportDialog
from tests.factories import make_shop


def _count(db: Database, model: type) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _dialog(qtbot: QtBot, db: Database, actor: Actor) -> ShopImportDialog:
    dialog = ShopImportDialog(db, actor, "CNY")
    qtbot.addWidget(dialog)
    return dialog


def test_products_csv_mapped_checked_and_imported(
        qtbot: QtBot, ui_db: Database, admin: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_shop(ui_db, admin, stock_qty=0)
    path = tmp_path / "old-shop.csv"
    path.write_bytes("Item;Label;Retail;EAN;Count\r\n"
                     "OLD-1;Teapot 茶壶;88,00;6920000000036;4\r\n"
                     "OLD-2;;5;;1\r\n"
                     "OLD-3;Saucer;abc;;1\r\n"
                     "OLD-4;Spoon;2.5;;\r\n".encode("gb18030"))
    dialog = _dialog(qtbot, ui_db, admin)
    dialog.set_file(path)
    # "Item", "Label", "Retail" are not recognised names: the dialog asks for a mapping.
    assert "sku, name, price" in dialog.summary_label.text()
    assert dialog.mapping == {"barcode": "EAN"}

    def fill(mapping_dialog: ColumnMappingDialog) -> int:
        assert "order_ref" not in mapping_dialog.combos  # product fields, not order fields
        for name, header in (("sku", "Item"), ("name", "Label"), ("price", "Retail"),
                             ("stock", "Count")):
            mapping_dialog.set_column(name, header)
        return int(ColumnMappingDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ColumnMappingDialog, "exec", fill)
    before = _count(ui_db, Product)
    assert dialog.edit_mapping()
    # The mapping is kept for the next products file; the check ran and wrote nothing.
    saved = shop_import.saved_mapping(ui_db, "product")
    assert saved is not None and saved.columns["sku"] == "Item"
    assert "would import 2 products, 2 rows not imported" in dialog.summary_label.text()
    assert _count(ui_db, Product) == before
    assert dialog.preview.rowCount() == 4
    last = dialog.preview.columnCount() - 1
    assert dialog.preview.item(1, last).text() == "the product OLD-2 has no name"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.imported == 2
    assert "Imported 2 products, 2 rows not imported" in dialog.summary_label.text()
    assert "Opening stock: 4 units" in dialog.summary_label.text()
    problems = dialog.problems.toPlainText()
    assert "line 3: the product OLD-2 has no name" in problems
    assert "line 4: price 'abc' is not a number" in problems
    assert _count(ui_db, Product) == before + 2
    teapot = catalog.lookup_product(ui_db, "6920000000036")
    assert teapot is not None and teapot.sku == "OLD-1" and teapot.list_price == Decimal("88.00")
    assert not dialog.import_button.isEnabled()


def test_customers_xlsx_with_balances(qtbot: QtBot, ui_db: Database, admin: Actor,
                                      tmp_path: Path) -> None:
    make_shop(ui_db, admin)
    wb = Workbook()
    ws = wb.active
    ws.append(["客户编码", "客户名称", "手机", "城市", "地址", "欠款"])
    ws.append(["OLD-C1", "王芳", "13800000001", "上海市", "南京西路1号", 320.5])
    ws.append(["OLD-C2", None, "13800000002", "", "", 10])
    ws.append(["OLD-C3", "李雷", "13800000003", "北京市", "长安街2号", None])
    path = tmp_path / "customers.xlsx"
    wb.save(path)
    dialog = _dialog(qtbot, ui_db, admin)
    dialog.set_kind("customer")
    dialog.set_file(path)
    assert dialog.mapping["balance"] == "欠款" and dialog.mapping["name"] == "客户名称"
    assert "would import 2 customers, 1 rows not imported" in dialog.summary_label.text()
    before = _count(ui_db, CustomerOpeningBalance)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.imported == 2
    assert dialog.report.balance_total == Decimal("320.5")
    assert "line 3: the customer's name is empty" in dialog.problems.toPlainText()
    assert _count(ui_db, CustomerOpeningBalance) == before + 1


def test_unreadable_file_is_named(qtbot: QtBot, ui_db: Database, admin: Actor,
                                  tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("not a workbook", "utf-8")
    dialog = _dialog(qtbot, ui_db, admin)
    dialog.set_file(path)
    assert "broken.xlsx is not a readable XLSX workbook" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()


def test_menu_opens_the_dialog(qtbot: QtBot, ui_db: Database, admin: Actor,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.main_window import MainWindow

    opened: list[ShopImportDialog] = []
    monkeypatch.setattr(ShopImportDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(ui_db, admin)
    qtbot.addWidget(window)
    window.shop_import_action.trigger()
    assert len(opened) == 1 and opened[0].windowTitle() == "Import shop data"
