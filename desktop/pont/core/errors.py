"""Exceptions the core raises; each carries one plain sentence a person can act on."""

from __future__ import annotations

from pont.core.i18n import translate
from pont.core.sizes import human_size


class PontError(Exception):
    """Base for errors meant to be shown to the coordinator as they are."""


class InvalidAddress(PontError):
    def __init__(self, address: str, reason: str) -> None:
        self.address = address
        self.reason = reason
        shown = address if address.strip() else translate("Errors", "(empty)")
        super().__init__(
            translate("Errors", "“{address}” is not a usable email address: {reason}").format(
                address=shown, reason=reason
            )
        )


class DuplicateMember(PontError):
    def __init__(self, address: str, group_name: str) -> None:
        self.address = address
        super().__init__(
            translate("Errors", "{address} is already a member of {group}.").format(
                address=address, group=group_name
            )
        )


class MemberNotFound(PontError):
    def __init__(self, address: str, group_name: str | None = None) -> None:
        if group_name is None:  # a member id that no longer exists in any group
            message = translate("Errors", "{address} is no longer a member.")
        else:
            message = translate("Errors", "{address} is not a member of {group}.")
        super().__init__(message.format(address=address, group=group_name))


class GroupNotFound(PontError):
    def __init__(self, name: str) -> None:
        super().__init__(
            translate(
                "Errors",
                "There is no group called “{name}”. `pont group list` shows the groups there are.",
            ).format(name=name)
        )


class DuplicateGroup(PontError):
    def __init__(self, name: str) -> None:
        super().__init__(
            translate(
                "Errors", "There is already a group called “{name}”. Choose another name."
            ).format(name=name)
        )


class InvalidGroup(PontError):
    """A group's name or tag cannot be used as given."""


class ImportFileError(PontError):
    """A file or pasted text that cannot be read as a list of contacts; nothing was changed."""


class ProfileLocked(PontError):
    """The profile's database is busy in another program."""


class ProfileInUse(PontError):
    """Another Pont (a window, or a command replacing the data) has this profile."""

    def __init__(self, data_dir: str) -> None:
        super().__init__(
            translate(
                "Errors",
                "Pont is already open with the profile in {folder}. Only one Pont can use a "
                "profile at a time: switch to that window, or close it and try again.",
            ).format(folder=data_dir)
        )


class ProfileFolderUnusable(PontError):
    """The folder for the profile's data cannot be made or written in."""

    def __init__(self, folder: str, reason: str) -> None:
        super().__init__(
            translate(
                "Errors",
                "Pont cannot keep its data in {folder} ({reason}). Check that the folder can "
                "be written to, or choose another one with --data-dir.",
            ).format(folder=folder, reason=reason)
        )


class ProfileUnreadable(PontError):
    """The profile's database cannot be opened: not a database, damaged, or read-only."""

    def __init__(self, path: str, reason: str, backups: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            translate(
                "Errors",
                "Pont cannot open its data in {path} ({reason}). If the file is read-only, make "
                "it writable. If it is damaged, copy the newest backup in {backups} in its "
                "place, or choose another folder with --data-dir.",
            ).format(path=path, reason=reason, backups=backups)
        )


# Mail: each failure the coordinator can meet, one plain sentence with the next step.
# Messages never contain a password.


class MailError(PontError):
    """Talking to the mail servers went wrong; nothing was saved or sent."""


class AuthenticationFailed(MailError):
    def __init__(self, email: str, server: str) -> None:
        self.email = email
        self.server = server
        super().__init__(
            translate(
                "Errors",
                "{server} did not accept the password for {email}. "
                "Check it and type it again (passwords are case-sensitive).",
            ).format(server=server, email=email)
        )


class AppPasswordRequired(MailError):
    """The provider refuses the normal password for mail programs; it wants an app password."""

    def __init__(self, provider: str, help_url: str, where: str = "") -> None:
        self.provider = provider
        self.help_url = help_url
        self.where = where  # where on that page, e.g. "Sign-In and Security → App-Specific ..."
        if where:
            message = translate(
                "Errors",
                "{provider} did not accept this password. {provider} needs an app password for "
                "mail programs like Pont: make one at {url} ({where}) and use it here instead.",
            ).format(provider=provider, url=help_url, where=where)
        else:
            message = translate(
                "Errors",
                "{provider} did not accept this password. {provider} needs an app password for "
                "mail programs like Pont: make one at {url} and use it here instead.",
            ).format(provider=provider, url=help_url)
        super().__init__(message)


class MicrosoftSignInRequired(MailError):
    def __init__(self, provider: str) -> None:
        self.provider = provider
        super().__init__(
            translate(
                "Errors",
                "{provider} does not take passwords from mail programs: sign in with Microsoft "
                "instead (set the account up again and choose Sign in with Microsoft).",
            ).format(provider=provider)
        )


class ServerNotFound(MailError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            translate(
                "Errors",
                "There is no mail server called {host}. Check the server name, "
                "and that this computer is online.",
            ).format(host=host)
        )


class ServerUnreachable(MailError):
    def __init__(self, host: str, port: int, what_happened: str) -> None:
        self.host = host
        self.port = port
        super().__init__(
            translate(
                "Errors",
                "{host} (port {port}) {what_happened}. Check the port and security settings, "
                "or try again later; a firewall may be blocking it.",
            ).format(host=host, port=port, what_happened=what_happened)
        )


class CertificateNotTrusted(MailError):
    """The server's certificate could not be verified; the user may pin this one certificate."""

    def __init__(self, host: str, fingerprint_sha256: str, reason: str) -> None:
        self.host = host
        self.fingerprint_sha256 = fingerprint_sha256
        self.reason = reason
        super().__init__(
            translate(
                "Errors",
                "Pont could not confirm it is really talking to {host} ({reason}), so it did not "
                "send your password. If your provider says this certificate is right, "
                "you can choose to trust it.",
            ).format(host=host, reason=reason)
        )


class InsecureConnectionRefused(MailError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            translate(
                "Errors",
                "Pont will not send your password to {host} without encryption. "
                "Choose SSL/TLS or STARTTLS.",
            ).format(host=host)
        )


class EncryptionNotOffered(InsecureConnectionRefused):
    """STARTTLS was chosen but the server does not offer it: Pont will not carry on without."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        MailError.__init__(
            self,
            translate(
                "Errors",
                "{host} (port {port}) does not offer encryption (STARTTLS), and Pont will not "
                "send your password without it. Try SSL/TLS instead (port 993 for IMAP, 465 for "
                "SMTP).",
            ).format(host=host, port=port),
        )


class LoginNotOffered(MailError):
    """The server offers no password sign-in on this connection (often: it wants TLS first)."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        super().__init__(
            translate(
                "Errors",
                "{host} (port {port}) does not offer a password sign-in on this connection. "
                "Check the port and security settings (SSL/TLS or STARTTLS).",
            ).format(host=host, port=port)
        )


class ConnectionLost(MailError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            translate(
                "Errors",
                "The connection to {host} dropped. Everything received so far is kept; "
                "the next sync carries on from there.",
            ).format(host=host)
        )


class ServerRefused(MailError):
    """The server answered NO or BAD to a command in the middle of a sync."""

    def __init__(self, host: str, what: str, answer: str) -> None:
        self.host = host
        self.what = what  # e.g. "send the new mail in INBOX"
        self.answer = answer  # the server's own words, short
        super().__init__(
            translate(
                "Errors",
                "{host} refused to {what} (its answer: {answer}). Everything received so far "
                "is kept. Try again later; if it keeps happening, show this message to your "
                "email provider.",
            ).format(host=host, what=what, answer=answer)
        )


class SettingsNotFound(MailError):
    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(
            translate(
                "Errors",
                "Pont could not find the mail server settings for {email}. Check that this "
                "computer is online, or enter them by hand: your provider's help pages list them.",
            ).format(email=email)
        )


class AccountNotFound(PontError):
    def __init__(self, email: str) -> None:
        super().__init__(
            translate(
                "Errors",
                "There is no mail account {email} in Pont. `pont account list` shows the accounts.",
            ).format(email=email)
        )

    @classmethod
    def numbered(cls, account_id: int) -> AccountNotFound:
        """For an account known by its row id, not its address."""
        return cls(translate("Accounts", "number {number}").format(number=account_id))


class NoMailAccount(PontError):
    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "Pont has no mail account yet. Add your mailbox first: Mail ▸ Set up mail "
                "account… in the window, or `pont account add --email EMAIL --password-stdin`.",
            )
        )


class KeyringUnavailable(PontError):
    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "This computer has no password store (keyring) Pont can use, so Pont cannot "
                "remember your password: it will ask for it each time you start.",
            )
        )


class KeyringNeededForMicrosoft(KeyringUnavailable):
    """Signing in with Microsoft needs a keyring: its tokens are never kept anywhere else."""

    def __init__(self) -> None:
        PontError.__init__(
            self,
            translate(
                "Errors",
                "This computer has no password store (keyring) Pont can use, and Pont keeps "
                "Microsoft’s sign-in nowhere else. Set one up (on Linux, GNOME Keyring or "
                "KWallet, unlocked), then sign in with Microsoft again.",
            ),
        )


class PasswordNeeded(PontError):
    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(
            translate("Errors", "Pont needs the password for {email}: it has none stored.").format(
                email=email
            )
        )


class AttachmentNotFound(PontError, LookupError):
    def __init__(self, filename: str = "") -> None:
        if filename:
            message = translate(
                "Errors",
                "“{filename}” is no longer in Pont's archive, so it cannot be saved. "
                "Sync again, or open the message in your usual mail program.",
            ).format(filename=filename)
        else:
            message = translate(
                "Errors",
                "This attachment is no longer in Pont's archive, so it cannot be saved. "
                "Sync again, or open the message in your usual mail program.",
            )
        super().__init__(message)


# The outbox: what stops a post going out, said so the coordinator knows what to do next.


class CopyAllTooLarge(PontError):
    """A copy-everyone-in group has more members than one message may carry."""

    def __init__(self, members: int, limit: int, provider: str) -> None:
        self.members = members
        self.limit = limit
        super().__init__(
            translate(
                "Errors",
                "This group has {members} members, but {provider} lets one message go to at most "
                "{limit} people, so the post cannot copy everyone in. Switch the group to "
                "“group address”: members then get it in batches, and replies come to the group "
                "address for Pont to pass on.",
            ).format(members=members, provider=provider, limit=limit)
        )


class MessageTooLarge(PontError):
    def __init__(self, size: int, limit: int, host: str) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            translate(
                "Errors",
                "This post is {size} with its attachments, and {host} takes messages "
                "of at most {limit}. Make the attachments smaller, or share them as a "
                "link, and send it again.",
            ).format(size=human_size(size), host=host, limit=human_size(limit))
        )


class OutboxBusy(PontError):
    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "Another Pont window or command is sending from this outbox right now. "
                "Let it finish, or close it, and try again.",
            )
        )


class PostNotFound(PontError):
    def __init__(self, post_id: int) -> None:
        super().__init__(
            translate("Errors", "There is no post number {number} in the outbox.").format(
                number=post_id
            )
        )


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
            translate(
                "Errors",
                "This profile already holds {what}. Nothing was imported: import into a new, "
                "empty profile, or choose to replace what is here (Pont keeps it as a backup "
                "first).",
            ).format(what=what)
        )


# Posting: a post's headers, and addresses beyond ASCII (issue 12).


class PostHeadersUnsafe(PontError):
    """A post whose serialised headers do not read back as exactly the ones Pont wrote: it is
    never sent."""

    def __init__(self, header: str = "") -> None:
        self.header = header
        if header:
            message = translate(
                "Errors",
                "Pont could not write the “{header}” line of this post safely, so nothing was "
                "sent. Remove unusual characters from the subject, the names or the file names, "
                "and send it again.",
            ).format(header=header)
        else:
            message = translate(
                "Errors",
                "Pont could not write this post's header lines safely, so nothing was sent. "
                "Remove unusual characters from the subject, the names or the file names, and "
                "send it again.",
            )
        super().__init__(message)


# The profile's database in hard times (issue 12): busy, full, read-only, foreign. Each
# says what happened to the data (nothing was lost) and what to do next.


class ForeignSchema(BackupUnusable):
    """A backup or an export holds tables, indexes, triggers or views other than Pont's own,
    or lacks some; nothing was changed."""


class ProfileBusy(ProfileLocked):
    """Another Pont (or another program) kept writing to the database longer than this
    operation waits its turn."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "Pont's data is busy: another Pont command or window is writing to it. Try "
                "again when it has finished.",
            )
        )


class DiskFull(PontError):
    """The disk holding the profile has no room left; SQLite undid the unfinished change."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "The disk holding Pont's data is full: free some space, then try again. "
                "Nothing was lost.",
            )
        )


class ProfileReadOnly(PontError):
    """The profile's database or folder cannot be written: it opens for reading only."""

    def __init__(self, folder: str = "", needs_update: bool = False) -> None:
        self.folder = folder
        if needs_update:
            message = translate(
                "Errors",
                "Pont's data in {folder} is read-only, and was saved by an older version of "
                "Pont that must update it first. Make the folder and its files writable, then "
                "try again.",
            )
        elif folder:
            message = translate(
                "Errors",
                "Pont's data in {folder} is read-only, so Pont can show it but not change it. "
                "Make the folder and its files writable, then try again.",
            )
        else:
            message = translate(
                "Errors",
                "Pont's data is read-only, so Pont can show it but not change it. Make the "
                "profile's folder and its files writable, then try again.",
            )
        super().__init__(message.format(folder=folder))


class DiskProblem(PontError):
    """Reading or writing the database failed below SQLite (a drive removed, a bad sector)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            translate(
                "Errors",
                "Pont could not read or write its data on the disk ({reason}). Check that the "
                "drive is still connected, then try again.",
            ).format(reason=reason)
        )


# The mail archive (issue 12): a message the coordinator asked for is no longer stored.


class MessageNotFound(PontError, LookupError):
    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "This message is no longer in Pont's archive, so it cannot be saved. "
                "Sync again, or open the message in your usual mail program.",
            )
        )


# The outbox's receipts (issue 12, 13): settling a batch whose answer never came.


class ReceiptLookupFailed(MailError):
    """Pont could not look in the mailbox for a batch's receipt; the batch is left unsettled
    (never sent again blind), to be looked for on the next run."""

    def __init__(self, host: str, reason: str) -> None:
        self.host = host
        self.reason = reason
        super().__init__(
            translate(
                "Errors",
                "Pont could not look in your mailbox on {host} to see whether a batch had "
                "gone ({reason}). It has not sent that batch again: it will look again the "
                "next time it sends.",
            ).format(host=host, reason=reason)
        )


# Knowing the mailbox before asking for a password (issue 13): this computer offline, and a
# domain that takes no mail.


class Offline(MailError):
    """No name server answered at all: this computer is not connected (as opposed to a name
    that does not exist, which a name server said)."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "Pont cannot reach the internet from this computer. Check that it is connected, "
                "then try again.",
            )
        )


class DomainHasNoMail(MailError):
    """The address's domain does not exist, or says it takes no mail (a "null MX", RFC 7505)."""

    def __init__(self, domain: str, exists: bool = False) -> None:
        self.domain = domain
        self.exists = exists
        if exists:
            message = translate(
                "Errors",
                "{domain} does not take email, so this address cannot be used. Check the part "
                "after the @ for a typing mistake.",
            )
        else:
            message = translate(
                "Errors",
                "There is no domain called {domain}, so no email can reach this address. Check "
                "the part after the @ for a typing mistake.",
            )
        super().__init__(message.format(domain=domain))


# Signing in with an access token (issue 13, IMAP and SMTP over XOAUTH2).


class AccessTokenRefused(MailError):
    """The server refused the access token Pont signed in with (not a password)."""

    def __init__(self, email: str, server: str, kind: str) -> None:
        self.email = email
        self.server = server
        self.kind = kind  # "IMAP" or "SMTP": which of the account's servers refused it
        super().__init__(
            translate(
                "Errors",
                "{server} did not accept Pont's sign-in for {email}. Sign in to your account "
                "again. If it is refused again, ask whoever looks after your email whether "
                "this mailbox may be used by mail programs ({kind}).",
            ).format(server=server, email=email, kind=kind)
        )


class SmtpAuthDisabled(MailError):
    """Exchange Online's 535 5.7.139: SMTP AUTH is turned off for the organisation (or the
    mailbox), so posts must go through Microsoft Graph."""

    def __init__(self, email: str, server: str) -> None:
        self.email = email
        self.server = server
        super().__init__(
            translate(
                "Errors",
                "Your organisation has turned off sending through SMTP for {email}, so "
                "{server} will not take posts that way. Pont will send through Microsoft "
                "Graph instead where your organisation allows it.",
            ).format(email=email, server=server)
        )


class TokenSignInNotOffered(MailError):
    """The server does not offer XOAUTH2, the only way to sign in with an access token."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        super().__init__(
            translate(
                "Errors",
                "{host} (port {port}) does not offer the sign-in your account needs "
                "(XOAUTH2). Check the server names and ports in the account's settings.",
            ).format(host=host, port=port)
        )


# Microsoft Graph (issue 13, the Graph part): the mailbox reached through Graph's HTTPS API.


class GraphAddressUnusable(MailError):
    """The Microsoft Graph address Pont was given (a setting, PONT_GRAPH_ENDPOINT) is no
    HTTPS address."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(
            translate(
                "Errors",
                "“{address}” is not an address Pont can reach Microsoft Graph at: it must "
                "start with https://. Check the Microsoft settings your IT team gave you.",
            ).format(address=address)
        )


class GraphUnreachable(MailError):
    """Nothing reached Microsoft Graph: no connection (offline, a firewall, TLS refused)."""

    def __init__(self, host: str, reason: str) -> None:
        self.host = host
        self.reason = reason
        super().__init__(
            translate(
                "Errors",
                "Pont could not reach Microsoft 365 at {host} ({reason}). Check that this "
                "computer is online, then try again.",
            ).format(host=host, reason=reason)
        )


class GraphAnswerLost(GraphUnreachable):
    """The request went to Microsoft Graph, and its answer never came: whatever it asked
    for may have been done."""

    def __init__(self, host: str, reason: str) -> None:
        self.host = host
        self.reason = reason
        MailError.__init__(
            self,
            translate(
                "Errors",
                "The connection to Microsoft 365 at {host} dropped before it answered "
                "({reason}). Pont will check what became of the request before trying again.",
            ).format(host=host, reason=reason),
        )


class GraphSignInRefused(MailError):
    """Microsoft Graph refused Pont's access token twice running (401)."""

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(
            translate(
                "Errors",
                "Microsoft 365 did not accept Pont's sign-in for {email}. Sign in with "
                "Microsoft again; nothing waiting to go has been lost.",
            ).format(email=email)
        )


class GraphAccessDenied(MailError):
    """Microsoft Graph answered 403: the permission is not granted, or the mailbox refuses."""

    def __init__(self, email: str, sending: bool) -> None:
        self.email = email
        self.sending = sending
        if sending:
            message = translate(
                "Errors",
                "Microsoft 365 does not let Pont send mail from {email}. Sign in with "
                "Microsoft again and allow Pont to send mail, or ask your IT team to allow it.",
            )
        else:
            message = translate(
                "Errors",
                "Microsoft 365 does not let Pont read the mail of {email}. Sign in with "
                "Microsoft again and allow Pont to read mail, or ask your IT team to allow it.",
            )
        super().__init__(message.format(email=email))


class GraphBusy(MailError):
    """Microsoft Graph asked Pont to wait (429 or 503, with Retry-After) longer than Pont
    waits within one request."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(
            translate(
                "Errors",
                "Microsoft 365 asked Pont to wait {seconds} seconds before trying again. "
                "Nothing was lost: Pont tries again after that.",
            ).format(seconds=round(retry_after))
        )


class GraphRefused(MailError):
    """Microsoft Graph refused the request with an error of its own."""

    def __init__(self, status: int, code: str, answer: str) -> None:
        self.status = status
        self.code = code  # Graph's error code, e.g. "ErrorInvalidRecipients"
        self.answer = answer  # its message, short
        super().__init__(
            translate(
                "Errors",
                "Microsoft 365 refused the request (its answer: {answer}). Try again later; if "
                "it keeps happening, show this message to your IT team.",
            ).format(answer=answer)
        )


class GraphItemGone(GraphRefused):
    """The message asked for is no longer in the mailbox (404)."""

    def __init__(self, status: int, code: str, answer: str) -> None:
        self.status, self.code, self.answer = status, code, answer
        MailError.__init__(
            self,
            translate(
                "Errors",
                "That message is no longer in the mailbox on Microsoft 365: it was moved or "
                "deleted meanwhile.",
            ),
        )


class GraphSyncStateLost(MailError):
    """Microsoft Graph no longer knows the delta link Pont kept for a folder (410)."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "Microsoft 365 no longer knows where Pont's last sync of this folder ended, so "
                "Pont reads the folder again from the start. Nothing is lost.",
            )
        )


class GraphAnswerUnreadable(MailError):
    """Microsoft Graph (or whatever answered in its place) sent what Pont cannot read."""

    def __init__(self, host: str, what: str) -> None:
        self.host = host
        self.what = what
        super().__init__(
            translate(
                "Errors",
                "{host} sent an answer Pont could not read as Microsoft 365's ({what}). Try "
                "again later; if it keeps happening, check the Microsoft settings with your "
                "IT team.",
            ).format(host=host, what=what)
        )


# Signing in with Microsoft (issue 13, sign-in): the setup, the browser and the tokens.


class MicrosoftSignInNotSetUp(MailError):
    """No application id: the project has not registered one, nor has the organisation."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "This copy of Pont has no Microsoft sign-in set up. Your IT team can set one "
                "up: register Pont in Microsoft Entra as a public client, then give its "
                "application (client) ID to Pont in the PONT_MICROSOFT_CLIENT_ID environment "
                "variable or in the profile's “microsoft” setting (and a single-tenant "
                "registration's sign-in address in PONT_MICROSOFT_AUTHORITY).",
            )
        )


class MicrosoftSetupInvalid(PontError):
    def __init__(self, setting: str, value: str, example: str) -> None:
        self.setting = setting
        super().__init__(
            translate(
                "Errors",
                "Pont cannot use “{value}” as the Microsoft sign-in setting {setting}: it must "
                "be an address like {example}. Check the setting or environment variable "
                "that gives it.",
            ).format(value=value[:200], setting=setting, example=example)
        )


class MicrosoftSignInExpired(MailError):
    """The refresh token expired or was revoked (or there is none): only a new sign-in helps."""

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(
            translate(
                "Errors",
                "Pont needs you to sign in with Microsoft again for {email}: the sign-in it "
                "had has expired or was withdrawn. Nothing is lost: the outbox waits until "
                "you do.",
            ).format(email=email)
        )


class MicrosoftConsentNeeded(MailError):
    """A feature needs a permission not yet granted (incremental consent): sign in for it."""

    def __init__(self, email: str, permission: str, what: str) -> None:
        self.email = email
        self.permission = permission  # the scope's name, e.g. "Mail.Read"
        super().__init__(
            translate(
                "Errors",
                "Pont needs your permission to {what} with {email}. Sign in with Microsoft "
                "again to allow it.",
            ).format(what=what, email=email)
        )


class AdminApprovalRequired(MailError):
    """The organisation lets only an administrator grant these permissions to Pont."""

    def __init__(self, email: str, tenant: str, permissions: tuple[str, ...]) -> None:
        self.email = email
        self.tenant = tenant  # the tenant's id or domain, for its admin-consent address
        self.permissions = permissions  # the scopes' names, e.g. ("IMAP.AccessAsUser.All",)
        super().__init__(
            translate(
                "Errors",
                "Microsoft says an administrator must approve Pont before it may use "
                "{permissions} for {email}. Ask your IT team to approve Pont; everything "
                "that does not need this keeps working meanwhile.",
            ).format(permissions=", ".join(permissions), email=email)
        )


class MicrosoftConsentRefused(MailError):
    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(
            translate(
                "Errors",
                "Pont was not given permission to use {email}, so it cannot reach this "
                "mailbox. To carry on, sign in with Microsoft again and accept what it asks.",
            ).format(email=email)
        )


class MicrosoftSignInTimedOut(MailError):
    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes <= 1:
            message = translate(
                "Errors",
                "The Microsoft sign-in did not finish within a minute. If you closed the "
                "sign-in page, start signing in again.",
            )
        else:
            message = translate(
                "Errors",
                "The Microsoft sign-in did not finish within {minutes} minutes. If you closed "
                "the sign-in page, start signing in again.",
            ).format(minutes=minutes)
        super().__init__(message)


class MicrosoftSignInCancelled(MailError):
    def __init__(self) -> None:
        super().__init__(
            translate(
                "Errors",
                "Signing in with Microsoft was stopped before it finished. Nothing was changed.",
            )
        )


class MicrosoftUnreachable(MailError):
    def __init__(self, host: str, reason: str) -> None:
        self.host = host
        self.reason = reason
        super().__init__(
            translate(
                "Errors",
                "Pont could not reach the sign-in service at {host} ({reason}). Check that "
                "this computer is online, then try again.",
            ).format(host=host, reason=reason)
        )


class MicrosoftAuthorityUnusable(MailError):
    """The sign-in address answers, but not as a Microsoft or OpenID Connect service does."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(
            translate(
                "Errors",
                "{address} does not answer as a Microsoft or OpenID Connect sign-in service "
                "should. Check the sign-in address Pont was given (PONT_MICROSOFT_AUTHORITY or "
                "the profile's “microsoft” setting).",
            ).format(address=address[:200])
        )


class MicrosoftSignInFailed(MailError):
    """The sign-in service refused for a reason Pont has no better sentence for."""

    def __init__(self, host: str, answer: str) -> None:
        self.host = host
        self.answer = answer  # the error's codes only ("invalid_request, AADSTS50011")
        super().__init__(
            translate(
                "Errors",
                "The sign-in service at {host} refused (its answer: {answer}). Try again "
                "later; if it keeps happening, show this message to your IT team.",
            ).format(host=host, answer=answer)
        )
