"""The composer: the window, its editor, attachments, "Who gets this" panel, the draft it
keeps, replying to a message, and the sending box; `direct`, the window for a message to one
person (a private reply to a sender, a forward); actions holds New post, Reply to group,
Reply to sender, Forward and the Outbox as the main window's actions.

May use: widgets, help (its Help button), conversations (formatting), outbox, and pont.core.
Other packages use: actions.
"""
