"""The main window: navigation on the left, one view at a time, a status bar saying
which database, who and where; scans are routed to the view on screen.

Adding a view is one line in ``VIEWS``: a translatable title, a factory taking
``(db, actor, parent)`` and the permission a role needs to see it. Ctrl+1 … Ctrl+9 go to
the first nine views the user can see, in this order.

Around the views: Help (F1), Switch user (Ctrl+L), the idle auto-lock, a red banner while
the database cannot be reached (``app.ui.connection``), and refreshes when another
workstation changed orders or stock (``app.ui.live``).
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.db.engine import Database
from app.domain.idle import IdlePolicy
from app.domain.roles import Permission, may
from app.domain.scan import Scan, ScanKind, classify
from app.services.context import Actor
from app.ui.connection import ConnectionMonitor
from app.ui.dialogs.lock import SwitchUserDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.idle import IdleWatcher
from app.ui.live import LiveWatcher
from app.ui.views.placeholder import ComingSoonView

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


def _when_available(module: str, class_name: str, title: str) -> ViewFactory:
    """The view ``module.class_name`` once that module exists, else a placeholder."""
    def make(db: Database, actor: Actor, parent: QWidget) -> QWidget:
        try:
            view_class = getattr(importlib.import_module(module), class_name)
        except (ImportError, AttributeError):
            logger.info("%s.%s not available yet: placeholder shown", module, class_name)
            return _coming_soon(title)(db, actor, parent)
        return view_class(db, actor, parent)  # type: ignore[no-any-return]
    return make


def _view(module: str, class_name: str) -> ViewFactory:
    """``module.class_name``, imported when the view is first built (not at start-up)."""
    def make(db: Database, actor: Actor, parent: QWidget) -> QWidget:
        view_class = getattr(importlib.import_module(module), class_name)
        return view_class(db, actor, parent)  # type: ignore[no-any-return]
    return make


def _shipping(db: Database, actor: Actor, parent: QWidget) -> QWidget:
    from app.ui.views.shipping import ShippingView

    settings = Settings.load()
    view = ShippingView(db, actor, parent, label_printer=settings.label_printer or None,
                        slip_printer=settings.slip_printer or None)
    header = view.table.horizontalHeader()  # the item name gets the room, not "Backorder"
    header.setStretchLastSection(False)
    header.setSectionResizeMode(view.model.COL_NAME, QHeaderView.ResizeMode.Stretch)
    return view


def _spec(key: str, title: str, module: str, class_name: str,
          permission: Permission) -> ViewSpec:
    return ViewSpec(key, title, _view(f"app.ui.views.{module}", class_name), permission)


VIEWS: list[ViewSpec] = [
    _spec("orders", QT_TRANSLATE_NOOP("Navigation", "Orders"), "orders", "OrdersView",
          Permission.VIEW),
    _spec("order_entry", QT_TRANSLATE_NOOP("Navigation", "Order entry"), "order_entry",
          "OrderEntryView", Permission.ENTER_ORDERS),
    ViewSpec("intake", QT_TRANSLATE_NOOP("Navigation", "Import"),
             _when_available("app.ui.views.intake", "ImportView", "Import"),
             Permission.IMPORT_ORDERS),
    _spec("stock", QT_TRANSLATE_NOOP("Navigation", "Stock"), "stock", "StockView",
          Permission.VIEW),
    _spec("replenishment", QT_TRANSLATE_NOOP("Navigation", "Replenishment"), "replenishment",
          "ReplenishmentView", Permission.MANAGE_PRICING),
    ViewSpec("shipping", QT_TRANSLATE_NOOP("Navigation", "Shipping"), _shipping,
             Permission.SHIP),
    _spec("production", QT_TRANSLATE_NOOP("Navigation", "Production"), "production",
          "ProductionBoardView", Permission.SHIP),
    ViewSpec("returns", QT_TRANSLATE_NOOP("Navigation", "Returns"),
             _when_available("app.ui.views.returns", "ReturnsView", "Returns"),
             Permission.RETURNS),
    _spec("exceptions", QT_TRANSLATE_NOOP("Navigation", "Exceptions"), "exceptions",
          "ExceptionDeskView", Permission.RETURNS),
    _spec("receivables", QT_TRANSLATE_NOOP("Navigation", "Receivables"), "receivables",
          "ReceivablesView", Permission.FINANCE),
    _spec("profit", QT_TRANSLATE_NOOP("Navigation", "Profit"), "profit", "ProfitView",
          Permission.FINANCE),
    _spec("promotions", QT_TRANSLATE_NOOP("Navigation", "Promotions"), "promotions",
          "PromotionsView", Permission.MANAGE_PRICING),
    _spec("channels", QT_TRANSLATE_NOOP("Navigation", "Channels & tiers"), "channels",
          "ChannelsView", Permission.MANAGE_PRICING),
]


class ViewSlots(Mapping[str, QWidget]):
    """The views this user may open, by key, in navigation order. A view is built the
    first time it is asked for (shown, or given a scan): a desk that only ever packs never
    imports or builds the finance views — start-up time and memory stay with what is used.
    ``built(key)`` answers without building."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        self._build = build
        self._keys: list[str] = []
        self._made: dict[str, QWidget] = {}

    def reset(self, keys: list[str]) -> None:
        self._keys, self._made = list(keys), {}

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._made:
            if key not in self._keys:
                raise KeyError(key)
            self._made[key] = self._build(key)
        return self._made[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def built(self, key: str) -> QWidget | None:
        return self._made.get(key)

    def built_views(self) -> list[QWidget]:
        return list(self._made.values())


def _is_order_entry(view: QWidget | None) -> bool:
    from app.ui.views.order_entry import OrderEntryView  # built by now: already imported

    return isinstance(view, OrderEntryView)


MAX_NUMBERED = 9  # Ctrl+1 … Ctrl+9
LIVE_VIEWS = {"orders": ("orders", "any"), "stock": ("stock", "orders", "any")}
BANNER_STYLE = ("QLabel { background: #c62828; color: white; font-weight: bold; "
                "padding: 6px 12px; font-size: 11pt; }")


def takes_text(handler: Callable[..., object]) -> bool:
    """True if a view's ``handle_scan`` wants the raw text rather than a classified Scan."""
    try:
        params = list(inspect.signature(handler).parameters.values())
    except (TypeError, ValueError):
        return False
    if not params:
        return False
    return params[0].annotation in (str, "str")


def deliver_scan(view: QWidget | None, scan: Scan) -> bool:
    """Give a scan to a view in the form it takes (text or Scan). True if it used it;
    a handler returning None (it always takes every scan) counts as used."""
    handler = getattr(view, "handle_scan", None)
    if handler is None:
        return False
    result = handler(scan.raw) if takes_text(handler) else handler(scan)
    return True if result is None else bool(result)

FLASH_MS = 1500
ERROR_STYLE = "QStatusBar { background: #c62828; color: white; font-weight: bold; }"
OK_STYLE = "QStatusBar { background: #2e7d32; color: white; }"


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 install_scanner: bool = True, *, language: str = "",
                 idle_policy: IdlePolicy | None = None, idle_interval_ms: int | None = None,
                 monitor: ConnectionMonitor | None = None, watch_changes: bool = True,
                 background_jobs: bool = False,
                 expiry_interval_ms: int | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.language = language
        self.views = ViewSlots(self._build_view)
        self._stale: set[str] = set()
        self.setWindowTitle(self.tr("OrderDesk"))
        from app.ui.icon import app_icon

        self.setWindowIcon(app_icon())  # also when the window is made without run_desk
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
        self.banner = QLabel(self.tr("Connection to the database lost — retrying…"))
        self.banner.setObjectName("connection_banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
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
        for number in range(1, MAX_NUMBERED + 1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      lambda n=number: self.show_nth(n))
        QShortcut(QKeySequence("F2"), self, self.new_order)

        self.scanner = None
        if install_scanner:
            self._install_scanner()
        self.set_actor(actor)

        # idle auto-lock
        policy = idle_policy if idle_policy is not None else Settings.load().idle_policy()
        self.idle = IdleWatcher(policy, self, interval_ms=idle_interval_ms)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self.lock_dialog: SwitchUserDialog | None = None

        # connection lost banner
        self.monitor = monitor or ConnectionMonitor(
            db.engine.url.render_as_string(hide_password=False), self)
        self.monitor.setParent(self)
        self.monitor.lost.connect(self._connection_lost)
        self.monitor.restored.connect(self._connection_restored)
        self.monitor.start()

        # other workstations' changes
        self.live: LiveWatcher | None = None
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(300)
        self._live_timer.timeout.connect(self._refresh_live_views)
        self._live_topics: set[str] = set()
        if watch_changes:
            self.live = LiveWatcher(db, self)
            self.live.changed.connect(self.on_database_changed)
            self.live.start()

        # The customer-notice outbox sender, the periodic exception check and the release of
        # expired unpaid reservations run on every desk (the check takes a PostgreSQL
        # advisory lock, so one workstation at a time; the expiry locks each order).
        self._jobs: list[Any] = []
        if background_jobs:
            from app.ui.exception_checks import start_exception_checks
            from app.ui.notices_sender import start_notice_sender
            from app.ui.reservation_expiry import DEFAULT_INTERVAL_MS, start_reservation_expiry

            expiry = start_reservation_expiry(db, actor.workstation, self,
                                              expiry_interval_ms or DEFAULT_INTERVAL_MS)
            expiry.expired.connect(self._reservations_expired)
            self._jobs = [start_notice_sender(db, self), start_exception_checks(db, actor, self),
                          expiry]

    # ------------------------------------------------------------------ building
    def _build_menu(self) -> None:
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        self.new_order_action = QAction(self.tr("&New order"), self)
        self.new_order_action.setShortcut(QKeySequence("F2"))
        self.new_order_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.new_order_action.triggered.connect(self.new_order)
        desk.addAction(self.new_order_action)
        desk.addSeparator()
        self.shop_import_action = QAction(self.tr("&Import shop data…"), self)
        self.shop_import_action.triggered.connect(self.open_shop_import)
        desk.addAction(self.shop_import_action)
        settings = QAction(self.tr("&Settings…"), self)
        settings.triggered.connect(self.open_settings)
        desk.addAction(settings)
        switch = QAction(self.tr("S&witch user…"), self)
        switch.setShortcut(QKeySequence("Ctrl+L"))
        switch.triggered.connect(self.switch_user)
        desk.addAction(switch)
        lock = QAction(self.tr("&Lock now"), self)
        lock.triggered.connect(self.lock)
        desk.addAction(lock)
        desk.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        desk.addAction(quit_action)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide = QAction(self.tr("&User guide"), self)
        guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        if guide.shortcut().isEmpty():
            guide.setShortcut(QKeySequence("F1"))
        guide.triggered.connect(self.open_help)
        help_menu.addAction(guide)
        self.help_action = guide

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
        """(Re)build the navigation for this user; views are built when first opened."""
        self.actor = actor
        current = self.current_key()
        for widget in self.views.built_views():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.nav.clear()
        self.view_menu.clear()
        allowed = [spec for spec in VIEWS if may(actor.role, spec.permission)]
        self.views.reset([spec.key for spec in allowed])
        for number, spec in enumerate(allowed, start=1):
            title = QCoreApplication.translate("Navigation", spec.title)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if number <= MAX_NUMBERED:
                item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
            action = QAction(title, self)
            if number <= MAX_NUMBERED:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # QShortcut does it
            action.triggered.connect(lambda _c=False, k=spec.key: self.show_view(k))
            self.view_menu.addAction(action)
        self.db_label.setText(self.tr("Database: %1").replace("%1", self.db.describe()))
        self.user_label.setText(self.tr("User: %1 (%2)").replace("%1", actor.username)
                                .replace("%2", self._role_name(actor)))
        self.ws_label.setText(self.tr("Workstation: %1").replace("%1", actor.workstation))
        self.new_order_action.setEnabled("order_entry" in self.views)
        if current in self.views:
            self.show_view(current)
        elif self.nav.count():
            self.nav.setCurrentRow(0)

    def _build_view(self, key: str) -> QWidget:
        spec = next(spec for spec in VIEWS if spec.key == key)
        view = spec.factory(self.db, self.actor, self.stack)
        view.setObjectName(f"view_{spec.key}")
        self.stack.addWidget(view)
        self._connect_view(view)
        self._stale.discard(key)  # it has just read everything
        return view

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
        for name in ("alarm", "confirmed"):  # the pack station's good/bad scans
            signal = getattr(view, name, None)
            if signal is not None:
                signal.connect(lambda text: self.statusBar().showMessage(text, 5000))
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
        if key in self._stale:
            self._stale.discard(key)
            self._refresh_view(key)

    def show_nth(self, number: int) -> QWidget | None:
        """Ctrl+number: the number-th view this user can see."""
        if 1 <= number <= min(self.nav.count(), MAX_NUMBERED):
            self.nav.setCurrentRow(number - 1)
            return self.current_view()
        return None

    def show_view(self, key: str) -> QWidget | None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return self.views[key]
        return None

    def open_order(self, order_id: int) -> None:
        entry = self.show_view("order_entry")
        if _is_order_entry(entry):
            entry.load_order(order_id)

    def new_order(self) -> None:
        entry = self.show_view("order_entry")
        if _is_order_entry(entry):
            entry.new_order()

    # ------------------------------------------------------------------ scans
    def route_scan(self, raw: str) -> None:
        """Give a scan to the view on screen; say clearly when nobody can use it.
        Views whose ``handle_scan`` takes text (pack station, production board) read
        the code themselves, also codes the desk's classifier does not know."""
        if self.lock_dialog is not None:
            return  # nobody is logged in while locked
        scan = classify(raw)
        logger.info("scan %s %r", scan.kind, scan.code)
        view = self.current_view()
        handler = getattr(view, "handle_scan", None)
        if handler is not None and takes_text(handler) and deliver_scan(view, scan):
            return
        if not scan.ok:
            self.flash_error(scan.message or self.tr("Unknown code: %1").replace("%1", raw))
            return
        if handler is not None and not takes_text(handler) and deliver_scan(view, scan):
            return
        if scan.kind is ScanKind.ORDER and "order_entry" in self.views:
            entry = self.views["order_entry"]
            if _is_order_entry(entry) and entry.handle_scan(scan):  # type: ignore[union-attr]
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

    def open_shop_import(self) -> None:
        """Products and customers of a shop that already exists (CSV/XLSX)."""
        from app.ui.dialogs.shop_import import ShopImportDialog

        self.shop_import_dialog = ShopImportDialog(self.db, self.actor,
                                                   Settings.load().currency, self)
        self.shop_import_dialog.exec()
        self.on_database_changed("any")  # new products and stock: refresh the lists

    def open_help(self) -> None:
        from app.i18n import resolve_language
        from app.ui.dialogs.help import HelpDialog

        self.help_dialog = HelpDialog(self.language or resolve_language(None), self)
        self.help_dialog.show()

    def _take_over(self, actor: Actor) -> None:
        if actor.username != self.actor.username or actor.role is not self.actor.role:
            self.set_actor(actor)
        else:
            self.actor = actor
        self.statusBar().showMessage(self.tr("Logged in as %1.").replace(
            "%1", actor.username), 4000)

    def switch_user(self) -> None:
        """Ctrl+L: hand the desk to another user by name and PIN (``auth.switch_user``)."""
        dialog = SwitchUserDialog(self.db, self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.actor is not None:
            self._take_over(dialog.actor)

    def lock(self) -> None:
        """The idle lock: the same user's PIN resumes; another user's PIN switches in.
        What was typed in the views stays as it was."""
        if self.lock_dialog is not None:
            return
        logger.info("desk locked (%s idle)", self.actor.username)
        self.idle.pause()
        self.lock_dialog = SwitchUserDialog(self.db, self.actor, self, locked=True)
        self.lock_dialog.setModal(True)
        self.lock_dialog.accepted.connect(self._unlocked)
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None and dialog.actor is not None:
            self._take_over(dialog.actor)
            dialog.deleteLater()
        self.idle.resume()

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    # ------------------------------------------------------------------ connection
    def _connection_lost(self) -> None:
        self.banner.show()

    def _connection_restored(self) -> None:
        self.banner.hide()
        self.statusBar().showMessage(self.tr("Connection to the database is back."), 5000)
        from app.services import offline

        # Send the ship scans kept while offline: the Shipping view has them, or — built
        # after a restart — the workstation's journal file does.
        if "shipping" in self.views and (self.views.built("shipping") is not None
                                         or offline.journal_path().exists()):
            replay = getattr(self.views["shipping"], "replay_offline_scans", None)
            if replay is not None:
                replay()

    def _reservations_expired(self, numbers: list[str]) -> None:
        shown = ", ".join(numbers[:5]) + (" …" if len(numbers) > 5 else "")
        self.statusBar().showMessage(
            self.tr("Reservation expired unpaid — stock released, order on hold: %1")
            .replace("%1", shown), 15000)
        for key in ("orders", "stock"):  # their statuses and counts changed
            if key == self.current_key():
                self._refresh_view(key)
            elif self.views.built(key) is not None:
                self._stale.add(key)

    # ------------------------------------------------------------------ live changes
    def on_database_changed(self, topic: str) -> None:
        """Another connection changed orders or stock: refresh soon (batched)."""
        self._live_topics.add(topic)
        self._live_timer.start()

    def _refresh_live_views(self) -> None:
        topics, self._live_topics = self._live_topics, set()
        current = self.current_key()
        for key, wanted in LIVE_VIEWS.items():
            if self.views.built(key) is None or not topics.intersection(wanted):
                continue
            if key == current:
                self._refresh_view(key)
            else:
                self._stale.add(key)

    def _refresh_view(self, key: str) -> None:
        refresh = getattr(self.views.built(key), "refresh", None)
        if refresh is not None:
            logger.debug("refreshing %s after a change elsewhere", key)
            refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.scanner is not None:
            self.scanner.uninstall()
        self.idle.stop()
        self.monitor.stop()
        if self.live is not None:
            self.live.stop()
        for job in self._jobs:
            job.stop()
        super().closeEvent(event)
