"""The lines under the import dialog's tabs: who was found, what went wrong, work under way."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from pont.ui.importing.jobs import TabState
from pont.ui.importing.models import plural
from pont.ui.importing.sources import Standing, Tally
from pont.ui.widgets.look import ERROR_COLOUR, WrappedLabel, set_text_colour

# Quick work (re-counting after a column change) should not flash a progress bar.
_BUSY_DELAY_MS = 300

# The words were the import dialog's and are translated under its name.
translate = QCoreApplication.translate


class ImportStatus(QWidget):
    """Under the tabs: a sentence on who was found and what importing would do, the problem
    that stopped a read or the import, and a busy bar once work takes more than a moment.
    Hidden while it has nothing to say, so it leaves no gap above the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = WrappedLabel()
        self.summary_label.setAccessibleName(translate("ImportDialog", "People found"))
        self.error_label = WrappedLabel()
        self.error_label.setAccessibleName(translate("ImportDialog", "Problem"))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_colour(self.error_label, ERROR_COLOUR)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # the core reports no progress: show that work goes on
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setAccessibleName(translate("ImportDialog", "Working"))
        self.busy_label = QLabel()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(_BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)

        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_bar)
        busy_row.addWidget(self.busy_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addLayout(busy_row)

    def show_tab(self, tab: TabState, importing: bool) -> None:
        """Show what the tab on show holds; while importing, the busy bar stays as it is."""
        self.error_label.setText(tab.problem)
        self.error_label.setVisible(bool(tab.problem))
        summary = (
            describe_tally(tab.tally, bool(tab.busy)) if tab.source and not tab.problem else ""
        )
        # The one thing left to do before importing is said in bold.
        font = self.summary_label.font()
        font.setBold(tab.source is not None and tab.tally is None and not tab.busy)
        self.summary_label.setFont(font)
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))
        if not importing:
            if tab.busy:
                self.busy_label.setText(tab.busy)
                if not self.busy_bar.isVisible() and not self._busy_timer.isActive():
                    self._busy_timer.start()
            else:
                self._busy_timer.stop()
                self.busy_bar.hide()
                self.busy_label.hide()
        self._fit()

    def show_busy(self, doing: str) -> None:
        """Show the busy bar now, saying what is being done."""
        self.busy_label.setText(doing)
        self._show_busy()

    def stop(self) -> None:
        """Cancel a busy bar still waiting to appear."""
        self._busy_timer.stop()

    def _show_busy(self) -> None:
        self.busy_bar.show()
        self.busy_label.show()
        self._fit()

    def _fit(self) -> None:
        shown = (self.summary_label, self.error_label, self.busy_bar)
        self.setVisible(not all(widget.isHidden() for widget in shown))


def describe_tally(tally: Tally | None, counting: bool) -> str:
    """What importing would do: "312 people found: 290 new, 18 already members. 4 without a
    usable address will be skipped."; tally None is a CSV with no email column chosen."""
    if tally is None:
        if counting:
            return translate("ImportDialog", "Counting the people…")
        return translate(
            "ImportDialog",
            "Choose which column holds the email addresses, in the menu above that column.",
        )
    if tally.found == 0:
        return translate("ImportDialog", "No addresses found yet.")
    counts = tally.counts
    found = plural(
        tally.found,
        translate("ImportDialog", "{count} person found"),
        translate("ImportDialog", "{count} people found"),
    )
    if tally.usable == 0:
        return translate(
            "ImportDialog", "{found}, but none with a usable address, so there is nobody to import."
        ).format(found=found)
    new = plural(
        counts[Standing.NEW],
        translate("ImportDialog", "{count} new"),
        translate("ImportDialog", "{count} new"),
    )
    members = plural(
        counts[Standing.MEMBER],
        translate("ImportDialog", "{count} already a member"),
        translate("ImportDialog", "{count} already members"),
    )
    left = plural(
        counts[Standing.LEFT],
        translate("ImportDialog", "{count} who left the group before (they stay left)"),
        translate("ImportDialog", "{count} who left the group before (they stay left)"),
    )
    if counts[Standing.MEMBER] and counts[Standing.LEFT]:
        summary = translate("ImportDialog", "{found}: {new}, {members}, {left}.")
    elif counts[Standing.MEMBER]:
        summary = translate("ImportDialog", "{found}: {new}, {members}.")
    elif counts[Standing.LEFT]:
        summary = translate("ImportDialog", "{found}: {new}, {left}.")
    else:
        summary = translate("ImportDialog", "{found}: {new}.")
    sentences = [summary.format(found=found, new=new, members=members, left=left)]
    if counts[Standing.UNUSABLE]:
        sentences.append(
            plural(
                counts[Standing.UNUSABLE],
                translate("ImportDialog", "{count} without a usable address will be skipped."),
                translate("ImportDialog", "{count} without a usable address will be skipped."),
            )
        )
    if counts[Standing.REPEATED]:
        sentences.append(
            plural(
                counts[Standing.REPEATED],
                translate(
                    "ImportDialog", "{count} address appears twice; the repeat will be skipped."
                ),
                translate(
                    "ImportDialog", "{count} addresses appear twice; the repeats will be skipped."
                ),
            )
        )
    return " ".join(sentences)
