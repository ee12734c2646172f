"""What the account set-up dialog shows after a try: a certificate to trust, or the summary."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from pont.core.errors import CertificateNotTrusted
from pont.core.mail.accounts import Account, ReadRoute, Security, SendRoute
from pont.ui.language import describe
from pont.ui.widgets.look import WrappedLabel, set_text_colour

# Every sentence here is the set-up dialog's own: translated in its context, "AccountDialog".
translate = QCoreApplication.translate


def grouped_fingerprint(fingerprint: str) -> str:
    """AB:CD:… in two lines, as certificate viewers show it, so it can be compared by eye."""
    pairs = [fingerprint[i : i + 2].upper() for i in range(0, len(fingerprint), 2)]
    half = (len(pairs) + 1) // 2
    return ":".join(pairs[:half]) + ":\n" + ":".join(pairs[half:])


class CertificatePage(QWidget):
    """A server's certificate Pont cannot trust: why, its fingerprint, and the choice to
    trust it (that one, for that server only) or go back.

    Signals:
        trusted(): the person chose to trust the certificate on show.
        went_back(): the person chose not to.
    """

    trusted = Signal()
    went_back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.fingerprint = ""  # the one on show, as the error gave it
        self.description_label = WrappedLabel()
        self.description_label.setAccessibleName(translate("AccountDialog", "Certificate problem"))
        caption = WrappedLabel(
            translate("AccountDialog", "Its certificate’s fingerprint (SHA-256):")
        )
        self.fingerprint_label = WrappedLabel()
        self.fingerprint_label.setAccessibleName(
            translate("AccountDialog", "Certificate fingerprint (SHA-256)")
        )
        self.fingerprint_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.advice_label = WrappedLabel()
        set_text_colour(self.advice_label, None)
        self.trust_button = QPushButton(translate("AccountDialog", "&Trust this certificate"))
        self.trust_button.setAccessibleName(
            translate("AccountDialog", "Trust this certificate and connect")
        )
        self.trust_button.clicked.connect(self.trusted)
        back_button = QPushButton(translate("AccountDialog", "&Go back"))
        back_button.clicked.connect(self.went_back)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.trust_button)
        row_layout.addWidget(back_button)
        row_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.description_label,
            caption,
            self.fingerprint_label,
            self.advice_label,
            row,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_certificate(self, error: CertificateNotTrusted) -> None:
        self.fingerprint = error.fingerprint_sha256
        self.description_label.setText(describe(error))
        self.fingerprint_label.setText(grouped_fingerprint(error.fingerprint_sha256))
        self.advice_label.setText(
            translate(
                "AccountDialog",
                "Trust it only if you expected this, for example because your organisation "
                "runs its own mail server, or if your provider confirms this fingerprint. "
                "Pont will then accept this certificate, and no other, from {host}.",
            ).format(host=error.host)
        )


def connected_summary(account: Account, in_keyring: bool) -> str:
    """Rich text: the account connected, its servers, where its password is kept (in the
    keyring, or in memory for this session), and what Pont fetches from now on."""
    if in_keyring:
        kept = translate(
            "AccountDialog",
            "Your password is kept in this computer’s password store, not in Pont’s files.",
        )
    else:
        kept = translate(
            "AccountDialog",
            "This computer has no password store Pont can use, so Pont cannot remember "
            "your password: it will ask for it each time it starts. Until you close Pont, "
            "it keeps the password in memory only.",
        )
    return "<p><b>{connected}</b></p><p>{servers}</p><p>{kept}</p><p>{next}</p>".format(
        connected=html.escape(
            translate("AccountDialog", "Pont is connected to {email}.").format(email=account.email)
        ),
        servers=html.escape(_servers(account)),
        kept=html.escape(kept),
        next=html.escape(
            translate(
                "AccountDialog",
                "Pont now fetches the group’s messages from your inbox and Sent "
                "folder. Your other mail stays where it is and is not copied.",
            )
        ),
    )


def microsoft_summary(account: Account) -> str:
    """Rich text: the Microsoft mailbox connected, the ways Pont uses, and that no password is
    kept."""
    sending = {
        SendRoute.SMTP: translate("AccountDialog", "Pont sends the group’s mail over SMTP."),
        SendRoute.GRAPH: translate(
            "AccountDialog",
            "Your organisation has turned off sending over SMTP, so Pont sends the group’s "
            "mail through Microsoft Graph.",
        ),
    }[account.sending]
    reading = {
        ReadRoute.IMAP: translate(
            "AccountDialog",
            "It fetches the group’s messages from your inbox and Sent folder over IMAP; your "
            "other mail stays where it is and is not copied.",
        ),
        ReadRoute.GRAPH: translate(
            "AccountDialog",
            "It fetches the group’s messages from your inbox and Sent folder through Microsoft "
            "Graph; your other mail stays where it is and is not copied.",
        ),
        ReadRoute.NONE: translate(
            "AccountDialog",
            "Your organisation does not let Pont read your mailbox yet, so the group’s "
            "conversations stay empty; posts still go out. Your IT team can allow it.",
        ),
    }[account.reading]
    kept = translate(
        "AccountDialog",
        "Pont signs in with Microsoft and keeps no password: this computer’s password store "
        "holds only Microsoft’s sign-in for Pont, which you can withdraw at any time.",
    )
    return "<p><b>{connected}</b></p><p>{sending} {reading}</p><p>{kept}</p>".format(
        connected=html.escape(
            translate("AccountDialog", "Pont is connected to {email}.").format(email=account.email)
        ),
        sending=html.escape(sending),
        reading=html.escape(reading),
        kept=html.escape(kept),
    )


def _servers(account: Account) -> str:
    text = translate(
        "AccountDialog", "Incoming mail server: {imap}. Outgoing mail server: {smtp}."
    ).format(imap=account.imap.host, smtp=account.smtp.host)
    if Security.PLAIN not in (account.imap.security, account.smtp.security):
        text += " " + translate("AccountDialog", "Both connections are encrypted.")
    pinned = {s.host for s in (account.imap, account.smtp) if s.pinned_sha256}
    if pinned:
        text += " " + translate(
            "AccountDialog", "Pont trusts the certificate you chose for {hosts}."
        ).format(hosts=", ".join(sorted(pinned)))
    return text
