"""A small chart drawn with QPainter (PySide6-Essentials has no QtCharts): bars for a few
labelled values, or a trend line through values in order.

The geometry is computed apart from painting (``bar_rects``, ``line_points``,
``zero_y``) so tests can check what is drawn without reading pixels. Values may be
negative: bars then hang below the zero line, drawn in red.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

POSITIVE = QColor("#2e7d32")
NEGATIVE = QColor("#c62828")
LINE = QColor("#1f6feb")
AXIS = QColor("#9e9e9e")
TEXT = QColor("#333333")
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 12, 26, 34
MAX_BAR = 72.0


class ChartWidget(QWidget):
    """``kind`` is ``"bars"`` or ``"line"``. ``set_points([(label, value), ...])`` shows
    them (at most ``max_points``; bars keep the first ones given, so sort before)."""

    BARS, LINE = "bars", "line"

    def __init__(self, kind: str = BARS, title: str = "", parent: QWidget | None = None,
                 max_points: int = 12) -> None:
        super().__init__(parent)
        if kind not in (self.BARS, self.LINE):
            raise ValueError(f"chart kind {kind!r}: 'bars' or 'line'")
        self.kind, self.title, self.max_points = kind, title, max_points
        self.points: list[tuple[str, float]] = []
        self.hidden = 0  # how many points did not fit
        self.value_format = "{:,.2f}"
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 220)

    # -- data

    def set_points(self, points: Sequence[tuple[str, Decimal | float | int]]) -> None:
        shown = list(points)[: self.max_points]
        self.hidden = max(0, len(points) - len(shown))
        self.points = [(label, float(value)) for label, value in shown]
        self.update()

    def set_title(self, title: str) -> None:
        self.title = title
        self.update()

    # -- geometry (also for tests)

    def plot_area(self) -> QRectF:
        return QRectF(MARGIN_LEFT, MARGIN_TOP,
                      max(1.0, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
                      max(1.0, self.height() - MARGIN_TOP - MARGIN_BOTTOM))

    def data_range(self) -> tuple[float, float]:
        """The lowest and highest value shown, zero always included."""
        values = [v for _, v in self.points]
        return min([0.0, *values]), max([0.0, *values])

    def value_range(self) -> tuple[float, float]:
        """The axis: the data range with a tenth of room beyond it for the value labels."""
        low, high = self.data_range()
        if high == low:
            return low, low + 1.0
        room = (high - low) * 0.1
        return (low - room if low < 0 else low), (high + room if high > 0 else high)

    def y_of(self, value: float) -> float:
        area = self.plot_area()
        low, high = self.value_range()
        return area.bottom() - (value - low) / (high - low) * area.height()

    def zero_y(self) -> float:
        return self.y_of(0.0)

    def _slot(self, index: int) -> tuple[float, float]:
        """Left edge and width of the index-th of the points' equal slots."""
        area = self.plot_area()
        width = area.width() / max(1, len(self.points))
        return area.left() + index * width, width

    def bar_rects(self) -> list[QRectF]:
        """One rectangle per bar, from the zero line up (or down) to the value."""
        if self.kind != self.BARS:
            return []
        rects = []
        zero = self.zero_y()
        for i, (_, value) in enumerate(self.points):
            left, width = self._slot(i)
            bar = min(width - min(12.0, width * 0.2), MAX_BAR)  # few bars stay slim
            top = self.y_of(value)
            rects.append(QRectF(left + (width - bar) / 2, min(top, zero), bar, abs(zero - top)))
        return rects

    def line_points(self) -> list[QPointF]:
        """One point per value, in the middle of its slot."""
        if self.kind != self.LINE:
            return []
        return [QPointF(self._slot(i)[0] + self._slot(i)[1] / 2, self.y_of(value))
                for i, (_, value) in enumerate(self.points)]

    # -- painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        self._paint_title(painter)
        if not self.points:
            painter.setPen(AXIS)
            painter.drawText(self.plot_area(), Qt.AlignmentFlag.AlignCenter, self.tr("No data"))
            painter.end()
            return
        self._paint_axes(painter)
        if self.kind == self.BARS:
            self._paint_bars(painter)
        else:
            self._paint_line(painter)
        painter.end()

    def _paint_title(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(TEXT)
        title = self.title
        if self.hidden:
            title += "  " + self.tr("(first %1 of %2)").replace(
                "%1", str(len(self.points))).replace("%2", str(len(self.points) + self.hidden))
        painter.drawText(QRectF(8, 4, self.width() - 16, MARGIN_TOP - 6),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(self.font())

    def _paint_axes(self, painter: QPainter) -> None:
        area = self.plot_area()
        low, high = self.data_range()
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(QPointF(area.left(), area.top()), QPointF(area.left(), area.bottom()))
        painter.drawLine(QPointF(area.left(), self.zero_y()),
                         QPointF(area.right(), self.zero_y()))
        painter.setPen(TEXT)
        for value in {low, 0.0, high}:
            y = self.y_of(value)
            painter.drawText(QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self._short(value))

    def _short(self, value: float) -> str:
        """Axis labels stay narrow: 12,500 → 12.5k."""
        if abs(value) >= 10_000:
            return f"{value / 1000:,.1f}k"
        return f"{value:,.0f}"

    def _label_under(self, painter: QPainter, index: int, label: str) -> None:
        left, width = self._slot(index)
        area = self.plot_area()
        text = QFontMetrics(painter.font()).elidedText(label, Qt.TextElideMode.ElideRight,
                                                       int(width) - 2)
        painter.drawText(QRectF(left, area.bottom() + 4, width, MARGIN_BOTTOM - 6),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def _paint_bars(self, painter: QPainter) -> None:
        metrics = QFontMetrics(painter.font())
        for i, (rect, (label, value)) in enumerate(zip(self.bar_rects(), self.points,
                                                       strict=True)):
            painter.fillRect(rect, NEGATIVE if value < 0 else POSITIVE)
            painter.setPen(TEXT)
            self._label_under(painter, i, label)
            text = self._short(value)
            if metrics.horizontalAdvance(text) <= rect.width() + 8:
                y = rect.top() - 14 if value >= 0 else rect.bottom() + 1
                painter.drawText(QRectF(rect.left() - 4, y, rect.width() + 8, 13),
                                 Qt.AlignmentFlag.AlignCenter, text)

    def _paint_line(self, painter: QPainter) -> None:
        points = self.line_points()
        painter.setPen(QPen(LINE, 2))
        for a, b in zip(points, points[1:], strict=False):
            painter.drawLine(a, b)
        painter.setBrush(LINE)
        for p in points:
            painter.drawEllipse(p, 3, 3)
        painter.setPen(TEXT)
        step = max(1, len(points) // 6)  # at most about six period labels
        for i, (label, _) in enumerate(self.points):
            if i % step == 0 or i == len(self.points) - 1:
                self._label_under(painter, i, label)
