"""Pont: run a visible-membership email group from your own PC and mailbox."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pont")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
