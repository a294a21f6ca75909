"""Start the desk: Qt application, translations, database (migrated), the first-run
wizard on an empty database, log-in, main window. Problems at start are explained in a
message box, not a traceback."""

from __future__ import annotations

import logging
import os
import sys
import time
from types import ModuleType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import __version__
from app.config import (
    APP_NAME,
    Settings,
    resolve_database_url,
    resource_dir,
    workstation_name,
)
from app.db import migrate
from app.db.engine import Database
from app.i18n import install_translators, resolve_language
from app.services import auth
from app.services.context import Actor
from app.ui.log import setup_logging

logger = logging.getLogger(__name__)


def open_database(url: str, demo: bool = False) -> Database:
    """Open and migrate; with ``demo`` fill an empty database. Raises on failure."""
    db = Database(url)
    try:
        with db.engine.connect():
            pass
        if migrate.upgrade(db.engine):
            logger.info(
                "database %s migrated to %s", db.describe(), migrate.head_revision(db.engine)
            )
        if demo and _demo_data().is_empty(db):
            logger.info("filling %s with demo data", db.describe())
            _demo_data().generate(db, customers=300, products=150, orders=2000)
    except Exception:
        db.dispose()
        raise
    return db


def _demo_data() -> ModuleType:
    """The demo-data builder, imported only when --demo asks for it (not on every start)."""
    from app.services import demo

    return demo


# --- `orderdesk bench startup` only ---------------------------------------------------------
# With ORDERDESK_BENCH_AUTOLOGIN=user:password the desk logs in without the dialog, prints
# when the main window was first painted and responsive, optionally (ORDERDESK_BENCH_BROWSE=1)
# opens every view and prints the resident memory, then quits. Unset: no effect.
BENCH_AUTOLOGIN = "ORDERDESK_BENCH_AUTOLOGIN"


def _bench_autologin(db: Database, workstation: str) -> Actor | None:
    value = os.environ.get(BENCH_AUTOLOGIN)
    if not value or ":" not in value:
        return None
    username, password = value.split(":", 1)
    t0 = time.perf_counter()
    actor = auth.log_in(db, username, password, workstation)
    # the password check is memory- and time-hard on purpose (argon2): reported apart
    print(f"ORDERDESK_BENCH login_s={time.perf_counter() - t0:.6f}", flush=True)
    return actor


def _bench_report_and_quit(app: QApplication, window: QWidget) -> None:
    from PySide6.QtCore import QTimer

    def painted() -> None:  # runs from the event loop: the window is up and responsive
        window.repaint()
        print(f"ORDERDESK_BENCH first_paint_epoch={time.time():.6f}", flush=True)
        if os.environ.get("ORDERDESK_BENCH_BROWSE") == "1":
            _bench_browse(app, window)
        app.quit()

    QTimer.singleShot(0, painted)


def _current_rss_mb() -> float | None:
    """Resident memory now (Linux /proc; None elsewhere) — unlike ru_maxrss, not the peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024), 1)


def _peak_rss_mb() -> float:
    """This process's peak resident memory. Linux: VmHWM, which starts afresh at exec;
    ru_maxrss would also count the parent's memory at fork (a bench that has just built a
    1.6 GB data set made the desk look 300 MB bigger than it ever was)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _bench_browse(app: QApplication, window: QWidget) -> None:
    """Open every view in turn, let each load, and print the memory after each and at the end."""
    import json

    from app.ui.main_window import VIEWS

    after: dict[str, float | None] = {"window": _current_rss_mb()}
    for spec in VIEWS:
        window.show_view(spec.key)  # type: ignore[attr-defined]
        for _ in range(20):  # its first page arrives from the worker thread
            app.processEvents()
            time.sleep(0.01)
        after[spec.key] = _current_rss_mb()
    # and the background work started meanwhile (exception check, notices, expiry) finished
    from app.ui.worker import pool

    deadline = time.monotonic() + 120
    while pool().activeThreadCount() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    after["background_done"] = _current_rss_mb()
    peak = _peak_rss_mb()
    rss = after["background_done"]
    print(f"ORDERDESK_BENCH browsed_views={len(VIEWS)} peak_rss_mb={peak:.1f} "
          f"rss_mb={rss if rss is not None else peak:.1f} "
          f"rss_after={json.dumps(after, separators=(',', ':'))}", flush=True)


def _database_problem(url: str, exc: BaseException) -> bool:
    """Tell the user; True if they chose to open Settings (and saved)."""
    from app.ui.dialogs.settings import SettingsDialog, explain_connection_error, hide_password

    logger.error("cannot open database %s", hide_password(url), exc_info=exc)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Startup", "OrderDesk cannot open its database"),
        QCoreApplication.translate("Startup", "The database could not be opened:\n%1\n\n%2")
        .replace("%1", hide_password(url))
        .replace("%2", explain_connection_error(exc, url)),
    )
    settings = box.addButton(
        QCoreApplication.translate("Startup", "Open settings…"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not settings:
        return False
    return SettingsDialog(None, current_url=url).exec() == QDialog.DialogCode.Accepted


def install_bundle_translator(app: QApplication, language: str,
                              translators: list[object]) -> list[object]:
    """If our catalogue did not load from the usual place, look in the bundle's
    ``resource_dir()/translations`` (a frozen build ships the .qm there)."""
    from PySide6.QtCore import QTranslator

    if language == "en":
        return translators
    for t in translators:
        if isinstance(t, QTranslator) and "orderdesk" in t.filePath():
            return translators
    qm = resource_dir() / "translations" / f"orderdesk_{language}.qm"
    ours = QTranslator(app)
    if qm.exists() and ours.load(str(qm)):
        app.installTranslator(ours)
        logger.info("translations loaded from %s", qm)
        return [*translators, ours]
    logger.warning("no %s translation found (also not in %s)", language, qm.parent)
    return translators


def run_first_run(db: Database, url: str, workstation: str,
                  after: list[str] | None = None) -> Database | None:
    """The first-run wizard, then ``setup.apply_first_run``. Returns the database to go on
    with (the wizard may choose another one), or None when the wizard is cancelled.
    ``after`` receives what to open once the desk is up ("shop_import")."""
    from app.services import setup
    from app.services.errors import ServiceError
    from app.ui.dialogs.first_run import FirstRunWizard

    while True:
        wizard = FirstRunWizard(check_connection=setup.check_connection)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        result = wizard.first_run_result()
        chosen = result.database_url.strip()
        target = db
        try:
            if chosen and chosen != url:
                target = open_database(chosen)
            setup.apply_first_run(result, Settings.load(), target, workstation)
        except (ServiceError, Exception) as exc:  # noqa: BLE001 - explained, then asked again
            logger.warning("first run not applied: %s", exc)
            if target is not db:
                target.dispose()
            QMessageBox.warning(
                None, QCoreApplication.translate("Startup", "Set-up not finished"),
                QCoreApplication.translate("Startup", "OrderDesk could not be set up:\n%1")
                .replace("%1", str(exc)))
            continue
        if target is not db:
            db.dispose()
        if after is not None and wizard.wants_shop_import():
            after.append("shop_import")
        return target


def run_desk(database_url: str | None, demo: bool = False, lang: str | None = None) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    from app.ui.icon import app_icon

    app.setWindowIcon(app_icon())  # every window, the taskbar and the login dialog
    language = resolve_language(lang)
    translators = install_bundle_translator(app, language,
                                            install_translators(app, language))
    logger.info("OrderDesk %s starting, language %s", __version__, language)

    url = resolve_database_url(database_url)
    while True:
        try:
            db = open_database(url, demo=demo)
            break
        except Exception as exc:  # noqa: BLE001 - any failure is explained to the user
            if not _database_problem(url, exc):
                return 2
            url = Settings.load().database_url or url

    workstation = workstation_name()
    after_setup: list[str] = []
    try:
        if auth.needs_first_admin(db):
            ready = run_first_run(db, url, workstation, after_setup)
            if ready is None:
                return 1
            db = ready
        actor = _bench_autologin(db, workstation)
        if actor is None:
            from app.ui.dialogs.login import LoginDialog

            login = LoginDialog(db, workstation,
                                demo=demo and _demo_data().has_demo_users(db))
            if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
                return 1
            actor = login.actor
        from app.ui.main_window import MainWindow

        window = MainWindow(db, actor, language=language, background_jobs=True)
        window.show()
        if "shop_import" in after_setup:  # ticked on the wizard's last page
            QTimer.singleShot(0, window.open_shop_import)
        if BENCH_AUTOLOGIN in os.environ:
            _bench_report_and_quit(app, window)
        code = app.exec()
        from app.ui.worker import wait_for_all

        wait_for_all(5000)
        return int(code)
    finally:
        db.dispose()
        del translators
