"""Mailbox to archive: sync reads INBOX and Sent, filing keeps the groups' traffic, messages
and message_headers parse it (mail_decoding for any charset), threads and conversations
thread it, search finds it, reading shows it, html_cleaning makes received HTML safe.

May use: members, mail, and the loose core modules.
"""
