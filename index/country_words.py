"""Query words that name a country, in any language (``kasachstan``, ``Казахстана``,
``kazakh``): such a word also finds the articles that name that country in every other
language (the ``named`` field), and marks its mentions there.

The words are looked up in a table of the gazetteer's names (CLDR names and adjectives in
every language, folded), not found by the detector's automaton: a query has no context
for the detector's rules. The table is generated (``data/build_country_words.py``) and
loads in ~5 ms; building it from the gazetteer took ~0.1 s of every one-shot search.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from .analysis import fold

SHORTEST = 4
"""Shorter words are never taken for a country: ``in``, ``de``, ``us`` are words first."""
CASE_ENDING_LONGEST = 2
"""A word one or two letters longer than a country's name is the name with a case ending
(``Kasachstans``, ``Казахстана``)."""


@cache
def _table() -> tuple[dict[str, str], frozenset[str]]:
    path = Path(__file__).parent / "enrich" / "data" / "country_words.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["names"], frozenset(data["common"])


@lru_cache(maxsize=4096)
def country_word(word: str) -> str | None:
    """The country a query word names, in any language: a name, an adjective, or a name
    with a case ending of up to ``CASE_ENDING_LONGEST`` letters. Never a word that the
    detector's collision list finds to be a common word or a given name in more than one
    language (``mali``, ``chad``, ``jordan``, ``того``): in a query there is no context to
    tell them apart."""
    folded = fold(word)
    if len(folded) < SHORTEST or not folded.isalpha():
        return None
    names, common = _table()
    if folded in common:
        return None
    for cut in range(CASE_ENDING_LONGEST + 1):
        key = folded[:len(folded) - cut]
        if len(key) < SHORTEST:
            break
        code = names.get(key)
        if code:
            return None if key in common else code
    return None
