"""The group's own mail, handled after each sync (issue 14): what sync set aside
(archive/inbound.py) is handled once each by `handling`: a member's post to the group
address relayed to the others through the outbox (`relay`, `relay_message`; never
auto-replies, bounces or Pont's own copies: `automatic`), or held for the coordinator
(`held`); bounces recognised with flufl.bounce and scored per post (`bounces`); join and
leave requests, confirmations and consent (`requests`, `consent`, `member_data`); welcome
and goodbye notices and other one-person messages (`notices`); and the test that a group's
address reaches the mailbox (`address_check`).

May use: members, mail, archive, posting, and the loose core modules.
"""
