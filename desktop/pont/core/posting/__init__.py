"""Group posts: posts builds the message (tag, list headers, with footer's footer), headers
writes its header lines and checks them once serialised, drafts keeps the ones being
written, international covers addresses beyond ASCII, and outbox/ sends them exactly once.

May use: members, mail, archive, and the loose core modules.
"""
