"""The coordinator's mail accounts: server settings saved in the profile (never a password)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.errors import AccountNotFound, NoMailAccount, PontError
from pont.core.i18n import translate
from pont.core.members.addresses import address_key, checked_address

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.members.groups import Group


class Security(StrEnum):
    SSL = "ssl"  # TLS from the first byte (IMAP 993, SMTP 465)
    STARTTLS = "starttls"  # plain greeting, then upgraded before any password (143, 587)
    PLAIN = "plain"  # no encryption: only ever to this computer itself

    @property
    def label(self) -> str:
        return {"ssl": "SSL/TLS", "starttls": "STARTTLS", "plain": "no encryption"}[self.value]


class SignInMethod(StrEnum):
    PASSWORD = "password"  # kept in the OS keyring
    MICROSOFT = "microsoft"  # OAuth 2.0 through Microsoft's sign-in; tokens in the keyring


class SendRoute(StrEnum):
    SMTP = "smtp"
    GRAPH = "graph"  # Microsoft Graph's sendMail, where the tenant turned SMTP AUTH off


class ReadRoute(StrEnum):
    IMAP = "imap"
    GRAPH = "graph"  # Microsoft Graph's delta queries, where IMAP is off for the mailbox
    NONE = "none"  # nothing is read: posts go out, conversations stay empty


@dataclass(frozen=True, slots=True)
class ServerSettings:
    host: str
    port: int
    security: Security
    # SHA-256 (lowercase hex) of a certificate the coordinator chose to trust; '' for none
    pinned_sha256: str = ""

    def describe(self) -> str:
        """ "imap.example.org:993 SSL/TLS", as shown in lists."""
        pinned = ", trusted certificate" if self.pinned_sha256 else ""
        return f"{self.host}:{self.port} {self.security.label}{pinned}"


@dataclass(frozen=True, slots=True)
class AccountSettings:
    """Everything needed to reach one mailbox, except the password (that lives in the keyring)."""

    email: str
    username: str
    imap: ServerSettings
    smtp: ServerSettings
    provider: str = ""  # the provider table's id ("gmail.com"); '' when guessed or typed
    display_name: str = ""
    sign_in: SignInMethod = SignInMethod.PASSWORD
    sending: SendRoute = SendRoute.SMTP
    reading: ReadRoute = ReadRoute.IMAP


@dataclass(frozen=True, slots=True)
class Account(AccountSettings):
    id: int = field(kw_only=True)


def _checked(settings: AccountSettings) -> AccountSettings:
    checked_address(settings.email)
    servers = (
        (translate("Accounts", "incoming (IMAP)"), settings.imap),
        (translate("Accounts", "outgoing (SMTP)"), settings.smtp),
    )
    for kind, server in servers:
        if not server.host.strip():
            raise PontError(
                translate(
                    "Accounts", "The {kind} server needs a name, such as mail.example.org."
                ).format(kind=kind)
            )
        if not 0 < server.port < 65536:
            raise PontError(
                translate(
                    "Accounts", "The {kind} server's port must be a number from 1 to 65535."
                ).format(kind=kind)
            )
    if not settings.username.strip():
        raise PontError(
            translate("Accounts", "The account needs a user name (usually the email address).")
        )
    return settings


_SELECT = (
    "SELECT id, email, username, imap_host, imap_port, imap_security, imap_pinned_sha256,"
    " smtp_host, smtp_port, smtp_security, smtp_pinned_sha256, provider, display_name,"
    " sign_in, sending, reading FROM accounts"
)
_Row = tuple[int, str, str, str, int, str, str, str, int, str, str, str, str, str, str, str]


def _account(row: _Row) -> Account:
    (id_, email, username, ihost, iport, isec, ipin, shost, sport, ssec, spin, provider, name) = (
        row[:13]
    )
    sign_in, sending, reading = row[13:]
    return Account(
        id=id_,
        email=email,
        username=username,
        imap=ServerSettings(ihost, iport, Security(isec), ipin),
        smtp=ServerSettings(shost, sport, Security(ssec), spin),
        provider=provider,
        display_name=name,
        sign_in=SignInMethod(sign_in),
        sending=SendRoute(sending),
        reading=ReadRoute(reading),
    )


def list_accounts(db: Database) -> list[Account]:
    return [_account(row) for row in db.execute(f"{_SELECT} ORDER BY email_key").fetchall()]


def get_account(db: Database, account_id: int) -> Account:
    row = db.execute(f"{_SELECT} WHERE id = ?", [account_id]).fetchone()
    if row is None:
        raise AccountNotFound.numbered(account_id)
    return _account(row)


def group_account(db: Database, group: Group) -> Account:
    """The mailbox a group's mail goes from: its own, else the profile's first (the rule
    groups.account_groups counts by)."""
    row = db.execute(
        f"{_SELECT} WHERE id = coalesce(?, (SELECT min(id) FROM accounts))", [group.account_id]
    ).fetchone()
    if row is None:
        raise NoMailAccount()
    return _account(row)


def find_account(db: Database, email: str) -> Account:
    row = db.execute(f"{_SELECT} WHERE email_key = ?", [address_key(email.strip())]).fetchone()
    if row is None:
        raise AccountNotFound(email.strip())
    return _account(row)


def save_account(db: Database, settings: AccountSettings, origin: str = "window") -> Account:
    """Add the account, or update the one with the same email address; returns it as saved."""
    settings = _checked(settings)
    email = settings.email.strip()
    values = {
        "email": email,
        "email_key": address_key(email),
        "display_name": settings.display_name.strip(),
        "username": settings.username.strip(),
        "provider": settings.provider,
        "imap_host": settings.imap.host.strip(),
        "imap_port": settings.imap.port,
        "imap_security": settings.imap.security.value,
        "imap_pinned_sha256": settings.imap.pinned_sha256,
        "smtp_host": settings.smtp.host.strip(),
        "smtp_port": settings.smtp.port,
        "smtp_security": settings.smtp.security.value,
        "smtp_pinned_sha256": settings.smtp.pinned_sha256,
        "sign_in": settings.sign_in.value,
        "sending": settings.sending.value,
        "reading": settings.reading.value,
    }
    detail = f"{email}: IMAP {settings.imap.describe()}, SMTP {settings.smtp.describe()}"
    with db.atomic():
        row = db.execute(
            "SELECT id FROM accounts WHERE email_key = ?", [values["email_key"]]
        ).fetchone()
        if row is None:
            columns = ", ".join([*values, "created"])
            marks = ", ".join("?" * (len(values) + 1))
            cursor = db.execute(
                f"INSERT INTO accounts ({columns}) VALUES ({marks})",
                [*values.values(), activity.now().isoformat(timespec="seconds")],
            )
            account_id = int(cursor.lastrowid or 0)
            activity.log(db, "account-add", origin, detail)
        else:
            account_id = int(row[0])
            assignments = ", ".join(f"{column} = ?" for column in values)
            db.execute(
                f"UPDATE accounts SET {assignments} WHERE id = ?", [*values.values(), account_id]
            )
            activity.log(db, "account-update", origin, detail)
    return get_account(db, account_id)


def delete_account(db: Database, account_id: int, origin: str = "window") -> None:
    """Remove the account, what was synced from it, and its password or Microsoft sign-in
    tokens in the keyring."""
    # Here, not at the top: the keyring package takes ~70 ms to load, and most of what
    # imports this module (the command line's parser, the window's start-up) never needs it.
    from pont.core.mail import credentials
    from pont.core.mail.microsoft.token_cache import forget_tokens

    account = get_account(db, account_id)
    with db.atomic():
        db.execute("DELETE FROM accounts WHERE id = ?", [account_id])
        activity.log(db, "account-remove", origin, account.email)
    credentials.forget_password(account.email)
    forget_tokens(account.email)


def is_loopback(host: str) -> bool:
    """This computer itself: 127.0.0.0/8, ::1 or "localhost" (no name lookup)."""
    name = host.strip().rstrip(".").casefold()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False
