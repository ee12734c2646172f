"""The part of the account set-up dialog where the mail server settings are typed by hand."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pont.core.errors import PontError
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings
from pont.ui.widgets.look import WrappedLabel, set_text_colour

IMAP_PORTS = {Security.SSL: 993, Security.STARTTLS: 143, Security.PLAIN: 143}
SMTP_PORTS = {Security.SSL: 465, Security.STARTTLS: 587, Security.PLAIN: 25}


def first_guess(email: str) -> AccountSettings:
    """What Pont would try first for this address, to start the form with."""
    from pont.core.mail.providers import candidate_settings

    try:
        candidates = candidate_settings(email)
    except PontError:  # no usable address yet: the usual ports, no names
        return AccountSettings(
            email,
            email,
            ServerSettings("", IMAP_PORTS[Security.SSL], Security.SSL),
            ServerSettings("", SMTP_PORTS[Security.SSL], Security.SSL),
        )
    return AccountSettings(email, candidates.username, candidates.imap[0], candidates.smtp[0])


class ServerBox(QGroupBox):
    """Server name, port and security for one server; the port follows the security choice
    while it is still one of the usual ports.

    Signals:
        changed(): something was typed or chosen.
    """

    changed = Signal()

    def __init__(
        self, title: str, example: str, ports: dict[Security, int], labels: tuple[str, str, str]
    ) -> None:
        """labels: the server name's, security's and port's, each with its own mnemonic."""
        super().__init__(title)
        self._ports = ports
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(example)
        self.host_edit.setAccessibleName(self.tr("{server}: server name").format(server=title))
        self.security_combo = QComboBox()
        self.security_combo.setAccessibleName(self.tr("{server}: security").format(server=title))
        self.security_combo.addItem(self.tr("SSL/TLS (recommended)"), Security.SSL.value)
        self.security_combo.addItem(self.tr("STARTTLS"), Security.STARTTLS.value)
        self.security_combo.addItem(
            self.tr("None (only for a server on this computer)"), Security.PLAIN.value
        )
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setAccessibleName(self.tr("{server}: port").format(server=title))
        self.port_spin.setValue(ports[Security.SSL])
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        host_label, security_label, port_label = labels
        form.addRow(host_label, self.host_edit)
        form.addRow(security_label, self.security_combo)
        form.addRow(port_label, self.port_spin)
        self.host_edit.textChanged.connect(self.changed)
        self.port_spin.valueChanged.connect(self.changed)
        self.security_combo.currentIndexChanged.connect(self._security_changed)

    def security(self) -> Security:
        return Security(self.security_combo.currentData())

    def set_security(self, security: Security) -> None:
        self.security_combo.setCurrentIndex(self.security_combo.findData(security.value))

    def _security_changed(self, _index: int) -> None:
        # A port typed by hand stays; one of the usual ports moves with the security.
        if self.port_spin.value() in self._ports.values():
            self.port_spin.setValue(self._ports[self.security()])
        self.changed.emit()

    def set_server(self, server: ServerSettings) -> None:
        self.host_edit.setText(server.host)
        self.set_security(server.security)
        self.port_spin.setValue(server.port)

    def server(self) -> ServerSettings:
        return ServerSettings(
            self.host_edit.text().strip(), self.port_spin.value(), self.security()
        )


class ServerSettingsForm(QWidget):
    """Incoming and outgoing server, and the user name, in words a newcomer can follow.

    Signals:
        changed(): something was typed or chosen.
    """

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.intro = WrappedLabel(
            self.tr(
                "Your email provider’s help pages list these settings, often under “IMAP” "
                "and “SMTP”. If you are unsure, ask whoever looks after your email."
            )
        )
        set_text_colour(self.intro, None)
        self.incoming = ServerBox(
            self.tr("Incoming mail server (IMAP)"),
            self.tr("e.g. imap.example.org"),
            IMAP_PORTS,
            (self.tr("Server &name:"), self.tr("Securit&y:"), self.tr("P&ort:")),
        )
        self.outgoing = ServerBox(
            self.tr("Outgoing mail server (SMTP)"),
            self.tr("e.g. smtp.example.org"),
            SMTP_PORTS,
            (self.tr("Ser&ver name:"), self.tr("Secu&rity:"), self.tr("Por&t:")),
        )
        self.username_edit = QLineEdit()
        self.username_edit.setAccessibleName(self.tr("User name"))
        self.username_edit.setPlaceholderText(self.tr("Usually your full email address"))
        self._username_typed = False
        user_form = QFormLayout()
        user_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        user_form.addRow(self.tr("&User name:"), self.username_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.incoming)
        layout.addWidget(self.outgoing)
        layout.addLayout(user_form)
        self.incoming.changed.connect(self.changed)
        self.outgoing.changed.connect(self.changed)
        self.username_edit.textEdited.connect(self._username_edited)
        self.username_edit.textChanged.connect(self.changed)

    def _username_edited(self, _text: str) -> None:
        self._username_typed = True

    def follow_email(self, email: str) -> None:
        """The user name is the address until the person types another."""
        if not self._username_typed:
            self.username_edit.setText(email.strip())

    def set_settings(self, settings: AccountSettings) -> None:
        self.incoming.set_server(settings.imap)
        self.outgoing.set_server(settings.smtp)
        self.username_edit.setText(settings.username)
        self._username_typed = settings.username.strip() != settings.email.strip()

    def is_complete(self) -> bool:
        return all(
            text.strip()
            for text in (
                self.incoming.host_edit.text(),
                self.outgoing.host_edit.text(),
                self.username_edit.text(),
            )
        )

    def settings(self, email: str, provider: str = "") -> AccountSettings:
        return AccountSettings(
            email=email.strip(),
            username=self.username_edit.text().strip(),
            imap=self.incoming.server(),
            smtp=self.outgoing.server(),
            provider=provider,
        )
