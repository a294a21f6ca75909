"""The first-run wizard: company, database, first administrator, warehouse, printers, demo.

It only asks; ``app.services.setup.apply_first_run`` does the writing. The caller passes a
connection-test callback (``setup.check_connection``: URL → None or a message) so the
wizard itself never touches a database::

    wizard = FirstRunWizard(check_connection=setup.check_connection)
    if wizard.exec():
        setup.apply_first_run(wizard.first_run_result(), Settings.load(), Database(url))
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.engine import URL

from app.config import default_sqlite_url
from app.services.auth import MIN_SECRET_LENGTH
from app.services.setup import CURRENCIES, FirstRunResult

ConnectionTest = Callable[[str], "str | None"]
PDF_FILE = ""  # the printer choice meaning "write a PDF file"


class CompanyPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your company"))
        self.setSubTitle(self.tr("Printed on packing slips, invoices and statements."))
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(70)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.currency = QComboBox()
        self.currency.addItems(list(CURRENCIES))
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        form = QFormLayout(self)
        form.addRow(self.tr("Company &name:"), self.name)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&E-mail:"), self.email)
        form.addRow(self.tr("&Currency:"), self.currency)
        form.addRow(self.tr("&Language:"), self.language)
        self.registerField("company_name*", self.name)


class DatabasePage(QWizardPage):
    """Local SQLite file, or a shared PostgreSQL server that must pass a connection test."""

    def __init__(self, check_connection: ConnectionTest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check_connection
        self._tested_url: str | None = None  # the URL that last passed the test
        self.setTitle(self.tr("Database"))
        self.setSubTitle(self.tr("One workstation: keep the data on this computer. Several "
                                 "workstations: share one PostgreSQL server."))
        self.local = QRadioButton(self.tr("&Local: a file on this computer"))
        self.shared = QRadioButton(self.tr("&Shared: a PostgreSQL server"))
        self.local.setChecked(True)
        self.local_path = QLabel(default_sqlite_url().removeprefix("sqlite:///"))
        self.local_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.host = QLineEdit("127.0.0.1")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("orderdesk")
        self.user = QLineEdit("orderdesk")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.server = QWidget()
        form = QFormLayout(self.server)
        form.addRow(self.tr("&Host:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.test_button, self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.local_path)
        layout.addWidget(self.shared)
        layout.addWidget(self.server)
        layout.addStretch()
        self.local.toggled.connect(self._mode_changed)
        for edit in (self.host, self.database, self.user, self.password):
            edit.textChanged.connect(self._server_changed)
        self.port.valueChanged.connect(self._server_changed)
        self.test_button.clicked.connect(self.test_connection)
        self._mode_changed()

    def url(self) -> str:
        """"" for the local file, else the PostgreSQL URL typed in."""
        if self.local.isChecked():
            return ""
        return URL.create(
            "postgresql", username=self.user.text().strip() or None,
            password=self.password.text() or None, host=self.host.text().strip() or None,
            port=self.port.value(), database=self.database.text().strip() or None,
        ).render_as_string(hide_password=False)

    def test_connection(self) -> bool:
        url = self.url()
        problem = self._check(url or default_sqlite_url())
        if problem is None:
            self._tested_url = url
            self.status.setText(self.tr("Connected."))
        else:
            self._tested_url = None
            self.status.setText(problem)
        self.completeChanged.emit()
        return problem is None

    def _mode_changed(self) -> None:
        self.server.setEnabled(self.shared.isChecked())
        self.completeChanged.emit()

    def _server_changed(self) -> None:
        self._tested_url = None
        self.status.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.local.isChecked() or (self._tested_url is not None
                                          and self._tested_url == self.url())


class AdminPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(self.tr("The first user: sets up users, printers and settings."))
        self.username = QLineEdit("admin")
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._changed)
        self.username.textChanged.connect(self._changed)
        self.hint = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("User &name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Repeat password:"), self.repeat)
        form.addRow(self.hint)
        self._changed()

    def problem(self) -> str:
        if not self.username.text().strip():
            return self.tr("Enter a user name.")
        if len(self.password.text()) < MIN_SECRET_LENGTH:
            return self.tr("The password needs at least %n characters.", "", MIN_SECRET_LENGTH)
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords are not the same.")
        return ""

    def _changed(self) -> None:
        self.hint.setText(self.problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.problem()


class WarehousePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Default warehouse"))
        self.setSubTitle(self.tr("Where stock is kept and orders are shipped from. "
                                 "More warehouses can be added later."))
        self.code = QLineEdit("MAIN")
        self.code.setMaxLength(16)
        self.name = QLineEdit(self.tr("Main warehouse"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Name:"), self.name)
        # not registerField("…*"): Qt counts a pre-filled mandatory field as empty
        for edit in (self.code, self.name):
            edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return bool(self.code.text().strip() and self.name.text().strip())


class PrinterPage(QWizardPage):
    """Label (4×6 in) and packing-slip (A4) printers, each with a test print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Printers"))
        self.setSubTitle(self.tr("Shipping labels are 4×6 in (100×150 mm); packing slips A4. "
                                 "Choose “PDF file” to print later or without a printer."))
        self.label_printer = QComboBox()
        self.slip_printer = QComboBox()
        names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
        for combo in (self.label_printer, self.slip_printer):
            combo.addItem(self.tr("PDF file"), PDF_FILE)
            for name in names:
                combo.addItem(name, name)
        self.label_test = QPushButton(self.tr("Test &label"))
        self.slip_test = QPushButton(self.tr("Test &slip"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Label printer:"), self._row(self.label_printer, self.label_test))
        form.addRow(self.tr("S&lip printer:"), self._row(self.slip_printer, self.slip_test))
        form.addRow(self.status)
        self.label_test.clicked.connect(lambda: self.test_print("label"))
        self.slip_test.clicked.connect(lambda: self.test_print("slip"))

    @staticmethod
    def _row(combo: QComboBox, button: QPushButton) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(combo, 1)
        layout.addWidget(button)
        return row

    def choice(self, kind: str) -> str:
        combo = self.label_printer if kind == "label" else self.slip_printer
        return str(combo.currentData())

    def test_print(self, kind: str) -> str | None:
        """Print a test page to the chosen printer (or a PDF file). Returns where it went."""
        name = self.choice(kind)
        if name == PDF_FILE:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save test page"), f"orderdesk-test-{kind}.pdf",
                self.tr("PDF files (*.pdf)"))
            if not path:
                return None
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(path)
            target = path
        else:
            printer = QPrinter(QPrinterInfo.printerInfo(name),
                               QPrinter.PrinterMode.HighResolution)
            target = name
        if kind == "label":
            size = QPageSize(QSizeF(4, 6), QPageSize.Unit.Inch, "4x6in")
            printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait,
                                              QMarginsF(0, 0, 0, 0)))
        else:
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(self.tr("Could not start printing on %1.").replace("%1", target))
            return None
        font = QFont()
        font.setPointSize(14)
        painter.setFont(font)
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        painter.drawRect(page.adjusted(10, 10, -10, -10))
        text = self.tr("OrderDesk test page — %1\nIf this fits inside the frame, the "
                       "printer is set up.").replace("%1", self.tr("shipping label") if
                                                     kind == "label" else self.tr("packing slip"))
        painter.drawText(page.adjusted(40, 40, -40, -40), int(Qt.AlignmentFlag.AlignCenter
                                                              | Qt.TextFlag.TextWordWrap), text)
        painter.end()
        self.status.setText(self.tr("Test page sent to %1.").replace("%1", target))
        return target


class FinishPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Everything set here can be changed later in Settings."))
        self.demo = QCheckBox(self.tr("Load &demo data (customers, products and orders to "
                                      "practise with)"))
        self.import_shop = QCheckBox(self.tr(
            "&Then import my shop's products and customers (CSV/XLSX)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo)
        layout.addWidget(self.import_shop)
        layout.addStretch()


class FirstRunWizard(QWizard):
    def __init__(self, check_connection: ConnectionTest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up OrderDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.company = CompanyPage()
        self.database = DatabasePage(check_connection)
        self.admin = AdminPage()
        self.warehouse = WarehousePage()
        self.printers = PrinterPage()
        self.finish = FinishPage()
        for page in (self.company, self.database, self.admin, self.warehouse, self.printers,
                     self.finish):
            self.addPage(page)

    def wants_shop_import(self) -> bool:
        """Open Import shop data once the desk is up (an existing shop's master data)."""
        return self.finish.import_shop.isChecked()

    def first_run_result(self) -> FirstRunResult:
        """The answers, for ``setup.apply_first_run``."""
        return FirstRunResult(
            company_name=self.company.name.text().strip(),
            company_address=self.company.address.toPlainText().strip(),
            company_phone=self.company.phone.text().strip(),
            company_email=self.company.email.text().strip(),
            currency=self.company.currency.currentText(),
            language=str(self.company.language.currentData()),
            database_url=self.database.url(),
            admin_username=self.admin.username.text().strip(),
            admin_password=self.admin.password.text(),
            admin_password_repeat=self.admin.repeat.text(),
            warehouse_code=self.warehouse.code.text().strip().upper(),
            warehouse_name=self.warehouse.name.text().strip(),
            label_printer=self.printers.choice("label"),
            slip_printer=self.printers.choice("slip"),
            load_demo_data=self.finish.demo.isChecked(),
        )
