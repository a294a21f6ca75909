"""The main window: navigation on the left, one view at a time, a status bar saying
which database, who and where; scans are routed to the view on screen.

Adding a view is one line in ``VIEWS``: a translatable title, a factory taking
``(db, actor, parent)`` and the permission a role needs to see it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.db.engine import Database
from app.domain.roles import Permission, may
from app.domain.scan import ScanKind, classify
from app.services.context import Actor
from app.ui.dialogs.login import LoginDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.views.order_entry import OrderEntryView
from app.ui.views.orders import OrdersView
from app.ui.views.placeholder import ComingSoonView
from app.ui.views.stock import StockView

logger = logging.getLogger(__name__)

ViewFactory = Callable[[Database, Actor, QWidget], QWidget]


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str  # source text, translated in the "Navigation" context
    factory: ViewFactory
    permission: Permission


def _coming_soon(title: str) -> ViewFactory:
    return lambda _db, _actor, parent: ComingSoonView(
        QCoreApplication.translate("Navigation", title), parent)


VIEWS: list[ViewSpec] = [
    ViewSpec("orders", QT_TRANSLATE_NOOP("Navigation", "Orders"), OrdersView, Permission.VIEW),
    ViewSpec("order_entry", QT_TRANSLATE_NOOP("Navigation", "Order entry"), OrderEntryView,
             Permission.ENTER_ORDERS),
    ViewSpec("stock", QT_TRANSLATE_NOOP("Navigation", "Stock"), StockView, Permission.VIEW),
    ViewSpec("shipping", QT_TRANSLATE_NOOP("Navigation", "Shipping"),
             _coming_soon("Shipping"), Permission.SHIP),
    ViewSpec("receivables", QT_TRANSLATE_NOOP("Navigation", "Receivables"),
             _coming_soon("Receivables"), Permission.FINANCE),
    ViewSpec("returns", QT_TRANSLATE_NOOP("Navigation", "Returns"),
             _coming_soon("Returns"), Permission.RETURNS),
]

FLASH_MS = 1500
ERROR_STYLE = "QStatusBar { background: #c62828; color: white; font-weight: bold; }"
OK_STYLE = "QStatusBar { background: #2e7d32; color: white; }"


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 install_scanner: bool = True) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.views: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("OrderDesk"))
        self.resize(1200, 760)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(180)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; border: none; background: #f3f4f6; }"
            "QListWidget::item { padding: 10px 14px; }"
            "QListWidget::item:selected { background: #1f6feb; color: white; }")
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.db_label, self.user_label, self.ws_label = QLabel(), QLabel(), QLabel()
        for label in (self.db_label, self.user_label, self.ws_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.statusBar().setStyleSheet(""))

        self._build_menu()
        for number in range(1, len(VIEWS) + 1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      lambda n=number: self.show_view(VIEWS[n - 1].key))
        QShortcut(QKeySequence("F2"), self, self.new_order)

        self.scanner = None
        if install_scanner:
            self._install_scanner()
        self.set_actor(actor)

    # ------------------------------------------------------------------ building
    def _build_menu(self) -> None:
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        self.new_order_action = QAction(self.tr("&New order"), self)
        self.new_order_action.setShortcut(QKeySequence("F2"))
        self.new_order_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.new_order_action.triggered.connect(self.new_order)
        desk.addAction(self.new_order_action)
        desk.addSeparator()
        settings = QAction(self.tr("&Settings…"), self)
        settings.triggered.connect(self.open_settings)
        desk.addAction(settings)
        switch = QAction(self.tr("S&witch user…"), self)
        switch.setShortcut(QKeySequence("Ctrl+L"))
        switch.triggered.connect(self.switch_user)
        desk.addAction(switch)
        desk.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        desk.addAction(quit_action)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))

    def _install_scanner(self) -> None:
        try:
            from app.ui.scanner import ScannerListener
        except ImportError:  # pragma: no cover - while the scanner module is written
            logger.warning("scanner listener not available")
            return
        self.scanner = ScannerListener(self)
        self.scanner.install()
        self.scanner.scanned.connect(self.route_scan)

    def set_actor(self, actor: Actor) -> None:
        """(Re)build the navigation and views for this user."""
        self.actor = actor
        current = self.current_key()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.nav.clear()
        self.views.clear()
        self.view_menu.clear()
        for number, spec in enumerate(VIEWS, start=1):
            if not may(actor.role, spec.permission):
                continue
            title = QCoreApplication.translate("Navigation", spec.title)
            view = spec.factory(self.db, actor, self.stack)
            view.setObjectName(f"view_{spec.key}")
            self.views[spec.key] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # QShortcut does it
            action.triggered.connect(lambda _c=False, k=spec.key: self.show_view(k))
            self.view_menu.addAction(action)
            self._connect_view(view)
        self.db_label.setText(self.tr("Database: %1").replace("%1", self.db.describe()))
        self.user_label.setText(self.tr("User: %1 (%2)").replace("%1", actor.username)
                                .replace("%2", self._role_name(actor)))
        self.ws_label.setText(self.tr("Workstation: %1").replace("%1", actor.workstation))
        self.new_order_action.setEnabled("order_entry" in self.views)
        if current in self.views:
            self.show_view(current)
        elif self.nav.count():
            self.nav.setCurrentRow(0)

    def _role_name(self, actor: Actor) -> str:
        names = {
            "counter": self.tr("counter"), "warehouse": self.tr("warehouse"),
            "finance": self.tr("finance"), "manager": self.tr("manager"),
            "admin": self.tr("admin"),
        }
        return names.get(actor.role.value, actor.role.value)

    def _connect_view(self, view: QWidget) -> None:
        message = getattr(view, "status_message", None)
        if message is not None:
            message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        opener = getattr(view, "open_order_requested", None)
        if opener is not None:
            opener.connect(self.open_order)

    # ------------------------------------------------------------------ navigation
    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def current_view(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = str(self.nav.item(row).data(Qt.ItemDataRole.UserRole))
        view = self.views[key]
        self.stack.setCurrentWidget(view)
        view.setFocus()

    def show_view(self, key: str) -> QWidget | None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return self.views[key]
        return None

    def open_order(self, order_id: int) -> None:
        entry = self.show_view("order_entry")
        if isinstance(entry, OrderEntryView):
            entry.load_order(order_id)

    def new_order(self) -> None:
        entry = self.show_view("order_entry")
        if isinstance(entry, OrderEntryView):
            entry.new_order()

    # ------------------------------------------------------------------ scans
    def route_scan(self, raw: str) -> None:
        """Give a scan to the view on screen; say clearly when nobody can use it."""
        scan = classify(raw)
        logger.info("scan %s %r", scan.kind, scan.code)
        if not scan.ok:
            self.flash_error(scan.message or self.tr("Unknown code: %1").replace("%1", raw))
            return
        view = self.current_view()
        handler = getattr(view, "handle_scan", None)
        if handler is not None and handler(scan):
            return
        if scan.kind is ScanKind.ORDER and "order_entry" in self.views:
            entry = self.views["order_entry"]
            if isinstance(entry, OrderEntryView) and entry.handle_scan(scan):
                self.show_view("order_entry")
                return
        self.statusBar().showMessage(
            self.tr("Scanned %1 (%2) — nothing to do with it here.")
            .replace("%1", scan.code).replace("%2", scan.kind.value), 6000)

    def flash_error(self, message: str) -> None:
        QApplication.beep()
        self.statusBar().setStyleSheet(ERROR_STYLE)
        self.statusBar().showMessage(message, 6000)
        self._flash_timer.start(FLASH_MS)

    # ------------------------------------------------------------------ menu actions
    def open_settings(self) -> None:
        SettingsDialog(self, current_url=self.db.url).exec()

    def switch_user(self) -> None:
        dialog = LoginDialog(self.db, self.actor.workstation, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.actor is not None:
            self.set_actor(dialog.actor)
            self.statusBar().showMessage(self.tr("Logged in as %1.").replace(
                "%1", dialog.actor.username), 4000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.scanner is not None:
            self.scanner.uninstall()
        super().closeEvent(event)
