"""A post in the outbox, and one step of sending it, in plain words."""

from __future__ import annotations

from datetime import datetime

from pont.core.outbox import (
    BatchState,
    OutboxReport,
    PostState,
    PostStatus,
    RecipientResult,
    SendProgress,
)

REFUSED_SHOWN = 5  # refused addresses named in a sentence; the Outbox window lists them all


def _people(number: int) -> str:
    return "1 member" if number == 1 else f"{number:,} members"


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    today = datetime.now().astimezone().date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%a %d %b, %H:%M}"


def progress_words(step: SendProgress) -> str:
    """What the progress line says as a batch starts, goes, waits or fails."""
    several = step.batches > 1
    if step.state is BatchState.SENDING:
        if several:
            return f"Sending batch {step.batch} of {step.batches}…"
        return f"Sending to {_people(step.recipients)}…"
    if step.state is BatchState.SENT:
        done = f"Sent to {step.recipients_done:,} of {_people(step.recipients)}."
        return f"{done} {step.detail}".strip()
    if step.state is BatchState.WAITING:
        return step.detail or f"Batch {step.batch} waits for later."
    if step.state is BatchState.FAILED:
        return f"Batch {step.batch} could not be sent. {step.detail}".strip()
    return f"Batch {step.batch}: {step.state.value}."


def state_words(post: PostStatus) -> str:
    """A short state for the Outbox window's list."""
    sent = sum(1 for b in post.batches if b.state is BatchState.SENT)
    batches = len(post.batches)
    match post.state:
        case PostState.SENT:
            return "Sent" if post.complete else "Sent, some refused"
        case PostState.QUEUED | PostState.SENDING:
            if post.next_attempt is not None:
                return f"Waiting until {_when(post.next_attempt)}"
            return "Sending" if post.state is PostState.SENDING else "Waiting to send"
        case PostState.PAUSED:
            return "Paused: password refused"
        case PostState.FAILED:
            return f"Not sent ({batches - sent} of {batches} batches failed)"
        case PostState.CANCELLED:
            return "Cancelled"
    return post.state.value


def result_words(post: PostStatus, report: OutboxReport | None = None) -> str:
    """What became of the post, and what to do next, in a few sentences."""
    total = post.recipients
    accepted = len(post.with_result(RecipientResult.ACCEPTED))
    refused = post.with_result(RecipientResult.REFUSED)
    sentences = []
    if post.state is PostState.SENT and not refused:
        sentences.append(f"Sent to all {_people(total)}.")
    elif post.state is PostState.CANCELLED:
        sentences.append(
            f"Cancelled: {accepted:,} of {_people(total)} had it before you stopped it."
        )
    elif post.state is PostState.PAUSED:
        sentences.append(
            f"Sending paused after {accepted:,} of {_people(total)}: {post.problem.rstrip('.')}."
            " Then choose Resume to type the password again."
        )
    elif accepted:
        sentences.append(f"Sent to {accepted:,} of {_people(total)}.")
    if refused:
        named = "; ".join(f"{r.email} ({r.reason})" for r in refused[:REFUSED_SHOWN])
        more = len(refused) - REFUSED_SHOWN
        named += f"; and {more} more (see Mail ▸ Outbox…)" if more > 0 else ""
        address = "address was" if len(refused) == 1 else "addresses were"
        sentences.append(
            f"{len(refused)} {address} refused: {named}. Check them, then choose Retry failed."
        )
    failed = [b for b in post.batches if b.state is BatchState.FAILED]
    if failed:
        batch = "batch" if len(failed) == 1 else "batches"
        sentences.append(
            f"{len(failed)} {batch} could not be sent: {failed[0].problem} "
            "Choose Retry failed to try again."
        )
    if post.state in (PostState.QUEUED, PostState.SENDING):
        if post.next_attempt is not None:
            reason = next(
                (b.problem for b in post.batches if b.state is BatchState.WAITING and b.problem),
                "",
            )
            sentences.append(
                f"The rest goes after {_when(post.next_attempt)}. {reason} "
                "Pont sends it then if it is open, or when you next open it."
            )
        elif report is not None and report.problems:
            sentences.append(
                f"Pont could not finish: {' '.join(report.problems)} "
                "The rest waits in the outbox: choose Resume to try again."
            )
        else:
            sentences.append("The rest waits in the outbox: choose Resume to send it.")
    return " ".join(" ".join(s.split()) for s in sentences)


def needs_retry(post: PostStatus) -> bool:
    return any(b.state is BatchState.FAILED for b in post.batches) or bool(
        post.with_result(RecipientResult.REFUSED)
    )


def can_resume(post: PostStatus) -> bool:
    return post.state in (PostState.QUEUED, PostState.SENDING, PostState.PAUSED)
