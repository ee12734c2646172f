"""The whole profile from the window: daily backups, Restore from backup (its dialog), Export
and Import everything.

May use: widgets, help (its Help button), conversations (formatting), and pont.core.
Other packages use: actions.
"""
