"""Query words that name a country, in any language (``kasachstan``, ``Казахстана``,
``kazakh``): such a word also finds the articles that name that country in every other
language (the ``named`` field), and marks its mentions there.

The words are looked up in a table of the gazetteer's names (CLDR names and adjectives in
every language, folded), not found by the detector's automaton: a query has no context
for the detector's rules. The table is generated (``data/build_country_words.py``);
building it from the gazetteer took ~0.1 s of every one-shot search.

A search looks its words up in the file's bytes, not in the table parsed: its 25,000 names
took 5-15 ms to parse (most of compiling a one-word query in a one-shot ``broadsheet
search``), a lookup is a binary search of 10-20 microseconds (both measured with an
ad-hoc script; the one-shot rows of ``python -m benchmarks.run`` pay what is left). The
file is written sorted, compact and with its letters unescaped (``build_country_words``),
and a name is letters only: no quote, comma or backslash in it. A process that looks up
more than ``SEARCHED`` words (marking a country's mentions in snippets looks up every
word of them) parses the table once, and looks the rest up in it.
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


TABLE = Path(__file__).parent / "enrich" / "data" / "country_words.json"
_NAMES = b'{"names":{'
_COMMON = b',"common":['
"""Where the names end and the common words begin (``build_country_words.text``)."""


@cache
def _table() -> tuple[bytes, int, frozenset[str]]:
    """The file's bytes, where its names end, and its common words (a short list, parsed)."""
    data = TABLE.read_bytes()
    end = data.rfind(_COMMON)
    if not data.startswith(_NAMES) or end < 0:  # not the layout written: make it so
        parsed = json.loads(data)
        names = json.dumps(dict(sorted(parsed["names"].items())), ensure_ascii=False,
                           separators=(",", ":"))
        data = f'{{"names":{names}'.encode()
        return data, len(data), frozenset(parsed["common"])
    common = data[end + len(_COMMON) - 1:].rstrip().removesuffix(b"}")
    return data, end, frozenset(json.loads(common))


SEARCHED = 64
"""Words looked up by a binary search of the file before it is parsed (see above)."""
_searched = 0


@cache
def _names() -> dict[str, str]:
    data, end, _ = _table()
    return json.loads(data[len(_NAMES) - 1:end])


def _code(key: str) -> str | None:
    """The ISO code of the country ``key`` (a folded name) names, or None."""
    global _searched
    if _searched >= SEARCHED:
        return _names().get(key)
    _searched += 1
    return _search(key)


def _search(key: str) -> str | None:
    """``_code`` by a binary search of the names' entries (``"name":"CODE"``, sorted by
    name) between ``lo`` and ``hi``, each the start of one (or the end)."""
    data, hi, _ = _table()
    target = key.encode("utf-8")
    lo = len(_NAMES)
    while lo < hi:
        after = data.find(b',"', (lo + hi) // 2, hi)  # the first entry past the middle
        start = lo if after < 0 else after + 1
        colon = data.find(b'":"', start, hi)
        if colon < 0:
            return None
        name = data[start + 1:colon]
        close = data.find(b'"', colon + 3, hi)
        if name == target:
            return data[colon + 3:close].decode("utf-8")
        if name < target:
            lo = close + 2  # past '",': the next entry
        elif start == lo:
            return None
        else:
            hi = start - 1  # the comma before it: no entry is found across it
    return None


@lru_cache(maxsize=64)
def names_of(codes: frozenset[str]) -> frozenset[str]:
    """Every folded name in the table that names one of ``codes``: found by the code's
    entries (``"name":"CODE"``) in the file's bytes, not by parsing it."""
    data, end, _ = _table()
    out = set()
    for code in codes:
        tail = f'":"{code}"'.encode("ascii", "ignore")
        at = data.find(tail, len(_NAMES), end)
        while at >= 0:
            out.add(data[data.rfind(b'"', 0, at) + 1:at].decode("utf-8"))
            at = data.find(tail, at + len(tail), end)
    return frozenset(out)


def may_name(folded: str, names: frozenset[str]) -> bool:
    """Whether ``country_word`` could take the folded word for one of ``names``'
    countries: the word, or the word less a case ending, is one of them. Marking a
    country's mentions in a snippet asks this of every word first: looking each up in
    the whole table took 15 of the 94 ms of a one-shot ``broadsheet search yugoslavia``
    on Reuters (cProfile, once; ``python -m benchmarks.run --only reuters``, row
    'one-shot search 'yugoslavia'')."""
    return any(folded[:len(folded) - cut] in names for cut in range(CASE_ENDING_LONGEST + 1))


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
    common = _table()[2]
    if folded in common:
        return None
    for cut in range(CASE_ENDING_LONGEST + 1):
        key = folded[:len(folded) - cut]
        if len(key) < SHORTEST:
            break
        code = _code(key)
        if code:
            return None if key in common else code
    return None
