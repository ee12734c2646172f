"""The footer under each post: what the group is, who is in it (in group-address groups,
where To names nobody), and how to leave; and the Leave link (List-Unsubscribe) it points to.

The words follow the group's language (English, Welsh, or both, Welsh first), as notices do,
not the window's: the people reading them are members, not the coordinator. The Leave
subject ("Gadael …", or "Gadael … / Leave …" for both; "gadael" mutates no name after it) is
one that archive.request_words reads as a leave request from that group.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import quote

from pont.core.members.groups import Group, GroupMode
from pont.core.members.members import Member
from pont.core.members.notice_templates import fill_template
from pont.core.posting.headers import header_text

# Group-address footers name the members; past this many names the footer would outgrow the
# post, so the rest are counted.
ROSTER_NAMES = 40
# A Leave link longer than this (a very long non-ASCII name) is written without the name, so
# that List-Unsubscribe stays well under the 998-octet line limit.
_LONGEST_LEAVE_URL = 900

# Each language's words. {names} {rest} {address} {group} are filled in once, as typed (a
# name with braces in it stays as it is).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "members": "Members",
        "more": "and {rest} more",
        "ask": "ask the coordinator for the full list",
        "leave": "To leave, write to {address} with “leave” in the subject",
        "subject": "Leave {group}",
        "bare subject": "Leave",
    },
    "cy": {
        "members": "Aelodau",
        "more": "a {rest} arall",
        "ask": "gofynnwch i'r cydlynydd am y rhestr lawn",
        "leave": "I adael, ysgrifennwch at {address} gyda “gadael” yn y pwnc",
        "subject": "Gadael {group}",
        "bare subject": "Gadael",
    },
}


def _in_each(languages: tuple[str, ...], word: str, values: dict[str, str] | None = None) -> str:
    """The word in each language, Welsh first, parted by " / " as notices' subjects are."""
    return " / ".join(fill_template(_WORDS[language][word], values or {}) for language in languages)


def mailto(email: str, subject: str) -> str:
    return f"mailto:{quote(email, safe='@+')}?subject={quote(subject, safe='')}"


def leave_url(group: Group, coordinator: str) -> str:
    """The List-Unsubscribe link: a mail to the coordinator whose subject asks to leave the
    group, in the group's language."""
    languages = group.language.languages
    url = mailto(coordinator, _in_each(languages, "subject", {"group": header_text(group.name)}))
    if len(url) > _LONGEST_LEAVE_URL:
        url = mailto(coordinator, _in_each(languages, "bare subject"))
    return url


def _roster_line(names: list[str], languages: tuple[str, ...]) -> str:
    label = _in_each(languages, "members")
    shown = ", ".join(names[:ROSTER_NAMES])
    rest = len(names) - ROSTER_NAMES
    if rest > 0:
        more = _in_each(languages, "more", {"rest": str(rest)})
        return f"{label}: {shown} {more} — {_in_each(languages, 'ask')}."
    return f"{label}: {shown}."


@dataclass(frozen=True, slots=True)
class Footer:
    """The lines under each post."""

    title: str  # "Wellbeing Network: what it is"
    roster: str  # '' in copy-all groups, where To already names everyone
    leave_address: str
    leave_url: str
    languages: tuple[str, ...] = field(default=("en",))  # the group's, Welsh first

    def text(self) -> str:
        lines = [self.title]
        if self.roster:
            lines.append(self.roster)
        leave = [
            fill_template(_WORDS[language]["leave"], {"address": self.leave_address})
            for language in self.languages
        ]
        if len(leave) == 1:
            lines.append(f"{leave[0]}: <{self.leave_url}>")
        else:  # each language's sentence, then the link once
            lines.extend([*(f"{sentence}." for sentence in leave), f"<{self.leave_url}>"])
        return "\n".join(lines)

    def html(self) -> str:
        roster = f"<br>{html.escape(self.roster)}" if self.roster else ""
        link = f'<a href="{html.escape(self.leave_url)}">{html.escape(self.leave_address)}</a>'
        # Pont's own words escaped first, then the link put in where the address goes.
        leave = "".join(
            f"<br>{html.escape(_WORDS[language]['leave']).replace('{address}', link)}."
            for language in self.languages
        )
        return (
            '<hr><p style="font-size:small;color:#555555">'
            f"{html.escape(self.title)}{roster}{leave}</p>"
        )


def with_html_footer(body_html: str, footer: str) -> str:
    end = body_html.lower().rfind("</body>")
    if end < 0:
        return body_html + footer
    return body_html[:end] + footer + body_html[end:]


def post_footer(group: Group, members: list[Member], coordinator: str, leave_url: str) -> Footer:
    """The footer in the group's language."""
    languages = group.language.languages
    about = header_text(group.footer or group.description)
    roster = ""
    if group.mode is GroupMode.GROUP_ADDRESS:
        names = [
            f"{header_text(m.name)} ({header_text(m.organisation)})"
            if m.name and m.organisation
            else header_text(m.name) or m.email
            for m in members
        ]
        roster = _roster_line(names, languages)
    title = f"{header_text(group.name)}: {about}" if about else header_text(group.name)
    return Footer(title, roster, coordinator, leave_url, languages)
