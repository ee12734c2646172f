"""Pont's domain, storage and file formats; plain Python that never imports Qt."""
