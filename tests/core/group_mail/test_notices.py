"""Welcome, goodbye and the other one-person notices: each kind in English, Welsh and both
builds a message whose headers read back as written; the coordinator's own wording is used
where it may be; a stranger's name cannot add a header or a placeholder; and a queued notice
reaches its one person once, through the real test servers."""

from __future__ import annotations

import email.parser
import email.policy
import time
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from sqlite_utils import Database

from core.posting.outbox.outbox_world import copies, make_world
from mailservers import Mailbox, MailServer, Smtp
from pont.core.archive.message_headers import Address
from pont.core.errors import InvalidGroup
from pont.core.group_mail.notices import (
    NoticeKind,
    build_notice,
    notice_text,
    pont_wording,
    preview_notice,
    queue_notice,
)
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import (
    Group,
    GroupMode,
    NoticeLanguage,
    PostingPolicy,
    get_group,
    set_group_mail,
    set_group_sending,
)
from pont.core.posting.outbox.run import send_queued
from pont.core.posting.posts import PostKind

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
SIAN = Address("Siân Jones", "sian@example.org")
TOKEN = "0123456789abcdef01234567"


@pytest.fixture
def account(db: Database) -> Account:
    server = ServerSettings("mail.example.org", 993, Security.SSL)
    return save_account(
        db,
        AccountSettings("rhian@example.org", "rhian@example.org", server, server, "Rhian Morgan"),
    )


@pytest.fixture
def address_group(db: Database, group: Group) -> Group:
    return set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS)


def parsed(mime: bytes) -> EmailMessage:
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(mime)
    assert isinstance(message, EmailMessage)
    return message


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", list(NoticeLanguage))
@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_kind_in_every_language_builds_a_message_that_reads_back(
    db: Database, address_group: Group, account: Account, kind: NoticeKind, language: NoticeLanguage
) -> None:
    group = set_group_mail(db, address_group.id, language=language)
    # build_notice refuses (PostHeadersUnsafe) a message whose headers do not read back.
    built = build_notice(group, account, kind, SIAN, NOW, token=TOKEN, in_reply_to="<a@b.c>")
    message = parsed(built.mime)
    assert message["To"] == "Siân Jones <sian@example.org>"
    assert message["Content-Language"] == {"en": "en", "cy": "cy", "both": "cy, en"}[language]
    assert message["Auto-Submitted"] == (
        "auto-replied" if kind in (NoticeKind.REJECTED, NoticeKind.DECLINED) else "auto-generated"
    )
    answers = (NoticeKind.REJECTED, NoticeKind.DECLINED)
    assert built.kind is (PostKind.REPLY if kind in answers else PostKind.NOTICE)
    assert built.recipients == (SIAN,)
    text = body(message)
    assert text == notice_text(group, account.email, kind, SIAN, TOKEN).body
    assert message["Subject"] == built.subject
    assert ("Hello Siân Jones," in text) is (language is not NoticeLanguage.WELSH)
    assert ("Helo Siân Jones," in text) is (language is not NoticeLanguage.ENGLISH)
    if kind in (NoticeKind.CONFIRM_JOIN, NoticeKind.CONSENT_REQUEST):
        # One token, once, in a subject the request words recognise in both languages.
        prefix = "Cadarnhau" if language is NoticeLanguage.WELSH else "Confirm"
        assert built.subject == f"{prefix} {TOKEN}"
    if "{" in text or "}" in text:
        pytest.fail(f"a placeholder was left in: {text!r}")


def test_both_languages_give_welsh_first_then_english(
    db: Database, address_group: Group, account: Account
) -> None:
    group = set_group_mail(db, address_group.id, language="both")
    text = notice_text(group, account.email, NoticeKind.WELCOME, SIAN)
    assert text.subject == "Croeso i'r grŵp Wellbeing Network / Welcome to Wellbeing Network"
    welsh, _, english = text.body.partition("\n-----\n\n")
    assert welsh.startswith("Helo Siân Jones,") and english.startswith("Hello Siân Jones,")
    assert "anfonwch eich neges at rhian+wellbeing@example.org." in welsh
    assert "send your message to rhian+wellbeing@example.org." in english
    assert "I adael y grŵp, ysgrifennwch at rhian@example.org gyda “gadael”" in welsh


def test_how_to_post_follows_how_the_group_runs(
    db: Database, group: Group, account: Account
) -> None:
    def post_sentence(**settings: object) -> str:
        current = replace(get_group(db, group.id), **settings)
        return notice_text(current, account.email, NoticeKind.WELCOME, SIAN).body

    assert "use “Reply all” on any of its messages" in post_sentence()
    assert "use “Reply all”" in post_sentence(posting=PostingPolicy.ANNOUNCE)
    address = {"mode": GroupMode.GROUP_ADDRESS}
    assert "send your message to rhian+wellbeing@" in post_sentence(**address)
    assert "the coordinator reads each message" in post_sentence(
        **address, posting=PostingPolicy.MODERATED
    )
    assert "Only the coordinator writes to this group. To suggest something, write to rhian@" in (
        post_sentence(**address, posting=PostingPolicy.ANNOUNCE)
    )
    assert "anfonwch eich neges at alias@example.org" in post_sentence(
        **address, address="alias@example.org", language=NoticeLanguage.WELSH
    )


def test_the_coordinators_own_wording_is_used_for_welcome_and_goodbye_only(
    db: Database, address_group: Group, account: Account
) -> None:
    group = set_group_mail(
        db,
        address_group.id,
        welcome="Hi {name}! Welcome to {group}.\n\n{post}\n{leave}\n{{braces}}",
        goodbye="So long, {name}.",
    )
    welcome = body(parsed(build_notice(group, account, NoticeKind.WELCOME, SIAN, NOW).mime))
    assert welcome == (
        "Hi Siân Jones! Welcome to Wellbeing Network.\n\n"
        "To write to everyone in the group, send your message to rhian+wellbeing@example.org.\n"
        "To leave the group, write to rhian@example.org with “leave” in the subject.\n"
        "{braces}\n"
    )
    goodbye = notice_text(group, account.email, NoticeKind.GOODBYE, SIAN)
    assert (goodbye.subject, goodbye.body) == (
        "You have left Wellbeing Network",
        "So long, Siân Jones.\n",
    )
    confirm = notice_text(group, account.email, NoticeKind.CONFIRM_JOIN, SIAN, TOKEN)
    assert "You asked to join Wellbeing Network" in confirm.body


def test_with_both_languages_a_dashed_line_parts_the_welsh_from_the_english(
    db: Database, address_group: Group, account: Account
) -> None:
    group = set_group_mail(
        db,
        address_group.id,
        language="both",
        welcome="Croeso {name}.\n{leave}\n-----\nWelcome {name}.\n{leave}",
    )
    text = notice_text(group, account.email, NoticeKind.WELCOME, SIAN).body
    welsh, _, english = text.partition("\n-----\n")
    assert "gadael" in welsh and "leave" not in welsh
    assert "“leave”" in english and "gadael" not in english
    # Without the line, the sentences Pont fills in come in both languages.
    group = set_group_mail(db, group.id, welcome="Croeso / Welcome {name}.\n{post}")
    text = notice_text(group, account.email, NoticeKind.WELCOME, SIAN).body
    assert "anfonwch eich neges at" in text and "send your message to" in text


def test_pont_wording_as_ones_own_gives_the_same_notice(
    db: Database, address_group: Group, account: Account
) -> None:
    for language in NoticeLanguage:
        for kind in (NoticeKind.WELCOME, NoticeKind.GOODBYE):
            group = set_group_mail(db, address_group.id, language=language, welcome="", goodbye="")
            own = pont_wording(group, account.email, kind)
            assert own == own.strip() and "{name}" in own
            mine = set_group_mail(db, group.id, **{kind.value: own})
            assert notice_text(mine, account.email, kind, SIAN) == notice_text(
                group, account.email, kind, SIAN
            )


def test_a_stored_template_that_no_longer_passes_gives_pont_wording(
    db: Database, address_group: Group, account: Account
) -> None:
    db.execute("UPDATE groups SET welcome = ? WHERE id = ?", ["Hi {0.__class__}", address_group.id])
    group = get_group(db, address_group.id)
    text = notice_text(group, account.email, NoticeKind.WELCOME, SIAN)
    assert text.body.startswith("Hello Siân Jones,\n\nWelcome to Wellbeing Network:")


@pytest.mark.parametrize(
    "name",
    [
        "Ann\r\nBcc: evil@example.net",
        "=?utf-8?q?Ann=0D=0ABcc:_x@evil.example?=",
        "{leave} {0.__class__} {{name}}",
        "Ann\u2028Jones\x00\x1b[2J",
        "Siân " * 20_000,  # 100 KB
    ],
)
def test_a_hostile_name_adds_no_header_and_stays_one_line_of_the_body(
    db: Database, address_group: Group, account: Account, name: str
) -> None:
    group = set_group_mail(db, address_group.id, welcome="Hello {name}!\n{leave}")
    started = time.perf_counter()
    built = build_notice(group, account, NoticeKind.WELCOME, Address(name, "ann@example.org"), NOW)
    assert time.perf_counter() - started < 1.0
    message = parsed(built.mime)
    assert message["Bcc"] is None and len(message.get_all("To") or []) == 1
    assert message["To"].addresses[0].addr_spec == "ann@example.org"
    first, second = body(message).split("\n")[:2]
    assert first.startswith("Hello ") and first.endswith("!") and len(first) < 220
    assert second.startswith("To leave the group, write to rhian@example.org")
    assert not any(ord(char) < 32 for char in first)


def test_a_person_without_a_name_is_greeted_by_their_address(
    address_group: Group, account: Account
) -> None:
    text = notice_text(address_group, account.email, NoticeKind.GOODBYE, Address("", "a@b.org"))
    assert text.body.startswith("Hello a@b.org,\n")


def test_the_preview_is_what_the_member_gets_and_checks_unsaved_wording(
    db: Database, address_group: Group, account: Account
) -> None:
    group = set_group_mail(db, address_group.id, language="cy", goodbye="Hwyl {name}.")
    built = build_notice(group, account, NoticeKind.GOODBYE, SIAN, NOW)
    preview = preview_notice(group, account.email, NoticeKind.GOODBYE, SIAN)
    assert (preview.subject, preview.body) == (built.subject, body(parsed(built.mime)))
    assert preview.subject == "Rydych chi wedi gadael y grŵp Wellbeing Network"
    unsaved = preview_notice(group, account.email, NoticeKind.GOODBYE, SIAN, "Da bo, {name}!")
    assert unsaved.body == "Da bo, Siân Jones!\n"
    with pytest.raises(InvalidGroup, match="The goodbye message has “{nmae}”"):
        preview_notice(group, account.email, NoticeKind.GOODBYE, SIAN, "Da bo, {nmae}!")


def test_a_queued_notice_reaches_the_person_once_through_the_real_servers(
    db: Database, mail_server: MailServer, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 0)
    group = set_group_mail(db, world.group.id, language="both", welcome="Croeso {name}!")
    newcomer = mail_server.new_user("newcomer")
    with db.atomic():  # as a handler queues it: in the caller's transaction
        post_id = queue_notice(
            db, world.account, group, NoticeKind.WELCOME, Address("Siân", newcomer), NOW
        )
    key = db.execute("SELECT message_key FROM posts WHERE id = ?", [post_id]).fetchone()[0]
    first = send_queued(db, world.account, mailbox.password, sleep=lambda _: None)
    again = send_queued(db, world.account, mailbox.password, sleep=lambda _: None)
    assert (first.recipients_accepted, again.recipients_accepted) == (1, 0)
    deadline = time.monotonic() + 10  # a server may deliver after its 250
    while copies(mail_server, newcomer, key) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert copies(mail_server, newcomer, key) == 1
    [envelope] = [e for e in fault_smtp.received if newcomer in e.rcpt_tos]
    assert envelope.rcpt_tos == [newcomer, mailbox.email]  # and the coordinator's receipt
    assert b"Croeso Si=C3=A2n!" in envelope.content
