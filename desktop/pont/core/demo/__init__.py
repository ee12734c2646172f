"""The demo profile: a sample group with members (profile), its archive of conversations
(archive), and posts that go nowhere (posts).

May use: every other core package; nothing uses it but the window and the command line.
"""
