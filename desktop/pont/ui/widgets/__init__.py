"""Widgets and helpers every window shares: the look (colours, wrapped labels), the focus
rings' style the application draws in, the hint bar, the page stack, the empty state,
message-box prompts, access keys kept out of text boxes, and workers, the one way long work
runs off the GUI thread.

May use: pont.core and ui.language only.
Other packages use: access_keys, empty_state, focus_rings, hint_bar, look, page_stack, prompts,
workers.
"""
