"""Everyone in one group, in the members table's sort order, with the text the filter searches."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pont.core.members.addresses import address_key
from pont.core.members.members import Member, MemberStatus
from pont.ui.members.columns import haystack, matching_rows


class MemberRoster:
    """The whole of one group, shown in the table or filtered out: the plain bookkeeping
    behind MembersTableModel, which keeps its rows in step.

    A member's place is their index in members (and in haystacks). Sorting or removing
    members moves places, so those return where each old place went.
    """

    def __init__(self) -> None:
        self.members: list[Member] = []
        self.haystacks: list[str] = []  # the folded text the filter searches, by place
        self._places: dict[int, int] = {}  # member id → place
        self._owners: dict[str, int] = {}  # address_key → member id, for duplicate hints
        self._active: int | None = None

    def __len__(self) -> int:
        return len(self.members)

    def place_of(self, member_id: int) -> int | None:
        return self._places.get(member_id)

    def places_of(self, member_ids: Iterable[int]) -> set[int]:
        """The places of those of these members who are in the group."""
        places = self._places
        return {p for i in member_ids if (p := places.get(i)) is not None}

    def owner_of(self, address: str) -> int | None:
        """The id of the member with this address, if anyone has it."""
        return self._owners.get(address_key(address))

    def active_count(self) -> int:
        # Cached: the status bar asks after every change, and counting 20,000 rows each
        # time a removal announces one of its row ranges adds up.
        if self._active is None:
            self._active = sum(1 for m in self.members if m.status is MemberStatus.ACTIVE)
        return self._active

    def matching(self, words: Sequence[str], places: Sequence[int] | None = None) -> list[int]:
        """The places, ascending, of members matching every word; only among places if given."""
        return matching_rows(self.haystacks, words, places)

    def fill(self, members: list[Member]) -> None:
        """Hold these members, already in sort order, instead of everyone before."""
        self.members = members
        self.haystacks = [haystack(member) for member in members]
        self._rebuild_lookups()

    def reorder(self, order: Sequence[int]) -> list[int]:
        """Put the members in this order of their places; returns each old place's new one."""
        new_place_of_old = [0] * len(order)
        for new, old in enumerate(order):
            new_place_of_old[old] = new
        self.members = [self.members[place] for place in order]
        self.haystacks = [self.haystacks[place] for place in order]
        self._places = {member.id: place for place, member in enumerate(self.members)}
        return new_place_of_old

    def replace(self, place: int, member: Member) -> Member:
        """Put a member's new details in their place; returns their details before."""
        old = self.members[place]
        self.members[place] = member
        self.haystacks[place] = haystack(member)
        if address_key(old.email) != address_key(member.email):
            self._owners.pop(address_key(old.email), None)
            self._owners[address_key(member.email)] = member.id
        if old.status != member.status:
            self._active = None
        return old

    def extend(self, members: Sequence[Member]) -> range:
        """Add members at the end, out of sort order until reordered; returns their places."""
        first = len(self.members)
        self.members.extend(members)
        self.haystacks.extend(haystack(member) for member in members)
        self._rebuild_lookups()
        return range(first, len(self.members))

    def remove(self, gone: set[int]) -> list[int]:
        """Drop the members in these places; returns each old place's new one (a gone
        member's is that of the next one kept)."""
        new_place_of_old: list[int] = []
        kept = 0
        for place in range(len(self.members)):
            new_place_of_old.append(kept)
            kept += place not in gone
        self.members = [m for p, m in enumerate(self.members) if p not in gone]
        self.haystacks = [h for p, h in enumerate(self.haystacks) if p not in gone]
        self._rebuild_lookups()
        return new_place_of_old

    def _rebuild_lookups(self) -> None:
        self._active = None
        self._places = {member.id: place for place, member in enumerate(self.members)}
        self._owners = {address_key(member.email): member.id for member in self.members}
