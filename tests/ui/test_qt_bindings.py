"""The Qt bindings Pont installs must not leak or drop references to Python's singletons.

PySide6 6.12.0 (abi3 build) on Python 3.11 lost a reference to True on every argument-less
emit and to None on every model reset; a long session then aborted in bool_dealloc.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QStringListModel, Signal


class Emitter(QObject):
    fired = Signal()


def test_signals_and_model_resets_keep_reference_counts_of_true_and_none() -> None:
    emitter = Emitter()
    calls: list[None] = []
    emitter.fired.connect(lambda: calls.append(None))
    model = QStringListModel(["a", "b"])
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(300):
        emitter.fired.emit()
        model.beginResetModel()
        model.endResetModel()
    calls.clear()
    assert abs(sys.getrefcount(True) - true_before) < 10
    assert abs(sys.getrefcount(None) - none_before) < 10
