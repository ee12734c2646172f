"""Pont's window: the only package that imports PySide6.

language (loose) is the ground of the ui packages; widgets are shared by all of them. The
other packages use each other only through the modules each names in its docstring's
"Other packages use:" line (tests/test_architecture.py). May use pont.core, never
pont.app or pont.cli.
"""
