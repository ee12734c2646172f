"""Exceptions the core raises; each carries one plain sentence a person can act on."""

from __future__ import annotations

from pont.core.sizes import human_size


class PontError(Exception):
    """Base for errors meant to be shown to the coordinator as they are."""


class InvalidAddress(PontError):
    def __init__(self, address: str, reason: str) -> None:
        self.address = address
        self.reason = reason
        shown = address if address.strip() else "(empty)"
        super().__init__(f"“{shown}” is not a usable email address: {reason}")


class DuplicateMember(PontError):
    def __init__(self, address: str, group_name: str) -> None:
        self.address = address
        super().__init__(f"{address} is already a member of {group_name}.")


class MemberNotFound(PontError):
    def __init__(self, address: str, group_name: str) -> None:
        super().__init__(f"{address} is not a member of {group_name}.")


class GroupNotFound(PontError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"There is no group called “{name}”. `pont group list` shows the groups there are."
        )


class DuplicateGroup(PontError):
    def __init__(self, name: str) -> None:
        super().__init__(f"There is already a group called “{name}”. Choose another name.")


class InvalidGroup(PontError):
    """A group's name or tag cannot be used as given."""


class ImportFileError(PontError):
    """A file or pasted text that cannot be read as a list of contacts; nothing was changed."""


class ProfileLocked(PontError):
    """The profile's database is busy in another program."""


# Mail: each failure the coordinator can meet, one plain sentence with the next step.
# Messages never contain a password.


class MailError(PontError):
    """Talking to the mail servers went wrong; nothing was saved or sent."""


class AuthenticationFailed(MailError):
    def __init__(self, email: str, server: str) -> None:
        self.email = email
        self.server = server
        super().__init__(
            f"{server} did not accept the password for {email}. "
            "Check it and type it again (passwords are case-sensitive)."
        )


class AppPasswordRequired(MailError):
    """The provider refuses the normal password for mail programs; it wants an app password."""

    def __init__(self, provider: str, help_url: str, where: str = "") -> None:
        self.provider = provider
        self.help_url = help_url
        self.where = where  # where on that page, e.g. "Sign-In and Security → App-Specific ..."
        place = f"{help_url} ({where})" if where else help_url
        super().__init__(
            f"{provider} did not accept this password. {provider} needs an app password for "
            f"mail programs like Pont: make one at {place} and use it here instead."
        )


class MicrosoftSignInRequired(MailError):
    def __init__(self, provider: str) -> None:
        self.provider = provider
        super().__init__(
            f"{provider} only lets mail programs in through Microsoft's own sign-in page, "
            "which Pont does not support yet. Use another mailbox for the group for now."
        )


class ServerNotFound(MailError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"There is no mail server called {host}. Check the server name, "
            "and that this computer is online."
        )


class ServerUnreachable(MailError):
    def __init__(self, host: str, port: int, what_happened: str) -> None:
        self.host = host
        self.port = port
        super().__init__(
            f"{host} (port {port}) {what_happened}. Check the port and security settings, "
            "or try again later; a firewall may be blocking it."
        )


class CertificateNotTrusted(MailError):
    """The server's certificate could not be verified; the user may pin this one certificate."""

    def __init__(self, host: str, fingerprint_sha256: str, reason: str) -> None:
        self.host = host
        self.fingerprint_sha256 = fingerprint_sha256
        self.reason = reason
        super().__init__(
            f"Pont could not confirm it is really talking to {host} ({reason}), so it did not "
            "send your password. If your provider says this certificate is right, "
            "you can choose to trust it."
        )


class InsecureConnectionRefused(MailError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"Pont will not send your password to {host} without encryption. "
            "Choose SSL/TLS or STARTTLS."
        )


class EncryptionNotOffered(InsecureConnectionRefused):
    """STARTTLS was chosen but the server does not offer it: Pont will not carry on without."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        MailError.__init__(
            self,
            f"{host} (port {port}) does not offer encryption (STARTTLS), and Pont will not send "
            "your password without it. Try SSL/TLS instead (port 993 for IMAP, 465 for SMTP).",
        )


class LoginNotOffered(MailError):
    """The server offers no password sign-in on this connection (often: it wants TLS first)."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        super().__init__(
            f"{host} (port {port}) does not offer a password sign-in on this connection. "
            "Check the port and security settings (SSL/TLS or STARTTLS)."
        )


class ConnectionLost(MailError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"The connection to {host} dropped. Everything received so far is kept; "
            "the next sync carries on from there."
        )


class ServerRefused(MailError):
    """The server answered NO or BAD to a command in the middle of a sync."""

    def __init__(self, host: str, what: str, answer: str) -> None:
        self.host = host
        self.what = what  # e.g. "send the new mail in INBOX"
        self.answer = answer  # the server's own words, short
        super().__init__(
            f"{host} refused to {what} (its answer: {answer}). Everything received so far "
            "is kept. Try again later; if it keeps happening, show this message to your "
            "email provider."
        )


class SettingsNotFound(MailError):
    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(
            f"Pont could not find the mail server settings for {email}. Check that this "
            "computer is online, or enter them by hand: your provider's help pages list them."
        )


class AccountNotFound(PontError):
    def __init__(self, email: str) -> None:
        super().__init__(
            f"There is no mail account {email} in Pont. `pont account list` shows the accounts."
        )


class KeyringUnavailable(PontError):
    def __init__(self) -> None:
        super().__init__(
            "This computer has no password store (keyring) Pont can use, so Pont cannot "
            "remember your password: it will ask for it each time you start."
        )


class PasswordNeeded(PontError):
    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(f"Pont needs the password for {email}: it has none stored.")


class AttachmentNotFound(PontError, LookupError):
    def __init__(self, filename: str = "") -> None:
        shown = f"“{filename}”" if filename else "This attachment"
        super().__init__(
            f"{shown} is no longer in Pont's archive, so it cannot be saved. "
            "Sync again, or open the message in your usual mail program."
        )


# The outbox: what stops a post going out, said so the coordinator knows what to do next.


class CopyAllTooLarge(PontError):
    """A copy-everyone-in group has more members than one message may carry."""

    def __init__(self, members: int, limit: int, provider: str) -> None:
        self.members = members
        self.limit = limit
        super().__init__(
            f"This group has {members} members, but {provider} lets one message go to at most "
            f"{limit} people, so the post cannot copy everyone in. Switch the group to "
            "“group address”: members then get it in batches, and replies come to the group "
            "address for Pont to pass on."
        )


class MessageTooLarge(PontError):
    def __init__(self, size: int, limit: int, host: str) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"This post is {human_size(size)} with its attachments, and {host} takes messages "
            f"of at most {human_size(limit)}. Make the attachments smaller, or share them as a "
            "link, and send it again."
        )


class OutboxBusy(PontError):
    def __init__(self) -> None:
        super().__init__(
            "Another Pont window or command is sending from this outbox right now. "
            "Let it finish, or close it, and try again."
        )


class PostNotFound(PontError):
    def __init__(self, post_id: int) -> None:
        super().__init__(f"There is no post number {post_id} in the outbox.")


# Backups and hand-over: what stops Pont keeping, restoring or moving a profile's data.
# Each says whether anything changed (it never has, when these are raised).


class BackupFailed(PontError):
    """A backup or an export could not be written."""


class BackupUnusable(PontError):
    """A backup or an exported database is damaged, or is not Pont's data; nothing was changed."""


class NotAPontExport(PontError):
    """A file given to "Import everything" is not one Pont's "Export everything" wrote."""


class ProfileNotEmpty(PontError):
    """Importing would replace a profile that already holds groups or accounts."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(
            f"This profile already holds {what}. Nothing was imported: import into a new, empty "
            "profile, or choose to replace what is here (Pont keeps it as a backup first)."
        )
