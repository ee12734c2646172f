"""The demo group shows consent as a real group does: most members agreed when they joined,
the newest have not yet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pont.core.demo.profile import seed_demo_profile
from pont.core.group_mail.consent import ConsentHow, consent_for
from pont.core.members.groups import list_groups
from pont.core.members.members import list_members
from pont.core.profile.store import open_database

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def test_members_of_two_months_and_more_consented_when_they_joined() -> None:
    db = open_database(":memory:")
    seed_demo_profile(db, NOW)
    group = list_groups(db)[0]
    consents = consent_for(db, group.id)
    members = list_members(db, group.id)
    not_yet = [m for m in members if m.id not in consents]
    assert 0 < len(not_yet) < len(members) // 4  # the column shows both kinds
    for member in members:
        recent = NOW.date() - member.joined < timedelta(days=60)
        assert (member.id not in consents) is recent, member.name
        if not recent:
            consent = consents[member.id]
            assert consent.how is ConsentHow.RECORDED
            assert consent.given.date() == member.joined  # never before they joined
            assert "sign-up form" in consent.note
