"""Address lists as pasted into Outlook, Gmail or Thunderbird's To box."""

from __future__ import annotations

from datetime import date

import pytest

from pont.core.members.members import Member, MemberStatus
from pont.ui.members.address_list import format_address, format_address_list


@pytest.mark.parametrize(
    ("name", "address", "expected"),
    [
        ("Ann Jones", "ann@example.org", "Ann Jones <ann@example.org>"),
        ("", "ann@example.org", "ann@example.org"),
        ("  ", "ann@example.org", "ann@example.org"),
        ("Jones, Ann", "ann@example.org", '"Jones, Ann" <ann@example.org>'),
        ("Siân Roberts", "sian@example.org", "Siân Roberts <sian@example.org>"),
        ("Dr. Ann Jones", "ann@example.org", '"Dr. Ann Jones" <ann@example.org>'),
        ('Ann "AJ" Jones', "ann@example.org", '"Ann \\"AJ\\" Jones" <ann@example.org>'),
        ("Ann (Cardiff)", "ann@example.org", '"Ann (Cardiff)" <ann@example.org>'),
        ("a@b; c", "ann@example.org", '"a@b; c" <ann@example.org>'),
        ("Back\\slash", "x@example.org", '"Back\\\\slash" <x@example.org>'),
        ("James O'Connor", "james@example.org", "James O'Connor <james@example.org>"),
        ("Ann\n Jones", "ann@example.org", "Ann Jones <ann@example.org>"),
    ],
)
def test_format_address(name: str, address: str, expected: str) -> None:
    assert format_address(name, address) == expected


def test_format_address_list_joins_with_semicolons() -> None:
    people = [
        Member(
            1, 1, "ann@example.org", "Jones, Ann", "", MemberStatus.ACTIVE, (), "", date.today(), ""
        ),
        Member(2, 1, "bob@example.org", "", "", MemberStatus.ACTIVE, (), "", date.today(), ""),
    ]
    assert format_address_list(people) == '"Jones, Ann" <ann@example.org>; bob@example.org'
    assert format_address_list([]) == ""
