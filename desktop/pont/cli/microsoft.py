"""The `pont account` subcommands' Microsoft side: signing in through the browser (or with a
code), trying each way into the mailbox, the IT team's letter, and Graph for the others."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pont.cli.output import json_text, print_table, terminal_text
from pont.core.errors import PontError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account, ServerSettings
    from pont.core.mail.graph.client import GraphClient
    from pont.core.mail.microsoft.routes import RouteResult
    from pont.core.mail.tokens import Permission, Secret, TokenSource

# How long `pont account add` waits for the browser to come back from Microsoft's sign-in.
SIGN_IN_TIMEOUT = 300.0


def graph_client(db: Database, account: Account, secret: Secret) -> GraphClient:
    """Microsoft Graph for the account (which signs in with Microsoft: Graph takes no
    password)."""
    from pont.core.mail.graph.client import GraphClient
    from pont.core.profile.settings import microsoft_setup

    if isinstance(secret, str):
        raise PontError(
            f"{account.email} does not sign in with Microsoft, so Graph cannot be used."
        )
    return GraphClient(microsoft_setup(db).graph_endpoint, secret)


def _open_browser(url: str) -> bool:
    import webbrowser  # here: it loads subprocess and more, which no other command needs

    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


def _show_address(url: str) -> None:
    print(f"Open this address to sign in: {url}", flush=True)


def add_microsoft_account(
    db: Database,
    args: argparse.Namespace,
    email: str,
    imap: ServerSettings | None,
    smtp: ServerSettings | None,
    progress: Callable[[str], None],
) -> int:
    """`pont account add` for a Microsoft mailbox: sign in, find the ways in, save."""
    from pont.core.mail.accounts import save_account
    from pont.core.mail.microsoft.connect import connect_microsoft
    from pont.core.mail.microsoft.routes import microsoft_settings
    from pont.core.mail.microsoft.sign_in import sign_in_with_browser, sign_in_with_device_code
    from pont.core.mail.providers import find_provider
    from pont.core.profile.settings import microsoft_setup

    if args.password_stdin:
        raise PontError(
            f"{email} signs in with Microsoft, not with a password: leave out --password-stdin "
            "(or give --sign-in password if it really uses one)."
        )
    provider = find_provider(email)
    settings = microsoft_settings(
        email,
        username=(args.username or "").strip(),
        provider=provider.id if provider else "",
        imap=imap,
        smtp=smtp,
    )
    setup = microsoft_setup(db)
    if args.device_code:
        print(
            "Signing in with a code on another device (the fallback for when no browser "
            "can open here).",
            flush=True,
        )
    else:
        print(f"Signing in to {email} with Microsoft, in your web browser.", flush=True)

    def sign_in(permissions: Sequence[Permission]) -> TokenSource:
        if args.device_code:
            return sign_in_with_device_code(
                email,
                permissions,
                setup,
                show_code=lambda prompt: _print_flushed(prompt.sentence),
                timeout=SIGN_IN_TIMEOUT,
            )
        return sign_in_with_browser(
            email,
            permissions,
            setup,
            open_browser=_open_browser,
            show_address=_show_address,
            timeout=SIGN_IN_TIMEOUT,
        )

    connected = connect_microsoft(settings, sign_in, setup.graph_endpoint, progress)
    print_routes(connected.results)
    account = save_account(db, connected.settings, origin="cli")
    print(f"Saved {account.email}: {_routes_summary(account)}")
    print("Pont keeps its Microsoft sign-in in the system's keyring; no password is stored.")
    if connected.approval_needed is not None:
        print(
            f"{connected.approval_needed} `pont account letter {account.email}` writes a "
            "letter asking your IT team for it."
        )
    return 0


def _print_flushed(text: str) -> None:
    print(terminal_text(text), flush=True)


def _routes_summary(account: Account) -> str:
    sending = {"smtp": "sends over SMTP", "graph": "sends through Microsoft Graph"}
    reading = {
        "imap": "reads over IMAP",
        "graph": "reads through Microsoft Graph",
        "none": "does not read the mailbox (conversations stay empty)",
    }
    return f"{sending[account.sending.value]}, {reading[account.reading.value]}."


def print_routes(results: list[RouteResult]) -> None:
    print_table(
        ["Way in", "Works", "Why not"],
        [[r.route.label, "yes" if r.works else "no", r.problem] for r in results],
    )


def test_routes(
    db: Database, account: Account, as_json: bool, progress: Callable[[str], None]
) -> int:
    """`pont account test` for a Microsoft mailbox: each way in, tried and reported."""
    from pont.core.mail.microsoft.routes import try_routes
    from pont.core.profile.settings import microsoft_setup, microsoft_tokens

    secret = microsoft_tokens(db, account.email)
    results = try_routes(account, secret, microsoft_setup(db).graph_endpoint, progress)
    if as_json:
        print(
            json_text(
                {
                    "email": account.email,
                    "routes": {
                        r.route.value: {"works": r.works, "problem": r.problem} for r in results
                    },
                }
            )
        )
    else:
        print_routes(results)
    return 0 if any(r.works for r in results) else 1


def account_letter(db: Database, args: argparse.Namespace) -> int:
    from pathlib import Path

    from pont.core.mail.microsoft.consent_address import LetterDetails
    from pont.core.mail.microsoft.consent_letter import write_consent_letter
    from pont.core.mail.providers import email_domain
    from pont.core.members.addresses import checked_address
    from pont.core.profile.settings import microsoft_setup

    email = checked_address(args.email)
    setup = microsoft_setup(db)
    details = LetterDetails(
        coordinator_name="",
        coordinator_email=email,
        organisation_domain=email_domain(email),
        tenant=email_domain(email),
        client_id=setup.client_id,
        authority=setup.authority_host,
        redirect_uri=setup.redirect_uri,
        mailbox_resource=setup.mailbox_resource,
        graph_resource=setup.graph_resource,
    )
    letter = write_consent_letter(details)
    text = letter.html if args.html else f"Subject: {letter.subject}\n\n{letter.text}"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote the letter for your IT team to {args.output}.")
    else:
        print(text)
    return 0
