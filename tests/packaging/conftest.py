"""The frozen app, built once per run by packaging/build_linux.py; its tests run last."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from frozen_helpers import APP, build_frozen_app

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # After everything else: a broken source tree fails fast, before a 20-second build.
    items.sort(key=lambda item: item.path.is_relative_to(HERE))


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    """build/dist/Pont, freshly built from this checkout."""
    if not sys.platform.startswith("linux"):
        pytest.skip("CI builds the Linux bundle; see packaging/README.md for the others")
    build = build_frozen_app()
    assert build.returncode == 0, build.stdout + build.stderr
    print(build.stdout)
    return APP
