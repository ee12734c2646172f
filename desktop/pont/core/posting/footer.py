"""The footer under each post: what the group is, who is in it (in group-address groups,
where To names nobody), and how to leave."""

from __future__ import annotations

import html
from dataclasses import dataclass

from pont.core.members.groups import Group, GroupMode
from pont.core.members.members import Member
from pont.core.posting.headers import header_text

# Group-address footers name the members; past this many names the footer would outgrow the
# post, so the rest are counted.
ROSTER_NAMES = 40


def _roster_line(names: list[str]) -> str:
    shown = ", ".join(names[:ROSTER_NAMES])
    rest = len(names) - ROSTER_NAMES
    if rest > 0:
        return f"Members: {shown} and {rest} more — ask the coordinator for the full list."
    return f"Members: {shown}."


@dataclass(frozen=True, slots=True)
class Footer:
    """The lines under each post."""

    title: str  # "Wellbeing Network: what it is"
    roster: str  # '' in copy-all groups, where To already names everyone
    leave_address: str
    leave_url: str

    def text(self) -> str:
        lines = [self.title]
        if self.roster:
            lines.append(self.roster)
        lines.append(
            f"To leave, write to {self.leave_address} with “leave” in the subject:"
            f" <{self.leave_url}>"
        )
        return "\n".join(lines)

    def html(self) -> str:
        roster = f"<br>{html.escape(self.roster)}" if self.roster else ""
        link = f'<a href="{html.escape(self.leave_url)}">{html.escape(self.leave_address)}</a>'
        return (
            '<hr><p style="font-size:small;color:#555555">'
            f"{html.escape(self.title)}{roster}<br>"
            f"To leave, write to {link} with “leave” in the subject.</p>"
        )


def with_html_footer(body_html: str, footer: str) -> str:
    end = body_html.lower().rfind("</body>")
    if end < 0:
        return body_html + footer
    return body_html[:end] + footer + body_html[end:]


def post_footer(group: Group, members: list[Member], coordinator: str, leave_url: str) -> Footer:
    about = header_text(group.footer or group.description)
    roster = ""
    if group.mode is GroupMode.GROUP_ADDRESS:
        names = [
            f"{header_text(m.name)} ({header_text(m.organisation)})"
            if m.name and m.organisation
            else header_text(m.name) or m.email
            for m in members
        ]
        roster = _roster_line(names)
    title = f"{header_text(group.name)}: {about}" if about else header_text(group.name)
    return Footer(title, roster, coordinator, leave_url)
