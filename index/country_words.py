"""Query words that name a country, in any language (``kasachstan``, ``Казахстана``,
``kazakh``): such a word also finds the articles that name that country in every other
language (the ``named`` field), and marks its mentions there.

The words are looked up in the gazetteer's table of names (CLDR names and adjectives in
every language, folded), not found by the detector's automaton: a query has no context
for the detector's rules, and building the automaton costs a one-shot search ~0.4 s,
the table ~0.1 s (measured once with ``time broadsheet search``; no benchmark row).
"""

from __future__ import annotations

from functools import lru_cache

from .analysis import fold

COUNTRY_WORD_SHORTEST = 4
"""Shorter words are never taken for a country: ``in``, ``de``, ``us`` are words first."""
CASE_ENDING_LONGEST = 2
"""A word one or two letters longer than a country's name is the name with a case ending
(``Kasachstans``, ``Казахстана``)."""


@lru_cache(maxsize=4096)
def country_word(word: str) -> str | None:
    """The country a query word names, in any language: a name, an adjective, or a name
    with a case ending of up to ``CASE_ENDING_LONGEST`` letters. Never a word that the
    detector's collision list finds to be a common word or a given name in more than one
    language (``mali``, ``chad``, ``jordan``, ``того``): in a query there is no context to
    tell them apart."""
    from .enrich.country_context import collisions
    from .enrich.country_gazetteer import names_index

    folded = fold(word)
    if len(folded) < COUNTRY_WORD_SHORTEST or not folded.isalpha():
        return None
    names, doubtful = names_index(), collisions()
    for cut in range(CASE_ENDING_LONGEST + 1):
        key = folded[:len(folded) - cut]
        if len(key) < COUNTRY_WORD_SHORTEST:
            break
        code = names.get(key)
        if code:
            common = max(len(doubtful.get(key, ())), len(doubtful.get(folded, ())))
            return None if common > 1 else code
    return None
