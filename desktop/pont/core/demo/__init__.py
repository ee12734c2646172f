"""The demo profile: a sample group with members (profile), its archive of conversations
(archive), and the rehearsal mail world its posts go through (rehearsal: the real outbox,
delivering to nobody, with time sped up and a member's reply).

May use: every other core package; nothing uses it but the window and the command line.
"""
