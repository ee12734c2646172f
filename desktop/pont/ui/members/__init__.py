"""The members' table and what acts on it: the model, its columns and roster, inline editors,
undoable commands, the member dialog, the groups sidebar and group dialog (with its pages
about the group's mail and notices, group_mail_page), and bringing members in and out of a
group (transfer_actions).

May use: widgets, help (its Help button), importing (its dialog), and pont.core.
Other packages use: group_actions, groups_sidebar, member_actions, transfer_actions, view.
"""
