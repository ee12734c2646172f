"""The group's own mail in the window (issue 14): held posts, join and leave requests,
bounces, and the check that a group's address reaches the mailbox.

May use: widgets, help (its Help button), members, outbox, sync, pont.core.

Other packages use: address_check, held_view, requests_view, status_label.
"""
