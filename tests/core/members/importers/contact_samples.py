"""Contacts files as real programs write them, built as bytes for the importer tests."""

from __future__ import annotations

OUTLOOK_HEADERS = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business Street 2", "Business Street 3", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home Street 2", "Home Street 3", "Home City", "Home State", "Home Postal Code",
    "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City",
    "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone",
    "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone",
    "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone",
    "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
    "Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address",
    "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type",
    "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name",
    "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage",
    "Notes", "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority",
    "Private", "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2",
    "User 3", "User 4", "Web Page",
]  # fmt: skip
# What Outlook puts in columns the person never filled in.
_OUTLOOK_DEFAULTS = {
    "Anniversary": "0/0/00",
    "Birthday": "0/0/00",
    "Gender": "Unspecified",
    "Priority": "Normal",
    "Private": "False",
    "Sensitivity": "Normal",
}


def outlook_csv(people: list[dict[str, str]], encoding: str = "cp1252") -> bytes:
    """Outlook's "Comma Separated Values" export: every cell quoted, CRLF, the ANSI code page."""

    def line(cells: list[str]) -> str:
        return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells) + "\r\n"

    rows = [line(OUTLOOK_HEADERS)]
    for person in people:
        values = {**_OUTLOOK_DEFAULTS, **person}
        if person.get("E-mail Address"):
            values.setdefault("E-mail Type", "SMTP")
            shown = f"{person.get('First Name', '')} {person.get('Last Name', '')}".strip()
            values.setdefault("E-mail Display Name", f"{shown} ({person['E-mail Address']})")
        rows.append(line([values.get(header, "") for header in OUTLOOK_HEADERS]))
    return "".join(rows).encode(encoding)


GOOGLE_HEADERS = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value"
)
GOOGLE_OLD_HEADERS = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,"
    "Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
    "Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
    "Organization 1 - Location,Organization 1 - Job Description"
)
THUNDERBIRD_HEADERS = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,"
    "Home Address 2,Home City,Home State,Home ZipCode,Home Country,Work Address,"
    "Work Address 2,Work City,Work State,Work ZipCode,Work Country,Job Title,Department,"
    "Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,"
    "Custom 3,Custom 4,Notes,"
)


def comma_row(headers: str, values: dict[str, str]) -> str:
    """A row for a header line, quoting like Google and Thunderbird do (only when needed)."""
    names = headers.rstrip(",").split(",")
    cells = []
    for name in names:
        value = values.get(name, "")
        if any(char in value for char in ',"\r\n'):
            value = '"' + value.replace('"', '""') + '"'
        cells.append(value)
    return ",".join(cells) + ("," if headers.endswith(",") else "")
