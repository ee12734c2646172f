"""Getting started: the guide (Markdown under resources/guide, in English and Welsh, shown in a
window of its own; each dialog's Help button opens its section) and the welcome page a
profile with no group yet shows in place of the members table.

May use: widgets and pont.core.
Other packages use: guide, welcome.
"""
