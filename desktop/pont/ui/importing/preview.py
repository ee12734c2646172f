"""What the import dialog shows before importing: a CSV under its column choices, or the people."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.importers.mapping import ColumnMapping, Field
from pont.ui.importing.models import (
    PREVIEW_ROWS,
    CsvPreviewModel,
    PeopleColumn,
    PeopleModel,
    plural,
)
from pont.ui.importing.sources import Source, Tally
from pont.ui.widgets.look import set_text_colour

_MAX_COLUMN_WIDTH = 260


translate = QCoreApplication.translate


def field_choices() -> list[tuple[Field | None, str]]:
    """What a column can be used as, in the order the combo boxes offer it."""
    return [
        (None, translate("ImportPreview", "Don’t import")),
        (Field.EMAIL, translate("ImportPreview", "Email address")),
        (Field.EMAIL_2, translate("ImportPreview", "Second email address")),
        (Field.EMAIL_3, translate("ImportPreview", "Third email address")),
        (Field.NAME, translate("ImportPreview", "Full name")),
        (Field.FIRST_NAME, translate("ImportPreview", "First name")),
        (Field.MIDDLE_NAME, translate("ImportPreview", "Middle name")),
        (Field.LAST_NAME, translate("ImportPreview", "Last name")),
        (Field.ORGANISATION, translate("ImportPreview", "Organisation")),
        (Field.TAGS, translate("ImportPreview", "Tags")),
        (Field.NOTES, translate("ImportPreview", "Notes")),
    ]


class MappingHeader(QHeaderView):
    """Column headings, each with a combo box under it that says what the column holds.

    The combo boxes live on the header's viewport, so they scroll with the columns.

    Signals:
        field_chosen(int, object): the coordinator chose a Field (or None) for a column.
    """

    field_chosen = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.combos: list[QComboBox] = []
        choices = field_choices()
        self._fields = [mapped for mapped, _ in choices]
        self._labels = [label for _, label in choices]
        self._batched = False
        self.sectionResized.connect(self.place_combos)

    def set_columns(self, headings: list[str], mapping: ColumnMapping) -> None:
        for combo in self.combos:
            combo.hide()
            combo.deleteLater()
        self.combos = []
        for column, heading in enumerate(headings):
            # Items carry no data: the index says the field. Few calls per combo box matter
            # when a file has ninety columns.
            combo = QComboBox(self.viewport())
            combo.addItems(self._labels)
            combo.insertSeparator(1)  # between "Don't import" and the fields
            description = self.tr("What the column “{heading}” holds").format(heading=heading)
            combo.setAccessibleName(description)
            combo.setToolTip(description)
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.currentIndexChanged.connect(
                lambda index, column=column: self.field_chosen.emit(column, self.field_at(index))
            )
            combo.installEventFilter(self)
            self.combos.append(combo)
        self.show_mapping(mapping)
        self.updateGeometry()
        self.place_combos()

    def field_at(self, index: int) -> Field | None:
        """The field of a combo box's item (index 1 is the separator)."""
        return self._fields[index - 1 if index > 1 else 0]

    def show_mapping(self, mapping: ColumnMapping) -> None:
        for column, combo in enumerate(self.combos):
            choice = self._fields.index(mapping.field_for(column))
            index = choice + 1 if choice else 0
            if combo.currentIndex() != index:
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Resize, move or hide many sections, placing the combo boxes once at the end
        rather than after each section."""
        self._batched = True
        try:
            yield
        finally:
            self._batched = False
            self.place_combos()

    def combo_height(self) -> int:
        return self.combos[0].sizeHint().height() if self.combos else 0

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        return QSize(size.width(), self.fontMetrics().height() + 10 + self.combo_height() + 6)

    def place_combos(self, *_: object) -> None:
        if self._batched:
            return
        height = self.combo_height()
        top = self.height() - height - 4
        for column, combo in enumerate(self.combos):
            if self.isSectionHidden(column):
                if not combo.isHidden():
                    combo.hide()
                continue
            # Called on every scroll and resize step: only move what moved.
            place = QRect(
                self.sectionViewportPosition(column) + 3, top, self.sectionSize(column) - 6, height
            )
            if combo.geometry() != place:
                combo.setGeometry(place)
            if combo.isHidden():
                combo.show()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self.place_combos()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place_combos()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched not in self.combos:
            return super().eventFilter(watched, event)
        # Scrolling across the table with the wheel must not change a column's choice on the
        # way: a combo box takes the wheel only once it has been clicked or tabbed to.
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():  # type: ignore[attr-defined]
            event.ignore()
            return True
        # A combo reached with Tab may be scrolled out of sight: bring its column into view.
        if event.type() == QEvent.Type.FocusIn:
            view = self.parent()
            column = self.combos.index(watched)  # type: ignore[arg-type]
            if isinstance(view, QTableView) and view.model() is not None:
                view.scrollTo(view.model().index(0, column))
        return super().eventFilter(watched, event)


class CsvPreview(QWidget):
    """A CSV's first rows under combo boxes that say which column holds what.

    Columns with nothing in them (Outlook writes ninety, most of them empty) are hidden
    unless the coordinator asks to see them.

    Signals:
        mapping_changed(): a column now feeds a different field; self.mapping says how.
    """

    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mapping = ColumnMapping()
        self.focus_after: QWidget | None = None  # what Tab leaves for the first combo box
        self._source: Source | None = None
        self.model: CsvPreviewModel | None = None
        self.view = QTableView()
        self.header = MappingHeader(self.view)
        self.view.setHorizontalHeader(self.header)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setWordWrap(False)
        # Tab leaves the table (arrows move within it); it also passes Tab on from the combo
        # boxes, which sit inside the table's header.
        self.view.setTabKeyNavigation(False)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setAccessibleName(self.tr("First rows of the file"))
        self.header.field_chosen.connect(self.set_field)

        self.rows_label = QLabel()
        self.rows_label.setAccessibleName(self.tr("Rows shown"))
        set_text_colour(self.rows_label, None)
        self.show_all = QCheckBox()
        self.show_all.setAccessibleName(self.tr("Show the empty columns too"))
        self.show_all.toggled.connect(self._show_columns)

        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.rows_label, 1)
        under.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(under)

    def show_source(self, source: Source) -> None:
        assert source.table is not None
        table = source.table
        self._source = source
        self.mapping = ColumnMapping(dict(source.mapping.columns))
        old_model = self.model
        self.model = CsvPreviewModel(table, self.mapping, self)
        self.view.setModel(self.model)
        if old_model is not None:
            old_model.deleteLater()
        with self.header.batch():
            self.header.set_columns(table.headers, self.mapping)
            # The columns Pont will use come first, email first, so the guess is seen at once.
            used = [self.mapping.columns.get(f) for f, _ in field_choices() if f is not None]
            for visual, column in enumerate(c for c in used if c is not None):
                self.header.moveSection(self.header.visualIndex(column), visual)
            combo_width = self.header.combos[0].sizeHint().width() + 6 if table.headers else 0
            for column in range(len(table.headers)):
                content = self.view.sizeHintForColumn(column)
                heading = self.header.sectionSizeFromContents(column).width()
                width = max(combo_width, min(max(content, heading), _MAX_COLUMN_WIDTH))
                self.header.resizeSection(column, width)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        total = len(table.rows)
        if total > PREVIEW_ROWS:
            rows = self.tr("Showing the first {shown} of {total} rows.").format(
                shown=PREVIEW_ROWS, total=f"{total:,}"
            )
        else:
            rows = plural(
                total, self.tr("Showing the only row."), self.tr("Showing all {count} rows.")
            )
        hidden = sum(
            1 for c in source.blank_columns if self.mapping.field_for(c) is not Field.EMAIL
        )
        if hidden:
            rows += " " + plural(
                hidden,
                self.tr("One empty column is hidden."),
                self.tr("{count} empty columns are hidden."),
            )
        self.rows_label.setText(rows)
        self.show_all.setText(self.tr("&Show all {count} columns").format(count=len(table.headers)))
        self.show_all.setAccessibleName(self.tr("Show the empty columns too"))
        self.show_all.setVisible(hidden > 0)
        self.show_all.blockSignals(True)
        self.show_all.setChecked(False)
        self.show_all.blockSignals(False)
        self._show_columns(False)
        self.view.horizontalScrollBar().setValue(0)
        self.view.scrollToTop()

    def set_field(self, column: int, mapped: Field | None) -> None:
        """Use the column for this field (None: do not import it), as its combo box does."""
        self.mapping.assign(column, mapped)
        self.header.show_mapping(self.mapping)
        if self.model is not None:
            self.model.set_mapping(self.mapping)
        self.mapping_changed.emit()

    def show_tally(self, tally: Tally | None) -> None:
        """Mark the rows shown that importing would skip (None: not counted yet)."""
        if self.model is not None:
            self.model.set_standings(tally.standings if tally else [])

    def combo(self, column: int) -> QComboBox:
        return self.header.combos[column]

    def field_shown(self, column: int) -> Field | None:
        """What the column's combo box says it holds."""
        return self.header.field_at(self.header.combos[column].currentIndex())

    def focus_chain(self) -> list[QWidget]:
        """The combo boxes in column order, then the table and the check box."""
        if self._source is None:
            return [self.view, self.show_all]
        shown = [
            self.header.combos[self.header.logicalIndex(visual)]
            for visual in range(self.header.count())
            if not self.header.isSectionHidden(self.header.logicalIndex(visual))
        ]
        return [*shown, self.view, self.show_all]

    def _show_columns(self, show_all: bool) -> None:
        if self._source is None:
            return
        with self.header.batch():
            for column in range(len(self.header.combos)):
                # An empty column adds nothing even when mapped; but the email column always
                # shows, so that the coordinator sees where Pont looks for addresses.
                hide = (
                    not show_all
                    and column in self._source.blank_columns
                    and self.mapping.field_for(column) is not Field.EMAIL
                )
                if self.header.isSectionHidden(column) != hide:
                    self.header.setSectionHidden(column, hide)
        # Each call moves one widget after another: the whole run is set, from the widget
        # before this preview, or a moved combo box would take its neighbours' places.
        chain = [w for w in (self.focus_after, *self.focus_chain()) if w is not None]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)


def people_view(model: PeopleModel, name: str) -> QTableView:
    """A read-only table of people, sized for names and addresses."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)
    for column, width in (
        (PeopleColumn.NAME, 170),
        (PeopleColumn.EMAIL, 210),
        (PeopleColumn.ORGANISATION, 150),
    ):
        header.resizeSection(column, width)
    return view
