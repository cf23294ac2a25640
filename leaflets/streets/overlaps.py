"""Overlaps: the addresses two areas both claim, with the exact numbers they share."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

# The module, not its names: see leaflets.streets.addresses.
from leaflets import areas as area_model
from leaflets import limits
from leaflets._gc import gc_paused
from leaflets.streets.index import street_sort_key, whole_word
from leaflets.streets.names import display_name, place_key
from leaflets.streets.numbers import (
    NumberRule,
    canonical_rules,
    format_rules,
    intersect_rules,
    parse_house_number,
)
from leaflets.text import search_key

if TYPE_CHECKING:
    from leaflets.areas import Area

__all__ = ["Crowded", "Overlap", "OverlapCheck", "check_overlaps", "find_overlaps"]


@dataclass(frozen=True)
class Overlap:
    street: str
    """Display name with prefix: `ul. Chojnowska`, `Bieniowice`."""
    description: str
    """The numbers both areas claim: `numery parzyste 34–70`, `numer 3`, `cała ulica`."""
    first: Area
    second: Area


class _Claim(NamedTuple):
    """What one area says about one name in one town, all its lines merged."""

    key: str
    town: str
    locality: bool
    display: str
    rules: tuple[NumberRule, ...]  # () = all of it


def _claims(area: Area) -> list[_Claim]:
    merged: dict[tuple[str, str], _Claim] = {}
    for line in area.lines:
        coverage = line.coverage
        if coverage is None or coverage.part:
            continue  # a street between cross streets: which numbers is not known
        locality = coverage.kind != "street"
        key = place_key(coverage)
        town = search_key(coverage.town or line.town or area.town)
        claim = _Claim(key, town, locality, display_name(coverage), coverage.rules)
        known = merged.get((key, town))
        if known is not None:
            rules = known.rules + claim.rules if known.rules and claim.rules else ()
            claim = _Claim(
                key,
                town,
                known.locality and claim.locality,
                max(known.display, claim.display, key=len),
                canonical_rules(rules),
            )
        merged[(key, town)] = claim
    return list(merged.values())


def _describe(rules: tuple[NumberRule, ...], whole: str) -> str:
    if not rules:
        return whole
    if len(rules) == 1 and len(rules[0].numbers) == 1:
        return f"numer {rules[0].numbers[0]}"
    return "numery " + format_rules(rules)


def _shared(mine: _Claim, theirs: _Claim) -> tuple[tuple[NumberRule, ...] | None, str, str] | None:
    """What a claim of the earlier area and one of the later area have in common: the numbers
    (None = none), the name to show and the word for the whole of it; None when the claims are
    about different places."""
    same_name = mine.key == theirs.key and (
        not mine.town or not theirs.town or mine.town == theirs.town
    )
    if same_name:
        rules = intersect_rules(mine.rules, theirs.rules)
        display = max(mine.display, theirs.display, key=len)
        whole = whole_word(mine.locality and theirs.locality, mine.key, (mine.town, theirs.town))
    # A village claimed whole overlaps every street another area lists in it.
    elif mine.locality and theirs.town == mine.key:
        rules, display = theirs.rules, theirs.display
        whole = whole_word(theirs.locality, theirs.key, (theirs.town,))
    elif theirs.locality and mine.town == theirs.key:
        rules, display = mine.rules, mine.display
        whole = whole_word(mine.locality, mine.key, (mine.town,))
    else:
        return None
    return rules, display, whole


def _pair_overlaps(
    first: Area, second: Area, claim_pairs: Iterable[tuple[_Claim, _Claim]]
) -> list[Overlap]:
    """The overlaps of two areas, given their pairs of claims in the order to try them (the
    earlier area's claim first; pairs about different places may be left out)."""
    found: dict[str, Overlap] = {}
    for mine, theirs in claim_pairs:
        shared = _shared(mine, theirs)
        if shared is None:
            continue
        rules, display, whole = shared
        if rules is not None and display not in found:
            found[display] = Overlap(display, _describe(rules, whole), first, second)
    return [found[name] for name in sorted(found, key=street_sort_key)]


_ClaimRef = tuple[int, int]
"""(area, claim): indexes into the areas in order and into that area's claims."""
_Pairs = dict[tuple[int, int], set[tuple[int, int]]]
"""(area, later area) -> the pairs of their claims to compare (the earlier area's first)."""


@dataclass(frozen=True)
class Crowded:
    """A name so many areas claim, with numbers that may meet, that comparing them would
    pass `limits.MAX_OVERLAP_WORK_PER_NAME`: its claims are not compared."""

    street: str
    """Display name with prefix, as the areas' lines print it."""
    areas: int
    """How many areas claim it."""
    first: Area


@dataclass(frozen=True)
class OverlapCheck:
    """The overlaps found; the names not compared for being claimed by too many areas; and
    where comparing stopped when all names together passed `limits.MAX_OVERLAP_WORK` (the
    names after it are not compared)."""

    found: tuple[Overlap, ...]
    crowded: tuple[Crowded, ...] = ()
    stopped: Crowded | None = None


class _Stop(Exception):
    def __init__(self, at: Crowded) -> None:
        super().__init__()
        self.at = at


def check_overlaps(areas: Sequence[Area]) -> OverlapCheck:
    """Every pair of areas claiming a common address (same town, or a town unknown), once per
    street and pair, with the exact numbers both claim; bounded, so that a roster where
    thousands of areas claim one street (hours, and millions of warnings) costs seconds."""
    with gc_paused():
        ordered = sorted(areas, key=area_model.area_order)
        claims = [_claims(area) for area in ordered]
        pairs: _Pairs = {}
        comparing = _Comparing(ordered, claims, pairs)
        stopped = None
        try:
            _candidate_pairs(claims, comparing)
        except _Stop as stop:
            stopped = stop.at
        found: list[Overlap] = []
        for (index, later), claim_pairs in sorted(pairs.items()):
            mine, theirs = claims[index], claims[later]
            found.extend(
                _pair_overlaps(
                    ordered[index],
                    ordered[later],
                    ((mine[a], theirs[b]) for a, b in sorted(claim_pairs)),
                )
            )
        return OverlapCheck(tuple(found), tuple(comparing.crowded), stopped)


def find_overlaps(areas: Sequence[Area]) -> list[Overlap]:
    """`check_overlaps`' overlaps."""
    return list(check_overlaps(areas).found)


def _span(claim: _Claim) -> tuple[float, float]:
    """The lowest and highest house number a claim may cover, parity and letters aside (1 to
    infinity for the whole street or a number not understood): claims whose spans do not
    meet share no number, so they are not compared."""
    if not claim.rules:
        return 1, math.inf
    low, high = math.inf, 0.0
    for rule in claim.rules:
        if not rule.numbers:
            low = min(low, rule.start if rule.start is not None else 1)
            high = max(high, rule.end if rule.end is not None else math.inf)
        for text in rule.numbers:
            house = parse_house_number(text)
            if house is None:
                return 1, math.inf
            low, high = min(low, house.number), max(high, house.number)
    return low, high


def _meeting(
    refs: Sequence[_ClaimRef],
    spans: dict[_ClaimRef, tuple[float, float]],
    free: Set[_ClaimRef] | None = None,
) -> Iterator[tuple[_ClaimRef, _ClaimRef]]:
    """The pairs of `refs` whose spans meet, by a sweep over the spans in order (claims still
    open are kept by their end, so closing them costs no scan): a long street of a city, its
    numbers shared out among its areas, costs no comparison. With `free`, only pairs holding
    at least one claim of `free` (a line without a town against the name in every town)."""
    open_free: list[tuple[float, int, _ClaimRef]] = []
    open_bound: list[tuple[float, int, _ClaimRef]] = []
    for order, ref in enumerate(sorted(refs, key=spans.__getitem__)):
        low, high = spans[ref]
        for heap in (open_free, open_bound):
            while heap and heap[0][0] < low:
                heapq.heappop(heap)
        is_free = free is None or ref in free
        for _, _, other in open_free:
            yield other, ref
        if is_free:
            for _, _, other in open_bound:
                yield other, ref
        heapq.heappush(open_free if is_free else open_bound, (high, order, ref))


class _Comparing:
    """The pairs of claims to compare, added a name at a time: a name whose pairs would pass
    `limits.MAX_OVERLAP_WORK_PER_NAME` is left out (`crowded`); when all names together pass
    `limits.MAX_OVERLAP_WORK`, comparing stops (`_Stop`). Work is counted in pairs of number
    rules, as comparing two claims meets every rule of one with every rule of the other."""

    def __init__(self, areas: Sequence[Area], claims: Sequence[Sequence[_Claim]], pairs: _Pairs):
        self.areas, self.claims, self.pairs = areas, claims, pairs
        self.crowded: list[Crowded] = []
        self.left = limits.MAX_OVERLAP_WORK

    def add(
        self,
        name: _ClaimRef,
        refs: Sequence[_ClaimRef],
        found: Iterable[tuple[_ClaimRef, _ClaimRef]],
    ) -> None:
        """The pairs `found` among `refs`, the claims to the name `name` names."""
        kept: list[tuple[tuple[int, int], tuple[int, int]]] = []
        work = 0
        for one, other in found:
            (area, mine), (later, theirs) = (one, other) if one < other else (other, one)
            if area == later:
                continue
            rules = len(self.claims[area][mine].rules), len(self.claims[later][theirs].rules)
            work += max(1, rules[0]) * max(1, rules[1])
            if work > limits.MAX_OVERLAP_WORK_PER_NAME:
                self.crowded.append(self._crowded(name, refs))
                return
            kept.append(((area, later), (mine, theirs)))
        if work > self.left:
            raise _Stop(self._crowded(name, refs))
        self.left -= work
        for key, pair in kept:
            self.pairs.setdefault(key, set()).add(pair)

    def _crowded(self, name: _ClaimRef, refs: Sequence[_ClaimRef]) -> Crowded:
        area, index = name
        claimed = {ref[0] for ref in refs}
        return Crowded(self.claims[area][index].display, len(claimed), self.areas[min(claimed)])


def _candidate_pairs(claims: Sequence[Sequence[_Claim]], comparing: _Comparing) -> None:
    """For every pair of areas (earlier index first) the pairs of their claims (earlier area's
    first) that `_shared` may find in common: the same name in the same town, or with a town
    unknown, whose spans meet; and a village claimed as a locality with any claim in that
    village. `_shared` is None for every pair of claims left out, so only areas with a common
    bucket are compared."""
    same: dict[tuple[str, str], list[_ClaimRef]] = {}  # (name, town) -> claims, in order
    by_town: dict[str, list[_ClaimRef]] = {}
    villages: list[tuple[str, _ClaimRef]] = []
    spans: dict[_ClaimRef, tuple[float, float]] = {}
    for area, area_claims in enumerate(claims):
        for index, claim in enumerate(area_claims):
            ref = (area, index)
            spans[ref] = _span(claim)
            same.setdefault((claim.key, claim.town), []).append(ref)
            by_town.setdefault(claim.town, []).append(ref)
            if claim.locality:
                villages.append((claim.key, ref))
    # A line without a town matches the same name in any town.
    anywhere = {key for key, town in same if not town}
    by_name: dict[str, list[_ClaimRef]] = {}
    for (key, town), refs in same.items():
        if key in anywhere:
            by_name.setdefault(key, []).extend(refs)
        if town:
            # One claim per name and town in an area: `refs` are of different areas.
            comparing.add(refs[0], refs, _meeting(refs, spans))
    for key in anywhere:
        townless = same[key, ""]
        comparing.add(townless[0], by_name[key], _meeting(by_name[key], spans, set(townless)))
    for key, village in villages:
        refs = by_town.get(key, [])
        comparing.add(village, [village, *refs], ((village, other) for other in refs))
