"""Overlaps: the addresses two areas both claim, with the exact numbers they share."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

# The module, not its names: see leaflets.streets.addresses.
from leaflets import areas as area_model
from leaflets._gc import gc_paused
from leaflets.streets.index import street_sort_key, whole_word
from leaflets.streets.names import display_name, place_key
from leaflets.streets.numbers import NumberRule, canonical_rules, format_rules, intersect_rules
from leaflets.text import search_key

if TYPE_CHECKING:
    from leaflets.areas import Area

__all__ = ["Overlap", "find_overlaps"]


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


def _candidate_pairs(
    claims: Sequence[Sequence[_Claim]],
) -> dict[tuple[int, int], set[tuple[int, int]]]:
    """For every pair of areas (earlier index first) the pairs of their claims (earlier area's
    first) that `_shared` may find in common: the same name in the same town, or with a town
    unknown; and a village claimed as a locality with any claim in that village. `_shared` is
    None for every pair of claims left out, so only areas with a common bucket are compared."""
    same: dict[tuple[str, str], list[_ClaimRef]] = {}  # (name, town) -> claims, in order
    by_town: dict[str, list[_ClaimRef]] = {}
    villages: list[tuple[str, _ClaimRef]] = []
    for area, area_claims in enumerate(claims):
        for index, claim in enumerate(area_claims):
            ref = (area, index)
            same.setdefault((claim.key, claim.town), []).append(ref)
            by_town.setdefault(claim.town, []).append(ref)
            if claim.locality:
                villages.append((claim.key, ref))
    pairs: dict[tuple[int, int], set[tuple[int, int]]] = {}

    def link(one: _ClaimRef, other: _ClaimRef) -> None:
        (area, mine), (later, theirs) = (one, other) if one < other else (other, one)
        if area != later:
            pairs.setdefault((area, later), set()).add((mine, theirs))

    # A line without a town matches the same name in any town.
    anywhere = {key for key, town in same if not town}
    by_name: dict[str, list[_ClaimRef]] = {}
    for (key, town), refs in same.items():
        if key in anywhere:
            by_name.setdefault(key, []).extend(refs)
        if town:
            # One claim per name and town in an area: `refs` are of different areas, in order.
            for (area, mine), (later, theirs) in itertools.combinations(refs, 2):
                pairs.setdefault((area, later), set()).add((mine, theirs))
    for key in anywhere:
        for one in same[key, ""]:
            for other in by_name[key]:
                link(one, other)
    for key, village in villages:
        for other in by_town.get(key, ()):
            link(village, other)
    return pairs


def find_overlaps(areas: Sequence[Area]) -> list[Overlap]:
    """Every pair of areas claiming a common address (same town, or a town unknown), once per
    street and pair, with the exact numbers both claim."""
    with gc_paused():
        return _find_overlaps(areas)


def _find_overlaps(areas: Sequence[Area]) -> list[Overlap]:
    ordered = sorted(areas, key=area_model.area_order)
    claims = [_claims(area) for area in ordered]
    found: list[Overlap] = []
    for (index, later), claim_pairs in sorted(_candidate_pairs(claims).items()):
        mine, theirs = claims[index], claims[later]
        found.extend(
            _pair_overlaps(
                ordered[index],
                ordered[later],
                ((mine[a], theirs[b]) for a, b in sorted(claim_pairs)),
            )
        )
    return found
