"""Find a customer (search by name, phone or code) and create a new one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.db.queries import CustomerRow, search_customers
from app.services import catalog
from app.services.catalog import AddressData, CustomerData
from app.services.context import Actor
from app.services.errors import ServiceError
from app.ui.worker import run_in_thread

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CustomerSearchDialog(QDialog):
    """Type to search; Enter or double-click picks; "New customer…" creates one."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 initial: str = "") -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.customer_id: int | None = None
        self.setWindowTitle(self.tr("Choose customer"))
        self.resize(520, 420)
        self.search_edit = QLineEdit(initial)
        self.search_edit.setObjectName("customer_search")
        self.search_edit.setPlaceholderText(self.tr("Name, phone or customer code"))
        self.list = QListWidget()
        self.list.setObjectName("customer_list")
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._pick)
        self.new_button = QPushButton(self.tr("&New customer…"))
        self.new_button.clicked.connect(self._new)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(lambda: self._pick(self.list.currentItem()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.search_edit.installEventFilter(self)
        self._generation = 0
        self.loaded = False
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up/Down in the search field move through the list."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        self._generation += 1
        generation, db, text = self._generation, self.db, self.search_edit.text()
        self.loaded = False

        def fetch() -> list[CustomerRow]:
            with db.reader() as s:
                return search_customers(s, text)

        run_in_thread(fetch, lambda rows: self._show(generation, rows))

    def _show(self, generation: int, rows: list[CustomerRow]) -> None:
        if generation != self._generation:
            return
        self.list.clear()
        for r in rows:
            item = QListWidgetItem(f"{r.name}    {r.phone}    {r.code}")
            item.setData(ID_ROLE, r.id)
            self.list.addItem(item)
        if rows:
            self.list.setCurrentRow(0)
        self.loaded = True

    def _pick(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.customer_id = int(item.data(ID_ROLE))
        self.accept()

    def _new(self) -> None:
        dialog = NewCustomerDialog(self.db, self.actor, self, name=self.search_edit.text())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.customer_id is not None:
            self.customer_id = dialog.customer_id
            self.accept()


class NewCustomerDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 name: str = "") -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.customer_id: int | None = None
        self.setWindowTitle(self.tr("New customer"))
        self.setMinimumWidth(460)
        digits = sum(ch.isdigit() for ch in name)
        self.name_edit = QLineEdit("" if digits > len(name) // 2 else name)
        self.name_edit.setObjectName("new_customer_name")
        self.phone_edit = QLineEdit(name if digits > len(name) // 2 else "")
        self.phone_edit.setObjectName("new_customer_phone")
        self.email_edit = QLineEdit()
        self.country_combo = QComboBox()
        for code in ("CN", "HK", "TW", "SG", "US", "GB", "DE", "JP"):
            self.country_combo.addItem(code)
        self.province_edit = QLineEdit()
        self.city_edit = QLineEdit()
        self.district_edit = QLineEdit()
        self.street_edit = QLineEdit()
        self.postcode_edit = QLineEdit()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Phone:"), self.phone_edit)
        form.addRow(self.tr("&Email:"), self.email_edit)
        form.addRow(self.tr("Country:"), self.country_combo)
        form.addRow(self.tr("Province / state:"), self.province_edit)
        form.addRow(self.tr("City:"), self.city_edit)
        form.addRow(self.tr("District:"), self.district_edit)
        form.addRow(self.tr("Street address:"), self.street_edit)
        form.addRow(self.tr("Postcode:"), self.postcode_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def save(self) -> None:
        name, phone = self.name_edit.text().strip(), self.phone_edit.text().strip()
        addresses = []
        if self.street_edit.text().strip() or self.city_edit.text().strip():
            addresses.append(AddressData(
                recipient=name, phone=phone, country=self.country_combo.currentText(),
                province=self.province_edit.text().strip(), city=self.city_edit.text().strip(),
                district=self.district_edit.text().strip(),
                street=self.street_edit.text().strip(),
                postcode=self.postcode_edit.text().strip(), is_default=True))
        data = CustomerData(name=name, phone=phone, email=self.email_edit.text().strip(),
                            addresses=addresses)
        try:
            self.customer_id = catalog.create_customer(self.db, self.actor, data)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()
