"""Dunning levels (finance), opened from the Receivables view's Dunning tab: when each
level is due (days overdue), its letter in English and Chinese, an optional fee and an
action (credit hold). Changes go through ``receivables.save_dunning_level``."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.money import format_money, parse_money
from app.domain.receivables import DunningAction
from app.domain.roles import Permission, may
from app.services import receivables
from app.services.context import Actor
from app.services.errors import ServiceError
from app.services.receivables import DunningLevelData
from app.ui.views.receivables import SimpleTableModel, _table


class DunningLevelsDialog(QDialog):
    saved = Signal(int)  # the level saved (tests)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.levels: list[DunningLevelData] = []
        self.setWindowTitle(self.tr("Dunning levels"))
        self.resize(900, 680)
        self.model = SimpleTableModel([self.tr("Level"), self.tr("Days overdue"),
                                       self.tr("Fee"), self.tr("Action"),
                                       self.tr("Subject")], self)
        self.table = _table(self.model)
        self.table.setMinimumHeight(130)
        self.table.clicked.connect(lambda index: self.show_level(index.row()))
        self.level = QSpinBox()
        self.level.setRange(1, 9)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setSuffix(self.tr(" days"))
        self.fee = QLineEdit()
        self.fee.setPlaceholderText("0.00")
        self.action = QComboBox()
        self.action.addItem(self.tr("None"), DunningAction.NONE.value)
        self.action.addItem(self.tr("Put the customer on credit hold"), DunningAction.HOLD.value)
        self.subject_en = QLineEdit()
        self.body_en = QPlainTextEdit()
        self.subject_zh = QLineEdit()
        self.body_zh = QPlainTextEdit()
        for body in (self.body_en, self.body_zh):
            body.setMinimumHeight(90)
        hint = QLabel(self.tr("Fields: {customer} {amount} {days} {fee} {invoices} {company}. "
                              "An empty Chinese letter uses the English one."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Due at"), self.days)
        form.addRow(self.tr("Fee"), self.fee)
        form.addRow(self.tr("Action"), self.action)
        letters = QGridLayout()  # English beside Chinese, so both fit
        letters.addWidget(QLabel(self.tr("Subject (English)")), 0, 0)
        letters.addWidget(QLabel(self.tr("Subject (Chinese)")), 0, 1)
        letters.addWidget(self.subject_en, 1, 0)
        letters.addWidget(self.subject_zh, 1, 1)
        letters.addWidget(QLabel(self.tr("Letter (English)")), 2, 0)
        letters.addWidget(QLabel(self.tr("Letter (Chinese)")), 2, 1)
        letters.addWidget(self.body_en, 3, 0)
        letters.addWidget(self.body_zh, 3, 1)
        letters.addWidget(hint, 4, 0, 1, 2)
        self.save_button = QPushButton(self.tr("Save level"))
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton(self.tr("Remove level"))
        self.remove_button.clicked.connect(self.remove)
        allowed = may(actor.role, Permission.FINANCE)
        self.save_button.setEnabled(allowed)
        self.remove_button.setEnabled(allowed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(letters, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.refresh()
        if self.levels:
            self.show_level(0)

    def _fail(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _ok(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)

    def _action_label(self, action: DunningAction) -> str:
        return self.tr("credit hold") if action is DunningAction.HOLD else ""

    def refresh(self) -> None:
        self.levels = receivables.dunning_level_settings(self.db)
        self.model.set_rows([
            (lv.level, [str(lv.level), str(lv.days_overdue), format_money(lv.fee),
                        self._action_label(lv.action), lv.subject_en]) for lv in self.levels])

    def show_level(self, row: int) -> None:
        lv = self.levels[row]
        self.level.setValue(lv.level)
        self.days.setValue(lv.days_overdue)
        self.fee.setText(format_money(lv.fee))
        self.action.setCurrentIndex(self.action.findData(lv.action.value))
        self.subject_en.setText(lv.subject_en)
        self.body_en.setPlainText(lv.body_en)
        self.subject_zh.setText(lv.subject_zh)
        self.body_zh.setPlainText(lv.body_zh)

    def form_data(self) -> DunningLevelData:
        """The form as a level; ValueError names the fee if it is not an amount."""
        try:
            fee = parse_money(self.fee.text() or "0")
        except ValueError:
            raise ValueError(self.tr("The fee is not an amount.")) from None
        return DunningLevelData(
            self.level.value(), self.days.value(), Decimal(fee),
            DunningAction(self.action.currentData()), self.subject_en.text(),
            self.body_en.toPlainText(), self.subject_zh.text(), self.body_zh.toPlainText())

    def save(self) -> None:
        try:
            data = self.form_data()
            receivables.save_dunning_level(self.db, self.actor, data)
        except (ValueError, ServiceError) as exc:
            self._fail(str(exc))
            return
        self.refresh()
        self._ok(self.tr("Level %1 saved.").replace("%1", str(data.level)))
        self.saved.emit(data.level)

    def remove(self) -> None:
        level = self.level.value()
        try:
            receivables.remove_dunning_level(self.db, self.actor, level)
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self.refresh()
        self._ok(self.tr("Level %1 removed.").replace("%1", str(level)))
