"""The application and its main window: the frame, menus and toolbar, undo and redo, the
language menu, and Qt's own strings for the translation.

May use: every ui package through its public modules, and pont.core.
Other packages use: application, main_window, members_first, tray.
"""
