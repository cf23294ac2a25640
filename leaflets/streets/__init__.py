"""The street-description language: vocabulary, house numbers, names, addresses, overlaps."""

from __future__ import annotations

from leaflets.streets.addresses import (
    Address,
    Answer,
    Match,
    answer_address,
    find_by_address,
    parse_address,
    suggest_streets,
)
from leaflets.streets.descriptions import ParsedDescription, parse_description, split_segments
from leaflets.streets.index import IndexEntry, street_index, street_sort_key
from leaflets.streets.names import (
    Coverage,
    covers,
    display_name,
    format_coverage,
    parse_segment,
    street_aliases,
    street_key,
)
from leaflets.streets.numbers import (
    HouseNumber,
    NumberRule,
    canonical_rules,
    format_rules,
    intersect_rules,
    parse_house_number,
    rules_cover,
    union_rules,
)
from leaflets.streets.overlaps import Overlap, OverlapCheck, check_overlaps, find_overlaps
from leaflets.streets.specs import Spec, parse_numbers, parse_spec

# leaflets.areas imports the parser (names, numbers) and the answer modules (addresses,
# overlaps, index) import leaflets.areas as a module, so any order of these imports works.
from leaflets.streets.words import POLISH, NumberWords, Parity, StreetType

__all__ = [
    "POLISH",
    "Address",
    "Answer",
    "Coverage",
    "HouseNumber",
    "IndexEntry",
    "Match",
    "NumberRule",
    "NumberWords",
    "Overlap",
    "OverlapCheck",
    "Parity",
    "ParsedDescription",
    "Spec",
    "StreetType",
    "answer_address",
    "canonical_rules",
    "check_overlaps",
    "covers",
    "display_name",
    "find_by_address",
    "find_overlaps",
    "format_coverage",
    "format_rules",
    "intersect_rules",
    "parse_address",
    "parse_description",
    "parse_house_number",
    "parse_numbers",
    "parse_segment",
    "parse_spec",
    "rules_cover",
    "split_segments",
    "street_aliases",
    "street_index",
    "street_key",
    "street_sort_key",
    "suggest_streets",
    "union_rules",
]
