"""Pont's window: the only package that imports PySide6."""
