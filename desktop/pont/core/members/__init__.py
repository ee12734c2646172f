"""Groups and their members: groups, members, the contacts importers produce, address
checks, importing into a group (importers/ reads files and pasted text), exporters/, and the
coordinator's own wording of a group's notices (notice_templates).

May use: the loose core modules only; it is the lowest package.
"""
