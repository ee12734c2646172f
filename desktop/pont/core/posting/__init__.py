"""Group posts: posts builds the message (tag, list headers, footer), drafts keeps the ones
being written, and outbox/ sends them exactly once.

May use: members, mail, archive, and the loose core modules.
"""
