"""Sending from the window: jobs (the background work of a post), sender (runs the outbox
off the GUI thread), the Outbox window, and words for a post's state.

May use: widgets, help (its Help button), accounts (the password prompt), conversations
(formatting), pont.core.
Other packages use: jobs, sender, view, words.
"""
