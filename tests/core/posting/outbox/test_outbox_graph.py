"""The outbox over Microsoft Graph (outbox/graph_route.py) against the Graph-shaped test
server and the real Dovecot behind it: each batch one sendMail of the post's own MIME, each
member one copy, Exchange's limits kept, and every answer that can go wrong."""

from __future__ import annotations

import email.parser
import email.policy
from typing import Any

import pytest
from graph_world import make_graph_world
from outbox_world import Clock, World, batch_lines, build, copies, maildir_messages
from sqlite_utils import Database

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox
from oauth_keys import SigningKey
from pont.core.errors import AuthenticationFailed
from pont.core.members.groups import GroupMode
from pont.core.posting.outbox.outbox import (
    BatchState,
    OutboxReport,
    PostState,
    SendProgress,
    post_status,
    queue_post,
)
from pont.core.posting.outbox.plan import plan_post
from pont.core.posting.outbox.run import send_queued
from pont.core.posting.posts import PostContent, build_post

SETTLE = 3.0
FOUND_IN_SENT = "Found in the Sent folder: it had gone."
NOT_IN_SENT = "It is not in Sent Items: it goes again."


@pytest.fixture
def tokens(signing_key: SigningKey, mailbox: Mailbox) -> MintedTokens:
    return MintedTokens(signing_key, mailbox.email)


def send(
    db: Database,
    world: World,
    tokens: MintedTokens,
    graph: GraphServer,
    clock: Clock,
    **options: Any,
) -> OutboxReport:
    return send_queued(
        db,
        world.account,
        tokens,
        now_fn=clock.now,
        sleep=clock.sleep,
        graph_endpoint=graph.endpoint,
        **{"settle": SETTLE, **options},
    )


def queue(db: Database, world: World, clock: Clock) -> tuple[int, str]:
    built = build(db, world)
    return queue_post(db, built, world.account, clock.now()), built.message_key


def each_member(mailbox: Mailbox, world: World, key: str) -> list[int]:
    return [copies(mailbox.server, member, key) for member in world.members]


def settled(steps: list[SendProgress], batch: int) -> list[str]:
    return [s.detail for s in steps if s.batch == batch and s.state is not BatchState.SENDING]


def headers(raw: bytes) -> email.message.Message:
    return email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)


def test_a_post_goes_as_one_send_mail_a_batch_each_member_once(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 25)
    post_id, key = queue(db, world, clock)
    # 10 recipients a message: 9 members and the group address (the receipt's place).
    assert [len(b.recipients) for b in post_status(db, post_id).batches] == [9, 9, 7]

    report = send(db, world, tokens, graph_server, clock)

    assert (report.batches_sent, report.recipients_accepted, report.problems) == (3, 25, [])
    assert each_member(mailbox, world, key) == [1] * 25
    assert graph_server.count("sendMail") == 3 and graph_server.violations == []
    status = post_status(db, post_id)
    assert status.state is PostState.SENT and status.sent_copy_saved
    # Members get the post without the Bcc line; Exchange's Sent Items copy keeps it.
    delivered = [
        raw for raw in maildir_messages(mailbox.server, world.members[0]) if key.encode() in raw
    ]
    assert headers(delivered[0])["Bcc"] is None and len(batch_lines(delivered[0])) == 1
    sent = [raw for raw in maildir_messages(mailbox.server, mailbox.email, "Sent")]
    assert len(sent) == 3  # one per batch, filed by Exchange: Pont appends none of its own
    assert sorted(len(headers(raw)["Bcc"].split(",")) for raw in sent) == [7, 9, 9]
    # Graph sends to the To line as well: the group address, the coordinator's sub-address,
    # gets each batch (as the receipt does over SMTP, but no run can tidy these away).
    assert copies(mailbox.server, mailbox.email, key) == 3
    assert set(tokens.asked) == {tokens.asked[0]}  # Mail.Send only: nothing read


def test_a_copy_all_post_names_its_members_once(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 6, mode=GroupMode.COPY_ALL)
    _, key = queue(db, world, clock)
    report = send(db, world, tokens, graph_server, clock)
    assert report.batches_sent == 1
    assert each_member(mailbox, world, key) == [1] * 6
    (sent,) = graph_server.sent
    assert headers(sent)["Bcc"] is None  # To names them all already


def test_exchange_limits_shape_the_batches_and_the_pace(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    """500 recipients a message (499 members and the group address), 10,000 a day, and
    30 messages a minute."""
    world = make_graph_world(db, mailbox, 600, per_message=None)
    plan = plan_post(db, world.account, 600, clock.now())
    assert (plan.batches, plan.per_message, plan.allowance_left_today) == (2, 499, 10_000)
    _, key = queue(db, world, clock)
    report = send(db, world, tokens, graph_server, clock)
    assert report.batches_sent == 2 and graph_server.violations == []
    assert each_member(mailbox, world, key) == [1] * 600
    assert plan_post(db, world.account, 1, clock.now()).allowance_left_today == 10_000 - 602


def test_a_domain_pont_cannot_place_keeps_exchanges_limits_over_graph(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    """30 messages a minute, on the real clock: the sendMails come 2 seconds apart."""
    world = make_graph_world(db, mailbox, 25, provider="")
    assert plan_post(db, world.account, 25, clock.now()).allowance_left_today == 10_000
    _, key = queue(db, world, clock)
    send_queued(db, world.account, tokens, graph_endpoint=graph_server.endpoint)
    times = graph_server.send_times
    assert len(times) == 3 and all(b - a >= 1.95 for a, b in zip(times, times[1:], strict=False))
    assert each_member(mailbox, world, key) == [1] * 25


def test_throttled_it_waits_as_long_as_graph_asks_then_goes(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 12)
    post_id, key = queue(db, world, clock)
    graph_server.faults.inject(429, "ApplicationThrottled", retry_after="240", path="sendMail")
    graph_server.faults.inject(503, "ServiceUnavailable", retry_after="1", path="sendMail")

    report = send(db, world, tokens, graph_server, clock)  # patience 0: the wait is left
    first = post_status(db, post_id).batches[0]
    assert first.state is BatchState.WAITING
    assert (first.not_before - clock.now()).total_seconds() == 240
    assert "240 seconds" in first.problem
    assert report.batches_sent == 0 and report.next_attempt == first.not_before

    clock.advance(seconds=240)
    report = send(db, world, tokens, graph_server, clock)  # the 503 is waited out in the client
    assert report.batches_sent == 2
    assert each_member(mailbox, world, key) == [1] * 12
    assert graph_server.count("sendMail") == 4 and len(graph_server.sent) == 2


def test_a_throttled_batch_is_never_given_up(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 3)
    post_id, key = queue(db, world, clock)
    graph_server.faults.inject(
        429, "ApplicationThrottled", retry_after="60", path="sendMail", times=15
    )
    report = send(db, world, tokens, graph_server, clock, patience=3600)
    assert report.batches_sent == 1 and report.batches_failed == 0
    assert post_status(db, post_id).batches[0].attempts == 16
    assert each_member(mailbox, world, key) == [1] * 3


def test_an_answer_lost_after_send_mail_took_it_is_settled_by_sent_items(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 18)
    post_id, key = queue(db, world, clock)
    graph_server.faults.drop_after_sending = 1
    steps: list[SendProgress] = []
    report = send(db, world, tokens, graph_server, clock, progress=steps.append)
    assert settled(steps, 1) == [FOUND_IN_SENT]
    assert report.recovered == 1 and report.batches_sent == 2
    assert graph_server.count("sendMail") == 2  # never sent twice
    assert each_member(mailbox, world, key) == [1] * 18
    assert post_status(db, post_id).state is PostState.SENT


def test_an_answer_lost_before_anything_was_taken_goes_again_once(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 9)
    _, key = queue(db, world, clock)
    graph_server.faults.drop_before_sending = 1
    steps: list[SendProgress] = []
    report = send(db, world, tokens, graph_server, clock, progress=steps.append)
    assert settled(steps, 1) == [NOT_IN_SENT, ""]
    assert report.recovered == 1 and report.batches_sent == 1
    assert (graph_server.count("sendMail"), len(graph_server.sent)) == (2, 1)
    assert each_member(mailbox, world, key) == [1] * 9


def test_another_batchs_copy_in_sent_never_settles_this_one(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    """Batch 1's copy is in Sent Items with the post's Message-ID; batch 2's request is cut
    before anything was taken. Only batch 2's own copy could settle it: it goes again."""
    world = make_graph_world(db, mailbox, 18)
    _, key = queue(db, world, clock)

    def cut_the_next(step: SendProgress) -> None:
        if step.batch == 1 and step.state is BatchState.SENT:
            graph_server.faults.drop_before_sending = 1

    steps: list[SendProgress] = []
    report = send(
        db,
        world,
        tokens,
        graph_server,
        clock,
        progress=lambda s: (cut_the_next(s), steps.append(s)),
    )
    assert settled(steps, 2) == [NOT_IN_SENT, ""]
    assert report.batches_sent == 2 and len(graph_server.sent) == 2
    assert each_member(mailbox, world, key) == [1] * 18


def test_sent_items_unreadable_leaves_the_batch_unsettled_never_resent(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, signing_key: SigningKey, clock: Clock
) -> None:
    """Without Mail.Read Pont cannot look in Sent Items: the batch stays 'sending', the run
    says why, and a run that may read settles it."""
    world = make_graph_world(db, mailbox, 9)
    post_id, key = queue(db, world, clock)
    sender_only = MintedTokens(signing_key, mailbox.email, granted=("Mail.Send",))
    graph_server.faults.drop_after_sending = 1
    report = send(db, world, sender_only, graph_server, clock)
    assert post_status(db, post_id).batches[0].state is BatchState.SENDING
    assert any("read the mail" in problem for problem in report.problems)
    assert graph_server.count("sendMail") == 1

    report = send(db, world, MintedTokens(signing_key, mailbox.email), graph_server, clock)
    assert report.recovered == 1 and post_status(db, post_id).state is PostState.SENT
    assert graph_server.count("sendMail") == 1
    assert each_member(mailbox, world, key) == [1] * 9


@pytest.mark.parametrize("how", ["token-source", "graph"])
def test_sign_in_refused_mid_run_pauses_the_post_and_nothing_is_lost(
    db: Database,
    mailbox: Mailbox,
    graph_server: GraphServer,
    tokens: MintedTokens,
    clock: Clock,
    how: str,
) -> None:
    """The refresh token revoked mid-run: MSAL's refusal (token-source), or Graph refusing the
    token it has (graph). The post waits, paused; signed in again, the rest goes."""
    world = make_graph_world(db, mailbox, 27)
    post_id, key = queue(db, world, clock)

    def revoke_after_the_first(step: SendProgress) -> None:
        if step.state is BatchState.SENT:
            if how == "graph":
                tokens.expired = True
            else:
                tokens.refusal = AuthenticationFailed(mailbox.email, "login.test")

    report = send(db, world, tokens, graph_server, clock, progress=revoke_after_the_first)
    status = post_status(db, post_id)
    assert report.paused and status.state is PostState.PAUSED
    assert [b.state for b in status.batches] == [
        BatchState.SENT,
        BatchState.WAITING,
        BatchState.WAITING,
    ]
    assert len(graph_server.sent) == 1

    tokens.expired, tokens.refusal = False, None
    report = send(db, world, tokens, graph_server, clock)
    assert report.batches_sent == 2 and post_status(db, post_id).state is PostState.SENT
    assert each_member(mailbox, world, key) == [1] * 27


def test_too_large_for_graph_fails_with_a_sentence(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, tokens: MintedTokens, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 3)
    graph_server.faults.max_request_bytes = 500
    post_id, _ = queue(db, world, clock)
    report = send(db, world, tokens, graph_server, clock)
    assert report.batches_failed == 1 and len(graph_server.sent) == 0
    assert "Microsoft 365 takes messages of at most" in report.problems[0]
    assert post_status(db, post_id).state is PostState.FAILED


def test_a_post_over_graphs_request_limit_is_not_sent_at_all(
    db: Database,
    mailbox: Mailbox,
    graph_server: GraphServer,
    tokens: MintedTokens,
    clock: Clock,
    tmp_path: Any,
) -> None:
    world = make_graph_world(db, mailbox, 3)
    attachment = tmp_path / "report.pdf"
    attachment.write_bytes(b"%PDF" + bytes(range(256)) * 13_000)  # 3.3 MB
    content = PostContent("Report", "Attached.", attachments=(attachment,))
    built = build_post(db, world.group.id, world.account, content)
    queue_post(db, built, world.account, clock.now())
    report = send(db, world, tokens, graph_server, clock)
    assert report.batches_failed == 1 and "Microsoft 365" in report.problems[0]
    assert graph_server.requests == []


def test_a_password_cannot_send_through_graph(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, clock: Clock
) -> None:
    world = make_graph_world(db, mailbox, 3)
    post_id, _ = queue(db, world, clock)
    report = send_queued(
        db, world.account, mailbox.password, now_fn=clock.now, sleep=clock.sleep,
        graph_endpoint=graph_server.endpoint,
    )  # fmt: skip
    assert "needs Microsoft's sign-in" in report.paused
    status = post_status(db, post_id)
    assert status.state is PostState.PAUSED and status.batches[0].state is BatchState.WAITING
    assert graph_server.requests == []
