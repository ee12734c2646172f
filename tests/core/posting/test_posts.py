from __future__ import annotations

import email
import re
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from pont.core.archive.conversations import is_reply_subject, normalised_subject
from pont.core.archive.filing import GroupMatcher
from pont.core.archive.message_headers import Address
from pont.core.archive.messages import parse_message
from pont.core.mail.accounts import Account, Security, ServerSettings
from pont.core.members.groups import (
    Group,
    GroupMode,
    create_group,
    set_group_mail,
    set_group_sending,
)
from pont.core.members.members import MemberStatus, NewMember, add_member
from pont.core.posting import posts
from pont.core.posting.footer import ROSTER_NAMES
from pont.core.posting.posts import (
    BuiltPost,
    PostContent,
    PostNotBuilt,
    build_post,
    encoded_size,
    group_address,
    recipients_limit,
    tagged_subject,
)

NOW = datetime(2025, 6, 1, 12, 30, tzinfo=UTC)


def account(email: str = "coordinator@example.org", name: str = "Siân Roberts") -> Account:
    server = ServerSettings("mail.example.org", 465, Security.SSL)
    return Account(id=1, email=email, username=email, imap=server, smtp=server, display_name=name)


@pytest.fixture
def members(db: Database, group: Group) -> Group:
    for address, name, organisation, status in [
        ("sian@example.org", "Siân Roberts", "Cardiff Council", MemberStatus.ACTIVE),
        ("dafydd@example.org", "Dafydd ap Gwilym", "", MemberStatus.ACTIVE),
        ("owain@example.org", "Owain Davies", "", MemberStatus.PAUSED),
        ("gareth@example.org", "Gareth Williams", "", MemberStatus.LEFT),
        ("nameless@example.org", "", "", MemberStatus.ACTIVE),
    ]:
        add_member(db, group.id, NewMember(address, name, organisation, status))
    return group


def post(db: Database, group: Group, content: PostContent | None = None) -> BuiltPost:
    content = content or PostContent("Spring walks", "Shall we meet in April?")
    return build_post(db, group.id, account(), content, NOW)


def stdlib(built: BuiltPost) -> EmailMessage:
    parsed = email.message_from_bytes(built.mime, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def text_of(part: EmailMessage | None) -> str:
    """A text part's content, with the CRLF it travelled with turned back into newlines."""
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


def assert_well_formed(built: BuiltPost) -> None:
    lines = built.mime.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 998
    assert b"\nBcc:" not in built.mime and not built.mime.startswith(b"Bcc:")
    assert stdlib(built)["Bcc"] is None


# --- subject -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "tagged"),
    [
        ("Spring walks", "[Wellbeing] Spring walks"),
        ("Re: Spring walks", "Re: [Wellbeing] Spring walks"),
        ("Re: [Wellbeing] Spring walks", "Re: [Wellbeing] Spring walks"),
        ("[Wellbeing] Re: [Wellbeing] Spring walks", "Re: [Wellbeing] Spring walks"),
        ("RE: AW: Re[2]: SV: Antw: [wellbeing] Spring walks", "Re: [Wellbeing] Spring walks"),
        ("Fwd: Spring walks", "[Wellbeing] Spring walks"),
        ("Re: Fwd: Spring walks [Wellbeing]", "Re: [Wellbeing] Spring walks"),
        ("Spring\r\nBcc: evil@example.net", "[Wellbeing] Spring Bcc: evil@example.net"),
        ("[Other] Spring walks", "[Wellbeing] [Other] Spring walks"),
        ("[We[Wellbeing]llbeing] walks", "[Wellbeing] [We llbeing] walks"),
        ("Regarding: walks", "[Wellbeing] Regarding: walks"),
    ],
)
def test_the_tag_is_there_exactly_once(subject: str, tagged: str) -> None:
    assert tagged_subject(subject, "Wellbeing") == tagged


def test_a_reply_gets_one_re() -> None:
    assert tagged_subject("Spring walks", "Wellbeing", reply=True) == "Re: [Wellbeing] Spring walks"
    assert tagged_subject("Re: Re: walks", "Wellbeing", reply=True) == "Re: [Wellbeing] walks"


_TAGS = st.text(st.sampled_from("abcWXYZ 1-é"), min_size=1, max_size=8).filter(str.strip)
_PIECES = st.lists(
    st.one_of(
        st.sampled_from(["Re: ", "RE:", "Aw: ", "SV:", "Fwd: ", "Re[3]: ", "[", "]", " "]),
        st.text(max_size=6),
    ),
    max_size=8,
)


@given(_TAGS, _PIECES, st.booleans())
def test_tagging_twice_is_tagging_once(tag: str, pieces: list[str], reply: bool) -> None:
    tag = " ".join(tag.split())
    for subject in ("".join(pieces), f"[{tag}]".join(pieces)):
        once = tagged_subject(subject, tag, reply=reply)
        assert tagged_subject(once, tag) == once
        assert tagged_subject(once, tag, reply=reply) == once
        found = re.findall(re.escape(f"[{tag}]"), once, re.IGNORECASE)
        assert len(found) == 1 and once.removeprefix("Re: ").startswith(f"[{tag}]")
        assert once.startswith("Re: ") or not reply
        assert "\r" not in once and "\n" not in once


# --- addresses and limits ------------------------------------------------------------------


def test_group_address_is_a_sub_address_of_the_coordinator(db: Database) -> None:
    group = create_group(db, "Llŷr's Group", tag="Gwaith Da!")
    assert group_address("ann@example.org", group) == "ann+gwaith-da@example.org"
    assert group_address("ann+work@example.org", group) == "ann+gwaith-da@example.org"
    untagged = create_group(db, "Ŵyn Cymru", tag="")
    assert group_address("ann@example.org", untagged) == "ann+wyn-cymru@example.org"


@pytest.mark.parametrize(
    ("address", "limit"),
    [("ann@gmail.com", 100), ("ann@outlook.com", 500), ("ann@example.org", 100)],
)
def test_recipients_limit_follows_the_provider(address: str, limit: int) -> None:
    assert recipients_limit(account(address)) == limit
    assert posts.attachment_limit_bytes(account(address)) == 25_000_000


# --- the message ---------------------------------------------------------------------------


def test_copy_all_post_has_every_active_member_in_to(db: Database, members: Group) -> None:
    built = post(db, members)
    assert_well_formed(built)
    message = stdlib(built)
    assert built.mode is GroupMode.COPY_ALL and built.group_id == members.id
    assert built.sender == "coordinator@example.org"
    assert built.subject == "[Wellbeing] Spring walks"
    assert set(built.recipients) == {
        Address("Siân Roberts", "sian@example.org"),
        Address("Dafydd ap Gwilym", "dafydd@example.org"),
        Address("", "nameless@example.org"),
    }
    to = {a.addr_spec for a in message["To"].addresses}
    assert to == {"sian@example.org", "dafydd@example.org", "nameless@example.org"}
    assert str(message["From"]) == "Siân Roberts <coordinator@example.org>"
    assert message["Reply-To"] is None
    assert message["Subject"] == "[Wellbeing] Spring walks"
    assert message["Message-ID"] == f"<{built.message_key}>"
    assert built.message_key.endswith("@example.org")
    assert message["Date"].datetime == NOW
    assert message["List-Id"] == f"Wellbeing Network <{members.list_id}>"
    assert message["List-Post"] == "NO (reply to all to write to the group)"
    assert message["List-Help"] == "<mailto:coordinator@example.org?subject=Help>"
    assert (
        message["List-Unsubscribe"]
        == "<mailto:coordinator@example.org?subject=Leave%20Wellbeing%20Network>"
    )
    assert message["Precedence"] == "list"
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "text/plain"
    text = text_of(message)
    assert text.startswith("Shall we meet in April?\n\n-- \nWellbeing Network: Practitioners")
    assert "To leave, write to coordinator@example.org" in text
    assert "Members:" not in text  # To already shows everyone


def test_group_address_post_names_the_roster_and_hides_addresses(
    db: Database, members: Group
) -> None:
    set_group_sending(db, members.id, mode=GroupMode.GROUP_ADDRESS, footer="Sharing what works.")
    built = post(db, members)
    assert_well_formed(built)
    message = stdlib(built)
    group_to = "Wellbeing Network <coordinator+wellbeing@example.org>"
    assert str(message["To"]) == group_to and str(message["Reply-To"]) == group_to
    assert message["List-Post"] == "<mailto:coordinator+wellbeing@example.org>"
    headers = built.mime.split(b"\r\n\r\n", 1)[0]
    assert b"sian@example.org" not in headers and b"dafydd@example.org" not in headers
    assert len(built.recipients) == 3 and built.mode is GroupMode.GROUP_ADDRESS
    text = text_of(message)
    assert "Wellbeing Network: Sharing what works." in text
    assert (
        "Members: Dafydd ap Gwilym, nameless@example.org, Siân Roberts (Cardiff Council)."
        in " ".join(text.split())
    )
    assert "Owain" not in text and "Gareth" not in text


def test_a_big_roster_is_cut_short(db: Database, group: Group) -> None:
    set_group_sending(db, group.id, mode="group-address")
    for number in range(ROSTER_NAMES + 7):
        add_member(db, group.id, NewMember(f"m{number:03}@example.org", f"Member {number:03}"))
    text = text_of(stdlib(post(db, group)))
    assert "Member 000, Member 001" in text and "Member 046" not in text
    assert "and 7 more — ask the coordinator for the full list." in " ".join(text.split())


def test_formatted_post_has_plain_and_html_alternatives(db: Database, members: Group) -> None:
    markup = "<html><body><p>Shall we <b>meet</b> in April?</p><ul><li>Tŷ</li></ul></body></html>"
    built = post(db, members, PostContent("Spring walks", "", markup))
    assert_well_formed(built)
    message = stdlib(built)
    assert message.get_content_type() == "multipart/alternative"
    plain = text_of(message.get_body(("plain",)))
    assert plain.startswith("Shall we meet in April?\n\nTŷ\n\n-- \nWellbeing")
    html = text_of(message.get_body(("html",)))
    assert "<b>meet</b>" in html
    assert html.index("To leave, write to") < html.index("</body>")
    assert 'href="mailto:coordinator@example.org?subject=Leave%20Wellbeing%20Network"' in html
    parsed = parse_message(built.mime)
    assert "meet" in parsed.body_text and "<b>meet</b>" in parsed.body_html


def test_attachments_keep_their_names_bytes_and_types(
    db: Database, members: Group, tmp_path: Path
) -> None:
    files = {
        "Adroddiad ŵyl.pdf": b"%PDF-1.4 \x00\xff binary",
        'quote "marks".csv': b"name,email\r\nAnn,ann@example.org\r\n",
        "no-idea.zzqq": b"\x01\x02\x03",
        "archive.tar.gz": b"\x1f\x8b\x08",
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    built = post(db, members, PostContent("Papers", "See attached.", "<p>See</p>", tuple(paths)))
    assert_well_formed(built)
    message = stdlib(built)
    assert message.get_content_type() == "multipart/mixed"
    assert message.get_body(("html",)) is not None
    found = {a.get_filename(): a for a in message.iter_attachments()}
    assert set(found) == set(files)
    for name, data in files.items():
        assert found[name].get_payload(decode=True) == data
    assert found["Adroddiad ŵyl.pdf"].get_content_type() == "application/pdf"
    assert found['quote "marks".csv'].get_content_type() == "text/csv"
    assert found["no-idea.zzqq"].get_content_type() == "application/octet-stream"
    assert found["archive.tar.gz"].get_content_type() == "application/gzip"
    assert b"filename*=utf-8''Adroddiad%20%C5%B5yl.pdf" in built.mime  # RFC 2231
    parsed = parse_message(built.mime)
    assert {a.filename for a in parsed.attachments} == set(files)
    assert {a.size for a in parsed.attachments} == {len(d) for d in files.values()}
    assert "See attached." in parsed.body_text and "Wellbeing Network" in parsed.body_text


def test_a_file_name_cannot_inject_a_header(db: Database, members: Group, tmp_path: Path) -> None:
    path = tmp_path / "report\r\nBcc: evil@example.net\r\n.pdf"
    path.write_bytes(b"data")
    built = post(db, members, PostContent("Papers", "See attached.", attachments=(path,)))
    assert_well_formed(built)
    (attachment,) = stdlib(built).iter_attachments()
    assert attachment.get_filename() == "report Bcc: evil@example.net .pdf"
    assert attachment["Bcc"] is None


def test_names_and_subjects_cannot_inject_headers(db: Database, group: Group) -> None:
    evil = "Ann\r\nBcc: evil@example.net\r\nX-Evil: 1"
    add_member(db, group.id, NewMember("ann@example.org", evil))
    add_member(db, group.id, NewMember("bob@example.org", 'Bob "the, builder" <x@y>'))
    built = build_post(
        db,
        group.id,
        account(name="Coord\nBcc: evil@example.net"),
        PostContent("Hello\r\nBcc: evil@example.net", "Body"),
        NOW,
    )
    assert_well_formed(built)
    message = stdlib(built)
    assert message["X-Evil"] is None
    assert [a.addr_spec for a in message["To"].addresses] == ["ann@example.org", "bob@example.org"]
    assert message["To"].addresses[1].display_name == 'Bob "the, builder" <x@y>'
    assert message["From"].addresses[0].addr_spec == "coordinator@example.org"
    assert message["Subject"] == "[Wellbeing] Hello Bcc: evil@example.net"
    parsed = parse_message(built.mime)
    assert [r.email for r in parsed.headers.recipients] == ["ann@example.org", "bob@example.org"]


def test_the_email_package_itself_refuses_line_breaks_in_headers() -> None:
    message = EmailMessage(policy=policy.SMTP)
    with pytest.raises(ValueError, match="linefeed or carriage return"):
        message["Subject"] = "Hello\r\nBcc: evil@example.net"


def test_a_reply_has_in_reply_to_and_capped_references(db: Database, members: Group) -> None:
    outlook = "AM0PR07MB6226" + "A" * 90 + "@AM0PR07MB6226.eurprd07.prod.outlook.com"
    references = tuple(f"ref{n}@example.org" for n in range(30))
    content = PostContent(
        "Re: [Wellbeing] Spring walks", "Yes!", in_reply_to=outlook, references=references
    )
    built = post(db, members, content)
    assert_well_formed(built)
    message = stdlib(built)
    assert built.subject == "Re: [Wellbeing] Spring walks"
    assert message["In-Reply-To"] == f"<{outlook}>"
    # the long id is written as it is, not hidden in an RFC 2047 encoded word
    threading = re.findall(rb"^(?:In-Reply-To|References):.*(?:\r\n .*)*", built.mime, re.M)
    assert len(threading) == 2 and all(b"=?" not in header for header in threading)
    parsed = parse_message(built.mime)
    assert parsed.headers.in_reply_to == outlook
    refs = parsed.headers.references
    assert len(refs) == posts.MAX_REFERENCES
    assert refs[0] == "ref0@example.org" and refs[-1] == outlook
    assert refs[-2] == "ref29@example.org"


def test_a_reply_to_a_topic_without_re_gets_one(db: Database, members: Group) -> None:
    built = post(db, members, PostContent("Spring walks", "Yes", in_reply_to="a@example.org"))
    assert built.subject == "Re: [Wellbeing] Spring walks"
    assert stdlib(built)["References"] == "<a@example.org>"


def test_the_message_replied_to_ends_references(db: Database, members: Group) -> None:
    content = PostContent(
        "Re: walks", "Yes", in_reply_to="<b@x>", references=("a@x", "b@x", "c@x", "a@x")
    )
    built = post(db, members, content)
    assert parse_message(built.mime).headers.references == ("a@x", "c@x", "b@x")


def test_parse_back_through_pont_reads_what_was_built(db: Database, members: Group) -> None:
    built = post(db, members)
    headers = parse_message(built.mime).headers
    assert headers.message_key == built.message_key and headers.has_message_id
    assert headers.subject == "[Wellbeing] Spring walks"
    assert headers.sender == Address("Siân Roberts", "coordinator@example.org")
    assert headers.list_id == members.list_id
    assert headers.sent == NOW
    assert {r.email for r in headers.recipients} == {r.email for r in built.recipients}


def test_non_ascii_names_are_encoded_and_read_back(db: Database) -> None:
    group = create_group(db, "Grŵp Llesiant, Cymru", tag="Llesiant")
    add_member(db, group.id, NewMember("llyr@example.org", "Llŷr Jones"))
    built = build_post(db, group.id, account(), PostContent("Taith gerdded ŵyl", "Hwyl!"), NOW)
    assert_well_formed(built)
    assert built.mime.split(b"\r\n\r\n")[0].isascii()
    message = stdlib(built)
    assert message["Subject"] == "[Llesiant] Taith gerdded ŵyl"
    assert message["List-Id"] == f"Grŵp Llesiant, Cymru <{group.list_id}>"
    assert "subject=Leave%20Gr%C5%B5p%20Llesiant%2C%20Cymru>" in message["List-Unsubscribe"]
    assert str(message["To"]) == "Llŷr Jones <llyr@example.org>"
    assert not built.needs_smtputf8


def test_an_address_beyond_ascii_asks_for_smtputf8(db: Database, group: Group) -> None:
    add_member(db, group.id, NewMember("siân@example.org", "Siân"))
    built = post(db, group)
    assert built.needs_smtputf8
    (to,) = re.findall(rb"^To: .*$", built.mime, re.M)
    assert to.endswith("<siân@example.org>\r".encode())  # RFC 6532: the address in UTF-8
    assert parse_message(built.mime).headers.recipients == (Address("Siân", "siân@example.org"),)


def test_posts_that_cannot_be_built_say_why(
    db: Database, members: Group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(PostNotBuilt, match="needs a subject"):
        post(db, members, PostContent(" \r\n", "Body"))
    with pytest.raises(PostNotBuilt, match="empty"):
        post(db, members, PostContent("Subject", "  ", "<p> </p>"))
    with pytest.raises(PostNotBuilt, match="Could not read the attachment"):
        post(db, members, PostContent("Subject", "Body", attachments=(tmp_path / "gone.pdf",)))
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(posts, "DEFAULT_ATTACHMENT_LIMIT", 1024)
    with pytest.raises(PostNotBuilt, match="Share large files by a link"):
        post(db, members, PostContent("Subject", "Body", attachments=(big,)))
    empty = create_group(db, "Nobody Here")
    with pytest.raises(PostNotBuilt, match="no active members"):
        post(db, empty)


@pytest.mark.parametrize("size", [0, 1, 2, 3, 56, 57, 58, 114, 729, 4097])
def test_encoded_size_is_what_the_attachment_takes_in_the_message(
    db: Database, members: Group, tmp_path: Path, size: int
) -> None:
    """Exactly: base64's 4 characters for every 3 bytes, and a CRLF on every line of 76."""
    file = tmp_path / "data.bin"
    file.write_bytes(bytes(range(256)) * (size // 256) + bytes(size % 256))
    built = post(db, members, PostContent("Data", "Attached.", attachments=(file,)))
    [part] = stdlib(built).iter_attachments()
    boundary = stdlib(built).get_boundary()
    assert boundary is not None and part["Content-Transfer-Encoding"] == "base64"
    raw = built.mime.split(f"--{boundary}".encode())[-2]  # the last part, the attachment
    body = raw.split(b"\r\n\r\n", 1)[1].removesuffix(b"\r\n")  # that CRLF is the boundary's
    assert len(body) == encoded_size(size)
    assert encoded_size(size, 57) == encoded_size(size) + 78  # each file is encoded apart


def test_attachments_are_measured_as_encoded_against_the_limit(
    db: Database, members: Group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 22 MB file passed a 25 MB check of its size and was about 30 MB in the message."""
    monkeypatch.setattr(posts, "DEFAULT_ATTACHMENT_LIMIT", 1000)
    fits, too_big = tmp_path / "fits.bin", tmp_path / "too-big.bin"
    fits.write_bytes(b"x" * 729)  # 998 bytes encoded
    too_big.write_bytes(b"x" * 730)  # 1,002 bytes encoded, though the file is under 1,000
    assert post(db, members, PostContent("Fits", "Body", attachments=(fits,)))
    with pytest.raises(PostNotBuilt) as refused:
        post(db, members, PostContent("Too big", "Body", attachments=(too_big,)))
    assert str(refused.value).startswith(
        "The attachments come to 730 bytes. Email makes files about a third larger, so they "
        "would be more than the 1 KB a message can carry."
    )
    halves = (tmp_path / "one.bin", tmp_path / "two.bin")
    for half in halves:  # 728 bytes fit as one file (998 encoded), not as two (2 × 502)
        half.write_bytes(b"x" * 364)
    with pytest.raises(PostNotBuilt, match="come to 728 bytes"):
        post(db, members, PostContent("Two", "Body", attachments=halves))


def test_each_post_gets_its_own_message_id(db: Database, members: Group) -> None:
    assert post(db, members).message_key != post(db, members).message_key


def test_a_reply_threads_with_its_topic_and_is_filed_by_its_tag(
    db: Database, members: Group
) -> None:
    """Gmail and Outlook thread by the subject less a leading "Re:": the reply Pont writes and
    the one a member's mail program writes read the same, and filing finds the tag in both."""
    original = post(db, members)
    reply = post(db, members, PostContent("Spring walks", "Yes", in_reply_to="a@example.org"))
    assert reply.subject == "Re: " + original.subject
    members_reply = (
        "From: Ann <ann@example.net>\r\nTo: someone@example.net\r\n"
        f"Subject: Re: {original.subject}\r\nMessage-ID: <r1@example.net>\r\n\r\nYes\r\n"
    ).encode()
    headers = parse_message(members_reply).headers
    assert headers.subject == reply.subject
    assert GroupMatcher.load(db).groups_for(headers) == {members.id: "tag"}
    assert is_reply_subject(reply.subject)
    assert normalised_subject(reply.subject) == normalised_subject(original.subject)


def test_a_welsh_groups_footer_and_leave_link_are_in_welsh(db: Database, members: Group) -> None:
    """The footer follows the group's language, not the window's (which is English here)."""
    set_group_sending(db, members.id, mode=GroupMode.GROUP_ADDRESS)
    set_group_mail(db, members.id, language="cy")
    markup = "<html><body><p>Beth am gyfarfod ym mis Ebrill?</p></body></html>"
    built = post(db, members, PostContent("Teithiau", "Beth am gyfarfod?", markup))
    assert_well_formed(built)
    message = stdlib(built)
    assert message["List-Unsubscribe"] == (
        "<mailto:coordinator@example.org?subject=Gadael%20Wellbeing%20Network>"
    )
    text = " ".join(text_of(message.get_body(("plain",))).split())
    assert "Aelodau: Dafydd ap Gwilym, nameless@example.org, Siân Roberts" in text
    assert (
        "I adael, ysgrifennwch at coordinator@example.org gyda “gadael” yn y pwnc: <mailto:" in text
    )
    assert "Members" not in text and "To leave" not in text
    html = text_of(message.get_body(("html",)))
    assert 'I adael, ysgrifennwch at <a href="mailto:coordinator@example.org?subject=Gadael' in html
    assert "To leave" not in html


def test_a_bilingual_groups_footer_is_welsh_then_english(db: Database, group: Group) -> None:
    set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS)
    set_group_mail(db, group.id, language="both")
    for number in range(ROSTER_NAMES + 2):
        add_member(db, group.id, NewMember(f"m{number:03}@example.org", f"Member {number:03}"))
    text = " ".join(text_of(stdlib(post(db, group))).split())
    assert "Aelodau / Members: Member 000, Member 001" in text
    assert (
        "a 2 arall / and 2 more — gofynnwch i'r cydlynydd am y rhestr lawn / ask the "
        "coordinator for the full list." in text
    )
    welsh = text.index("I adael, ysgrifennwch at coordinator@example.org gyda “gadael” yn y pwnc.")
    english = text.index("To leave, write to coordinator@example.org with “leave” in the subject.")
    assert welsh < english < text.index("<mailto:")
    assert text.count("<mailto:") == 1  # the link once, under both sentences
    assert "subject=Gadael%20Wellbeing%20Network%20%2F%20Leave%20Wellbeing" in text


def test_a_long_name_in_both_languages_leaves_the_leave_link_without_it(db: Database) -> None:
    """Twice a hundred encoded letters would pass the 998-octet line: the link asks to leave
    without naming the group (the one the member is in is the one meant)."""
    group = create_group(db, "ŵ" * 100, tag="Hir")
    add_member(db, group.id, NewMember("llyr@example.org", "Llŷr Jones"))
    set_group_mail(db, group.id, language="cy")
    message = stdlib(build_post(db, group.id, account(), PostContent("Hwyl", "Hwyl!"), NOW))
    assert "%C5%B5" * 100 in message["List-Unsubscribe"]
    set_group_mail(db, group.id, language="both")
    message = stdlib(build_post(db, group.id, account(), PostContent("Hwyl", "Hwyl!"), NOW))
    assert message["List-Unsubscribe"] == (
        "<mailto:coordinator@example.org?subject=Gadael%20%2F%20Leave>"
    )


def test_a_group_name_with_braces_and_markup_is_shown_as_typed(db: Database) -> None:
    group = create_group(db, "Clwb {rest} {address} <b>&", tag="Clwb")
    set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS)
    set_group_mail(db, group.id, language="both")
    add_member(db, group.id, NewMember("llyr@example.org", "Llŷr {names}"))
    markup = "<html><body><p>Hwyl</p></body></html>"
    message = stdlib(build_post(db, group.id, account(), PostContent("Hwyl", "Hwyl!", markup), NOW))
    text = text_of(message.get_body(("plain",)))
    assert "Clwb {rest} {address} <b>&: " not in text  # no description: the name alone
    assert text.splitlines()[3] == "Clwb {rest} {address} <b>&"
    assert "Aelodau / Members: Llŷr {names}." in text
    html = text_of(message.get_body(("html",)))
    assert "Clwb {rest} {address} &lt;b&gt;&amp;" in html and "<b>&" not in html
