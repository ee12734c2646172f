"""Exchange Online's sending limits, which hold for mail sent through Microsoft Graph
(learn.microsoft.com, "Exchange Online limits"; Graph's Outlook service throttling)."""

from __future__ import annotations

RECIPIENTS_PER_MESSAGE = 500  # To, Cc and Bcc together
RECIPIENTS_PER_DAY = 10_000  # the rolling 24 hours
MESSAGES_PER_MINUTE = 30
CONCURRENT_REQUESTS = 4  # Graph requests at once per mailbox
# Graph refuses a request body over 4 MB (413); sendMail's MIME goes base64-encoded, 4 bytes
# for every 3, so a message may be at most 3 MB.
REQUEST_LIMIT = 4 * 1024 * 1024
MIME_LIMIT = REQUEST_LIMIT // 4 * 3
