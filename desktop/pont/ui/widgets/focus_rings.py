"""The focus ring: the style Pont's application draws in, which marks the widget that has
the keyboard's focus where Fusion does not.

Apart from look, which the first paint needs: this loads QStyle and its Python enums (~5 ms),
and the members show before it is set (pont.app)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)


def _is_area(widget: QWidget | None) -> bool:
    """A list, table, tree or text box: what the ring goes round (a label is a frame too)."""
    return isinstance(widget, QAbstractScrollArea)


class FocusRingStyle(QProxyStyle):
    """The application's style, with a ring in the highlight colour round a framed list,
    table or text box while it has focus, and on a button the keyboard moved to.
    Fusion marks a focused line edit but not these: a text box showed only its caret, which
    blinks, a list or table with no current row showed nothing, and a focused button looked
    just like the default button (the one Enter presses) beside it."""

    _RING = 2

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        state = option.state
        if not state & QStyle.StateFlag.State_HasFocus:
            return
        if element == QStyle.ControlElement.CE_ShapedFrame and _is_area(widget):
            self._ring(painter, option, QRectF(option.rect), 0)
        elif (
            element == QStyle.ControlElement.CE_PushButtonBevel
            and state & QStyle.StateFlag.State_KeyboardFocusChange
        ):
            self._ring(painter, option, QRectF(option.rect).adjusted(2, 2, -2, -2), 2)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        focus = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if control == QStyle.ComplexControl.CC_ToolButton and option.state & focus == focus:
            self._ring(painter, option, QRectF(option.rect).adjusted(1, 1, -1, -1), 2)

    def _ring(self, painter: QPainter, option: QStyleOption, rect: QRectF, radius: float) -> None:
        painter.save()
        pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), self._RING)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = self._RING / 2
        painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), radius, radius)
        painter.restore()

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and _is_area(widget):
            return max(value, self._RING)  # the ring is drawn on the frame, not on the text
        return value


def use_focus_rings(app: QApplication) -> None:
    """Draw the application's widgets in its own style, with the ring round focused lists,
    tables and text boxes (once: a second call keeps the first)."""
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle())
