"""Profit view: revenue, costs, gross and net margin by order, product, category,
customer, channel or period; sortable, filterable, exported to CSV/XLSX; a bar chart of
net profit by the chosen grouping and its trend by month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.money import format_money
from app.services import profit
from app.services.context import Actor
from app.ui.views.receivables import (
    SORT_ROLE,
    SimpleTableModel,
    _pydate,
    _qdate,
    _table,
    run_in_thread,
)
from app.ui.widgets.chart import ChartWidget


class ProfitView(QWidget):
    loaded = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.rows: list[profit.ProfitRow] = []
        self.group = QComboBox()
        for key, label in (("order", self.tr("Order")), ("product", self.tr("Product")),
                           ("category", self.tr("Category")), ("customer", self.tr("Customer")),
                           ("channel", self.tr("Channel")), ("period", self.tr("Month"))):
            self.group.addItem(label, key)
        today = date.today()
        self.start = QDateEdit(_qdate(today.replace(month=1, day=1)))
        self.end = QDateEdit(_qdate(today))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter"))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.load)
        csv_button = QPushButton(self.tr("Export CSV…"))
        csv_button.clicked.connect(lambda: self.export("csv"))
        xlsx_button = QPushButton(self.tr("Export XLSX…"))
        xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.model = SimpleTableModel([
            self.tr("Key"), self.tr("Name"), self.tr("Orders"), self.tr("Revenue"),
            self.tr("Cost of goods"), self.tr("Production"), self.tr("Shipping"),
            self.tr("Fees"), self.tr("Exceptions"), self.tr("Indirect"), self.tr("Gross"),
            self.tr("Net"), self.tr("Gross %"), self.tr("Net %")], self)
        self.proxy = QSortFilterProxyModel(self)  # report rows are few (groups, not lines)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = _table(self.model)
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # unsorted until a header is clicked
        self.summary = QLabel()
        self.bar_chart = ChartWidget(ChartWidget.BARS, self.tr("Net profit"))
        self.bar_chart.setObjectName("profitBars")
        self.trend_chart = ChartWidget(ChartWidget.LINE, self.tr("Net profit by month"),
                                       max_points=36)
        self.trend_chart.setObjectName("profitTrend")
        charts = QWidget()
        chart_row = QHBoxLayout(charts)
        chart_row.setContentsMargins(0, 0, 0, 0)
        chart_row.addWidget(self.bar_chart, 3)
        chart_row.addWidget(self.trend_chart, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        for w in (QLabel(self.tr("By")), self.group, QLabel(self.tr("From")), self.start,
                  QLabel(self.tr("To")), self.end, self.filter, refresh, csv_button,
                  xlsx_button):
            top.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)

    def load(self) -> None:
        db, actor = self.db, self.actor
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        group, text = self.group.currentData(), self.filter.text()

        def fetch() -> tuple[list[profit.ProfitRow], list[tuple[str, Decimal]]]:
            return (profit.profit_report(db, actor, start, end, group, text),
                    profit.profit_trend(db, actor, start, end, group, text))

        def done(result: tuple[list[profit.ProfitRow], list[tuple[str, Decimal]]]
                 ) -> None:
            rows, trend = result
            self.rows = rows
            self.model.set_rows([(r.key, [
                r.key, r.label, str(len(r.orders)), *(format_money(getattr(r.profit, f)) for f in (
                    "revenue", "cost_of_goods", "production", "shipping", "fees", "exceptions",
                    "indirect", "gross", "net")),
                "" if r.profit.gross_margin is None else f"{r.profit.gross_margin}",
                "" if r.profit.net_margin is None else f"{r.profit.net_margin}"]) for r in rows])
            self.show_charts(rows, trend, self.group.currentText())
            net = sum((r.profit.net for r in rows), start=profit.ZERO)
            self.summary.setText(self.tr("%1 rows · net profit %2").replace(
                "%1", str(len(rows))).replace("%2", format_money(net)))
            self.loaded.emit()

        run_in_thread(self, fetch, done, self.summary.setText)

    def show_charts(self, rows: list[profit.ProfitRow],
                    trend: list[tuple[str, Decimal]], grouping: str) -> None:
        """Bars: net profit per group, highest first (the report's order); line: by month."""
        self.bar_chart.set_title(self.tr("Net profit by %1").replace("%1", grouping.lower()))
        self.bar_chart.set_points([(r.key, r.profit.net) for r in rows])
        self.trend_chart.set_points(trend)

    def export(self, kind: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export profit"),
                                              f"profit.{kind}", f"{kind.upper()} (*.{kind})")
        if not path:
            return None
        if kind == "csv":
            Path(path).write_text(profit.export_csv(self.rows), encoding="utf-8-sig")
        else:
            profit.export_xlsx(self.rows, Path(path))
        self.summary.setText(self.tr("Saved %1").replace("%1", path))
        return Path(path)
