from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pont import __version__
from pont.cli.main import build_parser, main

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run `pont --data-dir TMP ...` in-process; returns (exit code, stdout, stderr)."""

    def run_pont(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(tmp_path / "profile"), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_pont


def all_subcommands() -> list[list[str]]:
    found: list[list[str]] = []

    def walk(parser: object, prefix: list[str]) -> None:
        for action in getattr(parser, "_actions", []):
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                for name, sub in choices.items():
                    found.append([*prefix, name])
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return found


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = all_subcommands()
    assert ["members", "import"] in commands and ["group", "create"] in commands
    for command in [[], *commands]:
        with pytest.raises(SystemExit) as exited:
            main([*command, "--help"])
        assert exited.value.code == 0
        assert "usage: pont" in capsys.readouterr().out


def test_version_via_the_installed_entry_point() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pont"), "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"Pont {__version__}"


def test_group_create_and_list(run: Runner) -> None:
    assert run("group", "create", "Wellbeing Network", "--description", "What works")[0] == 0
    code, out, _ = run("group", "list", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "name": "Wellbeing Network",
            "tag": "Wellbeing",
            "description": "What works",
            "members": 0,
            "mode": "copy-all",
            "address": "",
            "posting": "members",
            "hold_days": 14,
            "auto_leave": False,
            "language": "en",
        }
    ]
    code, _, err = run("group", "create", "wellbeing network")
    assert code == 1
    assert err.strip() == (
        "pont: There is already a group called “wellbeing network”. Choose another name."
    )


@pytest.mark.parametrize(
    "typed", ["Siân Jones <sian@example.org>", "sian@example.org (Siân Jones)"]
)
def test_members_add_takes_a_name_with_the_address(run: Runner, typed: str) -> None:
    run("group", "create", "Data Club")
    code, out, _ = run("members", "add", typed, "--group", "Data Club")
    assert (code, out.strip()) == (0, "Added Siân Jones <sian@example.org> to Data Club.")
    code, out, _ = run(
        "members", "add", "Bob <bob@example.org>", "--name", "Robert", "--group", "Data Club"
    )
    assert (code, out.strip()) == (0, "Added Robert <bob@example.org> to Data Club.")
    code, _, err = run("members", "add", "Ann <ann@example>", "--group", "Data Club")
    assert code == 1 and "not a usable email address" in err


def test_members_add_list_remove(run: Runner) -> None:
    run("group", "create", "Data Club")
    code, out, _ = run(
        "members", "add", "siân@example.org", "--name", "Siân", "--group", "Data Club"
    )
    assert (code, out.strip()) == (0, "Added Siân <siân@example.org> to Data Club.")
    code, out, _ = run("members", "list", "--group", "data club", "--format", "json")
    [row] = json.loads(out)
    assert set(row) == {"email", "name", "organisation", "status", "tags", "joined"}
    assert (row["email"], row["status"], row["tags"]) == ("siân@example.org", "active", [])
    code, _, err = run("members", "add", "SIÂN@example.org", "--group", "Data Club")
    assert code == 1 and "already a member" in err
    code, _, err = run("members", "add", "not an address", "--group", "Data Club")
    assert code == 1 and "not a usable email address" in err
    assert run("members", "remove", "siân@example.org", "--group", "Data Club")[0] == 0
    assert json.loads(run("members", "list", "--group", "Data Club", "--format", "json")[1]) == []
    code, _, err = run("members", "remove", "nobody@example.org", "--group", "Data Club")
    assert code == 1 and "is not a member of Data Club" in err


def test_group_set_changes_how_posts_go_out(run: Runner) -> None:
    run("group", "create", "Wellbeing Network")
    code, out, _ = run(
        "group", "set", "wellbeing network", "--mode", "group-address", "--footer", "What works"
    )
    assert code == 0
    assert out.startswith("Wellbeing Network: posts now go out group-address (")
    assert "the footer line is now “What works”" in out
    listed = json.loads(run("group", "list", "--format", "json")[1])
    assert listed[0]["mode"] == "group-address"
    assert "group-address" in run("group", "list")[1]
    again = run("group", "set", "Wellbeing Network", "--footer", "What works")
    assert "nothing changed" in again[1]
    code, _, err = run("group", "set", "Wellbeing Network")
    assert code == 1 and err.startswith("pont: Say what to change")
    code, _, err = run("group", "set", "Nope", "--mode", "copy-all")
    assert code == 1 and "no group called “Nope”" in err
    with pytest.raises(SystemExit):
        run("group", "set", "Wellbeing Network", "--mode", "everyone")


def test_unknown_group_is_one_plain_sentence(run: Runner) -> None:
    code, out, err = run("members", "list", "--group", "Nope")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "no group called “Nope”" in err
    assert "Traceback" not in err


def test_import_export_round_trip(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Wellbeing Network")
    source = tmp_path / "outlook.csv"
    source.write_bytes(
        "First Name,Last Name,E-mail Address,Company\r\n"
        "Siân,Roberts,sian@example.org,Cardiff Council\r\n"
        "Llŷr,Jones,llyr@example.org,Mind Cymru\r\n"
        "Bad,Row,not-an-address,\r\n".encode("utf-8-sig")
    )
    code, out, _ = run("members", "import", str(source), "--group", "Wellbeing Network")
    assert code == 0
    assert "added 2, updated 0, skipped 1" in out
    assert "not-an-address" in out

    exported = tmp_path / "members.csv"
    code, _, _ = run(
        "members", "export", "--group", "Wellbeing Network", "--format", "csv",
        "--output", str(exported),
    )  # fmt: skip
    assert code == 0
    data = exported.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert "Llŷr Jones" in data.decode("utf-8-sig")

    code, out, _ = run("members", "export", "--group", "Wellbeing Network", "--format", "vcard")
    assert out.count("BEGIN:VCARD") == 2 and "FN:Siân Roberts" in out


def _names(run: Runner) -> list[str]:
    listed = run("members", "list", "--group", "Wellbeing Network", "--format", "json")[1]
    return sorted(member["name"] for member in json.loads(listed))


def test_import_puts_first_names_first_when_the_file_writes_surnames_first(
    run: Runner, tmp_path: Path
) -> None:
    run("group", "create", "Wellbeing Network")
    source = tmp_path / "hr.csv"
    source.write_text(
        'Name,Email\n"Evans, Dai",dai@example.org\n"Roberts, Siân",sian@example.org\n'
        '"Jones, Jr.",jr@example.org\n',
        encoding="utf-8",
    )
    code, out, _ = run("members", "import", str(source), "--group", "Wellbeing Network")
    assert code == 0
    assert "Put first names first, as in Evans, Dai → Dai Evans" in out
    assert "--no-first-names-first" in out
    assert _names(run) == ["Dai Evans", "Jones, Jr.", "Siân Roberts"]


def test_import_keeps_names_as_written_when_asked(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Wellbeing Network")
    source = tmp_path / "hr.csv"
    source.write_text('Name,Email\n"Evans, Dai",dai@example.org\n', encoding="utf-8")
    code, out, _ = run(
        "members", "import", str(source), "--group", "Wellbeing Network", "--no-first-names-first"
    )
    assert code == 0 and "first names first" not in out
    assert _names(run) == ["Evans, Dai"]


def test_import_puts_first_names_first_when_asked_though_few_are(
    run: Runner, tmp_path: Path
) -> None:
    run("group", "create", "Wellbeing Network")
    source = tmp_path / "mixed.csv"
    source.write_text(
        'Name,Email\n"Evans, Dai",dai@example.org\nSiân Roberts,sian@example.org\n'
        "Llŷr Jones,llyr@example.org\n",
        encoding="utf-8",
    )
    code, out, _ = run("members", "import", str(source), "--group", "Wellbeing Network")
    assert "first names first" not in out
    assert _names(run) == ["Evans, Dai", "Llŷr Jones", "Siân Roberts"]
    run("group", "create", "Book Club")
    code, out, _ = run(
        "members", "import", str(source), "--group", "Book Club", "--first-names-first"
    )
    assert code == 0 and "Put first names first" in out and "--no-first" not in out
    listed = run("members", "list", "--group", "Book Club", "--format", "json")[1]
    assert "Dai Evans" in [member["name"] for member in json.loads(listed)]


def test_import_of_an_unusable_file_changes_nothing(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Wellbeing Network")
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    code, out, err = run("members", "import", str(picture), "--group", "Wellbeing Network")
    assert code == 1 and out == ""
    assert err.startswith("pont: ") and err.count("\n") == 1
    assert (
        json.loads(run("members", "list", "--group", "Wellbeing Network", "--format", "json")[1])
        == []
    )


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PONT_DATA_DIR", str(tmp_path / "from-env"))
    assert main(["group", "create", "Env Group"]) == 0
    assert (tmp_path / "from-env" / "pont.sqlite3").exists()


def test_demo_profile_has_a_believable_group(run: Runner) -> None:
    code, out, _ = run(
        "--demo", "members", "list", "--group", "Wellbeing Network", "--format", "json"
    )
    members = json.loads(out)
    assert 35 <= len(members) <= 45
    names = {m["name"] for m in members}
    assert {"Siân Roberts", "Dafydd ap Gwilym", "Gwenllïan Evans", "Llŷr Jones"} <= names
    assert {m["status"] for m in members} == {"active", "paused", "left"}


def test_a_data_folder_that_cannot_be_made_is_one_plain_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    code = main(["--data-dir", str(a_file / "profile"), "group", "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"pont: Pont cannot keep its data in {a_file / 'profile'} (")
    assert "Traceback" not in err
