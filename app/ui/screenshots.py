"""Screenshots of every view for the user guide, in English and Chinese, off screen.

    QT_QPA_PLATFORM=offscreen python -m app.ui.screenshots docs/guide/img

Builds a throw-away SQLite database with demo data (plus a promotion and a return, which
the demo generator does not make), logs in as the demo admin and grabs the main window on
each view as ``<view>-en.png`` and ``<view>-zh_CN.png``, and the Import shop data dialog.
Run it again after changing a view and commit the pictures."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QApplication, QWidget

from app.db.engine import Database
from app.services.context import Actor
from app.ui.main_window import MainWindow

logger = logging.getLogger(__name__)

WINDOW = QSize(1180, 720)
VIEW_KEYS = ("orders", "order_entry", "intake", "stock", "replenishment", "shipping",
             "production", "returns", "exceptions", "receivables", "profit", "promotions",
             "channels")
LANGUAGES = ("en", "zh_CN")


def build_demo(path: Path) -> Database:
    """A demo shop: customers, products, stock and orders in every status, invoices,
    a promotion and an open return."""
    from app.db import migrate
    from app.services import demo

    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db.engine)
    demo.generate(db, customers=60, products=40, orders=240, seed=3)
    demo.generate_invoices(db, 40)
    _extras(db)
    return db


def _extras(db: Database) -> None:
    from sqlalchemy import select

    from app.db.models import Order
    from app.services import pricing
    from app.services.context import system_actor

    actor = system_actor("screenshots")
    for data in (pricing.PromotionData("Spring sale 春季特惠", "percent", Decimal(10)),
                 pricing.PromotionData("Spend 300, save 30 满300减30", "spend_threshold",
                                       Decimal(30), threshold=Decimal(300), repeating=True),
                 pricing.PromotionData("Free shipping over 199 满199包邮", "free_shipping",
                                       threshold=Decimal(199))):
        pricing.save_promotion(db, actor, data)
    with db.reader() as s:
        numbers = list(s.scalars(select(Order.number).where(Order.status == "confirmed")
                                 .order_by(Order.id).limit(3)))
    for number in numbers:  # ship through the pack station, then ask to return one item
        try:
            _ship_and_return(db, actor, number)
        except Exception as exc:  # noqa: BLE001 - a picture without a return is fine
            logger.warning("no demo return for %s: %s", number, exc)


def _ship_and_return(db: Database, actor: Actor, number: str) -> None:
    from app.services import fulfilment, returns

    view = fulfilment.start_packing(db, actor, number)
    for line in view.lines:
        for _ in range(line.expected - line.scanned):
            view = fulfilment.scan_item(db, actor, view.session_id, line.sku)
    shipment = fulfilment.complete_packing(db, actor, view.session_id)
    fulfilment.ship_by_scan(db, actor, shipment.parcels[0].label_code)
    found = returns.find_returnable(db, number)
    first = found.lines[0]
    returns.open_return(db, actor, [returns.ReturnRequest(
        first.order_line_id, 1, "quality_defect", "handle cracked 把手开裂")])


def _settle(app: QApplication) -> None:
    """Let background loads finish and their results reach the widgets."""
    from PySide6.QtCore import QThreadPool

    from app.ui.worker import wait_for_all

    for _ in range(4):  # our pool, and the global one some views use
        wait_for_all(30_000)
        QThreadPool.globalInstance().waitForDone(30_000)
        app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    try:  # 256 colours without dithering: same look, under half the bytes in the repo
        from PIL import Image

        with Image.open(path) as image:
            small = image.convert("RGB").quantize(
                colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(path, optimize=True)
    except ImportError:  # pragma: no cover - Pillow comes with reportlab
        pass
    print(path)


def capture(db: Database, out: Path, language: str,
            only: Callable[[str], bool] = lambda _k: True) -> list[Path]:
    """Every view (and the shop import dialog) in one language; returns the files."""
    from app.i18n import install_translators
    from app.services import auth
    from app.ui.dialogs.shop_import import ShopImportDialog
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, language)
    written: list[Path] = []
    try:
        actor = auth.log_in(db, "admin", "admin123", "front-desk")
        window = MainWindow(db, actor, background_jobs=False, watch_changes=False)
        window.language = language
        window.resize(WINDOW)
        window.show()
        _settle(app)
        for key in VIEW_KEYS:
            if key not in window.views or not only(key):
                continue
            window.show_view(key)
            _settle(app)
            _prepare(window, db, key)
            _settle(app)
            window.statusBar().clearMessage()
            path = out / f"{key}-{language}.png"
            _save(window, path)
            written.append(path)
        if only("shop_import"):
            dialog = ShopImportDialog(db, actor, "CNY", window)
            sample = _shop_sample(Path(tempfile.gettempdir()) / "old-shop-products.csv")
            try:
                dialog.set_file(sample)
                dialog.resize(860, 560)
                dialog.show()
                _settle(app)
                path = out / f"shop_import-{language}.png"
                _save(dialog, path)
                written.append(path)
            finally:
                dialog.close()
                sample.unlink(missing_ok=True)
        window.close()
        window.deleteLater()
        _settle(app)
    finally:
        for t in translators:
            app.removeTranslator(t)  # type: ignore[arg-type]
    return written


def _prepare(window: MainWindow, db: Database, key: str) -> None:
    """Something on screen worth seeing: an order open, a parcel being packed, a return."""
    from sqlalchemy import select

    from app.db.models import Order

    with db.reader() as s:
        confirmed = list(s.scalars(select(Order.number).where(Order.status == "confirmed")
                                   .order_by(Order.id.desc()).limit(2)))
        shipped = s.scalar(select(Order.number).where(Order.status == "shipped")
                           .order_by(Order.id).limit(1))
        order_id = s.scalar(select(Order.id).where(Order.number == confirmed[0]))
    if key == "order_entry" and order_id:
        window.open_order(order_id)
    elif key == "shipping" and len(confirmed) > 1:
        window.route_scan(confirmed[1])  # the pack station opens the order's parcel
    elif key == "returns" and shipped:
        window.route_scan(shipped)  # its shipped lines, ready to return
    elif key == "intake":
        view = window.views[key]
        view.set_file(_shopify_sample())  # type: ignore[attr-defined]
        view.preview()  # type: ignore[attr-defined]
    elif key == "receivables":
        view = window.views[key]
        view.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]  # ageing: who owes what
        view.load_ageing()  # type: ignore[attr-defined]
    elif key == "profit":
        view = window.views[key]
        view.group.setCurrentIndex(view.group.findData("channel"))  # type: ignore[attr-defined]
        view.start.setDate(view.start.date().addYears(-1))  # type: ignore[attr-defined]
        view.load()  # type: ignore[attr-defined]
    elif key == "promotions":
        view = window.views[key]
        table = view.table  # type: ignore[attr-defined]
        if table.model().rowCount():
            table.selectRow(0)
            view._load_selected(table.model().index(0, 0))  # type: ignore[attr-defined]


def _shopify_sample() -> Path:
    from app.channels.shopify_sample import order_rows, write_export

    path = Path(tempfile.gettempdir()) / "orders_export.csv"
    return write_export(path, [
        order_rows("#1041", [("SKU-000003", "Gel pen", 4, "2.50"),
                             ("SKU-000013", "Umbrella", 1, "29.50")]),
        order_rows("#1042", [("SKU-000029", "Notebook", 2, "18.00")], name="Li Wei",
                   email="li.wei@example.cn", city="Shanghai", province="SH",
                   postcode="200040", country="CN", street="1 Nanjing West Rd",
                   currency="CNY"),
        order_rows("#1043", [("NO-SUCH-SKU", "Mystery item", 1, "9.99")], name="Anna Berg",
                   email="anna@example.se", country="SE", city="Stockholm",
                   province="", postcode="11122", street="Drottninggatan 5",
                   currency="EUR"),
    ])


def _shop_sample(path: Path) -> Path:
    from app.domain.gtin import make_ean13

    a, b, c = (make_ean13(f"69712345{n:04d}") for n in (1, 2, 3))
    path.write_text(
        "货号,品名,条码,售价,成本,库存\n"
        f"OLD-001,青花瓷茶杯 Blue tea cup,{a},38.00,12.50,24\n"
        f"OLD-002,竹制杯垫 Bamboo coaster,{b},12.00,3.20,120\n"
        "OLD-003,紫砂壶 Clay teapot,,,85.00,6\n"
        f"OLD-004,茶叶罐 Tea caddy,{c[:-1]}0,45.00,15.00,10\n"
        f"OLD-005,公道杯 Pitcher,{c},58.00,20.00,8\n", "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="orderdesk-shots-"))
    os.environ["ORDERDESK_HOME"] = str(home)  # no settings of a real desk are touched
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QCoreApplication.setApplicationName("OrderDesk")
    db = build_demo(home / "demo.sqlite3")
    try:
        for language in LANGUAGES:
            capture(db, out, language)
    finally:
        db.dispose()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
