"""`pont bounces`: who bounces (score, last bounce, kind, status), as a table or JSON, and
`pont bounces reenable` delivering to a suspended member again."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from pont.cli.main import main
from pont.core import activity
from pont.core.members.groups import create_group
from pont.core.members.members import MemberStatus, NewMember, add_member, find_member
from pont.core.profile.store import open_profile


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(tmp_path / "profile"), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _seed(tmp_path: Path) -> None:
    """A group with one suspended member (five bounced posts) and one with a soft bounce."""
    db = open_profile(tmp_path / "profile")
    try:
        group = create_group(db, "Wellbeing Network", "Wellbeing")
        gone = add_member(db, group.id, NewMember(email="gone@members.example", name="Dewi"))
        flaky = add_member(db, group.id, NewMember(email="flaky@members.example"))
        add_member(db, group.id, NewMember(email="fine@members.example"))
        create_group(db, "Other")
        at = (activity.now() - timedelta(days=1)).isoformat(timespec="seconds")
        rows = [(gone.id, f"p{n}@x", "hard", 1.0, at) for n in range(5)]
        rows.append((flaky.id, "p0@x", "soft", 0.5, at))
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO bounces (member_id, post_key, kind, score, received)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            db.conn.execute("UPDATE members SET status = 'bouncing' WHERE id = ?", [gone.id])
    finally:
        db.close()


def test_bounces_lists_who_bounces_suspended_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(tmp_path)

    code, out = _run(tmp_path, capsys, "bounces", "--group", "Wellbeing Network")

    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Member", "Group", "Score", "Last", "bounce", "Kind", "Status"]
    assert lines[2].split()[:5] == [
        "gone@members.example",
        "Wellbeing",
        "Network",
        "5",
        lines[2].split()[4],
    ]
    assert lines[2].split()[-2:] == ["hard", "bouncing"]
    assert lines[3].split()[3] == "0.5" and lines[3].split()[-2:] == ["soft", "active"]
    assert "fine@members.example" not in out
    assert "pont bounces reenable EMAIL --group NAME" in out


def test_bounces_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _seed(tmp_path)

    code, out = _run(tmp_path, capsys, "bounces", "--format", "json")

    assert code == 0
    listed = json.loads(out)
    assert [(m["email"], m["score"], m["kind"], m["status"]) for m in listed["members"]] == [
        ("gone@members.example", 5.0, "hard", "bouncing"),
        ("flaky@members.example", 0.5, "soft", "active"),
    ]
    assert listed["members"][0]["bounced_posts"] == 5
    assert listed["unmatched"] == []


def test_an_empty_list_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _seed(tmp_path)
    code, out = _run(tmp_path, capsys, "bounces", "--group", "Other")
    assert (code, out.strip()) == (0, "No member's mail has bounced.")


def test_reenable_delivers_to_the_member_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(tmp_path)

    code, out = _run(
        tmp_path,
        capsys,
        "bounces",
        "reenable",
        "GONE@members.example",
        "--group",
        "Wellbeing Network",
    )

    assert code == 0 and "delivers to Dewi <gone@members.example>" in out
    db = open_profile(tmp_path / "profile")
    try:
        group_id = db.execute("SELECT id FROM groups WHERE name = 'Wellbeing Network'").fetchone()[
            0
        ]
        assert find_member(db, group_id, "gone@members.example").status is MemberStatus.ACTIVE
    finally:
        db.close()
    code, out = _run(tmp_path, capsys, "bounces", "--format", "json")
    assert json.loads(out)["members"][0]["score"] == 0.5  # the flaky one now leads
    code, out = _run(
        tmp_path,
        capsys,
        "bounces",
        "reenable",
        "gone@members.example",
        "--group",
        "Wellbeing Network",
    )
    assert code == 0 and "is not bouncing" in out


def test_reenable_of_someone_not_in_the_group_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(tmp_path)
    code, out = _run(
        tmp_path, capsys, "bounces", "reenable", "nobody@x.example", "--group", "Other"
    )
    assert code == 1 and out.startswith("pont: ") and len(out.strip().splitlines()) == 1
