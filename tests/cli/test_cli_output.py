"""What the command line prints: names and subjects from strangers never act on the terminal,
and members files go in and out whole (issue 12, defects 1, 5, 6 and 9)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pont.cli.main import main
from pont.cli.output import json_text, print_table, terminal_text

Runner = Callable[..., tuple[int, str, str]]

# What a terminal acts on: C0 controls, DEL, C1 controls, bidirectional overrides/isolates.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A window title set, the screen cleared, text hidden, an 8-bit CSI, text shown backwards.
HOSTILE_NAME = "\x1b]0;pwned\x07Evil\x1b[2J\x1b[8m\x9b31m\u202egnp.exe"
SHOWN_NAME = "\\x1b]0;pwned\\x07Evil\\x1b[2J\\x1b[8m\\u009b31m\\u202egnp.exe"


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Runner:
    def run_pont(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(tmp_path / "profile"), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_pont


def import_file(run: Runner, path: Path, data: bytes, group: str = "Data Club") -> str:
    path.write_bytes(data)
    code, out, err = run("members", "import", str(path), "--group", group)
    assert (code, err) == (0, "")
    return out


@pytest.fixture
def hostile_member(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Data Club")
    data = f"Name,Email,Organisation\r\n{HOSTILE_NAME},evil@example.org,\u202eOrg\x7f\r\n"
    # Other members, as a real list has: the escapes are few among them.
    data += "".join(f"Person {n},person{n}@example.org,\r\n" for n in range(30))
    import_file(run, tmp_path / "hostile.csv", data.encode())


def test_terminal_text_escapes_what_a_terminal_acts_on() -> None:
    assert terminal_text(HOSTILE_NAME) == SHOWN_NAME
    assert terminal_text("a\tb\nc\x7f\x85\u2066d") == "a\\x09b\\x0ac\\x7f\\u0085\\u2066d"
    assert terminal_text("Siân Ŵyn, C:\\notes, עברית") == "Siân Ŵyn, C:\\notes, עברית"


def test_tables_show_control_characters_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    print_table(["Subject", "From"], [[HOSTILE_NAME, "Ann"], ["Hello", "\x1b[31mBob"]])
    lines = capsys.readouterr().out.splitlines()
    assert not RAW_CONTROL.search("".join(lines))
    assert lines[2].startswith(SHOWN_NAME + "  Ann")
    assert lines[3] == "Hello" + " " * (len(SHOWN_NAME) - len("Hello") + 2) + "\\x1b[31mBob"


def test_json_keeps_the_text_and_escapes_the_rest() -> None:
    value = [{"name": HOSTILE_NAME, "note": "line\none"}]
    text = json_text(value)
    assert not RAW_CONTROL.search(text)
    assert json.loads(text) == value


@pytest.mark.usefixtures("hostile_member")
@pytest.mark.parametrize("output", ["table", "csv", "json"])
def test_members_list_never_prints_raw_control_characters(run: Runner, output: str) -> None:
    code, out, _ = run("members", "list", "--group", "Data Club", "--format", output)
    assert code == 0
    assert not RAW_CONTROL.search(out)
    if output == "json":
        member = json.loads(out)[0]
        assert (member["name"], member["organisation"]) == (HOSTILE_NAME, "\u202eOrg\x7f")
    else:
        assert SHOWN_NAME in out and "\\u202eOrg\\x7f" in out


def test_the_import_report_never_prints_raw_control_characters(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Data Club")
    data = f"Name,Email\r\nAnn,ann@example.org\r\nX,{HOSTILE_NAME}@example.org\r\n"
    out = import_file(run, tmp_path / "hostile.csv", data.encode())
    assert "skipped row 3" in out
    assert not RAW_CONTROL.search(out.replace("\n", ""))


@pytest.mark.usefixtures("hostile_member")
def test_an_export_shown_on_a_terminal_is_escaped(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for export in ("csv", "vcard"):
        code, out, _ = run("members", "export", "--group", "Data Club", "--format", export)
        assert code == 0 and "evil@example.org" in out
        assert not RAW_CONTROL.search(out.replace("\n", ""))


def test_exports_go_in_again_exactly(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Data Club")
    run("group", "create", "Copy")
    people = (
        "Name,Email,Organisation,Tags,Notes\r\n"
        f'"{HOSTILE_NAME}",evil@example.org,=cmd|x,"Leads, South;=SUM(1)","a\nb"\r\n'
        "-Carol-,'=1+2@example.org,@org,*starred,'+44\r\n"
    )
    import_file(run, tmp_path / "people.csv", people.encode())
    exported = tmp_path / "export.csv"
    code, _, _ = run(
        "members", "export", "--group", "Data Club", "--format", "csv", "--output", str(exported),
    )  # fmt: skip
    assert code == 0
    # Every cell a spreadsheet would run as a formula starts with an apostrophe.
    assert "\r\n'-Carol-,'=1+2@example.org,'@org," in exported.read_bytes().decode("utf-8-sig")
    import_file(run, exported, exported.read_bytes(), group="Copy")

    def members(group: str) -> list[dict[str, object]]:
        listed = json.loads(run("members", "list", "--group", group, "--format", "json")[1])
        return sorted(listed, key=lambda member: str(member["email"]))

    assert members("Copy") == members("Data Club")
    assert [m["email"] for m in members("Copy")] == ["=1+2@example.org", "evil@example.org"]


def test_a_vcard_with_an_undefined_charset_is_imported(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Data Club")
    card = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=undefined:Si\xe2n Jones\r\n"
        b"N;CHARSET=punycode;ENCODING=QUOTED-PRINTABLE:Jones;Si=E2n\r\n"
        b"EMAIL:sian@example.org\r\nEND:VCARD\r\n"
    )
    out = import_file(run, tmp_path / "sian.vcf", card)
    assert "added 1" in out
    listed = json.loads(run("members", "list", "--group", "Data Club", "--format", "json")[1])
    assert listed[0]["name"] == "Siân Jones"


def test_the_import_report_names_rows_read_in_another_encoding(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Data Club")
    data = (
        "Name,Email\r\nLlŷr Ifans,llyr@example.org\r\n".encode()
        + "Siân Roberts,sian@example.org\r\n".encode("cp1252")
    )
    out = import_file(run, tmp_path / "mixed.csv", data)
    assert "Pont read it as Windows-1252; check that the letters look right in row 3." in out
    listed = json.loads(run("members", "list", "--group", "Data Club", "--format", "json")[1])
    assert [member["name"] for member in listed] == ["Llŷr Ifans", "Siân Roberts"]


def test_group_lists_and_archive_lookups_escape_what_they_quote(run: Runner) -> None:
    """The group's name in JSON and in the archive's sentences, and the query echoed back."""
    code, _, err = run("group", "create", f"Club {HOSTILE_NAME}", "--tag", "Club")
    assert (code, err) == (0, "")
    code, out, _ = run("group", "list", "--format", "json")
    assert code == 0 and not RAW_CONTROL.search(out)
    assert json.loads(out)[0]["name"] == f"Club {HOSTILE_NAME}"
    group = f"Club {HOSTILE_NAME}"
    for command in (["threads"], ["search", f"word {HOSTILE_NAME}"]):
        code, out, _ = run(*command, "--group", group)
        assert code == 0 and SHOWN_NAME in out and not RAW_CONTROL.search(out)


def test_an_error_quoting_a_file_name_is_escaped(run: Runner, tmp_path: Path) -> None:
    run("group", "create", "Data Club")
    missing = tmp_path / f"{HOSTILE_NAME}.csv"
    code, out, err = run("members", "import", str(missing), "--group", "Data Club")
    assert code == 1 and out == ""
    assert SHOWN_NAME in err and not RAW_CONTROL.search(err.rstrip("\n"))
