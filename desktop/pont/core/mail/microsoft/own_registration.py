"""When this copy of Pont has no Microsoft registration: how an organisation registers Pont
in its own tenant (a single-tenant public client) and points Pont at that registration."""

from __future__ import annotations

from pont.core.i18n import translate
from pont.core.mail.microsoft.consent_address import LetterDetails, authority_host, clean_value
from pont.core.mail.microsoft.letter_layout import Block, Kind


def registration_blocks(details: LetterDetails) -> list[Block]:
    """How the organisation registers Pont in its own tenant, and points Pont at it."""
    host = authority_host(details.authority)
    return [
        Block(
            Kind.HEADING,
            (translate("ConsentLetter", "Pont needs a registration in our Microsoft 365 first"),),
        ),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "This copy of Pont has no Microsoft sign-in set up: it was built without an "
                    "application (client) ID registered with Microsoft.",
                ),
                translate(
                    "ConsentLetter",
                    "Our organisation can register its own application for Pont, for use in our "
                    "own tenant only, and point Pont at it:",
                ),
            ),
        ),
        Block(
            Kind.STEP,
            (
                translate(
                    "ConsentLetter",
                    "In the Microsoft Entra admin center, under App registrations, register a "
                    "new application named Pont, choosing “Accounts in this organizational "
                    "directory only”.",
                ),
            ),
        ),
        Block(
            Kind.STEP,
            (
                translate(
                    "ConsentLetter",
                    "Under Authentication, add the platform “Mobile and desktop applications” "
                    "with the redirect URI {redirect_uri}, and set “Allow public client flows” "
                    "to Yes.",
                ).format(redirect_uri=clean_value(details.redirect_uri)),
            ),
        ),
        Block(
            Kind.STEP,
            (
                translate(
                    "ConsentLetter",
                    "Under API permissions, add these delegated permissions from Microsoft "
                    "Graph, and grant admin consent for them: IMAP.AccessAsUser.All, SMTP.Send, "
                    "Mail.Send, Mail.Read, offline_access, openid and profile.",
                ),
            ),
        ),
        Block(
            Kind.STEP,
            (
                translate(
                    "ConsentLetter",
                    "Send me the application (client) ID and the directory (tenant) ID from the "
                    "application’s Overview page.",
                ),
            ),
        ),
        Block(
            Kind.PARAGRAPH,
            (
                translate(
                    "ConsentLetter",
                    "Pont then uses that registration when the environment variable "
                    "PONT_MICROSOFT_CLIENT_ID holds the client ID and PONT_MICROSOFT_AUTHORITY "
                    "holds {authority}/ followed by the tenant ID, or when Pont’s profile "
                    "setting “microsoft” holds the same values.",
                ).format(authority=host),
                translate(
                    "ConsentLetter",
                    "The file packaging/README.md in Pont’s source code describes both, with "
                    "examples for the US Government and China clouds.",
                ),
            ),
        ),
    ]
