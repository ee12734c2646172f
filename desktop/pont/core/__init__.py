"""Pont's domain, storage and file formats: plain Python that never imports Qt.

The loose modules (errors, i18n, activity, sizes, resources) are the ground every package
stands on and import no package. The packages, lowest first: members, mail, archive,
posting, profile, demo; each may use only those before it (tests/test_architecture.py).
"""
