"""Microsoft Graph over HTTPS: the client (client) that sends a post's MIME, pages through
delta queries and fetches messages, and the reading of Graph's answers (answers), which are
hostile bytes like any other; and Exchange Online's sending limits (limits).
"""
