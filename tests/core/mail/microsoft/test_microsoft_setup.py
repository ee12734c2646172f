"""Which registration Pont signs in with: the shipped resource file, an organisation's
setting, the environment; and what it says when there is none."""

from __future__ import annotations

import json

import pytest

from oauth_server import OAuthServer
from pont.core.errors import MicrosoftSetupInvalid, MicrosoftSignInNotSetUp
from pont.core.mail.microsoft.setup import load_setup
from pont.core.mail.microsoft.sign_in import (
    MicrosoftTokens,
    sign_in_with_browser,
    sign_in_with_device_code,
)
from pont.core.mail.tokens import Permission
from pont.core.resources import resource_path

NOT_SET_UP = (
    "This copy of Pont has no Microsoft sign-in set up. Your IT team can set one up: register "
    "Pont in Microsoft Entra as a public client, then give its application (client) ID to "
    "Pont in the PONT_MICROSOFT_CLIENT_ID environment variable or in the profile's "
    "“microsoft” setting (and a single-tenant registration's sign-in address in "
    "PONT_MICROSOFT_AUTHORITY)."
)


def test_the_shipped_setup_has_microsofts_addresses_and_no_client_id_yet() -> None:
    shipped = json.loads(resource_path("microsoft.json").read_text(encoding="utf-8"))
    assert shipped == {
        "client_id": "",
        "authority": "https://login.microsoftonline.com/organizations",
        "graph_endpoint": "https://graph.microsoft.com/v1.0",
        "mailbox_resource": "https://outlook.office.com",
        "graph_resource": "https://graph.microsoft.com",
        "redirect_uri": "http://localhost",
    }
    setup = load_setup(environ={})
    assert not setup.is_set_up
    assert setup.uses_microsoft_host
    assert setup.scope(Permission.IMAP) == "https://outlook.office.com/IMAP.AccessAsUser.All"
    assert setup.scope(Permission.SMTP) == "https://outlook.office.com/SMTP.Send"
    assert setup.scope(Permission.GRAPH_SEND) == "https://graph.microsoft.com/Mail.Send"
    assert setup.scope(Permission.GRAPH_READ) == "https://graph.microsoft.com/Mail.Read"


def test_the_address_chooses_consumers_or_organizations() -> None:
    setup = load_setup(environ={})
    for email in ("someone@outlook.com", "Someone@Hotmail.com", "a@live.co.uk", "b@msn.com"):
        assert setup.authority_for(email) == "https://login.microsoftonline.com/consumers"
    for email in ("someone@nhs.wales", "clerk@council.gov.uk", "x@outlook.com.example.org"):
        assert setup.authority_for(email) == "https://login.microsoftonline.com/organizations"


def test_a_named_tenant_or_another_service_is_used_as_given() -> None:
    tenant = load_setup(
        environ={"PONT_MICROSOFT_AUTHORITY": "https://login.microsoftonline.com/contoso.org"}
    )
    assert tenant.authority_for("someone@outlook.com") == (
        "https://login.microsoftonline.com/contoso.org"
    )
    us_government = load_setup(
        environ={"PONT_MICROSOFT_AUTHORITY": "https://login.microsoftonline.us/organizations"}
    )
    assert us_government.uses_microsoft_host
    assert us_government.authority_for("clerk@agency.gov") == (
        "https://login.microsoftonline.us/organizations"
    )
    china = load_setup(
        environ={"PONT_MICROSOFT_AUTHORITY": "https://login.chinacloudapi.cn/common"}
    )
    assert china.uses_microsoft_host
    other = load_setup(environ={"PONT_MICROSOFT_AUTHORITY": "https://sso.example.org/realms/mail"})
    assert not other.uses_microsoft_host
    assert other.authority_for("someone@outlook.com") == "https://sso.example.org/realms/mail"


def test_the_environment_wins_over_the_setting_which_wins_over_the_file() -> None:
    setting = {
        "client_id": "from-the-setting",
        "authority": "https://login.microsoftonline.com/setting.example",
        "graph_endpoint": "https://graph.setting.example/v1.0",
        "unknown_key": "ignored",
    }
    from_setting = load_setup(setting, environ={})
    assert from_setting.client_id == "from-the-setting"
    assert from_setting.authority == "https://login.microsoftonline.com/setting.example"
    assert from_setting.graph_endpoint == "https://graph.setting.example/v1.0"
    assert from_setting.mailbox_resource == "https://outlook.office.com"  # from the file

    environ = {
        "PONT_MICROSOFT_CLIENT_ID": "from-the-environment",
        "PONT_MICROSOFT_AUTHORITY": "https://login.microsoftonline.us/env.example",
        "PONT_GRAPH_ENDPOINT": "https://graph.microsoft.us/v1.0",
    }
    from_environment = load_setup(setting, environ=environ)
    assert from_environment.client_id == "from-the-environment"
    assert from_environment.authority == "https://login.microsoftonline.us/env.example"
    assert from_environment.graph_endpoint == "https://graph.microsoft.us/v1.0"
    # empty values are no override
    blank = load_setup({"client_id": "  "}, environ={"PONT_MICROSOFT_CLIENT_ID": ""})
    assert blank.client_id == ""


def test_an_address_that_is_not_https_is_refused_with_a_sentence() -> None:
    with pytest.raises(MicrosoftSetupInvalid) as refused:
        load_setup(environ={"PONT_MICROSOFT_AUTHORITY": "http://login.example.org/tenant"})
    assert str(refused.value) == (
        "Pont cannot use “http://login.example.org/tenant” as the Microsoft sign-in setting "
        "authority: it must be an address like https://login.microsoftonline.com/organizations. "
        "Check the setting or environment variable that gives it."
    )
    with pytest.raises(MicrosoftSetupInvalid):
        load_setup(environ={"PONT_MICROSOFT_AUTHORITY": "https://login.microsoftonline.com"})
    with pytest.raises(MicrosoftSetupInvalid):
        load_setup({"redirect_uri": "https://attacker.example/"}, environ={})


def test_with_no_client_id_signing_in_says_so_with_the_steps(oauth_server: OAuthServer) -> None:
    setup = load_setup(environ={"PONT_MICROSOFT_AUTHORITY": oauth_server.authority()})
    before = list(oauth_server.requests)
    opened: list[str] = []
    with pytest.raises(MicrosoftSignInNotSetUp) as browser:
        sign_in_with_browser(
            "someone@example.org", [Permission.SMTP], setup, show_address=opened.append
        )
    assert str(browser.value) == NOT_SET_UP
    with pytest.raises(MicrosoftSignInNotSetUp) as device:
        sign_in_with_device_code(
            "someone@example.org", [Permission.SMTP], setup, show_code=opened.append
        )
    assert str(device.value) == NOT_SET_UP
    with pytest.raises(MicrosoftSignInNotSetUp):
        MicrosoftTokens("someone@example.org", setup).access_token(Permission.SMTP)
    assert opened == []
    assert oauth_server.requests == before  # nothing was asked of the sign-in service
