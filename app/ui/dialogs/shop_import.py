"""Import shop data: an existing shop's products (barcodes, opening stock) or customers
(opening balances) from CSV/XLSX. The file is read by the order-intake reader and mapped
with the intake mapping dialog; Check shows what would happen, Import writes the good rows
in one transaction and lists every row left out with its line and reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.channels.generic import ColumnMapping
from app.channels.master_data import (
    REQUIRED,
    Table,
    UnreadableFile,
    initial_mapping,
    missing_fields,
    read_table,
)
from app.db.engine import Database
from app.services import shop_import
from app.services.context import Actor
from app.services.errors import ServiceError

PREVIEW_ROWS = 50
ERROR_STYLE = "color: #b00020;"


class ShopImportDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, currency: str = "CNY",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.table: Table | None = None
        self.mapping: dict[str, str] = {}
        self.report: shop_import.ImportReport | None = None
        self.setWindowTitle(self.tr("Import shop data"))

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("A .csv or .xlsx file with a header row"))
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Products (barcodes, opening stock)"), "product")
        self.kind_combo.addItem(self.tr("Customers (opening balances)"), "customer")
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(self.tr("Detect"), "")
        for enc in ("utf-8", "gb18030", "cp1252"):
            self.encoding_combo.addItem(enc.upper(), enc)
        self.encoding_combo.currentIndexChanged.connect(self._reload)
        self.currency_edit = QLineEdit(currency)
        self.currency_edit.setMaxLength(3)
        self.mapping_button = QPushButton(self.tr("Column mapping…"))
        self.mapping_button.clicked.connect(self.edit_mapping)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Encoding"), self.encoding_combo)
        form.addRow(self.tr("Currency of balances"), self.currency_edit)
        form.addRow("", self.mapping_button)

        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()  # the file's own line numbers are shown
        self.preview.horizontalHeader().setStretchLastSection(True)  # room for problems
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText(self.tr("Rows that cannot be imported are listed here."))
        self.problems.setMaximumHeight(140)

        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.run_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Preview (first rows, as mapped)")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self._set_ready(False)
        self._kind_changed()
        self.resize(860, 620)

    # ------------------------------------------------------------------ state
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))

    def _set_ready(self, ready: bool) -> None:
        self.mapping_button.setEnabled(ready)
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)

    def _say(self, text: str, error: bool = False) -> None:
        self.summary_label.setStyleSheet(ERROR_STYLE if error else "")
        self.summary_label.setText(text)

    def _kind_changed(self) -> None:
        self.currency_edit.setEnabled(self.kind() == "customer")
        if self.table is not None:
            self._start_mapping()

    # ------------------------------------------------------------------ file and mapping
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Shop data file"), "",
            self.tr("Tables (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"))
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self._reload()

    def _reload(self) -> None:
        text = self.path_edit.text()
        if not text:
            return
        self.table, self.report = None, None
        self.problems.clear()
        try:
            self.table = read_table(Path(text), self.encoding_combo.currentData() or None)
        except (OSError, UnreadableFile) as exc:
            self._set_ready(False)
            self.preview.clear()
            self.preview.setRowCount(0)
            self._say(str(exc), error=True)
            return
        self._set_ready(True)
        self._start_mapping()

    def _start_mapping(self) -> None:
        assert self.table is not None
        saved = shop_import.saved_mapping(self.db, self.kind())
        self.mapping = initial_mapping(self.table.headers, self.kind(), saved)
        self._show_preview()
        missing = missing_fields(self.mapping, self.kind())
        if missing:
            self._say(self.tr("Map a column to %1 (Column mapping…).").replace(
                "%1", ", ".join(missing)), error=True)
        else:
            self.check()

    def edit_mapping(self) -> bool:
        """The intake mapping dialog with this kind's fields; the mapping is saved for the
        next file of the same kind."""
        from app.ui.dialogs.column_mapping import ColumnMappingDialog

        if self.table is None:
            return False
        dialog = ColumnMappingDialog(
            self.table.headers, ColumnMapping(columns=dict(self.mapping)), self,
            fields=shop_import.mapping_fields(self.kind()), required=REQUIRED[self.kind()],
            order_options=False)
        self.mapping_dialog = dialog  # tests fill it in
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen = dialog.mapping()
        self.mapping = chosen.single_columns()
        try:
            shop_import.save_mapping(self.db, self.actor, self.kind(),
                                     ColumnMapping(columns=dict(self.mapping)))
        except ServiceError as exc:  # used for this file all the same
            self._say(str(exc), error=True)
        self._show_preview()
        self.check()
        return True

    def _show_preview(self) -> None:
        assert self.table is not None
        fields = [f for f in shop_import.mapping_fields(self.kind()) if self.mapping.get(f)]
        index = {h: i for i, h in enumerate(self.table.headers)}
        self.preview.clear()
        self.preview.setColumnCount(len(fields) + 2)
        self.preview.setHorizontalHeaderLabels(
            [self.tr("Line"), *fields, self.tr("Problem")])
        rows = self.table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for r, (line, cells) in enumerate(rows):
            self.preview.setItem(r, 0, QTableWidgetItem(str(line)))
            for c, name in enumerate(fields, start=1):
                i = index.get(self.mapping[name], -1)
                value = cells[i].strip() if 0 <= i < len(cells) else ""
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()

    def _mark_problems(self, report: shop_import.ImportReport) -> None:
        reasons = {row.line: row.reason for row in report.rejected}
        last = self.preview.columnCount() - 1
        for r in range(self.preview.rowCount()):
            item = self.preview.item(r, 0)
            reason = reasons.get(int(item.text())) if item is not None else None
            self.preview.setItem(r, last, QTableWidgetItem(reason or ""))
        self.preview.resizeColumnsToContents()
        self.problems.setPlainText("\n".join(
            self.tr("line %1: %2").replace("%1", str(row.line)).replace("%2", row.reason)
            for row in report.rejected))

    # ------------------------------------------------------------------ check and import
    def _run(self, dry_run: bool) -> shop_import.ImportReport | None:
        if self.table is None:
            return None
        try:
            if self.kind() == "product":
                report = shop_import.import_products(
                    self.db, self.actor, self.table, self.mapping, dry_run=dry_run,
                    source=Path(self.path_edit.text()).name)
            else:
                report = shop_import.import_customers(
                    self.db, self.actor, self.table, self.mapping,
                    self.currency_edit.text().strip().upper(), dry_run=dry_run,
                    source=Path(self.path_edit.text()).name)
        except (ServiceError, UnreadableFile) as exc:
            self._say(str(exc), error=True)
            return None
        self._mark_problems(report)
        return report

    def _counts(self, report: shop_import.ImportReport) -> str:
        kind = self.tr("products") if report.kind == "product" else self.tr("customers")
        return (self.tr("%1 %2, %3 rows not imported")
                .replace("%1", str(report.imported)).replace("%2", kind)
                .replace("%3", str(len(report.rejected))))

    def check(self) -> None:
        """A dry run: every row checked against the file and the database, nothing written."""
        report = self._run(dry_run=True)
        if report is not None:
            self._say(self.tr("Check: would import %1.").replace("%1", self._counts(report)))

    def run_import(self) -> None:
        """Writes every good row in one transaction; the bad rows stay listed below."""
        report = self._run(dry_run=False)
        if report is None:
            return
        self.report = report
        extra = ""
        if report.kind == "product" and report.stock_units:
            extra = self.tr(" Opening stock: %1 units.").replace("%1", str(report.stock_units))
        elif report.kind == "customer" and report.balance_total:
            extra = self.tr(" Opening balances: %1.").replace("%1", str(report.balance_total))
        self._say(self.tr("Imported %1.").replace("%1", self._counts(report)) + extra)
        self.import_button.setEnabled(False)  # the same file again would only repeat rows
