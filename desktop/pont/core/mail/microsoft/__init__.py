"""Microsoft 365 and Outlook.com: signing in with Microsoft, and what an IT team needs to allow it."""
