"""Qt models over the core's dataclasses, one per table."""
