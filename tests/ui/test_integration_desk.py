"""The main window around the views: navigation for every area, Ctrl+number, scans in the
form each view takes, Help, switch user and idle lock by PIN, the connection-lost banner
(PostgreSQL behind a proxy that is stopped and started) and live refresh from other
workstations (NOTIFY on PostgreSQL, data_version on SQLite)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from app.db.engine import Database
from app.domain.idle import IdlePolicy
from app.domain.roles import Role
from app.domain.scan import classify
from app.services import auth, orders, stock
from app.services.context import Actor
from app.ui.connection import ConnectionMonitor
from app.ui.dialogs.help import HelpDialog
from app.ui.main_window import VIEWS, MainWindow, deliver_scan, takes_text
from app.ui.views.exceptions import ExceptionDeskView
from app.ui.views.order_entry import OrderEntryView
from app.ui.views.placeholder import ComingSoonView
from app.ui.views.production import ProductionBoardView
from app.ui.views.promotions import PromotionsView
from app.ui.views.receivables import ReceivablesView
from app.ui.views.shipping import ShippingView
from app.ui.worker import wait_for_all
from tests.factories import make_shop
from tests.support.tcp_proxy import TcpProxy


def _window(db: Database, actor: Actor, qtbot: QtBot, **kw) -> MainWindow:  # type: ignore[no-untyped-def]
    kw.setdefault("watch_changes", False)
    window = MainWindow(db, actor, install_scanner=False, **kw)
    qtbot.addWidget(window)
    return window


def _user(db: Database, admin: Actor, name: str, role: Role, pin: str = "2468") -> Actor:
    uid = auth.create_user(db, admin, name, pin, role)
    return Actor(uid, name, role, "test-ws")


def test_every_area_is_in_the_navigation(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """Admin sees every view, the real classes where they exist; Ctrl+5 is the fifth."""
    window = _window(ui_db, admin, qtbot)
    assert list(window.views) == [v.key for v in VIEWS]
    assert isinstance(window.views["shipping"], ShippingView)
    assert isinstance(window.views["receivables"], ReceivablesView)
    assert isinstance(window.views["production"], ProductionBoardView)
    assert isinstance(window.views["exceptions"], ExceptionDeskView)
    assert isinstance(window.views["promotions"], PromotionsView)
    for key, module in (("intake", "app.ui.views.intake"), ("returns", "app.ui.views.returns")):
        try:
            __import__(module)
        except ImportError:
            assert isinstance(window.views[key], ComingSoonView)
        else:
            assert not isinstance(window.views[key], ComingSoonView)
    from PySide6.QtGui import QShortcut

    ctrl5 = [s for s in window.findChildren(QShortcut) if s.key().toString() == "Ctrl+5"]
    assert len(ctrl5) == 1
    ctrl5[0].activated.emit()
    assert window.current_key() == VIEWS[4].key
    assert window.show_nth(10) is None


def test_views_are_built_when_first_opened(ui_db: Database, admin: Actor,
                                           qtbot: QtBot) -> None:
    """At start only the first view exists; another is built when shown or when a scan
    needs it, once; switching user drops the built ones."""
    make_shop(ui_db, admin)
    window = _window(ui_db, admin, qtbot)
    assert [k for k in window.views if window.views.built(k) is not None] == ["orders"]
    assert window.stack.count() == 1
    stock_view = window.show_view("stock")
    assert stock_view is window.views.built("stock") and window.stack.count() == 2
    assert window.current_view() is stock_view and stock_view.objectName() == "view_stock"
    assert window.show_view("stock") is stock_view and window.stack.count() == 2
    window.route_scan("SO-000001")  # an order number: the order entry view takes it
    assert isinstance(window.views.built("order_entry"), OrderEntryView)
    clerk = _user(ui_db, admin, "lily", Role.COUNTER)
    window.set_actor(clerk)
    assert window.stack.count() == 1 and window.views.built("stock") is None
    assert "receivables" not in window.views


def test_placeholder_when_module_missing(monkeypatch: pytest.MonkeyPatch, ui_db: Database,
                                         admin: Actor, qtbot: QtBot) -> None:
    """A view module that does not exist yet shows the placeholder, not a crash."""
    from app.ui import main_window

    factory = main_window._when_available("app.ui.views.no_such_view", "X", "Returns")
    view = factory(ui_db, admin, None)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    assert isinstance(view, ComingSoonView)


def test_scans_reach_text_and_scan_handlers(ui_db: Database, admin: Actor,
                                            qtbot: QtBot) -> None:
    """Text handlers (pack station) get the raw text, also codes the classifier refuses;
    Scan handlers (order entry) get the classified scan."""
    make_shop(ui_db, admin)
    window = _window(ui_db, admin, qtbot)
    shipping = window.views["shipping"]
    assert takes_text(shipping.handle_scan)
    assert not takes_text(window.views["order_entry"].handle_scan)
    got: list[str] = []
    shipping.handle_scan = lambda text: got.append(text)  # type: ignore[method-assign]
    shipping.handle_scan.__annotations__ = {"text": "str"}
    window.show_view("shipping")
    window.route_scan("CMD:UNDO")
    assert got == ["CMD:UNDO"]
    window.show_view("order_entry")
    window.route_scan("MUG-01")
    entry = window.views["order_entry"]
    assert isinstance(entry, OrderEntryView) and entry.order is not None
    assert [li.sku for li in entry.order.lines] == ["MUG-01"]
    assert deliver_scan(None, classify("MUG-01")) is False


def test_help_opens_user_guide(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """Help → User guide (F1) opens the guide in the desk's language."""
    window = _window(ui_db, admin, qtbot, language="zh_CN")
    assert window.help_action.shortcut().toString() == "F1"
    window.help_action.trigger()
    assert isinstance(window.help_dialog, HelpDialog) and window.help_dialog.isVisible()
    window.help_dialog.close()


def test_switch_user_by_pin(ui_db: Database, admin: Actor, qtbot: QtBot,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+L hands the desk to another user by PIN; the navigation follows the new role."""
    clerk = _user(ui_db, admin, "clerk", Role.COUNTER)
    _user(ui_db, admin, "packer", Role.WAREHOUSE, "1357")
    window = _window(ui_db, clerk, qtbot)
    from app.ui.dialogs import lock

    def accept(dialog: lock.SwitchUserDialog) -> int:
        dialog.user_edit.setText("packer")
        dialog.pin_edit.setText("1357")
        dialog.try_switch()
        return dialog.result()

    monkeypatch.setattr(lock.SwitchUserDialog, "exec", accept)
    window.switch_user()
    assert window.actor.username == "packer"
    assert "shipping" in window.views and "order_entry" not in window.views


def test_idle_lock_keeps_typing_and_needs_pin(ui_db: Database, admin: Actor,
                                              qtbot: QtBot) -> None:
    """After the idle time the desk locks; Esc does not unlock, a wrong PIN is refused,
    the same user's PIN resumes with the typed text still there; input restarts the timer."""
    clerk = _user(ui_db, admin, "clerk", Role.COUNTER)
    window = _window(ui_db, clerk, qtbot, idle_policy=IdlePolicy(5), idle_interval_ms=150)
    window.show()
    qtbot.waitExposed(window)
    entry = window.show_view("order_entry")
    assert isinstance(entry, OrderEntryView)
    entry.code_edit.setText("half typed")
    with qtbot.waitSignal(window.idle.idle, timeout=5000):
        pass
    dialog = window.lock_dialog
    assert dialog is not None and dialog.isVisible()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and window.locked
    dialog.pin_edit.setText("0000")
    dialog.try_switch()
    assert window.locked and dialog.error_label.text()
    dialog.pin_edit.setText("2468")
    dialog.try_switch()
    assert not window.locked and window.actor.username == "clerk"
    assert entry.code_edit.text() == "half typed"
    assert window.idle.active


def test_idle_timer_restarts_on_input(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """A key press restarts the one-shot timer (remaining time back to full)."""
    window = _window(ui_db, admin, qtbot, idle_policy=IdlePolicy(5))
    window.show()
    qtbot.waitExposed(window)
    timer = window.idle._timer
    assert timer.isActive() and timer.interval() == 5 * 60_000
    timer.start(1000)  # pretend most of the time has passed
    QTest.keyClick(window.nav, Qt.Key.Key_Down)
    assert timer.remainingTime() > 60_000


def test_idle_lock_off_when_zero_minutes(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    window = _window(ui_db, admin, qtbot, idle_policy=IdlePolicy(0))
    assert not window.idle.active


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_connection_lost_banner_with_unreachable_server(ui_db: Database, admin: Actor,
                                                        qtbot: QtBot) -> None:
    """The server behind a proxy goes away: the red banner shows, typed text stays; the
    monitor retries with back-off and the banner goes when the server is back."""
    url = make_url(ui_db.url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    try:
        proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(
            hide_password=False)
        monitor = ConnectionMonitor(proxied, ping_ms=100, backoff_ms=(100, 200, 400))
        window = _window(ui_db, admin, qtbot, monitor=monitor)
        window.show()
        qtbot.waitExposed(window)
        entry = window.show_view("order_entry")
        assert isinstance(entry, OrderEntryView)
        entry.code_edit.setText("MUG-0")
        with qtbot.waitSignal(monitor.restored, timeout=500, raising=False):
            pass
        assert not window.banner.isVisible() and monitor.online
        proxy.stop()
        with qtbot.waitSignal(monitor.lost, timeout=10_000):
            pass
        assert window.banner.isVisible()
        assert "Connection to the database lost" in window.banner.text()
        qtbot.waitUntil(lambda: monitor.attempts >= 2, timeout=10_000)
        assert entry.code_edit.text() == "MUG-0"
        proxy.start()
        with qtbot.waitSignal(monitor.restored, timeout=10_000):
            pass
        assert not window.banner.isVisible()
        assert entry.code_edit.text() == "MUG-0"
        window.close()
    finally:
        proxy.stop()


def test_failed_worker_call_shows_banner_at_once(ui_db: Database, admin: Actor,
                                                 qtbot: QtBot) -> None:
    """An OperationalError from any background call reports the loss without waiting
    for the next ping; a business error does not."""
    from sqlalchemy.exc import OperationalError

    from app.services.errors import ValidationFailed
    from app.ui.worker import run_in_thread

    monitor = ConnectionMonitor(ui_db.url, ping_ms=60_000)
    window = _window(ui_db, admin, qtbot, monitor=monitor)

    def refuse() -> None:
        raise ValidationFailed("no")

    def drop() -> None:
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    errors: list[BaseException] = []
    with qtbot.waitCallback() as done:
        run_in_thread(refuse, None, lambda e: (errors.append(e), done()))
    assert monitor.online and not window.banner.isVisibleTo(window)
    with qtbot.waitSignal(monitor.lost, timeout=5000):
        run_in_thread(drop, None, errors.append)
    assert window.banner.isVisibleTo(window)
    window.close()


def test_other_workstation_change_refreshes_orders_and_stock(
        ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """A change made through another connection reaches the watcher (NOTIFY on
    PostgreSQL, data_version on SQLite) and the Orders list on screen reloads; the Stock
    view, not on screen, reloads when shown."""
    ids = make_shop(ui_db, admin)
    window = _window(ui_db, admin, qtbot, watch_changes=True)
    window.show()
    qtbot.waitExposed(window)
    orders_view = window.show_view("orders")
    qtbot.waitUntil(lambda: not orders_view.model.loading)  # type: ignore[union-attr]
    assert orders_view.model.rowCount() == 0  # type: ignore[union-attr]
    other = Database(ui_db.url)  # another workstation
    try:
        if not window.live.is_sqlite:  # type: ignore[union-attr]
            qtbot.waitUntil(lambda: window.live.listening, timeout=10_000)  # type: ignore[union-attr]
        with qtbot.waitSignal(window.live.changed, timeout=10_000):  # type: ignore[union-attr]
            orders.create_draft(other, admin, customer_id=ids["smith"])
        qtbot.waitUntil(lambda: orders_view.model.rowCount() == 1, timeout=10_000)  # type: ignore[union-attr]
        stock_view = window.views["stock"]
        with qtbot.waitSignal(window.live.changed, timeout=10_000):  # type: ignore[union-attr]
            stock.receive(other, admin, ids["mug"], ids["warehouse"], 5, "delivery")
        qtbot.waitUntil(lambda: "stock" in window._stale, timeout=5000)
        window.show_view("stock")
        assert "stock" not in window._stale
        qtbot.waitUntil(lambda: not stock_view.model.loading  # type: ignore[attr-defined]
                        and stock_view.model.rowCount() == 3, timeout=10_000)  # type: ignore[attr-defined]
        rows = [stock_view.model.row_at(r) for r in range(3)]  # type: ignore[attr-defined]
        mug = next(r for r in rows if r is not None and r.sku == "MUG-01")
        assert mug.on_hand == 15
    finally:
        window.live.stop()  # type: ignore[union-attr]
        window._live_timer.stop()
        wait_for_all(10_000)
        other.dispose()
        window.close()
