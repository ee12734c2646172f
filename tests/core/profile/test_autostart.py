"""Start Pont at log-in: the XDG autostart file written for real (XDG_CONFIG_HOME in a temp
dir), and what the Windows Run key and the macOS LaunchAgent would hold."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from pont.core.profile.autostart import (
    LAUNCH_AGENT_LABEL,
    MINIMISED_FLAG,
    Autostart,
    AutostartUnavailable,
    desktop_entry,
    launch_agent,
    pont_command,
    run_value,
)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def exec_arguments(entry: str) -> list[str]:
    """The Exec key's arguments as the Desktop Entry specification reads them: the string
    value's escapes first, then arguments split at spaces outside double quotes, where a
    backslash escapes ", `, $ and itself; %% is a %."""
    line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    value = line.removeprefix("Exec=").replace("\\\\", "\\")
    arguments: list[str] = []
    current, quoted, escaped, started = "", False, False, False
    for character in value:
        if escaped:
            current, escaped = current + character, False
        elif quoted and character == "\\":
            escaped = True
        elif character == '"':
            quoted, started = not quoted, True
        elif character == " " and not quoted:
            if started:
                arguments.append(current)
            current, started = "", False
        else:
            current, started = current + character, True
    if started:
        arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


def test_the_linux_autostart_file_runs_this_profile_minimised(config_home: Path) -> None:
    command = pont_command(Path("/home/rhian/Pont data"))
    assert command == [
        sys.executable, "-m", "pont", "--data-dir", "/home/rhian/Pont data", MINIMISED_FLAG
    ]  # fmt: skip
    autostart = Autostart(platform="linux")
    assert not autostart.is_on()

    autostart.set(True, command)

    path = config_home / "autostart" / "pont.desktop"
    assert autostart.is_on() and path.is_file()
    entry = path.read_text()
    assert entry.startswith("[Desktop Entry]\nType=Application\nName=Pont\n")
    assert "\nTerminal=false\n" in entry and "\nIcon=pont\n" in entry
    assert exec_arguments(entry) == command
    assert not list(path.parent.glob("*.part"))

    autostart.set(False, command)
    assert not path.exists() and not autostart.is_on()
    autostart.set(False, command)  # nothing there: nothing to do


def test_awkward_paths_survive_the_desktop_entrys_quoting() -> None:
    command = ["/opt/Pont $HOME/`x`/pont", "--data-dir", 'C:\\Users\\"Rhi"\\100%', "--minimised"]
    entry = desktop_entry(command)
    assert exec_arguments(entry) == command
    with pytest.raises(AutostartUnavailable, match="line break"):
        desktop_entry(["/opt/pont\n[Desktop Entry]", "--minimised"])


def test_a_folder_that_cannot_be_written_is_said_plainly(config_home: Path, tmp_path: Path) -> None:
    config_home.write_text("not a folder")
    with pytest.raises(AutostartUnavailable, match="could not change what starts when you log"):
        Autostart(platform="linux").turn_on(["pont", MINIMISED_FLAG])


class FakeRunKey:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_puts_a_quoted_command_line_under_the_run_key() -> None:
    command = [r"C:\Program Files\Pont\Pont.exe", "--data-dir", r"D:\Pont data", "--minimised"]
    assert run_value(command) == (
        r'"C:\Program Files\Pont\Pont.exe" --data-dir "D:\Pont data" --minimised'
    )
    key = FakeRunKey()
    autostart = Autostart(platform="win32", run_key=key)
    autostart.set(True, command)
    assert key.values == {"Pont": run_value(command)} and autostart.is_on()
    autostart.set(False, command)
    assert key.values == {} and not autostart.is_on()


def test_macos_has_a_launch_agent_that_runs_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    command = ["/Applications/Pont.app/Contents/MacOS/Pont", "--minimised"]
    agent = plistlib.loads(launch_agent(command))
    assert agent == {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": command,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    autostart = Autostart(platform="darwin")
    autostart.set(True, command)
    path = tmp_path / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    assert plistlib.loads(path.read_bytes()) == agent and autostart.is_on()
    autostart.set(False, command)
    assert not path.exists()
