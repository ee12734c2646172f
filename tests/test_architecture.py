"""The rules ARCHITECTURE.md states, checked on Pont's own imports.

The import graph is read with `ast`: every `import` and `from … import` counts, inside
functions too (a lazy import is still a dependency); only `if TYPE_CHECKING:` blocks are left
out, since they name types and never run.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import pont

PACKAGE = Path(pont.__file__).parent
TESTS = Path(__file__).parent

# The top-level parts, lowest first: each may import only those before it.
LAYERS = ["pont.core", "pont.ui", "pont.app", "pont.cli", "pont.__main__"]
# The core's feature packages, lowest first: each may import the loose core modules and
# the packages before it, never one after it.
CORE_ORDER = ["members", "mail", "archive", "posting", "group_mail", "profile", "demo"]
# In each ui package's docstring, the modules other ui packages may import.
# The list may wrap onto following lines.
PUBLIC_LINE = re.compile(r"^Other packages use: (?P<modules>[\w,\s]+?)\.$", re.MULTILINE)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} imports {self.imported} (line {self.line})"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package at root, by its dotted name."""
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of the tree that can run: `if TYPE_CHECKING:` bodies left out."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for child in node.orelse:
                yield child
                yield from _runtime_nodes(child)
            continue
        yield node
        yield from _runtime_nodes(node)


def imported_names(path: Path) -> Iterator[tuple[str, int]]:
    """Each name an import in the file may load (a module, or a name in one), with its line."""
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno


def import_graph(root: Path) -> list[Import]:
    """Imports between the package's own modules (`from a import b` counts b when b is one)."""
    known = modules(root)
    edges = {
        Import(importer, name, line)
        for importer, path in known.items()
        for name, line in imported_names(path)
        if name in known and name != importer and not importer.startswith(f"{name}.")
    }
    return sorted(edges, key=lambda edge: (edge.importer, edge.imported, edge.line))


def circles(edges: list[Import]) -> list[list[str]]:
    """The import circles: groups of modules that each reach all the others (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.importer, set()).add(edge.imported)
        graph.setdefault(edge.imported, set())
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                lowest[module] = min(lowest[module], lowest[other])
            elif other in stack:
                lowest[module] = min(lowest[module], index[other])
        if lowest[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def part(module: str, base: str) -> str | None:
    """The package of `base` that holds module ("pont.core.mail.accounts" -> "mail"), or
    None for a module directly in base."""
    rest = module.removeprefix(f"{base}.").split(".")
    return rest[0] if module.startswith(f"{base}.") and len(rest) > 1 else None


def layer(module: str) -> int:
    return next(i for i, name in enumerate(LAYERS) if f"{module}.".startswith(f"{name}."))


def layer_breaches(edges: list[Import]) -> list[str]:
    return [str(edge) for edge in edges if layer(edge.imported) > layer(edge.importer)]


def core_order_breaches(edges: list[Import], order: list[str], base: str) -> list[str]:
    """Imports of a core package above the importer's own, or of any package from a loose
    core module (those are the ground everything stands on)."""
    breaches = []
    for edge in edges:
        if not (edge.importer.startswith(f"{base}.") and edge.imported.startswith(f"{base}.")):
            continue
        theirs, ours = part(edge.imported, base), part(edge.importer, base)
        if theirs is None or theirs == ours:
            continue
        if ours is None or order.index(theirs) > order.index(ours):
            breaches.append(str(edge))
    return breaches


def public_modules(root: Path, base: str) -> dict[str, set[str]]:
    """Each ui package's public modules, as its docstring's "Other packages use:" names them."""
    public = {}
    for init in sorted((root / base.split(".")[-1]).glob("*/__init__.py")):
        found = PUBLIC_LINE.search(ast.get_docstring(ast.parse(init.read_text())) or "")
        names = found["modules"] if found else ""
        public[init.parent.name] = {name.strip() for name in names.split(",") if name.strip()}
    return public


def internals_reached(edges: list[Import], public: dict[str, set[str]], base: str) -> list[str]:
    breaches = []
    for edge in edges:
        theirs, ours = part(edge.imported, base), part(edge.importer, base)
        if theirs is None or theirs == ours or not edge.imported.startswith(f"{base}."):
            continue
        module = edge.imported.removeprefix(f"{base}.{theirs}.").split(".")[0]
        if module not in public[theirs]:
            breaches.append(f"{edge}: not among the modules ui/{theirs} names public")
    return breaches


# -- Pont itself ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edges() -> list[Import]:
    return import_graph(PACKAGE)


def test_no_module_imports_another_in_a_circle(edges: list[Import]) -> None:
    assert circles(edges) == []


def test_each_part_imports_only_the_parts_below_it(edges: list[Import]) -> None:
    assert layer_breaches(edges) == []


def test_core_packages_import_only_those_before_them(edges: list[Import]) -> None:
    packages = [path.parent.name for path in (PACKAGE / "core").glob("*/__init__.py")]
    assert sorted(packages) == sorted(CORE_ORDER), "CORE_ORDER names every core package"
    assert core_order_breaches(edges, CORE_ORDER, "pont.core") == []


def test_ui_packages_use_each_other_through_their_public_modules(edges: list[Import]) -> None:
    public = public_modules(PACKAGE, "pont.ui")
    for package, names in public.items():
        missing = {name for name in names if not (PACKAGE / "ui" / package / f"{name}.py").exists()}
        assert not missing, f"ui/{package} names public modules it does not have: {missing}"
    assert internals_reached(edges, public, "pont.ui") == []


def test_every_package_says_what_it_holds() -> None:
    undocumented = [
        str(init.relative_to(PACKAGE))
        for init in sorted(PACKAGE.rglob("__init__.py"))
        if len((ast.get_docstring(ast.parse(init.read_text())) or "").split()) < 5
    ]
    assert undocumented == []


def test_package_inits_hold_no_code() -> None:
    """An __init__ is its docstring: names are imported from the module that defines them."""
    with_code = [
        str(init.relative_to(PACKAGE))
        for init in sorted(PACKAGE.rglob("__init__.py"))
        if init.parent != PACKAGE
        and any(
            not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
            for node in ast.parse(init.read_text()).body
        )
    ]
    assert with_code == []


def test_tests_mirror_the_packages() -> None:
    folders = [
        path.relative_to(TESTS)
        for half in ("core", "ui", "cli")
        for path in sorted((TESTS / half).rglob("*"))
        if path.is_dir() and path.name != "__pycache__"
    ]
    assert folders, "tests/core, tests/ui and tests/cli hold the tests of those parts"
    assert [str(f) for f in folders if not (PACKAGE / f).is_dir()] == []
    names = [path.name for path in TESTS.rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []


# -- the checks themselves, on a small package made to break them ------------------------


def write_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "fake" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "fake"


def test_a_circle_through_a_lazy_import_is_found(tmp_path: Path) -> None:
    fake = write_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from fake import b\n",
            "b.py": "def later():\n    from fake.c import thing\n",
            "c.py": "import fake.a\nthing = 1\n",
            "d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import fake.a\n",
        },
    )
    edges = import_graph(fake)
    assert circles(edges) == [["fake.a", "fake.b", "fake.c"]]
    assert not any(edge.importer == "fake.d" for edge in edges)


def test_a_core_package_importing_one_above_it_is_found(tmp_path: Path) -> None:
    fake = write_package(
        tmp_path,
        {
            "__init__.py": "",
            "errors.py": "",
            "low/__init__.py": "",
            "low/x.py": "from fake.high.y import z\nfrom fake import errors\n",
            "high/__init__.py": "",
            "high/y.py": "from fake.low import x\nz = 1\n",
            "loose.py": "import fake.low.x\n",
        },
    )
    assert core_order_breaches(import_graph(fake), ["low", "high"], "fake") == [
        "fake.loose imports fake.low.x (line 1)",
        "fake.low.x imports fake.high.y (line 1)",
    ]


def test_reaching_into_another_ui_package_is_found(tmp_path: Path) -> None:
    fake = write_package(
        tmp_path,
        {
            "__init__.py": "",
            "ui/__init__.py": "",
            "ui/one/__init__.py": '"""One.\n\nOther packages use: face."""\n',
            "ui/one/face.py": "from fake.ui.one import inside\n",
            "ui/one/inside.py": "",
            "ui/two/__init__.py": '"""Two."""\n',
            "ui/two/user.py": "from fake.ui.one import face\nfrom fake.ui.one.inside import x\n",
        },
    )
    public = public_modules(fake, "fake.ui")
    assert public == {"one": {"face"}, "two": set()}
    assert internals_reached(import_graph(fake), public, "fake.ui") == [
        "fake.ui.two.user imports fake.ui.one.inside (line 2): "
        "not among the modules ui/one names public"
    ]


# -- Qt stays in the window ----------------------------------------------------------------


def qt_importers(half: str | None) -> list[str]:
    return [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if (half is None or half in path.relative_to(PACKAGE).parts[:1])
        and any(name.split(".")[0] in {"PySide6", "shiboken6"} for name, _ in imported_names(path))
    ]


def test_core_never_imports_qt() -> None:
    assert qt_importers("core") == []


def test_only_ui_imports_qt() -> None:
    assert [path for path in qt_importers(None) if not path.startswith("ui/")] == []


def test_headless_commands_do_not_load_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pont.cli.main import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, '--demo', 'members', 'list', "
        "'--group', 'Wellbeing Network', '--format', 'json'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "sian.roberts@example.org" in result.stdout
