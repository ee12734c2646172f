"""Mailbox to archive: sync reads INBOX and Sent (sync_fetch, sync_state; sync_connection
connects again when the server drops, sync_skips remembers what it passed over, spool keeps
large messages on disk), or graph_sync reads them through Microsoft Graph (graph_sync_state),
both reporting alike (sync_report); filing keeps the groups' traffic, messages and
message_headers parse it (mail_decoding for any charset, set_aside so a large message stays
cheap), threads and conversations thread it, search finds it, reading shows it, html_cleaning
makes received HTML safe.

May use: members, mail, and the loose core modules.
"""
