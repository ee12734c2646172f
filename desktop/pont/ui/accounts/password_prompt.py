"""The small dialog that asks for an account's password when Pont has none to hand."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLineEdit, QWidget

from pont.ui.widgets.look import WrappedLabel, lay_out_form_dialog, problem_label, set_text_colour


class PasswordPrompt(QDialog):
    """Asks for the password of one account, saying why; offers to remember it when the
    computer has a password store, and says it is kept until Pont closes when not."""

    def __init__(self, parent: QWidget | None, email: str, can_remember: bool) -> None:
        super().__init__(parent)
        self._can_remember = can_remember
        self.setWindowTitle(self.tr("Password for {email}").format(email=email))
        self.setMinimumWidth(460)
        self.reason_label = WrappedLabel(
            self.tr("Pont needs the password for {email} to fetch new messages.").format(
                email=email
            )
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.show_password = QCheckBox(self.tr("&Show password"))
        self.show_password.toggled.connect(
            lambda shown: self.password_edit.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        self.remember_check = QCheckBox(self.tr("&Remember it on this computer"))
        self.remember_check.setChecked(can_remember)
        self.session_note = WrappedLabel(
            self.tr(
                "This computer has no password store Pont can use: Pont keeps the password "
                "until you close it, and asks again next time."
            )
        )
        set_text_colour(self.session_note, None)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.reason_label)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow("", self.show_password)
        form.addRow("", self.remember_check)
        form.addRow(self.session_note)
        self.buttons, self.ok_button = lay_out_form_dialog(
            self, form, problem_label(self.tr("Problem")), self.tr("Fetch messages")
        )
        # Once in the dialog: shown before, each would open as a window of its own.
        self.remember_check.setVisible(can_remember)
        self.session_note.setVisible(not can_remember)
        self.password_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.ok_button.setEnabled(False)

    def password(self) -> str:
        return self.password_edit.text()

    def remember(self) -> bool:
        return self._can_remember and self.remember_check.isChecked()


def ask_password(parent: QWidget | None, email: str) -> tuple[str, bool] | None:
    """The password typed and whether to remember it, or None when the person cancels."""
    from pont.core.mail.credentials import keyring_usable

    prompt = PasswordPrompt(parent, email, keyring_usable())
    try:
        if prompt.exec() != QDialog.DialogCode.Accepted or not prompt.password():
            return None
        return prompt.password(), prompt.remember()
    finally:
        prompt.deleteLater()
