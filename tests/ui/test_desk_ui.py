"""The desk as a clerk uses it: log in, views per role, order list, order entry by typing
and by scans, confirm, stock, concurrent changes, settings. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Order
from app.domain.roles import Role
from app.services import auth, catalog, demo, orders
from app.services.catalog import ProductData
from app.services.context import Actor
from app.ui.dialogs.login import FirstRunDialog, LoginDialog
from app.ui.main_window import VIEWS, MainWindow
from app.ui.models.orders_table import OrdersTableModel
from app.ui.views.order_entry import OrderEntryView
from app.ui.views.orders import OrdersView
from app.ui.views.stock import StockView
from tests.factories import make_shop

# Valid GS1 codes (check digits right): one unit and a case of 12.
UNIT_EAN = "6920000000050"
CASE_GTIN = "16920000000057"


def _user(db: Database, admin: Actor, role: Role, password: str = "1234") -> Actor:
    name = f"{role.value}1"
    uid = auth.create_user(db, admin, name, password, role)
    return Actor(uid, name, role, "test-ws")


def _scanned_shop(db: Database, admin: Actor, stock_qty: int = 30) -> dict[str, int]:
    ids = make_shop(db, admin, stock_qty=stock_qty)
    ids["cup"] = catalog.create_product(db, admin, ProductData(
        "CUP-01", "Cup 杯子", Decimal("12.00"), barcodes=[(UNIT_EAN, 1), (CASE_GTIN, 12)]))
    from app.services import stock
    stock.receive(db, admin, ids["cup"], ids["warehouse"], stock_qty, "opening stock")
    return ids


def _accept(dialog: LoginDialog | FirstRunDialog, qtbot: QtBot) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


# --------------------------------------------------------------------------- log-in

def test_login_dialog_accepts_right_password(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """The right password logs in and yields the user's actor."""
    auth.create_user(ui_db, admin, "clerk", "2468", Role.COUNTER)
    dialog = LoginDialog(ui_db, "ws-1")
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("clerk")
    dialog.password_edit.setText("2468")
    _accept(dialog, qtbot)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role is Role.COUNTER
    assert dialog.actor.workstation == "ws-1"


def test_demo_start_says_how_to_log_in(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """Started with --demo on demo data, the dialog names the demo administrator and its
    password and has the user filled in; on a database without the demo users it names
    nothing (a real shop's passwords are not the README's)."""
    assert not demo.has_demo_users(ui_db)
    demo.generate(ui_db, customers=5, products=5, orders=5)
    assert demo.has_demo_users(ui_db)
    dialog = LoginDialog(ui_db, "ws-1", demo=True)
    qtbot.addWidget(dialog)
    assert dialog.demo_hint is not None
    assert "admin123" in dialog.demo_hint.text() and "README" in dialog.demo_hint.text()
    assert dialog.user_edit.text() == "admin"
    dialog.password_edit.setText("admin123")  # what the hint says works
    _accept(dialog, qtbot)
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    plain = LoginDialog(ui_db, "ws-1")
    qtbot.addWidget(plain)
    assert plain.demo_hint is None and plain.user_edit.text() == ""


def test_login_dialog_refuses_wrong_password(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """A wrong password stays in the dialog with a plain message."""
    auth.create_user(ui_db, admin, "clerk", "2468", Role.COUNTER)
    dialog = LoginDialog(ui_db, "ws-1")
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("clerk")
    dialog.password_edit.setText("0000")
    _accept(dialog, qtbot)
    assert dialog.actor is None
    assert dialog.result() != LoginDialog.DialogCode.Accepted
    assert "wrong password" in dialog.error_label.text()
    assert dialog.password_edit.text() == ""


def test_first_run_creates_admin(ui_db: Database, qtbot: QtBot) -> None:
    """With no users the first-run dialog creates the administrator (passwords must match)."""
    assert auth.needs_first_admin(ui_db)
    dialog = FirstRunDialog(ui_db, "ws-1")
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("s3cret!")
    dialog.repeat_edit.setText("s3cret?")
    _accept(dialog, qtbot)
    assert auth.needs_first_admin(ui_db)
    assert "not the same" in dialog.error_label.text()
    dialog.repeat_edit.setText("s3cret!")
    _accept(dialog, qtbot)
    assert not auth.needs_first_admin(ui_db)
    assert auth.log_in(ui_db, "admin", "s3cret!").role is Role.ADMIN


# --------------------------------------------------------------------------- main window

@pytest.mark.parametrize("role, expected", [
    (Role.COUNTER, ["orders", "order_entry", "intake", "stock", "returns", "exceptions"]),
    (Role.WAREHOUSE, ["orders", "stock", "shipping", "production", "returns", "exceptions"]),
    (Role.FINANCE, ["orders", "stock", "receivables", "profit"]),
    (Role.ADMIN, [v.key for v in VIEWS]),
])
def test_main_window_shows_views_per_role(
    ui_db: Database, admin: Actor, qtbot: QtBot, role: Role, expected: list[str]
) -> None:
    """Each role sees only the views it may use; the status bar says who and where."""
    actor = _user(ui_db, admin, role)
    window = MainWindow(ui_db, actor)
    qtbot.addWidget(window)
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert keys == expected
    assert actor.username in window.user_label.text()
    assert "test-ws" in window.ws_label.text()
    assert ui_db.describe() in window.db_label.text()


# --------------------------------------------------------------------------- order list

def test_orders_list_pages_lazily_and_searches(ui_db: Database, qtbot: QtBot) -> None:
    """600 demo orders arrive 200 at a time; search and status filter run in the database."""
    demo.generate(ui_db, customers=50, products=30, orders=600)
    view = OrdersView(ui_db, Actor(None, "t", Role.ADMIN, "ws"))
    qtbot.addWidget(view)
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 200 and not model.loading)
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 400 and not model.loading)
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == 600
    ids = [r.id for r in model.rows()]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 600

    with ui_db.reader() as s:
        all_orders = s.execute(select(Order.number, Order.customer_name, Order.phone,
                                      Order.status)).all()
    # exact order number
    qtbot.keyClicks(view.search_edit, "SO-000123")
    qtbot.waitUntil(lambda: [r.number for r in model.rows()] == ["SO-000123"])
    # a phone fragment: the same orders a full scan finds
    fragment = all_orders[7].phone[-6:]
    expected = sorted(n for n, c, p, _ in all_orders if fragment in f"{n} {c} {p}")
    view.search_edit.setText(fragment)
    qtbot.waitUntil(lambda: not model.loading
                    and sorted(r.number for r in model.rows()) == expected)
    # status filter
    view.search_edit.clear()
    view.status_combo.setCurrentIndex(view.status_combo.findData("draft"))
    drafts = sum(1 for *_, st in all_orders if st == "draft")
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == drafts
                    and view.search_edit.text() == "")
    assert {r.status for r in model.rows()} == {"draft"}


def test_orders_model_short_search_uses_number_or_name_prefix(ui_db: Database, admin: Actor,
                                                              qtbot: QtBot) -> None:
    """Below three characters (no trigrams) the search is a prefix of number or name."""
    ids = make_shop(ui_db, admin)
    orders.create_draft(ui_db, admin, customer_id=ids["wang"])
    orders.create_draft(ui_db, admin, customer_id=ids["smith"])
    model = OrdersTableModel(ui_db)
    model.set_filter("王伟", None)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 1)
    assert model.row_at(0) is not None and model.row_at(0).customer_name == "王伟"  # type: ignore[union-attr]
    # The same on both databases (PostgreSQL: text_pattern_ops indexes, revision 1800):
    # one character of the name's start, the number's start in any case, not a middle part.
    model.set_filter("王", None)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 1)
    model.set_filter("so", None)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 2)
    model.set_filter("伟", None)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 0)


def test_orders_view_refresh_updates_rows_in_place(ui_db: Database, admin: Actor,
                                                   qtbot: QtBot) -> None:
    """A live refresh changes only what changed: an edited row, a new order on top, an order
    that left the filter gone — and the clerk's selected order stays selected."""
    ids = make_shop(ui_db, admin)
    a = orders.create_draft(ui_db, admin, customer_id=ids["wang"])
    b = orders.create_draft(ui_db, admin, customer_id=ids["smith"])
    c = orders.create_draft(ui_db, admin, customer_id=ids["wang"])
    view = OrdersView(ui_db, admin)
    qtbot.addWidget(view)
    model = view.model
    view.status_combo.setCurrentIndex(view.status_combo.findData("draft"))
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 3)
    view.table.selectRow(1)  # b
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    orders.update_header(ui_db, admin, b.id, b.version, customer_name="Renamed 改名")
    orders.cancel(ui_db, admin, c.id, c.version, "customer called")
    d = orders.create_draft(ui_db, admin, customer_id=ids["smith"])
    view.refresh()
    qtbot.waitUntil(lambda: not model.loading
                    and [r.id for r in model.rows()] == [d.id, b.id, a.id])
    assert model.rows()[1].customer_name == "Renamed 改名"
    assert view.table.currentIndex().row() == 1  # still b
    assert view.count_label.text().endswith("3")
    assert resets == []  # no reset: scroll position and selection are kept

    view.refresh()  # nothing changed: nothing moves
    qtbot.waitUntil(lambda: not model.loading)
    assert [r.id for r in model.rows()] == [d.id, b.id, a.id] and resets == []


# --------------------------------------------------------------------------- order entry

def test_order_entry_by_typing_confirm_and_stock(ui_db: Database, admin: Actor,
                                                 qtbot: QtBot) -> None:
    """Type SKUs and a case barcode, confirm with Ctrl+Enter, see the reservation in Stock."""
    ids = _scanned_shop(ui_db, admin, stock_qty=30)
    clerk = _user(ui_db, admin, Role.COUNTER)
    view = OrderEntryView(ui_db, clerk)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # shortcuts (Ctrl+Enter) need an active window
    view.set_customer(ids["wang"])
    assert view.order is not None and view.order.customer_name == "王伟"
    qtbot.keyClicks(view.code_edit, "mug-01")
    qtbot.keyClick(view.code_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(view.code_edit, CASE_GTIN)
    qtbot.keyClick(view.code_edit, Qt.Key.Key_Return)
    assert [(li.sku, li.quantity) for li in view.order.lines] == [("MUG-01", 1), ("CUP-01", 12)]
    assert view.total_label.text() == "¥169.00"
    # +/- on the selected line, Delete removes
    view.lines_table.setFocus()
    view.lines_table.selectRow(1)
    qtbot.keyClick(view.lines_table, Qt.Key.Key_Plus)
    assert view.order.lines[1].quantity == 13
    qtbot.keyClick(view.lines_table, Qt.Key.Key_Minus)
    qtbot.keyClick(view.lines_table, Qt.Key.Key_Minus)
    assert view.order.lines[1].quantity == 11
    view.lines_table.selectRow(0)
    qtbot.keyClick(view.lines_table, Qt.Key.Key_Delete)
    assert [(li.sku, li.quantity) for li in view.order.lines] == [("CUP-01", 11)]
    with qtbot.waitSignal(view.confirm_finished, timeout=10_000):
        qtbot.keyClick(view.code_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.order.status == "confirmed"
    assert "confirmed" in view.message_bar.label.text()

    stock_view = StockView(ui_db, clerk)
    qtbot.addWidget(stock_view)
    qtbot.waitUntil(lambda: not stock_view.model.loading and stock_view.model.rowCount() == 4)
    row = stock_view.model.row_at(stock_view.model.find_product(ids["cup"]))
    assert row is not None and (row.on_hand, row.reserved, row.available) == (30, 11, 19)
    assert not stock_view.receive_button.isVisible() or not stock_view.receive_button.isVisibleTo(
        stock_view)


def test_order_entry_shortage_lists_what_is_missing(ui_db: Database, admin: Actor,
                                                    qtbot: QtBot) -> None:
    """Confirming more than is free names each short SKU and reserves nothing."""
    ids = _scanned_shop(ui_db, admin, stock_qty=5)
    view = OrderEntryView(ui_db, admin)
    qtbot.addWidget(view)
    view.set_customer(ids["smith"])
    assert view.add_code(CASE_GTIN)
    view.ask_allocation = lambda shortages: None  # type: ignore[method-assign]  # clerk cancels
    with qtbot.waitSignal(view.confirm_finished, timeout=10_000):
        view.confirm()
    assert view.order is not None and view.order.status == "draft"
    text = view.message_bar.label.text()
    assert "CUP-01" in text and "12" in text and "5" in text
    assert view.message_bar.kind == "error"


def test_scans_in_main_window_add_lines_and_open_orders(ui_db: Database, admin: Actor,
                                                        qtbot: QtBot) -> None:
    """Scanner signals reach the view on screen; a bad code flashes red with the reason."""
    ids = _scanned_shop(ui_db, admin)
    clerk = _user(ui_db, admin, Role.COUNTER)
    window = MainWindow(ui_db, clerk)
    qtbot.addWidget(window)
    window.show()
    assert window.scanner is not None
    window.new_order()
    entry = window.views["order_entry"]
    assert isinstance(entry, OrderEntryView)
    window.scanner.scanned.emit("]E0" + UNIT_EAN)
    window.scanner.scanned.emit("]C101" + CASE_GTIN + "10LOT7")
    window.scanner.scanned.emit("TEE-01")
    assert entry.order is not None
    assert [(li.sku, li.quantity) for li in entry.order.lines] == [("CUP-01", 13), ("TEE-01", 1)]
    number = entry.order.number

    window.scanner.scanned.emit("6920000000051")  # wrong check digit
    assert "check digit" in window.statusBar().currentMessage()
    assert "#c62828" in window.statusBar().styleSheet()
    assert len(entry.order.lines) == 2

    # an order number scanned in the order list opens that order
    other = orders.create_draft(ui_db, admin, customer_id=ids["wang"])
    window.show_view("orders")
    window.scanner.scanned.emit(other.number.lower())
    assert window.current_key() == "order_entry"
    assert entry.order.number == other.number != number


def test_concurrent_change_shows_reload(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """Saving over someone else's change says who changed it and offers Reload."""
    ids = _scanned_shop(ui_db, admin)
    view = OrderEntryView(ui_db, admin)
    qtbot.addWidget(view)
    view.show()
    view.set_customer(ids["wang"])
    assert view.order is not None
    other = Actor(None, "maria", Role.COUNTER, "ws-2")
    orders.add_line(ui_db, other, view.order.id, view.order.version, "TEE-01", 2)
    assert not view.add_code("MUG-01")
    text = view.message_bar.label.text()
    assert "maria" in text and "reload" in text.lower()
    assert view.message_bar.reload_button.isVisible()
    qtbot.mouseClick(view.message_bar.reload_button, Qt.MouseButton.LeftButton)
    assert [li.sku for li in view.order.lines] == ["TEE-01"]
    assert not view.message_bar.isVisible()
    assert view.add_code("MUG-01")
    assert [li.sku for li in view.order.lines] == ["TEE-01", "MUG-01"]


# --------------------------------------------------------------------------- stock

def test_stock_view_scan_receive_and_adjust(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """A scan selects the product; receive adds, adjust needs a reason and sets on hand."""
    from app.ui.dialogs.stock import AdjustDialog, ReceiveDialog

    ids = _scanned_shop(ui_db, admin, stock_qty=7)
    keeper = _user(ui_db, admin, Role.WAREHOUSE)
    view = StockView(ui_db, keeper)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 4)
    from app.domain.scan import classify
    assert view.handle_scan(classify(CASE_GTIN))
    qtbot.waitUntil(lambda: view.selected() is not None and view.selected().sku == "CUP-01")  # type: ignore[union-attr]
    assert view.receive_button.isVisible() and view.adjust_button.isVisible()
    product = view.selected()
    assert product is not None
    receive = ReceiveDialog(ui_db, keeper, product, ids["warehouse"])
    qtbot.addWidget(receive)
    receive.quantity_spin.setValue(5)
    receive.apply()
    assert receive.result() == ReceiveDialog.DialogCode.Accepted
    view.refresh_product(product.id)
    qtbot.waitUntil(lambda: view.selected() is not None and view.selected().on_hand == 12)  # type: ignore[union-attr]
    adjust = AdjustDialog(ui_db, keeper, view.selected(), ids["warehouse"])  # type: ignore[arg-type]
    qtbot.addWidget(adjust)
    adjust.counted_spin.setValue(10)
    adjust.apply()
    assert adjust.error_label.text() and adjust.result() != AdjustDialog.DialogCode.Accepted
    adjust.reason_edit.setText("stock count")
    adjust.apply()
    assert adjust.result() == AdjustDialog.DialogCode.Accepted
    view.refresh_product(product.id)
    qtbot.waitUntil(lambda: view.selected() is not None and view.selected().on_hand == 10)  # type: ignore[union-attr]


def test_stock_buttons_hidden_for_counter(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """A counter clerk sees stock but cannot receive or adjust."""
    clerk = _user(ui_db, admin, Role.COUNTER)
    view = StockView(ui_db, clerk)
    qtbot.addWidget(view)
    view.show()
    assert not view.receive_button.isVisible() and not view.adjust_button.isVisible()


# --------------------------------------------------------------------------- settings

def test_settings_test_connection_unreachable_host(qtbot: QtBot) -> None:
    """Nothing listens on port 1: the dialog says the server cannot be reached."""
    from app.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.pg_radio.setChecked(True)
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_spin.setValue(1)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15_000)
    assert dialog.test_result.text().startswith("Cannot reach a database server at 127.0.0.1:1")


def test_settings_test_connection_missing_database(qtbot: QtBot) -> None:
    """The server answers but the database is not there: said in those words."""
    from app.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.pg_radio.setChecked(True)
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_spin.setValue(5432)
    dialog.user_edit.setText("postgres")
    dialog.dbname_edit.setText("od_no_such_database")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15_000)
    assert 'database "od_no_such_database" does not exist' in dialog.test_result.text()


def test_settings_save_round_trip(qtbot: QtBot) -> None:
    """Saved settings are read back on the next start (URL, language, workstation)."""
    from app.config import Settings
    from app.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.pg_radio.setChecked(True)
    dialog.host_edit.setText("db.shop.lan")
    dialog.password_edit.setText("p@ss")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    dialog.workstation_edit.setText("Counter 2")
    dialog.save()
    saved = Settings.load()
    assert saved.database_url == "postgresql+psycopg://orderdesk:p%40ss@db.shop.lan:5432/orderdesk"
    assert (saved.language, saved.workstation) == ("zh_CN", "Counter 2")


def test_start_with_unreachable_database_explains(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    """An unreachable database at start is a message box (password hidden), not a traceback."""
    import app.ui.app as desk

    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(desk.QMessageBox, "exec", fake_exec)
    code = desk.run_desk("postgresql+psycopg://clerk:secret@127.0.0.1:1/shop")
    assert code == 2
    assert len(shown) == 1
    assert "secret" not in shown[0] and "***" in shown[0]
    assert "Cannot reach a database server" in shown[0]


# --------------------------------------------------------------------------- languages

def test_chinese_translation_builds_and_loads(qapp: QCoreApplication) -> None:
    """The .qm is built from the .ts at start and translates the navigation."""
    from app.i18n import install_translators, qm_file

    assert qm_file("zh_CN") is not None
    translators = install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("Navigation", "Orders") == "订单"
        assert QCoreApplication.translate("OrderEntryView", "Subtotal:") == "小计："
    finally:
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]
        from PySide6.QtCore import QLocale
        QLocale.setDefault(QLocale(QLocale.Language.English))
