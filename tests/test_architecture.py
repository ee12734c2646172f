"""The core never imports Qt, and the command line's headless paths never load it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pont

PACKAGE = Path(pont.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """Modules imported when the file runs (imports under `if TYPE_CHECKING:` only name types)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted((PACKAGE / "core").rglob("*.py"))
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in imported_modules(path))
    ]
    assert offenders == []


def test_only_ui_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "ui" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] == "PySide6" for name in imported_modules(path))
    ]
    assert offenders == []


def test_headless_commands_do_not_load_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pont.cli.main import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, '--demo', 'members', 'list', "
        "'--group', 'Wellbeing Network', '--format', 'json'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "sian.roberts@example.org" in result.stdout
