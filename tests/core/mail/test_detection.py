"""Knowing how a mailbox signs in before any password, against a real DNS server and an HTTPS
server answering as Microsoft's OpenID metadata does."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dns_server import DnsServer, Fault, Zone, running_dns_server
from mailservers import Certificates, free_port
from pont.core.errors import DomainHasNoMail, InvalidAddress, Offline, ServerNotFound
from pont.core.mail.accounts import Security, ServerSettings, SignInMethod
from pont.core.mail.detection import (
    MAIL_EXCHANGERS_KEPT,
    Detection,
    KnownBy,
    detect_mailbox,
    detected_settings,
    is_offline,
    name_failure,
)
from pont.core.mail.providers import SignIn
from tenant_metadata_server import Hostile, Tenant, TenantMetadataServer

CONTOSO = Tenant("8c1d3f43-8f1e-4f0a-9b0c-5b4b8f2d0a11", "EU")
FABRIKAM = Tenant("0b6f1c3e-2a4d-4e8f-9c1b-7d5e3f2a1b0c", "NA")
GATEWAY = Tenant("5e0d9a7c-3b2f-4c1e-8a6d-2f4b6c8e0a1d", "EU")
MICROSOFT_MX = "0 {}.mail.protection.outlook.com."
# A domain with thousands of MX hosts: too big for UDP (the resolver asks again over TCP),
# nearly 64 KB over TCP; Microsoft's host is the most preferred.
HUGE_MX = [f"10 mx{n:04}.junk.example." for n in range(2_000)] + [MICROSOFT_MX.format("many-mx")]
ODD_MX = [
    "10 \\000\\255\\046odd.example.",  # a NUL, a byte beyond ASCII, a dot inside a label
    "10 " + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 61 + ".",  # 255 bytes
    "10 mail.protection.outlook.com.evil.example.",  # Microsoft's name at the wrong end
    "10 evilmail.protection.outlook.com.",
    "10 *.example.",
    "20 .",  # "no mail" beside real hosts means nothing
    "65535 xn--zz.example.",
]

ZONE: Zone = {
    "contoso.example.": {"MX": [MICROSOFT_MX.format("contoso-example")]},
    "fabrikam.example.": {"MX": ["0 fabrikam-example.o-v1.mx.microsoft."]},
    "xn--caf-dma.example.": {"MX": [MICROSOFT_MX.format("xn--caf-dma-example")]},  # café
    "gateway.example.": {
        "MX": ["10 eu-smtp-inbound-1.mimecast.com.", "20 eu-smtp-inbound-2.mimecast.com."]
    },
    "workspace.example.": {"MX": ["1 smtp.google.com."]},
    "oldworkspace.example.": {
        "MX": ["5 alt1.aspmx.l.google.com.", "1 aspmx.l.google.com.", "10 alt4.aspmx.l.google.com."]
    },
    "yahoo-business.example.": {"MX": ["1 mx-biz.mail.am0.yahoodns.net."]},
    "aol-domain.example.": {"MX": ["1 mx-aol.mail.gm0.yahoodns.net."]},
    "icloud-domain.example.": {"MX": ["10 mx01.mail.icloud.com.", "10 mx02.mail.icloud.com."]},
    "fastmail-domain.example.": {"MX": ["10 in1-smtp.messagingengine.com."]},
    "charity.example.": {"MX": ["10 mail.charity.example."], "TXT": ['"v=spf1 -all"']},
    "nomx.example.": {"A": ["192.0.2.1"]},
    "nullmx.example.": {"MX": ["0 ."]},
    "broken.example.": Fault.SERVFAIL,
    "garbled.example.": Fault.GARBAGE,
    "many-mx.example.": {"MX": HUGE_MX},
    "odd.example.": {"MX": ODD_MX},
    "slow-tenant.example.": {"MX": [MICROSOFT_MX.format("slow-tenant-example")]},
    **{f"{how.value}.example.": {"MX": ["10 mx.elsewhere.example."]} for how in Hostile},
}
TENANTS: dict[str, Tenant | Hostile] = {
    "contoso.example": CONTOSO,
    "fabrikam.example": FABRIKAM,
    "xn--caf-dma.example": FABRIKAM,
    "gateway.example": GATEWAY,
    "many-mx.example": CONTOSO,
    "slow-tenant.example": Hostile.SLOW,
    **{f"{how.value}.example": how for how in Hostile},
}


@pytest.fixture(scope="module")
def dns_server() -> Iterator[DnsServer]:
    with running_dns_server(ZONE) as server:
        yield server


@pytest.fixture
def dns(dns_server: DnsServer) -> Iterator[DnsServer]:
    dns_server.queries.clear()
    yield dns_server
    dns_server.fault = None


@pytest.fixture(scope="module")
def metadata_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TenantMetadataServer]:
    certificates = Certificates(tmp_path_factory.mktemp("tenant-metadata"))
    server = TenantMetadataServer(TENANTS, certificates.server_context()).start()
    server.ca_file = certificates.ca_file  # type: ignore[attr-defined]
    yield server
    server.stop()


@pytest.fixture
def microsoft(
    metadata_server: TenantMetadataServer, monkeypatch: pytest.MonkeyPatch
) -> TenantMetadataServer:
    """The metadata server, its CA trusted the way Pont trusts any: the system's store."""
    monkeypatch.setenv("SSL_CERT_FILE", str(metadata_server.ca_file))  # type: ignore[attr-defined]
    metadata_server.requests.clear()
    return metadata_server


def detect(email: str, dns: DnsServer, microsoft: TenantMetadataServer) -> Detection:
    return detect_mailbox(
        email, resolver=dns.resolver(), authority_host=microsoft.authority_host, timeout=1.0
    )


def servers(detection: Detection) -> tuple[list[str], list[str]]:
    imap, smtp = detection.candidates.imap, detection.candidates.smtp
    return [f"{s.host}:{s.port}" for s in imap], [f"{s.host}:{s.port}" for s in smtp]


def test_a_table_domain_is_known_at_once_without_the_network(
    dns: DnsServer, microsoft: TenantMetadataServer
) -> None:
    dns.fault = Fault.SILENT  # offline, even: the table needs nothing
    started = time.monotonic()
    outlook = detect("someone@Outlook.com", dns, microsoft)
    gmail = detect("ann@googlemail.com", dns, microsoft)
    assert time.monotonic() - started < 0.5
    assert dns.queries == [] and microsoft.requests == []
    assert outlook.provider is not None and outlook.provider.id == "outlook.com"
    assert (outlook.sign_in, outlook.known_by, outlook.tenant) == (
        SignIn.MICROSOFT,
        KnownBy.TABLE,
        None,
    )
    assert servers(outlook) == (["outlook.office365.com:993"], ["smtp-mail.outlook.com:587"])
    assert gmail.provider is not None and gmail.provider.id == "gmail.com"
    assert (gmail.sign_in, gmail.known_by) == (SignIn.APP_PASSWORD, KnownBy.TABLE)


@pytest.mark.parametrize(
    ("domain", "tenant"), [("contoso.example", CONTOSO), ("fabrikam.example", FABRIKAM)]
)
def test_a_custom_domain_with_microsoft_mx_signs_in_with_microsoft(
    dns: DnsServer, microsoft: TenantMetadataServer, domain: str, tenant: Tenant
) -> None:
    found = detect(f"ann@{domain}", dns, microsoft)
    assert found.provider is not None and found.provider.id == "office365.com"
    assert (found.sign_in, found.known_by) == (SignIn.MICROSOFT, KnownBy.MX)
    assert found.tenant is not None and found.tenant_id == tenant.id
    assert (found.tenant.region, found.tenant.cloud) == (tenant.region, "microsoftonline.com")
    assert servers(found) == (["outlook.office365.com:993"], ["smtp.office365.com:587"])
    assert found.candidates.username == f"ann@{domain}"
    assert dns.queries == [(f"{domain}.", "MX", "udp")] and microsoft.requests == [domain]
    settings = detected_settings(found)
    assert settings.sign_in is SignInMethod.MICROSOFT and settings.provider == "office365.com"
    assert settings.imap == ServerSettings("outlook.office365.com", 993, Security.SSL)


def test_a_domain_beyond_ascii_is_asked_for_in_its_ascii_form(
    dns: DnsServer, microsoft: TenantMetadataServer
) -> None:
    found = detect("ann@Café.example", dns, microsoft)
    assert (found.known_by, found.tenant_id) == (KnownBy.MX, FABRIKAM.id)
    assert dns.queries == [("xn--caf-dma.example.", "MX", "udp")]
    assert microsoft.requests == ["xn--caf-dma.example"]


def test_microsoft_behind_a_mail_gateway_is_known_by_its_openid_metadata(
    dns: DnsServer, microsoft: TenantMetadataServer
) -> None:
    found = detect("ann@gateway.example", dns, microsoft)
    assert found.provider is not None and found.provider.id == "office365.com"
    assert (found.sign_in, found.known_by, found.tenant_id) == (
        SignIn.MICROSOFT,
        KnownBy.OPENID,
        GATEWAY.id,
    )
    assert found.mail_exchangers == (
        "eu-smtp-inbound-1.mimecast.com",
        "eu-smtp-inbound-2.mimecast.com",
    )
    assert servers(found) == (["outlook.office365.com:993"], ["smtp.office365.com:587"])


@pytest.mark.parametrize("domain", ["workspace.example", "oldworkspace.example"])
def test_google_workspace_by_mx_needs_an_app_password(
    dns: DnsServer, microsoft: TenantMetadataServer, domain: str
) -> None:
    found = detect(f"ann@{domain}", dns, microsoft)
    assert found.provider is not None and found.provider.id == "workspace.google.com"
    assert (found.sign_in, found.known_by) == (SignIn.APP_PASSWORD, KnownBy.MX)
    assert servers(found) == (["imap.gmail.com:993"], ["smtp.gmail.com:465", "smtp.gmail.com:587"])
    assert microsoft.requests == []  # Google's: no need to ask Microsoft
    if domain == "oldworkspace.example":
        assert found.mail_exchangers[0] == "aspmx.l.google.com"  # best first


@pytest.mark.parametrize(
    ("domain", "provider_id"),
    [
        ("yahoo-business.example", "yahoo.com"),
        ("aol-domain.example", "aol.com"),  # also at yahoodns.net: the longer name wins
        ("icloud-domain.example", "icloud.com"),
        ("fastmail-domain.example", "fastmail.com"),
    ],
)
def test_other_app_password_providers_by_mx(
    dns: DnsServer, microsoft: TenantMetadataServer, domain: str, provider_id: str
) -> None:
    found = detect(f"ann@{domain}", dns, microsoft)
    assert found.provider is not None and found.provider.id == provider_id
    assert (found.sign_in, found.known_by) == (SignIn.APP_PASSWORD, KnownBy.MX)
    assert microsoft.requests == []


@pytest.mark.parametrize("domain", ["charity.example", "nomx.example", "broken.example"])
def test_an_unknown_domain_gets_a_password_and_guesses(
    dns: DnsServer, microsoft: TenantMetadataServer, domain: str
) -> None:
    """Its own MX, none at all, or name servers that fail while others answer (online)."""
    found = detect(f"ann@{domain}", dns, microsoft)
    assert (found.provider, found.sign_in, found.known_by, found.tenant) == (
        None,
        SignIn.PASSWORD,
        KnownBy.GUESS,
        None,
    )
    assert found.candidates.imap_guessed and found.candidates.smtp_guessed
    assert servers(found)[0][0] == f"imap.{domain}:993"
    assert microsoft.requests == [domain]  # asked, and told "no such tenant" (AADSTS90002)
    assert found.mail_exchangers == (
        ("mail.charity.example",) if domain == "charity.example" else ()
    )


@pytest.mark.parametrize("fault", [Fault.SILENT, Fault.SERVFAIL])
def test_offline_is_said_as_offline(
    dns: DnsServer, microsoft: TenantMetadataServer, fault: Fault
) -> None:
    """No name server answers (SILENT), or the router answers only that it failed
    (SERVFAIL, its own line being down): offline, not "no mail server called …"."""
    dns.fault = fault
    started = time.monotonic()
    with pytest.raises(Offline) as offline:
        detect("ann@contoso.example", dns, microsoft)
    assert time.monotonic() - started < 4.0
    assert str(offline.value) == (
        "Pont cannot reach the internet from this computer. Check that it is connected, "
        "then try again."
    )
    assert "no mail server called" not in str(offline.value)
    assert microsoft.requests == []
    assert len({name for name, _, _ in dns.queries}) == 2  # the domain, then a random name


def test_offline_with_no_name_server_listening(microsoft: TenantMetadataServer) -> None:
    nobody = DnsServer({}, port=free_port())  # never started: nothing on that port
    started = time.monotonic()
    with pytest.raises(Offline):
        detect_mailbox(
            "ann@contoso.example",
            resolver=nobody.resolver(),
            authority_host=microsoft.authority_host,
            timeout=1.0,
        )
    assert time.monotonic() - started < 4.0
    assert is_offline(nobody.resolver(0.3), 0.3)


def test_a_domain_that_does_not_exist_or_takes_no_mail(
    dns: DnsServer, microsoft: TenantMetadataServer
) -> None:
    with pytest.raises(DomainHasNoMail) as missing:
        detect("ann@nowhere.example", dns, microsoft)
    assert str(missing.value) == (
        "There is no domain called nowhere.example, so no email can reach this address. "
        "Check the part after the @ for a typing mistake."
    )
    with pytest.raises(DomainHasNoMail, match="nullmx.example does not take email"):
        detect("ann@nullmx.example", dns, microsoft)
    assert microsoft.requests == []
    with pytest.raises(InvalidAddress):
        detect("not an address", dns, microsoft)


def test_a_name_not_found_is_offline_only_when_nothing_answers(dns: DnsServer) -> None:
    """What connections.py says for a socket.gaierror."""
    assert not is_offline(dns.resolver(), 1.0)
    failure = name_failure("imap.charity.example", resolver=dns.resolver(), timeout=1.0)
    assert isinstance(failure, ServerNotFound) and failure.host == "imap.charity.example"
    dns.fault = Fault.SILENT
    offline = name_failure("outlook.office365.com", resolver=dns.resolver(), timeout=1.0)
    assert isinstance(offline, Offline)


def test_a_huge_mx_set_costs_little(dns: DnsServer, microsoft: TenantMetadataServer) -> None:
    started = time.monotonic()
    found = detect("ann@many-mx.example", dns, microsoft)
    assert time.monotonic() - started < 2.0
    assert ("many-mx.example.", "MX", "tcp") in dns.queries  # truncated over UDP, then TCP
    assert (found.known_by, found.sign_in, found.tenant_id) == (
        KnownBy.MX,
        SignIn.MICROSOFT,
        CONTOSO.id,
    )
    assert len(found.mail_exchangers) == MAIL_EXCHANGERS_KEPT
    assert found.mail_exchangers[0] == "many-mx.mail.protection.outlook.com"


def test_odd_mx_names_are_nobody_s(dns: DnsServer, microsoft: TenantMetadataServer) -> None:
    found = detect("ann@odd.example", dns, microsoft)
    assert (found.known_by, found.provider) == (KnownBy.GUESS, None)
    assert "." not in found.mail_exchangers and len(found.mail_exchangers) == len(ODD_MX) - 1
    assert "mail.protection.outlook.com.evil.example" in found.mail_exchangers


def test_a_garbled_dns_answer_is_no_answer(dns: DnsServer, microsoft: TenantMetadataServer) -> None:
    found = detect("ann@garbled.example", dns, microsoft)
    assert (found.known_by, found.mail_exchangers) == (KnownBy.GUESS, ())


@pytest.mark.parametrize("how", list(Hostile), ids=lambda how: how.value)
def test_hostile_metadata_is_no_tenant_and_costs_bounded_time(
    dns: DnsServer, microsoft: TenantMetadataServer, how: Hostile
) -> None:
    started = time.monotonic()
    found = detect(f"ann@{how.value}.example", dns, microsoft)
    assert time.monotonic() - started < 2.5
    assert (found.known_by, found.tenant, found.sign_in) == (KnownBy.GUESS, None, SignIn.PASSWORD)
    assert microsoft.requests == [f"{how.value}.example"]


def test_microsoft_mx_with_a_silent_metadata_server_is_still_microsoft(
    dns: DnsServer, microsoft: TenantMetadataServer
) -> None:
    started = time.monotonic()
    found = detect("ann@slow-tenant.example", dns, microsoft)
    assert time.monotonic() - started < 2.5
    assert (found.known_by, found.sign_in, found.tenant) == (KnownBy.MX, SignIn.MICROSOFT, None)


def test_metadata_is_trusted_only_through_the_system_store(
    dns: DnsServer, microsoft: TenantMetadataServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A metadata server whose certificate Pont cannot verify is not believed."""
    stranger = Certificates(tmp_path / "stranger")
    monkeypatch.setenv("SSL_CERT_FILE", str(stranger.ca_file))
    found = detect("ann@gateway.example", dns, microsoft)
    assert (found.known_by, found.tenant) == (KnownBy.GUESS, None)
