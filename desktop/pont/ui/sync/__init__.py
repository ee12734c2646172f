"""The Mail menu's syncing: the controller (now, at start-up, every few minutes), its jobs, and
the dialog that sets how often.

May use: widgets, help (its Help button), accounts, and pont.core.
Other packages use: controller.
"""
