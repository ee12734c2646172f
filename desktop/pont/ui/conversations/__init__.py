"""A group's conversations: the tab, the thread list and search results (one row per
conversation) with their models, the reader (with each message's reply and forward links),
opening attachments from private copies, and formatting (friendly dates, sizes, names,
folded quotes, safe file names).

May use: widgets and pont.core.
Other packages use: formatting, tab.
"""
