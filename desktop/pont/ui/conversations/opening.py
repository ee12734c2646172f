"""Opening an attachment in the program the system chooses: a copy in a private folder of
Pont's own, under a name made safe, after a warning for files that could run as programs."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices

from pont.ui.conversations.formatting import safe_filename

# Kinds of file a double-click runs (or that run code when opened), on Windows, macOS and
# Linux: the usual ways a message carries something harmful.
RISKY_SUFFIXES = frozenset(
    {
        "ade", "adp", "app", "appimage", "application", "appref-ms", "apk", "bas", "bat",
        "chm", "cmd", "com", "command", "cpl", "crt", "deb", "desktop", "dll", "docm", "dmg",
        "exe", "gadget", "hlp", "hta", "inf", "ins", "iso", "img", "isp", "jar", "js", "jse",
        "lnk", "mde", "msc", "msi", "msp", "mst", "pif", "pkg", "potm", "ppam", "ppsm", "pptm",
        "ps1", "ps1xml", "ps2", "psc1", "psm1", "py", "pyw", "rb", "pl", "reg", "rpm", "run",
        "scf", "scr", "sct", "settingcontent-ms", "sh", "shb", "sldm", "sys", "url", "vb",
        "vbe", "vbs", "vhd", "vhdx", "ws", "wsc", "wsf", "wsh", "xlam", "xll", "xlsm", "xltm",
        "xpi",
    }
)  # fmt: skip


def is_risky(filename: str) -> bool:
    """Whether the file, as it would be written (safe_filename), is a kind that runs."""
    name = safe_filename(filename).casefold()
    return "." in name and name.rpartition(".")[2] in RISKY_SUFFIXES


class PrivateCopies(QObject):
    """A folder only this user can read (mkdtemp's 0700), made when first needed, with each
    opened attachment in a folder of its own so two files of one name both open. Removed
    when Pont quits: the program showing a copy has it read by then."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root: Path | None = None
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.remove)

    def write(self, filename: str, content: bytes) -> Path:
        if self._root is None or not self._root.is_dir():
            self._root = Path(tempfile.mkdtemp(prefix="pont-attachments-"))
        folder = Path(tempfile.mkdtemp(dir=self._root))
        path = folder / safe_filename(filename)
        with path.open("xb") as file:  # never through a link someone left there
            file.write(content)
        return path

    def remove(self) -> None:
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None


def open_file(path: Path) -> bool:
    """Ask the system to open the file in its own program; False when it could not."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
