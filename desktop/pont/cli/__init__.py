"""The `pont` command: `main` parses the arguments and runs one command family's module
(groups, members, accounts, archive, posting, profile); `output` holds what they share.

May use: pont.core, and pont.app to open the window. Never imported by core or ui.
"""
