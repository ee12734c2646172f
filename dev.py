#!/usr/bin/env python3
"""Set up what Pont needs on this machine, then open the demo or run the test suite.

    python3 dev.py demo    open Pont on the demo profile
    python3 dev.py test    ruff, mypy on pont.core, then pytest (last: build the frozen app
                           with PyInstaller and smoke-test it, tests/packaging/)
    python3 dev.py pont …  run the `pont` command inside the project's virtualenv

Only the standard library is used here: this script runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".pont-installed"

# Debian packages whose libraries PySide6 loads even offscreen, plus a font so text is not boxes.
QT_PACKAGES = [
    "libgl1",
    "libxkbcommon0",
    "libegl1",
    "libglib2.0-0",
    "libfreetype6",
    "libfontconfig1",
    "libdbus-1-3",
    "fonts-dejavu-core",
]
# The tests run a private IMAP server; LMTP delivers into it as the SMTP test server would.
# mutt is a real mail program replying to Pont's posts (test_post_send_mutt.py, under
# tests/core/posting/outbox/).
MAIL_SERVER_PACKAGES = ["dovecot-imapd", "dovecot-lmtpd", "mutt"]
# PyInstaller reads and writes the frozen app's ELF files with objdump and objcopy; the
# others validate the Linux desktop entry and AppStream metainfo.
PACKAGING_PACKAGES = ["binutils", "desktop-file-utils", "appstream"]
# What Qt's xcb platform plugin loads for a real window on an X11 (or XWayland) desktop.
XCB_PACKAGES = [
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-randr0",
]


def say(text: str) -> None:
    print(f"dev.py: {text}", flush=True)


def missing_debian_packages(packages: list[str]) -> list[str]:
    if shutil.which("dpkg-query") is None:
        return []  # not Debian-like: the user's system packages are theirs to manage
    missing = []
    for package in packages:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
        ).stdout
        if "install ok installed" not in status:
            missing.append(package)
    return missing


def ensure_debian_packages(packages: list[str], why: str) -> None:
    missing = missing_debian_packages(packages)
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(
            f"dev.py: {why} needs these Debian packages: {' '.join(missing)}. "
            f"Install them with: sudo apt-get install -y {' '.join(missing)}"
        )
    say(f"installing {' '.join(missing)} ({why})")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    apt = ["apt-get", "-y", "-q", "-o", "Dpkg::Use-Pty=0"]
    subprocess.run([*apt, "update"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(
        [*apt, "install", "--no-install-recommends", *missing],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def ensure_root_folder_is_enterable() -> None:
    """Dovecot's mail processes run as the unprivileged dovecot user, who must be able to
    enter "/" to read /etc/passwd and the test mail folders. It always can on an installed
    system; a chroot built in a private temporary folder (mode 0700) shuts it out, and every
    mail test then fails with Dovecot's "Internal error"."""
    if os.name != "posix" or os.stat("/").st_mode & 0o005 == 0o005:
        return
    if os.geteuid() != 0:
        sys.exit(
            'dev.py: the mail tests need "/" to be readable by other users (chmod 755 /), '
            "so Dovecot's unprivileged processes can work; run this as root, or fix it first."
        )
    say('making "/" enterable for Dovecot\'s unprivileged processes (chmod o+rx /)')
    os.chmod("/", os.stat("/").st_mode | 0o005)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_virtualenv() -> Path:
    """Create .venv and install Pont with its dev tools, again only when pyproject.toml changes."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return python
    if not python.exists():
        say("creating the virtualenv in .venv")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if result.returncode != 0:
            sys.exit(
                "dev.py: Python could not create a virtualenv. On Debian or Ubuntu install "
                "python3-venv (sudo apt-get install -y python3-venv) and run this again."
            )
    say("installing Pont and its tools into .venv (first run takes a minute)")
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)
    return python


def run(args: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(args, cwd=ROOT, env=env).returncode


def ready_python() -> Path:
    """The virtualenv's Python, with the translations compiled for running from source."""
    python = ensure_virtualenv()
    subprocess.run(
        [str(python), str(ROOT / "packaging" / "translations.py"), "compile"], check=True
    )
    return python


def demo() -> int:
    ensure_debian_packages(QT_PACKAGES, "Qt")
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    on_x11 = platform.startswith("xcb") or (not platform and os.environ.get("DISPLAY"))
    if on_x11:
        ensure_debian_packages(XCB_PACKAGES, "a Qt window on this desktop")
    elif not platform and not os.environ.get("WAYLAND_DISPLAY") and sys.platform == "linux":
        sys.exit(
            "dev.py: there is no screen to show Pont on (no DISPLAY or WAYLAND_DISPLAY). "
            "Run it from a desktop session, under xvfb-run, or with QT_QPA_PLATFORM=offscreen."
        )
    python = ready_python()
    return run([str(python), "-m", "pont", "--demo"])


def test(pytest_args: list[str]) -> int:
    ensure_debian_packages(QT_PACKAGES, "the window tests")
    ensure_debian_packages(MAIL_SERVER_PACKAGES, "the mail tests")
    packaging = list(PACKAGING_PACKAGES)
    if Path(sys.base_prefix) == Path("/usr"):  # Debian's Python: its shared library, apart
        packaging.append(f"libpython{sys.version_info.major}.{sys.version_info.minor}")
    ensure_debian_packages(packaging, "the frozen-app build")
    ensure_root_folder_is_enterable()
    python = ready_python()
    bin_dir = python.parent
    steps = [
        ("ruff check", [str(bin_dir / "ruff"), "check", "."]),
        ("ruff format", [str(bin_dir / "ruff"), "format", "--check", "."]),
        ("mypy pont.core", [str(bin_dir / "mypy")]),
    ]
    for name, command in steps:
        say(name)
        if run(command) != 0:
            say(f"{name} failed")
            return 1
    say("pytest")
    # Tests never touch the user's real profile, keyring or cache.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env["HYPOTHESIS_STORAGE_DIRECTORY"] = str(Path(tempfile.gettempdir()) / "pont-hypothesis")
    return run([str(python), "-m", "pytest", "-p", "no:cacheprovider", *pytest_args], env=env)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script runs before the venv exists)
        sys.exit("dev.py: Pont needs Python 3.11 or newer.")
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "demo":
        return demo()
    if command == "test":
        return test(rest)
    if command == "pont":
        return run([str(ready_python()), "-m", "pont", *rest])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
