"""The profile, a coordinator's saved data as a whole: where it lives (paths), one Pont at a
time (lock), the SQLite store and its migrations, daily backups, the hand-over zip, and
settings.

May use: members, mail, archive, posting, group_mail (the migrations and hand-over span every part's
tables), and the loose core modules.
"""
