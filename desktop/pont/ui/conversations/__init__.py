"""A group's conversations: the tab, the thread list and search results with their models,
the reader, and formatting (friendly dates, sizes, names, folded quotes).

May use: widgets and pont.core.
Other packages use: formatting, tab.
"""
