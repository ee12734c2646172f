"""The import dialog: a file or pasted addresses, read on a worker (sources, jobs), previewed
under its column choices, imported, and reported.

May use: widgets, help (its Help button), and pont.core.
Other packages use: dialog.
"""
