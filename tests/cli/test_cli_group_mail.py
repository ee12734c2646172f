"""`pont group set` for the group's own mail (who posts, held posts' days, leaving, notices'
language and wording) and `pont group notice-preview`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pont.cli.main import main
from pont.core.members.groups import NoticeLanguage, PostingPolicy, find_group
from pont.core.profile.store import open_database

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def run(profile: Path, capsys: pytest.CaptureFixture[str]) -> Runner:
    def run_pont(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(profile), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_pont


def stored(profile: Path, name: str = "Wellbeing Network"):  # type: ignore[no-untyped-def]
    db = open_database(profile / "pont.sqlite3")
    try:
        return find_group(db, name)
    finally:
        db.close()


def test_group_set_changes_the_groups_mail_settings(
    run: Runner, profile: Path, tmp_path: Path
) -> None:
    run("group", "create", "Wellbeing Network")
    welcome = tmp_path / "welcome.txt"
    welcome.write_text("\ufeffCroeso {name}!\r\n{post}\r\n", encoding="utf-8")
    code, out, err = run(
        "group", "set", "Wellbeing Network", "--mode", "group-address",
        "--posting", "announce", "--hold-days", "21", "--auto-leave", "--language", "both",
        "--welcome-file", str(welcome),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "only you post (an announcement group)" in out
    assert "held posts now expire after 21 days" in out
    assert "people can now leave without asking you" in out
    assert "notices and footers now go in Welsh and English" in out
    assert "the welcome message now has your own wording" in out
    group = stored(profile)
    assert (group.posting, group.hold_days, group.auto_leave, group.language) == (
        PostingPolicy.ANNOUNCE,
        21,
        True,
        NoticeLanguage.BOTH,
    )
    assert group.welcome == "Croeso {name}!\n{post}"  # no byte-order mark, one kind of line end

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, _ = run(
        "group", "set", "Wellbeing Network", "--no-auto-leave", "--welcome-file", str(empty)
    )
    assert "you now approve each request to leave" in out
    assert "the welcome message now has Pont's wording" in out
    assert (stored(profile).auto_leave, stored(profile).welcome) == (False, "")
    assert "nothing changed" in run("group", "set", "Wellbeing Network", "--hold-days", "21")[1]


def test_group_set_refuses_in_one_sentence_and_changes_nothing(
    run: Runner, profile: Path, tmp_path: Path
) -> None:
    run("group", "create", "Wellbeing Network")
    bad = tmp_path / "goodbye.txt"
    bad.write_text("Bye {nmae}")
    code, _, err = run(
        "group", "set", "Wellbeing Network", "--mode", "group-address", "--goodbye-file", str(bad)
    )
    assert code == 1
    assert err == (
        "pont: The goodbye message has “{nmae}”, which Pont cannot fill in: use {name}, "
        "{group}, {post} or {leave}.\n"
    )
    assert stored(profile).mode.value == "copy-all"  # the whole change, or none of it
    code, _, err = run("group", "set", "Wellbeing Network", "--hold-days", "400")
    assert code == 1 and "between 1 and 365 days" in err
    code, _, err = run("group", "set", "Wellbeing Network", "--welcome-file", str(tmp_path / "no"))
    assert code == 1 and err.startswith("pont: Could not read ")
    binary = tmp_path / "binary"
    binary.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run("group", "set", "Wellbeing Network", "--welcome-file", str(binary))
    assert code == 1 and "is not UTF-8 text" in err
    code, _, err = run("group", "set", "Wellbeing Network")
    assert code == 1 and "--posting members|moderated|announce" in err
    with pytest.raises(SystemExit):
        run("group", "set", "Wellbeing Network", "--posting", "everyone")


def test_notice_preview_shows_what_a_member_gets(run: Runner, profile: Path) -> None:
    run("group", "create", "Wellbeing Network")
    run("group", "set", "Wellbeing Network", "--language", "cy")
    code, out, _ = run("group", "notice-preview", "Wellbeing Network", "goodbye")
    assert code == 0
    assert "stands for your address" in out  # no account yet
    assert "To: Siân Jones <sian.jones@example.org>\n" in out
    assert "Subject: Rydych chi wedi gadael y grŵp Wellbeing Network\n\nHelo Siân Jones,\n" in out
    assert "ysgrifennwch at you@example.org gydag “ymuno” yn y pwnc." in out

    run("members", "add", "ann@example.org", "--name", "Ann\x1b[2J Jones", "--group",
        "Wellbeing Network")  # fmt: skip
    code, out, _ = run(
        "group", "notice-preview", "Wellbeing Network", "welcome", "--member", "ANN@example.org"
    )
    assert code == 0 and "\x1b" not in out
    assert "To: Ann\\x1b[2J Jones <ann@example.org>\n" in out  # written out, not obeyed
    assert "Helo Ann [2J Jones," in out  # a name in a notice is one line of plain text
    code, _, err = run(
        "group", "notice-preview", "Wellbeing Network", "welcome", "--member", "x@example.org"
    )
    assert code == 1 and "x@example.org is not a member of Wellbeing Network" in err
