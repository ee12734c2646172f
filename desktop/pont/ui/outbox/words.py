"""A post in the outbox, and one step of sending it, in plain words."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from pont.core.i18n import Sentence
from pont.core.posting.international import NO_SMTPUTF8
from pont.core.posting.outbox.outbox import (
    BatchState,
    OutboxReport,
    PostState,
    PostStatus,
    RecipientResult,
    SendProgress,
)
from pont.ui.conversations.formatting import qt_moment
from pont.ui.language import shown

translate = QCoreApplication.translate
REFUSED_SHOWN = 5  # refused addresses named in a sentence; the Outbox window lists them all


def _number(number: int) -> str:
    return f"{number:,}"


def _when(moment: datetime) -> str:
    today = datetime.now().astimezone().date()
    form = "HH:mm" if moment.astimezone().date() == today else "ddd dd MMM, HH:mm"
    return QLocale().toString(qt_moment(moment), form)


def stored(note: str) -> str:
    """A note the outbox kept in the profile (a batch's or a post's problem) in the window's
    language: the core stores its sentences whole; a note kept as plain English by an older
    Pont is looked up among the fixed sentences the core marks for "Outbox"."""
    if isinstance(note, Sentence) or not note:
        return shown(note)
    return QCoreApplication.translate("Outbox", note)


def _sentences(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def _sent_to(done: int, total: int) -> str:
    if total == 1:
        return translate("OutboxWords", "Sent to {done} of 1 member.").format(done=_number(done))
    return translate("OutboxWords", "Sent to {done} of {count} members.").format(
        done=_number(done), count=_number(total)
    )


def progress_words(step: SendProgress) -> str:
    """What the progress line says as a batch starts, goes, waits or fails."""
    if step.state is BatchState.SENDING:
        if step.batches > 1:
            return translate("OutboxWords", "Sending batch {batch} of {batches}…").format(
                batch=step.batch, batches=step.batches
            )
        if step.recipients == 1:
            return translate("OutboxWords", "Sending to 1 member…")
        return translate("OutboxWords", "Sending to {count} members…").format(
            count=_number(step.recipients)
        )
    if step.state is BatchState.SENT:
        return _sentences(_sent_to(step.recipients_done, step.recipients), shown(step.detail))
    if step.state is BatchState.WAITING:
        return shown(step.detail) or translate(
            "OutboxWords", "Batch {batch} waits for later."
        ).format(batch=step.batch)
    if step.state is BatchState.FAILED:
        return _sentences(
            translate("OutboxWords", "Batch {batch} could not be sent.").format(batch=step.batch),
            shown(step.detail),
        )
    return translate("OutboxWords", "Batch {batch}: cancelled.").format(batch=step.batch)


def state_words(post: PostStatus) -> str:
    """A short state for the Outbox window's list."""
    sent = sum(1 for b in post.batches if b.state is BatchState.SENT)
    batches = len(post.batches)
    match post.state:
        case PostState.SENT:
            if post.complete:
                return translate("OutboxWords", "Sent")
            return translate("OutboxWords", "Sent, some refused")
        case PostState.QUEUED | PostState.SENDING:
            if post.next_attempt is not None:
                return translate("OutboxWords", "Waiting until {time}").format(
                    time=_when(post.next_attempt)
                )
            if post.state is PostState.SENDING:
                return translate("OutboxWords", "Sending")
            return translate("OutboxWords", "Waiting to send")
        case PostState.PAUSED:
            return translate("OutboxWords", "Paused: password refused")
        case PostState.FAILED:
            return translate(
                "OutboxWords", "Not sent ({failed} of {batches} batches failed)"
            ).format(failed=batches - sent, batches=batches)
        case PostState.CANCELLED:
            return translate("OutboxWords", "Cancelled")
    return post.state.value


def _outcome(post: PostStatus, accepted: int, refused: bool) -> str:
    """How far the post got, in one sentence ('' when nobody has it yet)."""
    total = post.recipients
    one = total == 1
    if post.state is PostState.SENT and not refused:
        if one:
            return translate("OutboxWords", "Sent to all 1 member.")
        return translate("OutboxWords", "Sent to all {count} members.").format(count=_number(total))
    if post.state is PostState.CANCELLED:
        if one:
            text = translate(
                "OutboxWords", "Cancelled: {accepted} of 1 member had it before you stopped it."
            )
        else:
            text = translate(
                "OutboxWords",
                "Cancelled: {accepted} of {count} members had it before you stopped it.",
            )
        return text.format(accepted=_number(accepted), count=_number(total))
    if post.state is PostState.PAUSED:
        if one:
            text = translate(
                "OutboxWords",
                "Sending paused after {accepted} of 1 member: {problem}. "
                "Then choose Resume to type the password again.",
            )
        else:
            text = translate(
                "OutboxWords",
                "Sending paused after {accepted} of {count} members: {problem}. "
                "Then choose Resume to type the password again.",
            )
        return text.format(
            accepted=_number(accepted),
            count=_number(total),
            problem=stored(post.problem).rstrip("."),
        )
    return _sent_to(accepted, total) if accepted else ""


def _unreachable_words(post: PostStatus) -> str:
    """The members a server without SMTPUTF8 cannot reach, by name, and what to do."""
    unreachable = [r for r in post.with_result(RecipientResult.REFUSED) if r.reason == NO_SMTPUTF8]
    if not unreachable:
        return ""
    named = "; ".join(
        f"{r.name} ({r.email})" if r.name else r.email for r in unreachable[:REFUSED_SHOWN]
    )
    more = len(unreachable) - REFUSED_SHOWN
    if len(unreachable) == 1:
        text = translate(
            "OutboxWords",
            "{named} cannot be reached through your mail server: it cannot send to an address "
            "with letters beyond A to Z (it does not offer SMTPUTF8). Ask for another address, "
            "or send through a provider that can.",
        )
    elif more > 0:
        text = translate(
            "OutboxWords",
            "{count} members cannot be reached through your mail server: {named}; and {more} "
            "more (see Post ▸ Outbox…). It cannot send to addresses with letters beyond A to Z "
            "(it does not offer SMTPUTF8). Ask for other addresses, or send through a provider "
            "that can.",
        )
    else:
        text = translate(
            "OutboxWords",
            "{count} members cannot be reached through your mail server: {named}. It cannot "
            "send to addresses with letters beyond A to Z (it does not offer SMTPUTF8). Ask for "
            "other addresses, or send through a provider that can.",
        )
    return text.format(count=len(unreachable), named=named, more=more)


def _refused_words(post: PostStatus) -> str:
    # Those a server without SMTPUTF8 cannot reach have words of their own: checking the
    # address and retrying would not help them.
    refused = [r for r in post.with_result(RecipientResult.REFUSED) if r.reason != NO_SMTPUTF8]
    if not refused:
        return ""
    named = "; ".join(f"{r.email} ({stored(r.reason)})" for r in refused[:REFUSED_SHOWN])
    more = len(refused) - REFUSED_SHOWN
    if len(refused) == 1:
        text = translate(
            "OutboxWords",
            "1 address was refused: {named}. Check them, then choose Retry failed.",
        )
    elif more > 0:
        text = translate(
            "OutboxWords",
            "{count} addresses were refused: {named}; and {more} more (see Post ▸ Outbox…). "
            "Check them, then choose Retry failed.",
        )
    else:
        text = translate(
            "OutboxWords",
            "{count} addresses were refused: {named}. Check them, then choose Retry failed.",
        )
    return text.format(count=len(refused), named=named, more=more)


def _failed_words(post: PostStatus) -> str:
    failed = [b for b in post.batches if b.state is BatchState.FAILED]
    if not failed:
        return ""
    if len(failed) == 1:
        text = translate(
            "OutboxWords", "1 batch could not be sent: {problem} Choose Retry failed to try again."
        )
    else:
        text = translate(
            "OutboxWords",
            "{count} batches could not be sent: {problem} Choose Retry failed to try again.",
        )
    return text.format(count=len(failed), problem=stored(failed[0].problem))


def _rest_words(post: PostStatus, report: OutboxReport | None) -> str:
    if post.state not in (PostState.QUEUED, PostState.SENDING):
        return ""
    if post.next_attempt is not None:
        reason = next(
            (b.problem for b in post.batches if b.state is BatchState.WAITING and b.problem),
            "",
        )
        return translate(
            "OutboxWords",
            "The rest goes after {time}. {reason} "
            "Pont sends it then if it is open, or when you next open it.",
        ).format(time=_when(post.next_attempt), reason=stored(reason))
    if report is not None and report.problems:
        return translate(
            "OutboxWords",
            "Pont could not finish: {problems} "
            "The rest waits in the outbox: choose Resume to try again.",
        ).format(problems=" ".join(shown(problem) for problem in report.problems))
    return translate("OutboxWords", "The rest waits in the outbox: choose Resume to send it.")


def result_words(post: PostStatus, report: OutboxReport | None = None) -> str:
    """What became of the post, and what to do next, in a few sentences."""
    accepted = len(post.with_result(RecipientResult.ACCEPTED))
    refused = bool(post.with_result(RecipientResult.REFUSED))
    sentences = (
        _outcome(post, accepted, refused),
        _unreachable_words(post),
        _refused_words(post),
        _failed_words(post),
        _rest_words(post, report),
    )
    return " ".join(" ".join(s.split()) for s in sentences if s)


def needs_retry(post: PostStatus) -> bool:
    return any(b.state is BatchState.FAILED for b in post.batches) or bool(
        post.with_result(RecipientResult.REFUSED)
    )


def can_resume(post: PostStatus) -> bool:
    return post.state in (PostState.QUEUED, PostState.SENDING, PostState.PAUSED)
