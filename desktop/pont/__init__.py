"""Pont: run a visible-membership email group from your own PC and mailbox."""

# The one place the version is written; pyproject.toml reads it. A literal, because
# importlib.metadata costs ~30 ms of every start-up.
__version__ = "0.1.0"
