"""The letter to the IT team: every permission named with its reason, in English, Welsh or both;
an admin-consent address that parses back to what was asked; hostile names and domains kept
inert; and, with no client id, the way an organisation registers Pont itself."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
import translations

from pont.core.i18n import Sentence
from pont.core.mail.microsoft.consent_address import (
    ANY_ORGANISATION,
    LetterDetails,
    admin_consent_address,
    clean_value,
)
from pont.core.mail.microsoft.consent_letter import (
    ConsentLetter,
    LetterChoice,
    letter_blocks,
    letter_languages,
    mailto_address,
    write_consent_letter,
)
from pont.core.mail.microsoft.letter_layout import ENGLISH, LetterLanguage
from pont.core.mail.tokens import Permission

CLIENT_ID = "0b3f9a5e-7c1d-4e2a-9f60-1a2b3c4d5e6f"
TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def _welsh_catalogue() -> dict[tuple[str, str], str]:
    catalogue = {}
    for context in ET.parse(translations.ts_file("cy")).getroot().iter("context"):
        for message in context.iter("message"):
            key = (context.findtext("name") or "", message.findtext("source") or "")
            catalogue[key] = message.findtext("translation") or ""
    return catalogue


WELSH_CATALOGUE = _welsh_catalogue()


def welsh(context: str, template: str) -> str:
    """Pont's own Welsh, read from the translation the window compiles."""
    return WELSH_CATALOGUE.get((context, template), "")


def cy(english: str) -> str:
    translated = welsh("ConsentLetter", english)
    assert translated and translated != english, f"no Welsh for {english!r}"
    return translated


def details(**changes: object) -> LetterDetails:
    values: dict[str, object] = {
        "coordinator_name": "Siân Roberts",
        "coordinator_email": "sian.roberts@example-health.wales",
        "tenant": TENANT_ID,
        "client_id": CLIENT_ID,
    }
    values.update(changes)
    return LetterDetails(**values)  # type: ignore[arg-type]


def letter(choice: LetterChoice = LetterChoice.ENGLISH, **changes: object) -> ConsentLetter:
    return write_consent_letter(details(**changes), letter_languages(choice, welsh))


REASONS = {
    "IMAP.AccessAsUser.All": "to read my mailbox over IMAP",
    "SMTP.Send": "to send the group’s messages from my address over SMTP",
    "Mail.Send": "to send the group’s messages through Microsoft Graph",
    "Mail.Read": "to read my mailbox through Microsoft Graph",
    "offline_access": "to stay signed in",
    "openid, profile": "to sign me in",
}


def test_the_english_letter_names_each_permission_with_its_reason() -> None:
    text = letter().text
    for permission, reason in REASONS.items():
        assert f"\n- {permission}: {reason}" in text
    assert "Pont has no server of its own." in text
    assert "stay on my computer" in text
    assert "https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent" in text
    assert "configure-admin-consent-workflow" in text
    assert "“Assignment required?” to Yes" in text
    assert text.rstrip().endswith("Siân Roberts")


def test_the_letter_explains_only_the_permissions_asked_for() -> None:
    text = letter(permissions=(Permission.SMTP, Permission.GRAPH_SEND)).text
    assert "\n- SMTP.Send: " in text and "\n- Mail.Send: " in text
    assert "IMAP.AccessAsUser.All:" not in text and "Mail.Read:" not in text


def test_the_welsh_letter_is_all_in_welsh() -> None:
    text = letter(LetterChoice.WELSH).text
    for english in (
        "What Pont is",
        "Pont has no server of its own.",
        "The permissions Pont asks for",
        "to read my mailbox over IMAP, so that Pont can keep the group’s conversations in its "
        "archive and see replies, requests to join, and messages that could not be delivered.",
        "How to approve it",
        "To allow only some people",
    ):
        assert cy(english) in text
    # No sentence of the letter is left in English (the permissions' names stay as they are).
    for block in letter_blocks(details()):
        for sentence in block.sentences:
            assert str(sentence) not in text, f"English left in the Welsh letter: {sentence!r}"
    for permission in REASONS:
        assert f"\n- {permission}: " in text
    assert letter(LetterChoice.WELSH).subject == (
        "Cais i gymeradwyo ap Pont ar gyfer sian.roberts@example-health.wales"
    )


def test_both_languages_put_the_welsh_first() -> None:
    both = letter(LetterChoice.BOTH)
    welsh_title, english_title = cy("What Pont is"), "What Pont is"
    assert both.text.index(welsh_title) < both.text.index(english_title)
    assert both.html.index('<div lang="cy">') < both.html.index('<div lang="en">')
    assert '<html lang="cy">' in both.html
    assert both.subject == (
        "Cais i gymeradwyo ap Pont ar gyfer sian.roberts@example-health.wales / "
        "Request to approve the Pont app for sian.roberts@example-health.wales"
    )
    assert both.text.count("Siân Roberts") == 1  # signed once, at the end


def _consent_addresses(text: str) -> list[str]:
    return re.findall(r"^https://\S+/v2\.0/adminconsent\?\S+$", text, re.MULTILINE)


def test_the_admin_consent_address_parses_back_to_what_pont_asks_for() -> None:
    english = letter()
    [address] = _consent_addresses(english.text)
    parts = urlsplit(address)
    assert (parts.scheme, parts.netloc) == ("https", "login.microsoftonline.com")
    assert parts.path == f"/{TENANT_ID}/v2.0/adminconsent"
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == ["http://localhost"]
    assert query["scope"][0].split(" ") == [
        "https://outlook.office.com/IMAP.AccessAsUser.All",
        "https://outlook.office.com/SMTP.Send",
        "https://graph.microsoft.com/Mail.Send",
        "https://graph.microsoft.com/Mail.Read",
        "offline_access",
        "openid",
        "profile",
    ]
    assert " " not in address and "+" not in address
    # The same address in the HTML, as a link, its & escaped.
    assert f'href="{address.replace("&", "&amp;")}"' in english.html
    assert _consent_addresses(letter(LetterChoice.BOTH).text) == [address, address]


def test_the_address_serves_a_national_cloud_and_falls_back_to_the_domain() -> None:
    address = admin_consent_address(
        details(
            tenant="",
            organisation_domain="Contoso.onmicrosoft.us",
            authority="https://login.microsoftonline.us/organizations/",
            mailbox_resource="https://outlook.office365.us",
            graph_resource="https://graph.microsoft.us/",
            permissions=(Permission.IMAP,),
        )
    )
    parts = urlsplit(address)
    assert parts.netloc == "login.microsoftonline.us"
    assert parts.path == "/contoso.onmicrosoft.us/v2.0/adminconsent"
    assert parse_qs(parts.query)["scope"][0].split(" ") == [
        "https://outlook.office365.us/IMAP.AccessAsUser.All",
        "offline_access",
        "openid",
        "profile",
    ]


@pytest.mark.parametrize(
    "authority",
    ["http://login.example.org", "javascript:alert(1)", "https://user@evil.example", "", "x"],
)
def test_an_authority_that_is_not_plain_https_gives_microsofts(authority: str) -> None:
    address = admin_consent_address(details(authority=authority))
    assert address.startswith(f"https://login.microsoftonline.com/{TENANT_ID}/v2.0/adminconsent?")


HOSTILE_NAME = (
    'Eve <script>alert("x")</script>\u202egnp.exe\u2066\r\nSubject: urgent\nBcc: all@example.org'
)
HOSTILE_DOMAIN = 'evil.example"><img src=x onerror=alert(1)>\u200f\u0085\u2028'
BIDI_AND_BREAKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\r\n\u0085\u2028\u2029]")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "div", "h2", "h3", "p", "ul", "ol"}
ALLOWED_TAGS |= {"li", "b", "a", "hr"}


@pytest.mark.parametrize("choice", list(LetterChoice))
def test_hostile_names_and_domains_cannot_reach_the_html_or_the_subject(
    choice: LetterChoice,
) -> None:
    hostile = letter(
        choice,
        coordinator_name=HOSTILE_NAME,
        coordinator_email=f"eve\r\nBcc: x@evil.example@{HOSTILE_DOMAIN}",
        organisation_domain=HOSTILE_DOMAIN,
        tenant="../../common?client_id=someone-else#",
        redirect_uri='http://localhost"><script>alert(2)</script>',
        client_id=f'{CLIENT_ID}&redirect_uri=https://evil.example"<b>',
    )
    parser = _Tags()
    parser.feed(hostile.html)
    parser.close()
    assert {tag for tag, _ in parser.tags} <= ALLOWED_TAGS
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert name in {"lang", "charset", "href"}, (tag, name)
            if name == "href":
                assert value is not None and value.startswith("https://"), value
    # The hostile text is shown as text, whole, on one line.
    shown = "".join(parser.data)
    assert 'Eve <script>alert("x")</script> gnp.exe Subject: urgent Bcc: all@example.org' in shown
    assert 'evil.example"><img src=x onerror=alert(1)>' in shown

    assert not BIDI_AND_BREAKS.search(hostile.subject)
    assert not BIDI_AND_BREAKS.search(hostile.html.replace("\n", ""))
    assert not BIDI_AND_BREAKS.search(hostile.text.replace("\n", ""))
    assert not any(line.startswith(("Subject:", "Bcc:")) for line in hostile.text.splitlines())

    # The address names no tenant but "organizations", and its values stay values.
    [address, *_] = _consent_addresses(hostile.text)
    parts = urlsplit(address)
    assert parts.path == f"/{ANY_ORGANISATION}/v2.0/adminconsent" and not parts.fragment
    query = parse_qs(parts.query, strict_parsing=True)
    assert sorted(query) == ["client_id", "redirect_uri", "scope"]
    assert query["client_id"] == [f'{CLIENT_ID}&redirect_uri=https://evil.example"<b>']

    # A mailto to nobody: the subject stays the subject, nothing adds a recipient.
    mailto = urlsplit(mailto_address(hostile))
    assert mailto.scheme == "mailto" and mailto.path == ""
    fields = parse_qs(mailto.query, strict_parsing=True)
    assert sorted(fields) == ["body", "subject"]
    assert fields["subject"] == [hostile.subject]
    assert fields["body"] == [hostile.text.replace("\n", "\r\n")]


def test_values_are_kept_to_one_short_line() -> None:
    assert clean_value("  Siân\u00a0\u00a0Roberts\t\n") == "Siân Roberts"
    long = clean_value("x" * 5000)
    assert len(long) == 200 and long.endswith("…")
    assert clean_value("a\u202eb\u2066c\u200bd\x00e") == "a b c d e"


def test_the_mailto_carries_the_whole_letter() -> None:
    english = letter()
    fields = parse_qs(urlsplit(mailto_address(english)).query)
    assert fields["subject"] == [english.subject]
    assert fields["body"][0] == english.text.replace("\n", "\r\n")
    assert "%0D%0A" in mailto_address(english)


def test_without_a_client_id_the_letter_explains_the_override() -> None:
    for choice in LetterChoice:
        unregistered = letter(choice, client_id="  ")
        assert not _consent_addresses(unregistered.text)
        assert "adminconsent" not in unregistered.html
        assert "PONT_MICROSOFT_CLIENT_ID" in unregistered.text
        assert re.search(
            r"PONT_MICROSOFT_AUTHORITY (holds|yn cynnwys) https://login\.microsoftonline\.com/ ",
            unregistered.text,
        )
        assert "“microsoft”" in unregistered.text
        assert "packaging/README.md" in unregistered.text
    english = letter(client_id="").text
    assert "This copy of Pont has no Microsoft sign-in set up" in english
    assert "“Accounts in this organizational directory only”" in english
    assert "with the redirect URI http://localhost" in english
    assert "“Allow public client flows” to Yes" in english
    assert "\n1. In the Microsoft Entra admin center" in english
    assert (
        "\n3. Under API permissions, add these delegated permissions from Microsoft Graph"
        in english
    )
    assert "\n4. Send me the application (client) ID" in english
    assert "Pont’s application (client) ID" not in english
    for permission in REASONS:  # the reasons still explain what the registration is for
        assert f"\n- {permission}: " in english


def test_a_translation_that_names_a_value_wrongly_falls_back_to_english() -> None:
    def careless(context: str, template: str) -> str:
        return "Fy mlwch post: {cyfeiriad}" if template == "My mailbox: {email}" else template

    text = write_consent_letter(details(), [LetterLanguage("cy", careless)]).text
    assert "- My mailbox: sian.roberts@example-health.wales" in text


def test_an_empty_list_of_languages_writes_english() -> None:
    assert (
        write_consent_letter(details(), []).text == write_consent_letter(details(), [ENGLISH]).text
    )


def test_the_signature_is_the_address_when_there_is_no_name() -> None:
    text = letter(coordinator_name=" \u202e ").text
    assert text.rstrip().endswith("sian.roberts@example-health.wales")


def test_sentences_fill_only_named_values() -> None:
    for block in letter_blocks(details()):
        for sentence in block.sentences:
            assert isinstance(sentence, Sentence) and sentence.context == "ConsentLetter"
            assert all(isinstance(value, str) for value in sentence.values.values())
