"""The shipped provider table (Thunderbird ISPDB format plus Pont's extras) and the guesses."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from pont.core.errors import InvalidAddress
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings
from pont.core.mail.providers import (
    EXTRAS,
    SignIn,
    all_providers,
    candidate_settings,
    find_provider,
    load_providers,
    provider_for_host,
    provider_for_mail_exchanger,
    provider_for_settings,
)
from pont.core.resources import resource_path

PROVIDER_FILES = sorted(resource_path("providers").glob("*.xml"))


def test_resource_path_from_source_and_from_a_frozen_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resource_path("providers", "gmail.com.xml").is_file()
    assert resource_path().name == "resources"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("providers") == tmp_path / "resources" / "providers"


@pytest.mark.parametrize("path", PROVIDER_FILES, ids=lambda p: p.name)
def test_each_file_is_ispdb_shaped(path: Path) -> None:
    root = ElementTree.parse(path).getroot()
    assert (root.tag, root.get("version")) == ("clientConfig", "1.1")
    provider = root.find("emailProvider")
    assert provider is not None and f"{provider.get('id')}.xml" == path.name
    assert provider.findall("domain") and provider.findtext("displayName")
    for server in [*provider.iterfind("incomingServer"), *provider.iterfind("outgoingServer")]:
        assert server.get("type") in {"imap", "smtp"}
        assert server.findtext("socketType") in {"SSL", "STARTTLS"}
        assert server.findtext("username") == "%EMAILADDRESS%"
        assert 0 < int(server.findtext("port") or 0) < 65536
    kind = provider.find(f"{EXTRAS}signIn")
    assert kind is not None and kind.get("kind") in {s.value for s in SignIn}


def test_every_provider_has_imap_and_smtp_and_no_domain_twice() -> None:
    providers = all_providers()
    assert len(providers) == len(PROVIDER_FILES) >= 12
    domains = [domain for provider in providers for domain in provider.domains]
    assert len(domains) == len(set(domains))
    for provider in providers:
        assert provider.imap and provider.smtp, provider.id
        if provider.sign_in is SignIn.APP_PASSWORD:
            assert provider.help_url.startswith("https://"), provider.id
    assert load_providers(resource_path("providers")) is providers  # parsed once


@pytest.mark.parametrize(
    ("email", "provider_id", "imap", "smtp"),
    [
        ("ann@gmail.com", "gmail.com", "imap.gmail.com:993", "smtp.gmail.com:465"),
        ("ann@googlemail.com", "gmail.com", "imap.gmail.com:993", "smtp.gmail.com:465"),
        (
            "ann@Hotmail.co.uk",
            "outlook.com",
            "outlook.office365.com:993",
            "smtp-mail.outlook.com:587",
        ),
        ("ann@msn.com", "outlook.com", "outlook.office365.com:993", "smtp-mail.outlook.com:587"),
        ("ann@ymail.com", "yahoo.com", "imap.mail.yahoo.com:993", "smtp.mail.yahoo.com:465"),
        ("ann@aol.com", "aol.com", "imap.aol.com:993", "smtp.aol.com:465"),
        ("ann@mac.com", "icloud.com", "imap.mail.me.com:993", "smtp.mail.me.com:587"),
        ("ann@gmx.de", "gmx.net", "imap.gmx.net:993", "mail.gmx.net:465"),
        ("ann@gmx.co.uk", "gmx.com", "imap.gmx.com:993", "mail.gmx.com:465"),
        ("ann@fastmail.com", "fastmail.com", "imap.fastmail.com:993", "smtp.fastmail.com:465"),
        ("ann@zoho.com", "zoho.com", "imap.zoho.com:993", "smtp.zoho.com:465"),
        ("ann@mail.com", "mail.com", "imap.mail.com:993", "smtp.mail.com:587"),
        ("ann@proton.me", "proton.me", "127.0.0.1:1143", "127.0.0.1:1025"),
    ],
)
def test_known_domains(email: str, provider_id: str, imap: str, smtp: str) -> None:
    candidates = candidate_settings(email)
    assert candidates.provider == provider_id
    assert candidates.username == email
    assert f"{candidates.imap[0].host}:{candidates.imap[0].port}" == imap
    assert f"{candidates.smtp[0].host}:{candidates.smtp[0].port}" == smtp
    assert not candidates.imap_guessed and not candidates.smtp_guessed


def test_what_issue_4_needs_to_know() -> None:
    gmail, icloud, m365 = (find_provider(f"a@{d}") for d in ("gmail.com", "icloud.com", "x"))
    assert m365 is None
    assert gmail is not None and icloud is not None
    # Gmail's ~500 a day counts recipients: 500 messages of 100 would be 50,000.
    assert (gmail.sign_in, gmail.recipients_per_message, gmail.recipients_per_day) == (
        SignIn.APP_PASSWORD,
        100,
        500,
    )
    assert gmail.messages_per_day is None
    assert gmail.saves_sent_mail and not icloud.saves_sent_mail
    assert icloud.help_where == "Sign-In and Security → App-Specific Passwords"
    assert (icloud.recipients_per_message, icloud.recipients_per_day) == (500, 1000)
    office = provider_for_host("outlook.office365.com")
    assert office is not None and office.id == "office365.com"
    assert office.sign_in is SignIn.MICROSOFT and office.messages_per_minute == 30
    proton = find_provider("a@pm.me")
    assert proton is not None and "Bridge must be running" in proton.note
    unknown = candidate_settings("a@example.org")
    assert unknown.provider == ""


def test_guesses_for_other_domains_in_order() -> None:
    candidates = candidate_settings(" ann@Example.org ")
    assert candidates.imap_guessed and candidates.smtp_guessed
    assert [(s.host, s.port, s.security) for s in candidates.imap] == [
        ("imap.example.org", 993, Security.SSL),
        ("imap.example.org", 143, Security.STARTTLS),
        ("mail.example.org", 993, Security.SSL),
        ("mail.example.org", 143, Security.STARTTLS),
    ]
    assert [(s.host, s.port, s.security) for s in candidates.smtp] == [
        ("smtp.example.org", 465, Security.SSL),
        ("smtp.example.org", 587, Security.STARTTLS),
        ("mail.example.org", 465, Security.SSL),
        ("mail.example.org", 587, Security.STARTTLS),
    ]
    with pytest.raises(InvalidAddress):
        candidate_settings("not an address")


def test_microsoft_365_is_known_by_its_servers() -> None:
    def settings(host: str, provider: str = "") -> AccountSettings:
        server = ServerSettings(host, 993, Security.SSL)
        return AccountSettings("ann@charity.org.uk", "ann@charity.org.uk", server, server, provider)

    for host in ("outlook.office365.com", "smtp.office365.com", "eur.outlook.office365.com"):
        found = provider_for_settings(settings(host))
        assert found is not None and found.id == "office365.com"
    gmail = provider_for_settings(settings("imap.gmail.com"))
    assert gmail is not None and gmail.id == "gmail.com"
    assert provider_for_settings(settings("127.0.0.1")) is None  # not Proton Bridge
    saved = provider_for_settings(settings("127.0.0.1", "yahoo.com"))
    assert saved is not None and saved.id == "yahoo.com"


@pytest.mark.parametrize(
    ("mail_exchanger", "provider_id"),
    [
        ("contoso-com.mail.protection.outlook.com", "office365.com"),
        ("CONTOSO-COM.MAIL.PROTECTION.OUTLOOK.COM.", "office365.com"),
        ("contoso-com.o-v1.mx.microsoft", "office365.com"),
        ("hotmail-com.olc.protection.outlook.com", "outlook.com"),
        ("aspmx.l.google.com", "workspace.google.com"),
        ("alt3.aspmx.l.google.com", "workspace.google.com"),
        ("smtp.google.com", "workspace.google.com"),
        ("aspmx2.googlemail.com", "workspace.google.com"),
        ("mta6.am0.yahoodns.net", "yahoo.com"),
        ("mx-aol.mail.gm0.yahoodns.net", "aol.com"),
        ("mx01.mail.icloud.com", "icloud.com"),
        ("in2-smtp.messagingengine.com", "fastmail.com"),
        ("mailsec.protonmail.ch", "proton.me"),
        ("mail.protection.outlook.com.evil.example", None),
        ("evilmail.protection.outlook.com", None),
        ("google.com.evil.example", None),
        ("mx.microsoft.evil.example", None),
        ("", None),
        (".", None),
    ],
)
def test_providers_known_by_their_mail_exchangers(
    mail_exchanger: str, provider_id: str | None
) -> None:
    found = provider_for_mail_exchanger(mail_exchanger)
    assert (found.id if found else None) == provider_id


def test_microsoft_providers_sign_in_with_microsoft() -> None:
    for provider_id in ("outlook.com", "office365.com"):
        provider = find_provider(f"a@{provider_id}")
        assert provider is not None and provider.sign_in is SignIn.MICROSOFT
        assert provider.help_url == "" and provider.two_step_url == ""
    workspace = provider_for_mail_exchanger("smtp.google.com")
    assert workspace is not None and workspace.managed_by_organisation
    assert (workspace.recipients_per_message, workspace.messages_per_day) == (100, 2000)
    assert workspace.recipients_per_day == 10000 and workspace.saves_sent_mail
    gmail = find_provider("a@gmail.com")
    assert gmail is not None and not gmail.managed_by_organisation
    assert (gmail.account_name, gmail.two_step_url) == (
        "Google",
        "https://myaccount.google.com/signinoptions/twosv",
    )
