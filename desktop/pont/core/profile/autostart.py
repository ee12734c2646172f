"""Start Pont when the coordinator logs in, minimised to the tray: the entry each system
reads at log-in. Linux: an XDG autostart .desktop file in $XDG_CONFIG_HOME/autostart;
Windows: a value under HKCU's Run key; macOS: a LaunchAgent property list."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import platformdirs

from pont.core.errors import PontError
from pont.core.i18n import translate

ENTRY_NAME = "Pont"  # the Run key's value name
DESKTOP_FILE = "pont.desktop"
LAUNCH_AGENT_LABEL = "io.github.pont.Pont"  # the app's bundle identifier (packaging/pont.spec)
MINIMISED_FLAG = "--minimised"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartUnavailable(PontError):
    """The log-in entry could not be written or removed."""

    def __init__(self, why: str) -> None:
        super().__init__(
            translate(
                "Autostart", "Pont could not change what starts when you log in: {why}"
            ).format(why=why)
        )


def pont_program() -> list[str]:
    """The command that runs Pont: the packaged program itself, else this Python running the
    pont package."""
    return [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "pont"]


def pont_command(data_dir: Path) -> list[str]:
    """The command that opens this profile minimised."""
    return [*pont_program(), "--data-dir", str(data_dir), MINIMISED_FLAG]


# -- Linux: the XDG autostart specification ------------------------------------------------

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _exec_argument(argument: str) -> str:
    """One argument of a Desktop Entry's Exec key: quoted when it holds a reserved
    character, with ", `, $ and \\ escaped inside the quotes; % doubled."""
    argument = argument.replace("%", "%%")
    if not argument or any(character in _RESERVED for character in argument):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        argument = f'"{escaped}"'
    return argument


def desktop_entry(command: Sequence[str]) -> str:
    """The autostart file's text. Exec is a string value: its backslashes are escaped
    again, as the Desktop Entry specification asks."""
    exec_line = " ".join(_exec_argument(argument) for argument in command)
    exec_line = exec_line.replace("\\", "\\\\")
    if any(character in exec_line for character in "\r\n"):
        raise AutostartUnavailable(translate("Autostart", "the program's path has a line break"))
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Pont\n"
        "Comment=Keeps your email group's mail flowing\n"
        "Comment[cy]=Yn cadw post eich grŵp e-bost i lifo\n"
        f"Exec={exec_line}\n"
        "Icon=pont\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def linux_autostart_file() -> Path:
    """$XDG_CONFIG_HOME/autostart/pont.desktop (~/.config when the variable is unset)."""
    return Path(platformdirs.user_config_dir()) / "autostart" / DESKTOP_FILE


# -- macOS: a LaunchAgent -------------------------------------------------------------------


def launch_agent(command: Sequence[str]) -> bytes:
    """The LaunchAgent property list: run the command once, at log-in."""
    return plistlib.dumps(
        {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
    )


def macos_launch_agent_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


# -- Windows: the Run key ---------------------------------------------------------------------


def run_value(command: Sequence[str]) -> str:
    """The Run key's value: the command line, quoted as Windows programs parse it."""
    return subprocess.list2cmdline(list(command))


class RunKey(Protocol):
    """HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run (tests give their own)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class WindowsRunKey:
    """The current user's Run key, through winreg."""

    def get(self, name: str) -> str | None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    value, _kind = winreg.QueryValueEx(key, name)
            except OSError:
                return None
            return value if isinstance(value, str) else None
        return None

    def set(self, name: str, value: str) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKeyEx(
                winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
            ) as key:
                winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, name)
            except FileNotFoundError:
                pass  # not there: nothing to remove


# -- whichever this system is ---------------------------------------------------------------


@dataclass
class Autostart:
    """The log-in entry on `platform` (sys.platform's words)."""

    platform: str = sys.platform
    run_key: RunKey | None = None  # Windows only; the real one when None

    def _key(self) -> RunKey:
        return self.run_key if self.run_key is not None else WindowsRunKey()

    def _file(self) -> Path:
        if self.platform == "darwin":
            return macos_launch_agent_file()
        return linux_autostart_file()

    def is_on(self) -> bool:
        if self.platform == "win32":
            return self._key().get(ENTRY_NAME) is not None
        return self._file().is_file()

    def turn_on(self, command: Sequence[str]) -> None:
        try:
            if self.platform == "win32":
                self._key().set(ENTRY_NAME, run_value(command))
                return
            content = (
                launch_agent(command)
                if self.platform == "darwin"
                else desktop_entry(command).encode()
            )
            path = self._file()
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".part")
            partial.write_bytes(content)
            os.replace(partial, path)
        except OSError as error:
            raise AutostartUnavailable(error.strerror or str(error)) from error

    def turn_off(self) -> None:
        try:
            if self.platform == "win32":
                self._key().delete(ENTRY_NAME)
            else:
                self._file().unlink(missing_ok=True)
        except OSError as error:
            raise AutostartUnavailable(error.strerror or str(error)) from error

    def set(self, on: bool, command: Sequence[str]) -> None:
        if on:
            self.turn_on(command)
        else:
            self.turn_off()
