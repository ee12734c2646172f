"""Join and leave requests by email, confirmations and consent, handled as sync sets them
aside: one request per person, the group they name, and the person's own confirmation."""

from __future__ import annotations

import re
from email.header import Header
from urllib.parse import unquote, urlsplit

import pytest
from requests_world import (
    COORDINATOR,
    NOW,
    arrive,
    coordinator_account,
    handle,
    message,
    outcomes,
    queued,
)
from sqlite_utils import Database

from pont.core import activity
from pont.core.group_mail.consent import (
    ConsentHow,
    ask_for_consent,
    consent_asked,
    consent_for,
    record_given_consent,
)
from pont.core.group_mail.requests import (
    RequestDecided,
    RequestKind,
    RequestState,
    approve_request,
    list_requests,
    reject_request,
)
from pont.core.mail.accounts import Account
from pont.core.members.groups import Group, create_group, set_group_mail
from pont.core.members.members import MemberStatus, NewMember, add_member, find_member, list_members
from pont.core.posting.footer import leave_url

CARYS = "Carys Evans <carys@example.net>"


@pytest.fixture
def account(db: Database, group: Group) -> Account:
    return coordinator_account(db)


def token_of(subject: str) -> str:
    found = re.search(r"[0-9a-f]{32}", subject)
    assert found, subject
    return found[0]


def test_a_join_is_approved_then_confirmed_by_the_person(
    db: Database, group: Group, account: Account
) -> None:
    assert arrive(db, account, message("join", CARYS))
    assert handle(db, account).requests == 1
    [request] = list_requests(db)
    assert (request.kind, request.email, request.name, request.group_id, request.state) == (
        RequestKind.JOIN, "carys@example.net", "Carys Evans", group.id, RequestState.OPEN
    )  # fmt: skip
    assert list_members(db, group.id) == []

    approved = approve_request(db, request.id, NOW)
    assert approved.state is RequestState.CONFIRMING
    [(kind, to, subject)] = queued(db)
    assert (kind, to) == ("notice", "Carys Evans <carys@example.net>")
    token = token_of(subject)
    assert subject == f"Confirm {token}"
    with pytest.raises(RequestDecided):
        approve_request(db, request.id, NOW)

    answer = message(f"Re: Confirm {token}", CARYS)
    assert arrive(db, account, answer)
    assert handle(db, account).confirmed == 1

    member = find_member(db, group.id, "carys@example.net")
    assert (member.status, member.name, member.source) == (
        MemberStatus.ACTIVE, "Carys Evans", "email"
    )  # fmt: skip
    consent = consent_for(db, group.id)[member.id]
    answer_key = re.search(rb"Message-ID: <([^>]+)>", answer)[1].decode()  # type: ignore[index]
    assert (consent.how, consent.message_key, consent.given) == (ConsentHow.JOINED, answer_key, NOW)
    assert "names and email addresses" in consent.wording
    assert [q[2] for q in queued(db)][1] == "Welcome to Wellbeing Network"
    assert list_requests(db) == []
    actions = [e.action for e in activity.entries(db, group.id)]
    assert actions.count("approve-join") == 1
    assert "consent" in actions


def test_asking_again_files_nothing_new(db: Database, group: Group, account: Account) -> None:
    for subject in ("join", "Subscribe", "Ymuno"):
        arrive(db, account, message(subject, CARYS))
    handle(db, account)
    assert outcomes(db) == ["requests", "already-asked", "already-asked"]
    assert len(list_requests(db)) == 1


def test_a_confirmation_from_another_address_or_an_auto_reply_adds_nobody(
    db: Database, group: Group, account: Account
) -> None:
    arrive(db, account, message("join", CARYS))
    handle(db, account)
    approve_request(db, list_requests(db)[0].id, NOW)
    token = token_of(queued(db)[0][2])
    arrive(db, account, message(f"Re: Confirm {token}", "Mallory <mallory@example.com>"))
    arrive(
        db,
        account,
        message(
            f"Automatic reply: Confirm {token}", CARYS, extra="Auto-Submitted: auto-replied\r\n"
        ),
    )
    arrive(db, account, message(f"Re: Confirm {'0' * 32}", CARYS))
    handle(db, account)
    assert outcomes(db)[-3:] == ["wrong-sender", "auto-reply", "unknown-token"]
    assert list_members(db, group.id) == []
    assert consent_for(db, group.id) == {}


def test_a_rejected_join_cannot_be_confirmed(db: Database, group: Group, account: Account) -> None:
    arrive(db, account, message("join", CARYS))
    handle(db, account)
    request = list_requests(db)[0]
    approve_request(db, request.id, NOW)
    assert reject_request(db, request.id, NOW).state is RequestState.REJECTED
    with pytest.raises(RequestDecided):
        reject_request(db, request.id, NOW)
    arrive(db, account, message(f"Re: Confirm {token_of(queued(db)[0][2])}", CARYS))
    handle(db, account)
    assert outcomes(db)[-1] == "request-closed"
    assert list_members(db, group.id) == []


def test_a_leave_waits_for_one_click_and_says_goodbye(
    db: Database, group: Group, account: Account
) -> None:
    carys = add_member(db, group.id, NewMember("carys@example.net", name="Carys Evans"))
    arrive(db, account, message("Leave Wellbeing Network", CARYS))
    handle(db, account)
    [request] = list_requests(db)
    assert request.kind is RequestKind.LEAVE
    assert find_member(db, group.id, carys.email).status is MemberStatus.ACTIVE
    assert queued(db) == []

    assert approve_request(db, request.id, NOW).state is RequestState.DONE
    assert find_member(db, group.id, carys.email).status is MemberStatus.LEFT
    assert queued(db) == [
        ("notice", "Carys Evans <carys@example.net>", "You have left Wellbeing Network")
    ]


def test_a_leave_is_automatic_when_the_group_says_so(
    db: Database, group: Group, account: Account
) -> None:
    db.execute("UPDATE groups SET auto_leave = 1 WHERE id = ?", [group.id])
    add_member(db, group.id, NewMember("carys@example.net", name="Carys Evans"))
    arrive(db, account, message("=?utf-8?q?Dad-danysgrifio?=", CARYS))
    assert handle(db, account).requests == 1
    assert find_member(db, group.id, "carys@example.net").status is MemberStatus.LEFT
    assert list_requests(db) == []
    assert [r.state for r in list_requests(db, waiting_only=False)] == [RequestState.DONE]
    assert [q[2] for q in queued(db)] == ["You have left Wellbeing Network"]


def test_requests_that_make_no_sense_file_nothing(
    db: Database, group: Group, account: Account
) -> None:
    add_member(db, group.id, NewMember("carys@example.net"))
    arrive(db, account, message("leave", "Stranger <stranger@example.com>"))
    arrive(db, account, message("join", CARYS))
    arrive(db, account, message("Leave request for Friday", CARYS))
    arrive(db, account, message("join", f"Rhian <{COORDINATOR}>"))
    arrive(db, account, message("join", "no address at all"))
    handle(db, account)
    assert outcomes(db) == [
        "not-a-member", "already-a-member", "not-a-request", "own-message", "no-sender"
    ]  # fmt: skip
    assert list_requests(db, waiting_only=False) == []


def test_the_group_is_the_one_named_or_the_only_one_they_can_mean(
    db: Database, group: Group, account: Account
) -> None:
    other = create_group(db, "Grŵp Llesiant", "Lles")
    add_member(db, group.id, NewMember("carys@example.net"))
    add_member(db, other.id, NewMember("dewi@example.net"))
    add_member(db, group.id, NewMember("dewi@example.net"))
    arrive(db, account, message("join", "Ann <ann@example.net>"))  # which group?
    arrive(db, account, message("Ymuno â Grŵp Llesiant", "Ann <ann@example.net>"))
    arrive(db, account, message("leave", CARYS))  # a member of one group only
    arrive(db, account, message("leave", "Dewi <dewi@example.net>"))  # of both
    arrive(db, account, message("unsubscribe [Lles]", "Dewi <dewi@example.net>"))
    handle(db, account)
    assert outcomes(db) == ["unknown-group", "requests", "requests", "unknown-group", "requests"]
    filed = [(r.kind, r.email, r.group_name) for r in list_requests(db)]
    assert filed == [
        (RequestKind.JOIN, "ann@example.net", "Grŵp Llesiant"),
        (RequestKind.LEAVE, "carys@example.net", "Wellbeing Network"),
        (RequestKind.LEAVE, "dewi@example.net", "Grŵp Llesiant"),
    ]


def test_consent_is_asked_once_and_answered(db: Database, group: Group, account: Account) -> None:
    ann = add_member(db, group.id, NewMember("ann@example.net", name="Ann"))
    bob = add_member(db, group.id, NewMember("bob@example.net", status=MemberStatus.PAUSED))
    report = ask_for_consent(db, [ann.id, bob.id], NOW)
    assert (report.asked, report.not_active) == (1, 1)
    assert consent_asked(db, group.id) == {ann.id: NOW}
    [(kind, to, subject)] = queued(db)
    assert to == "Ann <ann@example.net>"

    arrive(db, account, message(f"Re: {subject}", "Ann <ann@example.net>"))
    assert handle(db, account).confirmed == 1
    consent = consent_for(db, group.id)[ann.id]
    assert consent.how is ConsentHow.ANSWERED
    assert consent_asked(db, group.id) == {}
    assert ask_for_consent(db, [ann.id], NOW).already_given == 1
    assert len(queued(db)) == 1


def test_consent_given_another_way_is_recorded_with_a_note(
    db: Database, group: Group, account: Account
) -> None:
    ann = add_member(db, group.id, NewMember("ann@example.net"))
    consent = record_given_consent(db, ann.id, "Signed the form\nat the March meeting", NOW)
    assert (consent.how, consent.note, consent.given) == (
        ConsentHow.RECORDED, "Signed the form at the March meeting", NOW
    )  # fmt: skip
    assert consent_for(db, group.id) == {ann.id: consent}


def test_a_post_to_the_group_address_that_only_looks_like_a_request_goes_to_the_relay(
    db: Database, group: Group, account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pont.core.group_mail import relay
    from pont.core.members.groups import GroupMode, group_address, set_group_sending

    group = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    relayed: list[str] = []

    def relay_it(db, message, account, now):  # type: ignore[no-untyped-def]
        relayed.append(message.subject)
        return "relayed"

    monkeypatch.setattr(relay, "handle_group_address", relay_it)
    add_member(db, group.id, NewMember("carys@example.net"))
    to = group_address(account.email, group)
    arrive(db, account, message("Leave request for Friday", CARYS, to=to))
    arrive(db, account, message(f"Confirm {'ab' * 12} order", CARYS, to=to))
    arrive(db, account, message("join", "Ann <ann@example.net>", to=to))
    handle(db, account)
    assert outcomes(db) == ["relayed", "relayed", "requests"]
    assert relayed == ["Leave request for Friday", f"Confirm {'ab' * 12} order"]
    assert [r.group_id for r in list_requests(db)] == [group.id]


def test_a_confirmation_answered_too_late_adds_nobody(
    db: Database, group: Group, account: Account
) -> None:
    from datetime import timedelta

    from pont.core.group_mail.requests import CONFIRM_DAYS

    arrive(db, account, message("join", CARYS))
    arrive(db, account, message("subscribe", "Ann <ann@example.net>"))
    handle(db, account)
    carys, ann = list_requests(db)
    approve_request(db, carys.id, NOW)
    approve_request(db, ann.id, NOW + timedelta(days=CONFIRM_DAYS))
    carys_token, ann_token = (token_of(q[2]) for q in queued(db))
    later = NOW + timedelta(days=CONFIRM_DAYS, hours=1)
    arrive(db, account, message(f"Re: Confirm {carys_token}", CARYS))
    arrive(db, account, message(f"Re: Confirm {ann_token}", "Ann <ann@example.net>"))
    handle(db, account, later)
    assert outcomes(db)[-2:] == ["request-closed", "confirmed"]
    assert [m.email for m in list_members(db, group.id)] == ["ann@example.net"]
    assert [r.state for r in list_requests(db, waiting_only=False)] == [
        RequestState.EXPIRED, RequestState.DONE
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "cy", "both"])
def test_the_leave_link_pont_writes_is_a_leave_from_that_group_in_each_language(
    db: Database, group: Group, account: Account, language: str
) -> None:
    """A member with two groups clicks the List-Unsubscribe link of one: the subject their
    mail program writes (Pont's, in the group's language) names that group."""
    book_club = create_group(db, "Clwb Llyfrau", "Llyfrau")
    book_club = set_group_mail(db, book_club.id, language=language)
    add_member(db, group.id, NewMember("carys@example.net", name="Carys Evans"))
    add_member(db, book_club.id, NewMember("carys@example.net", name="Carys Evans"))
    link = urlsplit(leave_url(book_club, COORDINATOR))
    subject = unquote(link.query.removeprefix("subject="))
    assert (
        subject
        == {
            "en": "Leave Clwb Llyfrau",
            "cy": "Gadael Clwb Llyfrau",
            "both": "Gadael Clwb Llyfrau / Leave Clwb Llyfrau",
        }[language]
    )
    arrive(db, account, message(Header(subject, "utf-8").encode().encode(), CARYS))
    handle(db, account)
    assert [(r.kind, r.group_name) for r in list_requests(db)] == [
        (RequestKind.LEAVE, "Clwb Llyfrau")
    ]
