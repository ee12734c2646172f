"""Connecting a mailbox: the account dialog with its pages and server form, its jobs, the
password prompt, and passwords held for the session when there is no keyring.

May use: widgets, help (its Help button), and pont.core.
Other packages use: dialog, jobs, password_prompt, session_passwords.
"""
