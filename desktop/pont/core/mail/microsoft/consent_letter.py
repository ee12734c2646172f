"""The “Ask your IT team” letter: what Pont is, each permission it asks Microsoft for and
why, and the address where an administrator approves it for the whole organisation (or,
when this copy of Pont has no Microsoft registration, how the organisation registers its
own). In English, in Welsh, or both, Welsh first: Welsh public bodies place the Welsh to be
read first. As plain text and as simple HTML, every value cleaned and escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote, urlencode

from pont.core.i18n import Sentence, translate
from pont.core.mail.microsoft.consent_address import (
    LetterDetails,
    admin_consent_address,
    clean_value,
    ordered_permissions,
    organisation_domain,
)
from pont.core.mail.microsoft.letter_layout import (
    ENGLISH,
    Block,
    Kind,
    LetterLanguage,
    Translation,
    as_html,
    as_text,
    filled,
)
from pont.core.mail.microsoft.own_registration import registration_blocks
from pont.core.mail.tokens import Permission

# Microsoft's pages on admin consent; without a locale, learn.microsoft.com picks the
# reader's.
GRANT_CONSENT_PAGE = (
    "https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent"
)
CONSENT_ENDPOINT_PAGE = "https://learn.microsoft.com/entra/identity-platform/v2-admin-consent"
CONSENT_WORKFLOW_PAGE = (
    "https://learn.microsoft.com/entra/identity/enterprise-apps/configure-admin-consent-workflow"
)
ASSIGNMENT_PAGE = (
    "https://learn.microsoft.com/entra/identity/enterprise-apps/assign-user-or-group-access-portal"
)


class LetterChoice(StrEnum):
    """The languages a coordinator may send the letter in."""

    ENGLISH = "en"
    WELSH = "cy"
    BOTH = "cy+en"


def letter_languages(choice: LetterChoice, welsh: Translation) -> tuple[LetterLanguage, ...]:
    """The languages of the letter in the order they are written: Welsh first when both."""
    cymraeg = LetterLanguage("cy", welsh)
    if choice is LetterChoice.WELSH:
        return (cymraeg,)
    if choice is LetterChoice.BOTH:
        return (cymraeg, ENGLISH)
    return (ENGLISH,)


@dataclass(frozen=True)
class ConsentLetter:
    """The letter ready to send: its subject line, its text, and the same as an HTML page."""

    subject: str
    text: str
    html: str


def mailto_address(letter: ConsentLetter) -> str:
    """A mailto: address to nobody that opens a new message holding the letter's subject and
    text (RFC 6068: everything percent-encoded, lines ended by CRLF)."""
    body = letter.text.replace("\r\n", "\n").replace("\n", "\r\n")
    return "mailto:?" + urlencode(
        {"subject": letter.subject, "body": body}, quote_via=quote, safe=""
    )


def write_consent_letter(
    details: LetterDetails, languages: Sequence[LetterLanguage] = (ENGLISH,)
) -> ConsentLetter:
    """The letter in each language, in the order given, as text and as HTML."""
    languages = tuple(languages) or (ENGLISH,)
    blocks = letter_blocks(details)
    signature = clean_value(details.coordinator_name) or clean_value(details.coordinator_email)
    subject_sentence = _subject(details)
    subject = " / ".join(clean_value(filled(subject_sentence, language)) for language in languages)
    texts = [as_text(blocks, language) for language in languages]
    text = "\n\n----------\n\n".join(texts) + "\n\n" + signature + "\n"
    sections = [
        f'<div lang="{language.code}">\n{as_html(blocks, language)}</div>\n'
        for language in languages
    ]
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{languages[0].code}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(subject)}</title>\n</head>\n<body>\n"
        + "<hr>\n".join(sections)
        + f"<p>{html.escape(signature)}</p>\n</body>\n</html>\n"
    )
    return ConsentLetter(subject, text, page)


def _subject(details: LetterDetails) -> Sentence:
    return translate("ConsentLetter", "Request to approve the Pont app for {email}").format(
        email=clean_value(details.coordinator_email)
    )


def letter_blocks(details: LetterDetails) -> list[Block]:
    """The letter, in the order it reads, before it is put into any language."""
    registered = bool(details.client_id.strip())
    email = clean_value(details.coordinator_email)
    domain = organisation_domain(details)
    blocks = [
        Block(
            Kind.TITLE, (translate("ConsentLetter", "Request to approve Pont in Microsoft 365"),)
        ),
        Block(Kind.PARAGRAPH, (translate("ConsentLetter", "Dear IT team,"),)),
        Block(Kind.PARAGRAPH, _opening(registered)),
        Block(Kind.ITEM, (translate("ConsentLetter", "My mailbox: {email}").format(email=email),)),
    ]
    if domain:
        blocks.append(
            Block(
                Kind.ITEM,
                (
                    translate("ConsentLetter", "Our organisation’s domain: {domain}").format(
                        domain=domain
                    ),
                ),
            )
        )
    if registered:
        blocks.append(
            Block(
                Kind.ITEM,
                (
                    translate(
                        "ConsentLetter", "Pont’s application (client) ID: {client_id}"
                    ).format(client_id=clean_value(details.client_id)),
                ),
            )
        )
    blocks += _what_pont_is()
    blocks += _permissions(details)
    blocks += _approval(details) if registered else registration_blocks(details)
    blocks += _named_people()
    blocks += _documentation()
    blocks.append(
        Block(
            Kind.PARAGRAPH,
            (
                translate("ConsentLetter", "Thank you for your help."),
                translate(
                    "ConsentLetter", "If you have any questions, please reply to me at {email}."
                ).format(email=email),
            ),
        )
    )
    return blocks


def _opening(registered: bool) -> tuple[Sentence, ...]:
    wish = translate(
        "ConsentLetter", "I would like to use Pont to run an email group from my work mailbox."
    )
    if registered:
        return wish, translate(
            "ConsentLetter",
            "Microsoft 365 asks an administrator to approve Pont before it can use my mailbox, "
            "so I am writing to ask you to approve it for our organisation.",
        )
    return wish, translate(
        "ConsentLetter",
        "Before Pont can use my mailbox, our organisation needs to register it in Microsoft 365, "
        "so I am writing to ask you to set that up.",
    )


def _what_pont_is() -> list[Block]:
    return [
        Block(Kind.HEADING, (translate("ConsentLetter", "What Pont is"),)),
        Block(
            Kind.PARAGRAPH,
            (
                translate("ConsentLetter", "Pont is a desktop app for Windows, macOS and Linux."),
                translate(
                    "ConsentLetter",
                    "It runs an email group with a visible membership from my own computer and "
                    "my own mailbox: it keeps the list of members, sends the group’s messages "
                    "from my address, and keeps an archive of the group’s conversations.",
                ),
            ),
        ),
        Block(
            Kind.PARAGRAPH,
            (
                translate("ConsentLetter", "Pont has no server of its own."),
                translate(
                    "ConsentLetter",
                    "My mail, the list of members and the archive stay on my computer, and "
                    "nothing leaves it except through our organisation’s own Microsoft 365: "
                    "messages go out from my mailbox as if I had sent them from Outlook.",
                ),
            ),
        ),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "I sign in with Microsoft in my web browser, so Pont never sees my password.",
                ),
                translate(
                    "ConsentLetter",
                    "The sign-in is kept in my computer’s own password store, and I can sign "
                    "Pont out at any time.",
                ),
            ),
        ),
    ]


def _permissions(details: LetterDetails) -> list[Block]:
    reasons = {
        Permission.IMAP: translate(
            "ConsentLetter",
            "to read my mailbox over IMAP, so that Pont can keep the group’s conversations in "
            "its archive and see replies, requests to join, and messages that could not be "
            "delivered.",
        ),
        Permission.SMTP: translate(
            "ConsentLetter", "to send the group’s messages from my address over SMTP."
        ),
        Permission.GRAPH_SEND: translate(
            "ConsentLetter",
            "to send the group’s messages through Microsoft Graph instead, where sending over "
            "SMTP is switched off for our organisation.",
        ),
        Permission.GRAPH_READ: translate(
            "ConsentLetter",
            "to read my mailbox through Microsoft Graph instead, where IMAP is switched off "
            "for my mailbox.",
        ),
    }
    blocks = [
        Block(Kind.HEADING, (translate("ConsentLetter", "The permissions Pont asks for"),)),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "All of them are delegated permissions: Pont acts only as me, only on my own "
                    "mailbox, and can do nothing I could not do myself in Outlook.",
                ),
            ),
        ),
    ]
    for permission in ordered_permissions(details.permissions):
        blocks.append(Block(Kind.ITEM, (reasons[permission],), term=permission.value))
    blocks.append(
        Block(
            Kind.ITEM,
            (
                translate(
                    "ConsentLetter",
                    "to stay signed in, so that Pont can send and fetch mail without asking me "
                    "to sign in every time.",
                ),
            ),
            term="offline_access",
        )
    )
    blocks.append(
        Block(
            Kind.ITEM,
            (
                translate(
                    "ConsentLetter",
                    "to sign me in, and to tell Pont the name and address I signed in with.",
                ),
            ),
            term="openid, profile",
        )
    )
    return blocks


def _approval(details: LetterDetails) -> list[Block]:
    return [
        Block(Kind.HEADING, (translate("ConsentLetter", "How to approve it"),)),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "An administrator who may grant consent for the whole organisation (for "
                    "example a Privileged Role Administrator, Cloud Application Administrator "
                    "or Application Administrator) can open this address, sign in and approve "
                    "Pont:",
                ),
            ),
        ),
        Block(Kind.ADDRESS, address=admin_consent_address(details)),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "After approval, Microsoft sends the browser to {redirect_uri}, which shows "
                    "an empty or error page.",
                ).format(redirect_uri=clean_value(details.redirect_uri)),
                translate(
                    "ConsentLetter", "That is expected: the approval has already been recorded."
                ),
            ),
        ),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "You can also grant consent in the Microsoft Entra admin center: under "
                    "Enterprise applications, open Pont, then Permissions. Pont is listed there "
                    "once someone in the organisation has tried to sign in to it.",
                ),
            ),
        ),
    ]


def _named_people() -> list[Block]:
    return [
        Block(Kind.HEADING, (translate("ConsentLetter", "To allow only some people"),)),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "Approving Pont lets everyone in the organisation sign in to it.",
                ),
                translate(
                    "ConsentLetter",
                    "To allow only named people, open Pont under Enterprise applications, set "
                    "“Assignment required?” to Yes under Properties, and add those people under "
                    "Users and groups.",
                ),
            ),
        ),
    ]


def _documentation() -> list[Block]:
    pages = [
        (
            translate("ConsentLetter", "Grant tenant-wide admin consent to an application"),
            GRANT_CONSENT_PAGE,
        ),
        (
            translate(
                "ConsentLetter",
                "Admin consent on the Microsoft identity platform (the address above)",
            ),
            CONSENT_ENDPOINT_PAGE,
        ),
        (
            translate(
                "ConsentLetter",
                "Configure the admin consent workflow, so that people can ask you from the "
                "sign-in page",
            ),
            CONSENT_WORKFLOW_PAGE,
        ),
        (
            translate("ConsentLetter", "Manage users and groups assignment to an application"),
            ASSIGNMENT_PAGE,
        ),
    ]
    return [
        Block(Kind.HEADING, (translate("ConsentLetter", "Microsoft’s documentation"),)),
        *(Block(Kind.LINK, (title,), address=address) for title, address in pages),
    ]
