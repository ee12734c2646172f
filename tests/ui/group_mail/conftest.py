"""Until the members table knows the Bouncing status (helper C, issue 14), it had no colour
and no label for it and building the table failed: give it both here so these window tests
run. Remove once ui/members/columns.py has its own."""

from __future__ import annotations

import pytest

from pont.core.members.members import MemberStatus
from pont.ui.members import columns, delegate, member_dialog, table


@pytest.fixture(autouse=True)
def bouncing_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    if MemberStatus.BOUNCING in columns.STATUS_COLOURS:
        return
    monkeypatch.setitem(columns.STATUS_COLOURS, MemberStatus.BOUNCING, "#c0392b")
    original = columns.status_label

    def status_label(status: MemberStatus) -> str:
        return "Bouncing" if status is MemberStatus.BOUNCING else original(status)

    for module in (columns, delegate, member_dialog, table):
        monkeypatch.setattr(module, "status_label", status_label)
