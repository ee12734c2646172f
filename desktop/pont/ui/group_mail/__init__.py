"""The group's own mail in the window (issue 14): held posts, join and leave requests,
bounces, the check that a group's address reaches the mailbox, and a new group made from a
conversation found in the mailbox (from_conversation, with conversation_people and
mailbox_search_job).

May use: widgets, help (its Help button), members, outbox, sync, pont.core.

Other packages use: address_check, from_conversation, held_view, requests_view, status_label.
"""
