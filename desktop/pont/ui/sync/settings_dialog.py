"""The small dialog that sets how often Pont fetches new messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout, QSpinBox, QWidget

from pont.core.profile.settings import MAX_SYNC_INTERVAL
from pont.ui.widgets.look import WrappedLabel, lay_out_form_dialog, problem_label, set_text_colour

if TYPE_CHECKING:
    pass


class SyncSettingsDialog(QDialog):
    """Asks how often Pont fetches new messages while it is open."""

    def __init__(self, parent: QWidget | None, minutes: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync settings"))
        self.setMinimumWidth(460)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(0, MAX_SYNC_INTERVAL)
        self.interval_spin.setSingleStep(5)
        self.interval_spin.setSuffix(self.tr(" minutes"))
        self.interval_spin.setSpecialValueText(self.tr("Never: only when I choose Sync now"))
        self.interval_spin.setAccessibleName(self.tr("Fetch new messages every"))
        self.interval_spin.setValue(minutes)
        hint = WrappedLabel(
            self.tr(
                "While Pont is open it fetches the group’s new messages from your mailbox this "
                "often, and each time it starts. Sync now (F5) fetches them at any moment."
            )
        )
        set_text_colour(hint, None)
        form = QFormLayout()
        form.addRow(self.tr("&Fetch new messages every:"), self.interval_spin)
        form.addRow(hint)
        self.buttons, self.ok_button = lay_out_form_dialog(
            self, form, problem_label(self.tr("Problem")), self.tr("Save")
        )

    def minutes(self) -> int:
        return self.interval_spin.value()
