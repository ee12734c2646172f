"""The people of a conversation found in the mailbox, as the new-group dialog lists them: one
row each with how often they wrote, a tick box (all ticked but the coordinator), Space to
tick or untick."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from pont.core.archive.found_conversations import Person


def fit_columns(tree: QTreeWidget) -> None:
    """The first column takes the room left; the others fit what they show."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, tree.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class PeopleList(QTreeWidget):
    """Name, address, messages written, messages they were in; ticked ones become members.
    A tick changed emits QTreeWidget's itemChanged."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("People in the conversation"))
        self.setAccessibleDescription(
            self.tr("Ticked people become members. Space ticks or unticks one.")
        )
        self.setRootIsDecorated(False)
        self.setHeaderLabels(
            [self.tr("Name"), self.tr("Email"), self.tr("Wrote"), self.tr("In messages")]
        )
        fit_columns(self)
        self._people: list[Person] = []

    @property
    def people(self) -> list[Person]:
        return self._people

    def show_people(self, people: list[Person]) -> None:
        """Everyone listed, ticked but the coordinator; the first row current."""
        self.blockSignals(True)
        self.clear()
        self._people = people
        locale = QLocale()
        for person in people:
            name = person.name
            if person.is_you:
                name = self.tr("{name} (you)").format(name=name) if name else self.tr("(you)")
            item = QTreeWidgetItem(
                [name, person.email, locale.toString(person.wrote), locale.toString(person.seen_in)]
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                0, Qt.CheckState.Unchecked if person.is_you else Qt.CheckState.Checked
            )
            self.addTopLevelItem(item)
        if people:
            self.setCurrentItem(self.topLevelItem(0))
        self.blockSignals(False)

    def ticked(self) -> list[Person]:
        return [
            person
            for index, person in enumerate(self._people)
            if self.topLevelItem(index).checkState(0) == Qt.CheckState.Checked
        ]

    def set_ticked(self, email: str, ticked: bool) -> None:
        """Tick or untick one person (as Space on their row does)."""
        for index, person in enumerate(self._people):
            if person.email == email:
                state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
                self.topLevelItem(index).setCheckState(0, state)
