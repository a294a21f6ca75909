"""Settings: which database, which language, this workstation's name.

"Test connection" explains a failure in plain words (server unreachable, wrong
password, database missing) instead of showing a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL, create_engine, text
from sqlalchemy.engine import make_url

from app.config import Settings, default_sqlite_url, workstation_name
from app.domain.idle import MAX_IDLE_MINUTES
from app.i18n import LANGUAGES
from app.ui.worker import run_in_thread

logger = logging.getLogger(__name__)



_UNREACHABLE = (
    "connection refused", "could not connect", "timeout", "timed out", "no route to host",
    "could not translate host name", "name or service not known", "network is unreachable",
    "connection failed",
)


def explain_connection_error(exc: BaseException, url: str = "") -> str:
    """A plain-words reason why connecting failed (psycopg / sqlite3 messages mapped)."""
    message = str(getattr(exc, "orig", None) or exc)
    low = message.lower()
    host, database, user = "", "", ""
    if url:
        try:
            parsed = make_url(url)
            host = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
            database, user = parsed.database or "", parsed.username or ""
        except Exception:  # noqa: BLE001 - the URL itself may be what is wrong
            pass
    translate = QCoreApplication.translate
    if ("password authentication failed" in low or "no password supplied" in low
            or "password is required" in low):
        return translate(
            "Settings",
            "The server refused the user name or password. Check the password for user %1.",
        ).replace("%1", user)
    if "does not exist" in low and "database" in low:
        return translate(
            "Settings",
            "The server is reachable, but the database \"%1\" does not exist on it. "
            "Check the name, or ask the administrator to create it.",
        ).replace("%1", database)
    if "role" in low and "does not exist" in low:
        return translate("Settings", "The server does not know the user \"%1\".").replace(
            "%1", user)
    if any(words in low for words in _UNREACHABLE):
        return translate(
            "Settings",
            "Cannot reach a database server at %1. Check the host name and port, that the "
            "server is running, and that no firewall blocks it.",
        ).replace("%1", host)
    if "unable to open database file" in low:
        return translate(
            "Settings",
            "The database file cannot be opened: check that its folder exists and can be "
            "written to.",
        )
    if "file is not a database" in low:
        return translate("Settings", "That file is not an OrderDesk database.")
    first_line = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return translate("Settings", "Could not connect: %1").replace("%1", first_line)


def check_connection(url: str) -> str:
    """Connect and run ``SELECT 1``; returns the server version or raises."""
    connect_args: dict[str, object] = {}
    if not url.startswith("sqlite"):
        connect_args["connect_timeout"] = 5
    engine = create_engine(url, connect_args=connect_args)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            version = conn.dialect.server_version_info
        return ".".join(str(v) for v in version or ())
    finally:
        engine.dispose()


def hide_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return url


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, current_url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self.settings = Settings.load()
        url = self.settings.database_url or current_url or default_sqlite_url()

        db_box = QGroupBox(self.tr("Database"))
        self.sqlite_radio = QRadioButton(self.tr("Local file on this computer (SQLite)"))
        self.pg_radio = QRadioButton(self.tr("Shared server (PostgreSQL)"))
        group = QButtonGroup(self)
        group.addButton(self.sqlite_radio)
        group.addButton(self.pg_radio)
        self.file_edit = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit)
        file_row.addWidget(browse)
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("pg_host")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("pg_port")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.dbname_edit = QLineEdit("orderdesk")
        self.dbname_edit.setObjectName("pg_database")
        self.user_edit = QLineEdit("orderdesk")
        self.user_edit.setObjectName("pg_user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("pg_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setObjectName("test_result")
        self.test_result.setWordWrap(True)
        db_form = QFormLayout(db_box)
        db_form.addRow(self.sqlite_radio)
        db_form.addRow(self.tr("File:"), file_row)
        db_form.addRow(self.pg_radio)
        db_form.addRow(self.tr("Host:"), self.host_edit)
        db_form.addRow(self.tr("Port:"), self.port_spin)
        db_form.addRow(self.tr("Database name:"), self.dbname_edit)
        db_form.addRow(self.tr("User:"), self.user_edit)
        db_form.addRow(self.tr("Password:"), self.password_edit)
        db_form.addRow(self.test_button, self.test_result)

        desk_box = QGroupBox(self.tr("This workstation"))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        self.language_combo.addItem(self.tr("System default"), "")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(
            self.settings.language)))
        self.workstation_edit = QLineEdit(self.settings.workstation)
        self.workstation_edit.setObjectName("workstation")
        self.workstation_edit.setPlaceholderText(workstation_name())
        desk_form = QFormLayout(desk_box)
        desk_form.addRow(self.tr("Language:"), self.language_combo)
        desk_form.addRow(self.tr("Workstation name:"), self.workstation_edit)

        shop_box = QGroupBox(self.tr("Company, printers and counter"))
        self.company_phone_edit = QLineEdit(self.settings.company_phone)
        self.company_phone_edit.setObjectName("company_phone")
        self.company_email_edit = QLineEdit(self.settings.company_email)
        self.company_email_edit.setObjectName("company_email")
        self.company_tax_edit = QLineEdit(self.settings.company_tax_id)
        self.company_tax_edit.setObjectName("company_tax_id")
        self.label_printer_combo = self._printer_combo("label_printer",
                                                       self.settings.label_printer)
        self.slip_printer_combo = self._printer_combo("slip_printer",
                                                      self.settings.slip_printer)
        self.warehouse_edit = QLineEdit(self.settings.default_warehouse)
        self.warehouse_edit.setObjectName("default_warehouse")
        self.warehouse_edit.setPlaceholderText("MAIN")
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idle_lock_minutes")
        self.idle_spin.setRange(0, MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(self.tr(" min"))
        self.idle_spin.setSpecialValueText(self.tr("Never"))
        self.idle_spin.setValue(self.settings.idle_policy().minutes)
        shop_form = QFormLayout(shop_box)
        shop_form.addRow(self.tr("Company phone:"), self.company_phone_edit)
        shop_form.addRow(self.tr("Company e-mail:"), self.company_email_edit)
        shop_form.addRow(self.tr("Tax number:"), self.company_tax_edit)
        shop_form.addRow(self.tr("Label printer:"), self.label_printer_combo)
        shop_form.addRow(self.tr("Packing slip printer:"), self.slip_printer_combo)
        shop_form.addRow(self.tr("Default warehouse (code):"), self.warehouse_edit)
        shop_form.addRow(self.tr("Lock after no input for:"), self.idle_spin)

        note = QLabel(self.tr("Changes take effect when OrderDesk is started again."))
        note.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(db_box)
        layout.addWidget(desk_box)
        layout.addWidget(shop_box)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self._load_url(url)
        self.sqlite_radio.toggled.connect(self._update_enabled)
        self._update_enabled()

    def _printer_combo(self, name: str, current: str) -> QComboBox:
        """"PDF file" plus the printers this computer knows (QPrinterInfo); a saved
        printer that is not connected now is kept and marked."""
        from PySide6.QtPrintSupport import QPrinterInfo

        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(self.tr("PDF file (no printer)"), "")
        for printer in QPrinterInfo.availablePrinterNames():
            combo.addItem(printer, printer)
        if current and combo.findData(current) < 0:
            combo.addItem(self.tr("%1 (not connected)").replace("%1", current), current)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _load_url(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except Exception:  # noqa: BLE001
            parsed = make_url(default_sqlite_url())
        if parsed.drivername.startswith("sqlite"):
            self.sqlite_radio.setChecked(True)
            self.file_edit.setText(parsed.database or "")
        else:
            self.pg_radio.setChecked(True)
            self.file_edit.setText(make_url(default_sqlite_url()).database or "")
            self.host_edit.setText(parsed.host or "")
            self.port_spin.setValue(parsed.port or 5432)
            self.dbname_edit.setText(parsed.database or "")
            self.user_edit.setText(parsed.username or "")
            self.password_edit.setText(parsed.password or "")

    def _update_enabled(self) -> None:
        local = self.sqlite_radio.isChecked()
        self.file_edit.setEnabled(local)
        for w in (self.host_edit, self.port_spin, self.dbname_edit, self.user_edit,
                  self.password_edit):
            w.setEnabled(not local)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Database file"), self.file_edit.text(),
            self.tr("SQLite database (*.sqlite3 *.sqlite *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.file_edit.setText(path)

    def url(self) -> str:
        if self.sqlite_radio.isChecked():
            return f"sqlite:///{Path(self.file_edit.text().strip()).expanduser()}"
        return URL.create(
            "postgresql+psycopg", username=self.user_edit.text().strip() or None,
            password=self.password_edit.text() or None,
            host=self.host_edit.text().strip() or "localhost", port=self.port_spin.value(),
            database=self.dbname_edit.text().strip() or None,
        ).render_as_string(hide_password=False)

    def test_connection(self) -> None:
        url = self.url()
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Connecting…"))

        def ok(version: str) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #1b5e20;")
            self.test_result.setText(self.tr("Connected (server version %1).").replace(
                "%1", version or "?"))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #b00020;")
            self.test_result.setText(explain_connection_error(exc, url))

        run_in_thread(lambda: check_connection(url), ok, failed)

    def save(self) -> None:
        self.settings.database_url = self.url()
        self.settings.language = str(self.language_combo.currentData() or "")
        self.settings.workstation = self.workstation_edit.text().strip()
        self.settings.company_phone = self.company_phone_edit.text().strip()
        self.settings.company_email = self.company_email_edit.text().strip()
        self.settings.company_tax_id = self.company_tax_edit.text().strip()
        self.settings.label_printer = str(self.label_printer_combo.currentData() or "")
        self.settings.slip_printer = str(self.slip_printer_combo.currentData() or "")
        self.settings.default_warehouse = self.warehouse_edit.text().strip().upper()
        self.settings.idle_lock_minutes = self.idle_spin.value()
        self.settings.save()
        logger.info("settings saved (database %s)", hide_password(self.settings.database_url))
        self.accept()
