"""The `pont account` subcommands: add (finding and testing the settings, or signing in with
Microsoft), list, test, remove."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from pont.cli.microsoft import account_letter, add_microsoft_account, test_routes
from pont.cli.output import add_format_option, json_text, print_table, terminal_text
from pont.core.errors import (
    CertificateNotTrusted,
    KeyringUnavailable,
    NoMailAccount,
    PasswordNeeded,
    PontError,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account, ServerSettings
    from pont.core.mail.detection import Detection
    from pont.core.mail.tokens import Secret

SECURITY_CHOICES = ["ssl", "starttls", "plain"]
DEFAULT_PORTS = {
    "imap": {"ssl": 993, "starttls": 143, "plain": 143},
    "smtp": {"ssl": 465, "starttls": 587, "plain": 587},
}
# When only a port is given, the security it usually means.
SECURITY_FOR_PORT = {993: "ssl", 465: "ssl", 143: "starttls", 587: "starttls", 25: "starttls"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:

    account = commands.add_parser(
        "account",
        help="set up and check the mailbox Pont sends and reads group mail with",
        description="The coordinator's mail account. Passwords go to the system's keyring, "
        "never into Pont's files.",
    )
    actions = account.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="add a mail account (or update one), after testing both logins",
        description="Add a mail account. Pont finds the server settings you leave out "
        "(its provider table, then the usual server names), signs in to IMAP and SMTP to "
        "check them, and only then saves the account.",
    )
    add.add_argument("--email", required=True, help="the account's email address")
    for kind, name in (("imap", "incoming (IMAP)"), ("smtp", "outgoing (SMTP)")):
        add.add_argument(f"--{kind}-host", metavar="HOST", help=f"the {name} server's name")
        add.add_argument(f"--{kind}-port", metavar="PORT", type=int, help=f"the {name} port")
        add.add_argument(
            f"--{kind}-security", choices=SECURITY_CHOICES, help=f"encryption for {name}"
        )
    add.add_argument("--username", help="the sign-in name, if not the email address")
    add.add_argument(
        "--sign-in",
        choices=["microsoft", "password"],
        help="how the mailbox signs in, when Pont cannot tell from the address (for example "
        "offline): 'microsoft' for Microsoft 365 and Outlook.com, else 'password'",
    )
    add.add_argument(
        "--device-code",
        action="store_true",
        help="sign in with Microsoft on another device with a code, for when no browser can "
        "be opened here (many organisations block this fallback)",
    )
    add_password_option(add)
    add.add_argument(
        "--trust-certificate",
        metavar="SHA256",
        action="append",
        default=[],
        help="trust a server certificate Pont could not verify, by the SHA-256 fingerprint "
        "an earlier attempt showed (check it with your provider first); may be repeated",
    )
    add.set_defaults(handler=account_add)

    listing = actions.add_parser(
        "list", help="list mail accounts", description="List the mail accounts (no passwords)."
    )
    add_format_option(listing, ["table", "json"])
    listing.set_defaults(handler=account_list)

    test = actions.add_parser(
        "test",
        help="sign in to an account's servers to check it still works",
        description="Sign in to the account's IMAP and SMTP servers with its stored password "
        "(or one given on standard input) and report what happened. For a Microsoft mailbox, "
        "each way in is tried: IMAP, SMTP, Graph send and Graph read.",
    )
    test.add_argument("email", nargs="?", help="the account (needed when there are several)")
    add_password_option(test)
    add_format_option(test, ["table", "json"])
    test.set_defaults(handler=account_test)

    letter = actions.add_parser(
        "letter",
        help="write the letter asking your IT team to allow Pont (Microsoft 365)",
        description="Write a one-page letter for your organisation's IT team: what Pont "
        "is, each permission it asks Microsoft for and why, and the address where an "
        "administrator allows it for the organisation. In English; the window also writes "
        "it in Welsh.",
    )
    letter.add_argument("email", help="the Microsoft 365 address Pont is to use")
    letter.add_argument("--output", metavar="FILE", help="write it to FILE (default: print it)")
    letter.add_argument("--html", action="store_true", help="as HTML instead of plain text")
    letter.set_defaults(handler=account_letter)

    remove = actions.add_parser(
        "remove",
        help="remove a mail account and its stored password",
        description="Remove a mail account, what was synced from it, and its keyring entry.",
    )
    remove.add_argument("email", help="the account's email address")
    remove.set_defaults(handler=account_remove)


def add_password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input "
        "(otherwise Pont asks for it when run in a terminal)",
    )


def read_password(args: argparse.Namespace, email: str) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass  # here: only this command asks in a terminal

        password = getpass.getpass(f"Password for {email}: ")
    else:
        raise PontError("Give the password on standard input with --password-stdin.")
    if not password:
        raise PontError(f"No password given for {email}.")
    return password


def chosen_account(db: Database, email: str | None) -> Account:
    from pont.core.mail.accounts import find_account, list_accounts

    if email:
        return find_account(db, email)
    accounts = list_accounts(db)
    if not accounts:
        raise NoMailAccount()
    if len(accounts) > 1:
        raise PontError(
            "Pont has several mail accounts: choose one with --account EMAIL "
            "(`pont account list` shows them)."
        )
    return accounts[0]


def account_secret(db: Database, account: Account, from_stdin: bool) -> Secret:
    """What the account signs in with: its Microsoft tokens, else its password (none for the
    demo's rehearsal mailbox)."""
    from pont.core.demo.profile import is_rehearsal
    from pont.core.mail.accounts import SignInMethod

    if is_rehearsal(account):
        return ""

    if account.sign_in is SignInMethod.MICROSOFT:
        if from_stdin:
            raise PontError(
                f"{account.email} signs in with Microsoft, not with a password: "
                "leave out --password-stdin."
            )
        from pont.core.profile.settings import microsoft_tokens

        return microsoft_tokens(db, account.email)
    return account_password(account, from_stdin)


def account_password(account: Account, from_stdin: bool) -> str:
    from pont.core.mail.credentials import load_password

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise PontError("No password came on standard input.")
        return password
    stored = load_password(account.email)
    if stored is None:
        needed = PasswordNeeded(account.email)
        raise PontError(f"{needed} Give it on standard input with --password-stdin.")
    return stored


def progress(message: str) -> None:
    print(message, flush=True)


def certificate_hint(error: CertificateNotTrusted, command: str) -> PontError:
    return PontError(
        f"{error} Its SHA-256 fingerprint is {error.fingerprint_sha256}. If your provider "
        f"confirms that fingerprint, run {command} with "
        f"--trust-certificate {error.fingerprint_sha256}"
    )


def _server(args: argparse.Namespace, kind: str) -> ServerSettings | None:
    from pont.core.mail.accounts import Security, ServerSettings

    host, port, security = (
        getattr(args, f"{kind}_{part}") for part in ("host", "port", "security")
    )
    if host is None:
        if port is not None or security is not None:
            raise PontError(f"Give the server's name too: --{kind}-host HOST.")
        return None
    security = security or SECURITY_FOR_PORT.get(port or 0, "ssl")
    return ServerSettings(host.strip(), port or DEFAULT_PORTS[kind][security], Security(security))


def account_add(db: Database, args: argparse.Namespace) -> int:
    # Here, not at the top: every start-up of the window loads this module for its parser.
    from pont.core.mail.accounts import SignInMethod
    from pont.core.mail.connections import normalised_fingerprint
    from pont.core.mail.providers import SignIn, provider_for_host
    from pont.core.members.addresses import checked_address

    email = checked_address(args.email)
    # Options that make no sense are said before anything is looked up or asked.
    for kind in ("imap", "smtp"):
        _server(args, kind)
    for text in args.trust_certificate:
        normalised_fingerprint(text)
    detection = _detected(email, args)
    method = SignInMethod(args.sign_in) if args.sign_in else None
    if method is None and detection is not None:
        microsoft = detection.sign_in is SignIn.MICROSOFT
        method = SignInMethod.MICROSOFT if microsoft else SignInMethod.PASSWORD
    elif method is None:  # servers typed by hand: Microsoft's own mean its sign-in
        microsoft = provider_for_host(args.imap_host) or provider_for_host(args.smtp_host)
        signs_in = microsoft is not None and microsoft.sign_in is SignIn.MICROSOFT
        method = SignInMethod.MICROSOFT if signs_in else SignInMethod.PASSWORD
    if method is SignInMethod.MICROSOFT:
        imap, smtp = _server(args, "imap"), _server(args, "smtp")
        return add_microsoft_account(db, args, email, imap, smtp, progress)
    if args.device_code:
        raise PontError("--device-code is for signing in with Microsoft (--sign-in microsoft).")
    if detection is not None:
        _print_app_password_steps(detection)
    return _add_password_account(db, args, email, detection)


def _detected(email: str, args: argparse.Namespace) -> Detection | None:
    """How the address signs in (the provider table, the domain's MX, Microsoft's records);
    None when the options already say everything."""
    from pont.core.mail.detection import detect_mailbox

    if args.sign_in == "microsoft" or (args.imap_host and args.smtp_host):
        return None  # nothing to find out: Exchange Online's servers, or the ones given
    progress(f"Looking up {email.rpartition('@')[2]}…")
    return detect_mailbox(email)


def _print_app_password_steps(detection: Detection) -> None:
    from pont.core.mail.app_passwords import app_password_steps

    steps = app_password_steps(detection.provider)
    if steps is None:
        return
    print(terminal_text(str(steps.why)), flush=True)
    for number, step in enumerate(steps.steps, 1):
        print(terminal_text(f"  {number}. {step.text}"), flush=True)


def _add_password_account(
    db: Database, args: argparse.Namespace, email: str, detection: Detection | None
) -> int:
    from pont.core.mail.accounts import save_account
    from pont.core.mail.connections import normalised_fingerprint
    from pont.core.mail.credentials import store_password
    from pont.core.mail.discovery import discover_settings
    from pont.core.mail.providers import candidate_settings, provider_for_settings

    trusted = {normalised_fingerprint(text) for text in args.trust_certificate}
    imap, smtp = _server(args, "imap"), _server(args, "smtp")
    password = read_password(args, email)
    candidates = detection.candidates if detection is not None else candidate_settings(email)
    if imap is not None:
        candidates = replace(candidates, imap=(imap,), imap_guessed=False)
    if smtp is not None:
        candidates = replace(candidates, smtp=(smtp,), smtp_guessed=False)
    if args.username:
        candidates = replace(candidates, username=args.username.strip())
    try:
        settings = discover_settings(email, password, progress, candidates, trusted)
    except CertificateNotTrusted as error:
        raise certificate_hint(error, "the same command again") from None
    provider = provider_for_settings(settings)
    settings = replace(settings, provider=provider.id if provider else "")
    account = save_account(db, settings, origin="cli")
    print(f"Both logins work. Saved {account.email}:")
    print(f"  incoming (IMAP): {account.imap.describe()}")
    print(f"  outgoing (SMTP): {account.smtp.describe()}")
    try:
        store_password(account.email, password)
    except KeyringUnavailable as error:
        print(f"{error} Commands that sign in take it with --password-stdin.")
    else:
        print("The password is in the system's keyring.")
    return 0


def account_list(db: Database, args: argparse.Namespace) -> int:
    from pont.core.mail.accounts import list_accounts

    accounts = list_accounts(db)
    if args.format == "json":
        rows = [
            {
                "email": a.email,
                "username": a.username,
                "provider": a.provider,
                **{
                    kind: {
                        "host": server.host,
                        "port": server.port,
                        "security": server.security.value,
                        "pinned_sha256": server.pinned_sha256,
                    }
                    for kind, server in (("imap", a.imap), ("smtp", a.smtp))
                },
            }
            for a in accounts
        ]
        print(json_text(rows))
    elif not accounts:
        print("No mail account yet. Add one with: pont account add --email E --password-stdin")
    else:
        print_table(
            ["Email", "User name", "IMAP", "SMTP", "Provider"],
            [
                [a.email, a.username, a.imap.describe(), a.smtp.describe(), a.provider]
                for a in accounts
            ],
        )
    return 0


def _chosen_account(db: Database, email: str | None) -> Account:
    from pont.core.mail.accounts import find_account, list_accounts

    if email:
        return find_account(db, email)
    accounts = list_accounts(db)
    if not accounts:
        raise PontError("No mail account yet. Add one with: pont account add --email E")
    if len(accounts) > 1:
        shown = ", ".join(a.email for a in accounts)
        raise PontError(f"Say which account to test: pont account test EMAIL ({shown}).")
    return accounts[0]


def account_test(db: Database, args: argparse.Namespace) -> int:
    from pont.core.mail import connections
    from pont.core.mail.accounts import SignInMethod
    from pont.core.mail.credentials import load_password

    account = _chosen_account(db, args.email)
    if account.sign_in is SignInMethod.MICROSOFT:
        return test_routes(db, account, args.format == "json", _progress_for(args))
    password = read_password(args, account.email) if args.password_stdin else None
    password = password or load_password(account.email)
    if password is None:
        raise PontError(f"{PasswordNeeded(account.email)} Give it with --password-stdin.")
    try:
        connections.test_logins(account, password, _progress_for(args))
    except CertificateNotTrusted as error:
        raise certificate_hint(error, "`pont account add` again for this account") from None
    if args.format == "json":
        print(json_text({"email": account.email, "routes": {"imap": True, "smtp": True}}))
    else:
        print(f"Both logins work for {account.email}.")
    return 0


def _progress_for(args: argparse.Namespace) -> Callable[[str], None]:
    return progress if args.format != "json" else (lambda _line: None)


def account_remove(db: Database, args: argparse.Namespace) -> int:
    from pont.core.mail.accounts import delete_account, find_account

    account = find_account(db, args.email)
    delete_account(db, account.id, origin="cli")
    print(f"Removed {account.email} and its stored password.")
    return 0
