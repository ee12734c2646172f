"""How often Pont fetches new messages: the setting, and the small dialog that changes it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QFormLayout, QSpinBox, QWidget

from pont.ui.look import WrappedLabel, lay_out_form_dialog, problem_label, set_text_colour

if TYPE_CHECKING:
    from sqlite_utils import Database

SYNC_INTERVAL_KEY = "sync_interval_minutes"
DEFAULT_SYNC_INTERVAL = 15  # minutes; 0 = only when the coordinator asks
MAX_SYNC_INTERVAL = 24 * 60


def read_setting(db: Database, key: str, default: Any) -> Any:
    """A value from the profile's settings table (JSON), or default."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        return default


def write_setting(db: Database, key: str, value: Any) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )


def sync_interval(db: Database) -> int:
    """Minutes between syncs; 0 for never (a value that is not a sensible number: the default)."""
    value = read_setting(db, SYNC_INTERVAL_KEY, DEFAULT_SYNC_INTERVAL)
    if isinstance(value, bool) or not isinstance(value, int):
        return DEFAULT_SYNC_INTERVAL
    return min(max(value, 0), MAX_SYNC_INTERVAL)


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
