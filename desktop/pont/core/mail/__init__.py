"""The coordinator's mailbox: accounts and their server settings, the providers Pont knows,
discovery of the settings that work, passwords in the keyring, signed-in IMAP and SMTP
connections, the server's own words, and the Sent folder.

May use: members (address checks), and the loose core modules.
"""
