"""The list of messages a search found, each with its snippet and the matches in bold."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pont.ui.conversations.search_model import HTML_ROLE, SearchResultsModel

AnyIndex = QModelIndex | QPersistentModelIndex
_MARGIN = 10


class RichTextDelegate(QStyledItemDelegate):
    """Draws an item's HTML_ROLE markup (wrapped to the view's width) over the usual
    item background, so selection and focus look as in any other list."""

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        quiet = QColor(option.palette.color(QPalette.ColorRole.Text))
        quiet.setAlphaF(0.65)
        document.setDefaultStyleSheet(
            f".byline {{ color: {quiet.name(QColor.NameFormat.HexArgb)} }}"
        )
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        width = option.rect.width() if option.rect.width() > 0 else 400
        document.setTextWidth(max(width - 2 * _MARGIN, 50))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
        painter.save()
        rect = item.rect
        painter.translate(rect.left() + _MARGIN, rect.top() + _MARGIN // 2 + 1)
        painter.setClipRect(0, 0, rect.width() - 2 * _MARGIN, rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        view = self.parent()
        item = QStyleOptionViewItem(option)
        if isinstance(view, QListView):
            item.rect.setWidth(view.viewport().width())
        document = self._document(item, index)
        return QSize(
            int(document.idealWidth()) + 2 * _MARGIN, int(document.size().height()) + _MARGIN + 4
        )


class SearchResultsView(QListView):
    """Search hits one under another; clicking or Enter on one opens its conversation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = SearchResultsModel(self)
        self.setModel(self.results)
        self.setItemDelegate(RichTextDelegate(self))
        self.setAccessibleName(self.tr("Search results"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # hits re-wrap when the view narrows
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
