"""The Mail menu's syncing: the controller (now, at start-up, every few minutes), its jobs, and
the dialog that sets how often.

May use: widgets, accounts, and pont.core.
Other packages use: controller.
"""
