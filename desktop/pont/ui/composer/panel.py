"""The composer's "Who gets this" panel: how many people, how the post goes out, in how many
batches, what is left of today's sending allowance, and what stops it, in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from pont.core.members.groups import Group, GroupMode
from pont.core.members.members import MemberStatus, list_members
from pont.ui.language import shown
from pont.ui.widgets.look import ERROR_COLOUR, WrappedLabel, set_text_colour

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.posting.outbox.plan import SendPlan


@dataclass(frozen=True, slots=True)
class Audience:
    """What the panel shows, gathered from the group and the outbox."""

    group_name: str
    recipients: int  # active members
    left_out: int  # paused members (who left are not counted at all)
    mode: GroupMode
    group_address: str  # coordinator+tag@domain; '' without an account
    plan: SendPlan | None  # None with no mail account yet
    demo: bool = False  # the demo's rehearsal: the real plan, nothing really sent
    demo_minute: float = 0.0  # in the demo, the wall-clock seconds a rehearsal minute takes
    no_account: bool = False
    bouncing: int = 0  # members whose mail kept bouncing: delivery paused by Pont


def gather_audience(db: Database, group: Group, account: Account | None, demo: bool) -> Audience:
    """Who gets a post to the group, and how it goes from the account (in the demo, the
    rehearsal mailbox)."""
    from pont.core.members.groups import group_address

    members = list_members(db, group.id)
    active = sum(1 for m in members if m.status is MemberStatus.ACTIVE)
    paused = sum(1 for m in members if m.status is MemberStatus.PAUSED)
    bouncing = sum(1 for m in members if m.status is MemberStatus.BOUNCING)
    plan = None
    if account is not None:
        from pont.core.posting.outbox.plan import plan_post

        plan = plan_post(db, account, active, copy_all=group.mode is GroupMode.COPY_ALL)
    demo_minute = 0.0
    if demo:
        from pont.core.demo.rehearsal import rehearsal_speed

        demo_minute = 60.0 / rehearsal_speed(db)
    return Audience(
        group_name=group.name,
        recipients=active,
        left_out=paused,
        mode=group.mode,
        group_address=group_address(account.email, group) if account else "",
        plan=plan,
        demo=demo,
        demo_minute=demo_minute,
        no_account=account is None,
        bouncing=bouncing,
    )


class WhoGetsThisPanel(QFrame):
    """Says, before Send, who will receive the post and how it will go.

    Signals:
        switch_requested(): the coordinator chose to send this group's posts from the
            group address (offered when copying everyone in cannot work).
    """

    switch_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoGetsThis")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Who gets this"))
        self.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.title = QLabel(self.tr("Who gets this"))
        font = self.title.font()
        font.setWeight(QFont.Weight.Bold)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.count_label = WrappedLabel()
        self.count_label.setAccessibleName(self.tr("Recipients"))
        count_font = self.count_label.font()
        count_font.setPointSizeF(count_font.pointSizeF() * 1.4)
        count_font.setWeight(QFont.Weight.Bold)
        self.count_label.setFont(count_font)
        self.left_out_label = WrappedLabel()
        set_text_colour(self.left_out_label, None)
        self.mode_label = WrappedLabel()
        self.mode_label.setAccessibleName(self.tr("How it goes out"))
        self.batches_label = WrappedLabel()
        self.batches_label.setAccessibleName(self.tr("Batches"))
        self.allowance_label = WrappedLabel()
        self.allowance_label.setAccessibleName(self.tr("Today's sending allowance"))
        set_text_colour(self.allowance_label, None)
        self.days_label = WrappedLabel()
        self.days_label.setAccessibleName(self.tr("Spread over days"))
        self.problem_label = WrappedLabel()
        self.problem_label.setAccessibleName(self.tr("Why it cannot go"))
        set_text_colour(self.problem_label, ERROR_COLOUR)
        self.switch_button = QPushButton(self.tr("Use the group address"))
        self.switch_button.setToolTip(
            self.tr("Send this group's posts from the group address, in batches")
        )
        self.switch_button.clicked.connect(self.switch_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.count_label)
        layout.addWidget(self.left_out_label)
        layout.addSpacing(4)
        for widget in (
            self.mode_label,
            self.batches_label,
            self.allowance_label,
            self.days_label,
            self.problem_label,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.switch_button)
        layout.addStretch(1)

    def show_audience(self, audience: Audience) -> None:
        recipients = audience.recipients
        self.count_label.setText(
            self.tr("1 member")
            if recipients == 1
            else self.tr("{count} members").format(count=f"{recipients:,}")
        )
        left_out = audience.left_out
        sentences = []
        if left_out:
            sentences.append(
                self.tr("1 member paused, so left out.")
                if left_out == 1
                else self.tr("{count} members paused, so left out.").format(count=f"{left_out:,}")
            )
        if audience.bouncing:
            sentences.append(
                self.tr("1 member’s mail keeps bouncing, so left out.")
                if audience.bouncing == 1
                else self.tr("{count} members’ mail keeps bouncing, so left out.").format(
                    count=f"{audience.bouncing:,}"
                )
            )
        self.left_out_label.setText(" ".join(sentences))
        self.left_out_label.setVisible(bool(sentences))
        if audience.mode is GroupMode.COPY_ALL:
            self.mode_label.setText(self.tr("Everyone is copied in; replies go to all."))
        elif audience.group_address:
            self.mode_label.setText(
                self.tr(
                    "Sent from the group address {address}, members in Bcc; replies come to "
                    "the group address."
                    # A break allowed after @ and +: a long address must not widen the panel.
                ).format(
                    address=audience.group_address.replace("@", "@\u200b").replace("+", "+\u200b")
                )
            )
        else:
            self.mode_label.setText(self.tr("Sent from the group address, members in Bcc."))
        plan = audience.plan
        self._show_plan(audience, plan)

    def _show_plan(self, audience: Audience, plan: SendPlan | None) -> None:
        self.days_label.hide()
        self.problem_label.hide()
        self.switch_button.hide()
        self.allowance_label.show()
        if plan is None or audience.no_account:
            self.batches_label.setText(
                self.tr("Set up your mail account first (Mail ▸ Set up mail account…).")
            )
            self.allowance_label.hide()
            return
        if plan.batches <= 1:
            self.batches_label.setText(self.tr("One message."))
        else:
            self.batches_label.setText(
                self.tr("{batches} batches of up to {size} people each.").format(
                    batches=plan.batches, size=f"{plan.per_message:,}"
                )
            )
        if audience.demo:
            self.allowance_label.setText(
                self.tr(
                    "Demo: nothing is really sent. Batches go a minute apart, and in the "
                    "demo a minute takes {seconds} seconds."
                ).format(seconds=f"{round(audience.demo_minute, 1):g}")
            )
        elif plan.allowance_left_today is None:
            self.allowance_label.setText(
                self.tr("Your provider sets no daily limit that Pont knows of.")
            )
        else:
            self.allowance_label.setText(
                self.tr("Today's allowance: {left} more people can be sent to.").format(
                    left=f"{plan.allowance_left_today:,}"
                )
            )
        if plan.days > 1:
            later = [shown(note) for note in plan.notes if "wait" in note]
            days = self.tr("This post goes out over {days} days, as the allowance allows.")
            self.days_label.setText(" ".join([days.format(days=plan.days), *later]))
            self.days_label.show()
        if plan.problem:
            self.batches_label.setText(self.tr("Too many people for one message."))
            self.problem_label.setText(shown(plan.problem))
            self.problem_label.show()
            self.switch_button.setVisible(audience.mode is GroupMode.COPY_ALL)

    def has_problem(self) -> bool:
        return not self.problem_label.isHidden()

    def stress_problem(self) -> None:
        """Draw the eye to the problem (pressed Send regardless)."""
        self.switch_button.setFocus()
