"""The dialog that sets how often Pont fetches (and relays) new messages, and whether it starts
when the coordinator logs in and keeps running in the system tray."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QWidget

from pont.core.profile.settings import SYNC_INTERVAL_CHOICES
from pont.ui.help.guide import Section, add_help_button
from pont.ui.widgets.look import WrappedLabel, lay_out_form_dialog, problem_label, set_text_colour


class SyncSettingsDialog(QDialog):
    """Asks how often Pont fetches new messages while it is open, whether it starts at log-in
    (minimised to the tray), and whether closing the window leaves it running in the tray.
    Where the desktop has no tray, the minimised start is a minimised window, and it says so."""

    def __init__(
        self,
        parent: QWidget | None,
        minutes: int,
        start_at_login: bool = False,
        keep_in_tray: bool = False,
        tray_available: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync settings"))
        self.setMinimumWidth(480)
        self.interval_combo = QComboBox()
        self.interval_combo.setAccessibleName(self.tr("Fetch new messages"))
        choices = list(SYNC_INTERVAL_CHOICES)
        if minutes not in choices:  # chosen before the list was this short: kept
            choices.append(minutes)
        for choice in sorted(choices):
            if choice == 0:
                text = self.tr("Never: only when I choose Sync now")
            else:
                text = self.tr("Every {minutes} minutes").format(minutes=choice)
            self.interval_combo.addItem(text, choice)
        self.interval_combo.setCurrentIndex(self.interval_combo.findData(minutes))
        hint = WrappedLabel(
            self.tr(
                "While Pont is open it fetches the group’s new messages from your mailbox this "
                "often, and each time it starts, then passes members’ posts on to the group. "
                "Sync now (F5) does it at any moment."
            )
        )
        set_text_colour(hint, None)

        self.start_box = QCheckBox(self.tr("Start Pont when I &log in"))
        self.start_box.setChecked(start_at_login)
        self.tray_box = QCheckBox(
            self.tr("&Keep running in the system tray when I close the window")
        )
        self.tray_box.setChecked(keep_in_tray)
        if tray_available:
            start_text = self.tr(
                "Pont starts hidden, as an icon in the system tray, and keeps the group’s mail "
                "flowing on the schedule above."
            )
        else:
            start_text = self.tr(
                "This desktop has no system tray, so Pont starts as a minimised window "
                "instead, and keeps the group’s mail flowing on the schedule above."
            )
            self.tray_box.setChecked(False)
            self.tray_box.setEnabled(False)
            self.tray_box.setToolTip(self.tr("This desktop has no system tray."))
        self.start_hint = WrappedLabel(start_text)
        set_text_colour(self.start_hint, None)
        self.start_box.setAccessibleDescription(start_text)

        form = QFormLayout()
        form.addRow(self.tr("&Fetch new messages:"), self.interval_combo)
        form.addRow(hint)
        form.addRow(self.start_box)
        form.addRow(self.start_hint)
        form.addRow(self.tray_box)
        self.buttons, self.ok_button = lay_out_form_dialog(
            self, form, problem_label(self.tr("Problem")), self.tr("Save")
        )
        add_help_button(self.buttons, Section.SYNC_SETTINGS)

    def minutes(self) -> int:
        value = self.interval_combo.currentData()
        return value if isinstance(value, int) else 0

    def start_at_login(self) -> bool:
        return self.start_box.isChecked()

    def keep_in_tray(self) -> bool:
        return self.tray_box.isChecked()
