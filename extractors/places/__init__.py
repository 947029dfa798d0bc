"""Places (issue 3): every place a report names, resolved to its administrative code.

Stages, one module each:
  1. lexicon  — one dict of every surface form, found in a text by an Aho-Corasick
                automaton: official names, full names (北京市东城区), short names derived
                by rule (东城, 北京), zone abbreviations (长春净月高新区), local aliases.
  2. scan     — leftmost-longest matches; short surfaces must sit on jieba token
                boundaries (召开县委 holds no 开县, 朝阳产业 no 朝阳).
  3. mentions — anchor (the cities/provinces the document is about), gate (when a bare
                short name or alias counts) and resolve (a shared name picks the unit the
                anchor supports; old names resolve by the report year).
  4. region   — the jurisdiction the report covers, with the evidence that decided it;
                host reads a source URL as evidence of region and date.
  5. span     — the place of a figure or a problem: sentence, then paragraph or
                district section, then the report's region; the county a paragraph is
                labelled with (渭滨区：…) or speaks of as its own (全县, 我区).
"""
from extractors.places.host import date_of_url, region_of_url
from extractors.places.lexicon import PLACE_COLUMNS, short_name, successor_codes
from extractors.places.mentions import district_codes, find_mentions, with_bare_zones
from extractors.places.region import infer_region, region_with_evidence, without_strays
from extractors.places.span import after_citywide_cue, own_county, paragraph_label, places_for_span

__all__ = ["PLACE_COLUMNS", "after_citywide_cue", "date_of_url", "district_codes", "find_mentions", "infer_region", "own_county",
           "paragraph_label", "places_for_span",
           "region_of_url", "region_with_evidence", "short_name", "successor_codes", "with_bare_zones", "without_strays"]
