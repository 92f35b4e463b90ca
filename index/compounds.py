"""Compounds: the words a German, Dutch, Nordic or Finnish compound begins and ends with.

``Freihandelsabkommen`` is one word, and a reader who types ``Abkommen`` or ``Freihandel``
expects to find it. Each compound of an article in ``LANGS`` therefore also gives its parts
to the ``parts`` field (``schema``), reduced like any word of its language, and a query word
looks there too with a low boost (``query.PART_BOOST``), so an article holding the word
itself ranks above one holding it only inside a compound.

Splitting is read from data: a part must be a word written at least once in a million words
of its language (``data/compound_words.json``, from ``wordfreq``; see its build script).
Of the ways to cut a word into such parts, joined by the language's linking elements
(German ``Freihandel-s-abkommen``, Swedish ``skatt-e-höjning``) or with the head's final
vowel dropped (``Grenz-kontrolle``, ``skol-barn``), the one whose parts are most frequent on
average (geometric mean of frequencies, Koehn and Knight 2003; links, restored vowels,
three-letter parts and a third or fourth part cost a little) wins, and only if it is not
much rarer than the word whole (``WHOLE_MARGIN``).
Stop words and prefixes (``aus``, ``ver``) are never heads, suffixes (``ung``, ``schaft``)
never tails, though frequency lists hold them as words. Names are not split: a country's
(``country_words``: ``Frankreich``, ``Dänemark``), and a word written as often in English
(``Manchester``, ``Microsoft``).

Measured on ``benchmarks/eval_compounds.py`` (compounds cut right / non-compounds left
whole): German 0.99 / 1.00, Dutch 0.97 / 0.97, Swedish 0.93 / 1.00, Danish 0.94 / 0.96,
Norwegian 0.98 / 0.92, Finnish 0.89 / 1.00 (costs set on most of that data; on the words
held out, 0.77-1.00 / 0.83-1.00); 33,000 words/s on 10kGNAD's vocabulary.
``compound-split`` (CharSplit: German and Dutch only) cuts German compounds as well (0.97)
but splits half the non-compounds (``Ver-band``, ``Aus-land``: 0.51 left whole; Dutch
0.72 / 0.57) and imports a 40 MB n-gram table in 2 s; ``charsplit-fst``
needs Python 3.12. A search loads the word table only to mark a compound.

What is given (``pieces``): the head and all before the tail (``frei``, ``freihandel``), the
tail and all after the head (``abkommen``, ``handelsabkommen``), never a middle part alone
(``handel``) nor the word itself.
"""

from __future__ import annotations

# isort: off
from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import json
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import Filter

from .country_words import country_word

LANGS = ("da", "de", "fi", "nl", "no", "sv")
"""Languages whose compounds are split (``data/compound_words.json`` holds their words)."""
SHORTEST_WORD = 6
"""Shorter words are not split: two parts of three letters at least."""
SHORTEST_PART = 3
MOST_PARTS = 4
LINK_COST = 3
DROP_COST = 6
"""Tenths of a Zipf unit a restored vowel costs a head, more than a link: Swedish
``handel-s-avtal``, not ``handels(e)-avtal`` (``händelse`` folds to ``handelse``)."""
SHORT_COST = 5
"""Tenths of a Zipf unit a part of ``SHORTEST_PART`` letters costs: short words are frequent
and many, and make false cuts (Dutch ``best-uur``, Norwegian ``form-ann``; see
``_plausible``)."""
PART_COST = 3
"""Tenths of a Zipf unit each part beyond two costs a cut's average: Swedish
``finans-minister``, not ``fin-ans-minister``."""
"""Tenths of a Zipf unit a linking element costs a cut: ``Mehrwert-steuer``, not
``Mehrwert-s-teuer``."""
WHOLE_MARGIN = 5
"""Tenths of a Zipf unit by which a cut's parts may be rarer on average than the word whole
and still split it."""
LINKS = {
    "de": ("s", "es", "n", "en", "er", "e", "ns"),
    "nl": ("s", "en", "e", "n"),
    "sv": ("s", "e"),
    "da": ("s", "e"),
    "no": ("s", "e"),
    "fi": (),
}
"""Linking elements written between a head and what follows (``Arbeit-s-markt``)."""
DROPPED = {"de": ("e",), "nl": ("e",), "sv": ("a", "e"), "da": ("e",), "no": ("e",), "fi": ()}
"""A head's final vowel left out before what follows (``Schul-buch``, ``skol-barn``)."""
NOT_HEADS = {
    "de": "ver ent zer emp miss ge be er ur",
    "nl": "ver ont her be ge er",
    "sv": "for fore be an ut av till upp sam miss",
    "da": "for be an ud af op sam und",
    "no": "for be an ut av opp sam",
    "fi": "",
}
"""Prefixes that frequency lists hold as words (pieces of hyphenated forms): never a head.
Each language's stop words are not heads either."""
NOT_TAILS = {
    "de": "schaft schaften heit heiten keit keiten ling linge lich liche nis nisse tum chen "
          "lein ung ungen isch ismus ist isten bar sam haft los lose lung tion tionen ern "
          "erin erinnen ler",
    "nl": "heid heden schap schappen lijk lijke ing ingen baar zaam loos tje tjes isme ist",
    "sv": "het heten skap lig liga ning ningen ing ling ande else ist ism are",
    "da": "hed heden skab lig lige ning ningen ing ling else isme ist ende",
    "no": "het heten skap lig lige ning ningen ing ling else isme ist ende",
    "fi": "",
}
"""Suffixes that frequency lists hold as words: never a tail (``Wirt-schaft``)."""


@lru_cache(maxsize=1)
def _table() -> dict:
    with open(Path(__file__).parent / "data" / "compound_words.json", encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=8)
def _words(lang: str) -> dict[str, int]:
    """Folded word -> Zipf frequency in tenths (``data/compound_words.json``)."""
    table = _table()["langs"].get(lang, {})
    return {word: int(zipf) for zipf, line in table.items() for word in line.split()}


@lru_cache(maxsize=8)
def _whole(lang: str) -> frozenset[str]:
    """Words never split: names and borrowed words, written at least as often in English
    (``manchester``, ``microsoft``; ``data/compound_words.json``)."""
    return frozenset(_table()["foreign"].get(lang, "").split())


_PREFIXES: dict[str, bytes] = {}
"""Per language, the beginnings of its known words (of ``SHORTEST_PART`` letters or more),
made by ``part_counts`` once a language has had ``PREFIXES_AFTER`` words to split: a head
stops growing where no known word begins like it (``_heads`` 3x faster). Not made before,
nor for highlighting: it costs 0.15 s, more than it saves on a few articles (a Reuters
article taken for Danish).

Kept as a bit per hash (``PREFIX_BITS``, a Bloom filter of one hash), not as a set of the
beginnings themselves: a set of the six languages' 520,000 beginnings took 74 MB of each
indexing worker, a sixth of all the memory a million-article run peaked at, and these take
3 MB. A beginning always finds its bit set; a string no word begins with finds it set too
with p ~ 3% (150,000 beginnings in 4 million bits), and its head grows one more letter
before ``known`` says no: the same cuts, a little more work (``test_compounds``)."""
PREFIX_BITS = 1 << 22
_PREFIX_MASK = PREFIX_BITS - 1
PREFIXES_AFTER = 20_000
_asked: dict[str, int] = {}


def _prefixes(lang: str) -> None:
    if lang not in _PREFIXES:
        bits = bytearray(PREFIX_BITS >> 3)
        for word in _words(lang):
            for k in range(SHORTEST_PART, len(word) + 1):
                h = hash(word[:k]) & _PREFIX_MASK
                bits[h >> 3] |= 1 << (h & 7)
        _PREFIXES[lang] = bytes(bits)


def _may_begin(prefixes: bytes, base: str) -> bool:
    """Whether a known word may begin with ``base`` (``_PREFIXES``): never False for one
    that does."""
    h = hash(base) & _PREFIX_MASK
    return bool(prefixes[h >> 3] >> (h & 7) & 1)


@lru_cache(maxsize=8)
def _not_parts(lang: str, tails: bool = False) -> frozenset[str]:
    """The words never taken for a head (or a tail): prefixes (suffixes) and stop words."""
    from .analysis import fold, stopwords

    table = NOT_TAILS if tails else NOT_HEADS
    return frozenset(table.get(lang, "").split()) | {fold(w) for w in stopwords(lang)}


Cut = tuple[tuple[int, int, str], ...]
"""A compound's parts: (start, end of the part without its link, the part as a word)."""


def split(word: str, lang: str) -> Cut:
    """The best cut of a folded, lower-case ``word`` into parts, or ``()``."""
    if lang not in LANGS or len(word) < SHORTEST_WORD or not word.isalpha():
        return ()
    return _split(word, lang)


@lru_cache(maxsize=131072)
def _split(word: str, lang: str) -> Cut:
    known = _words(lang)
    if not any(word[i:] in known for i in range(SHORTEST_PART, len(word) - SHORTEST_PART + 1)):
        return ()  # most words: no known word ends them
    if word in _whole(lang) or country_word(word):
        return ()  # a name: Manchester is no manche-ester, Frankreich no frank-reich
    found = [(total / k - PART_COST * (k - 2), cut)
             for k, (total, cut) in _cuts(word, lang).items()
             if k > 1 and _plausible(cut)]
    if not found:
        return ()
    mean, cut = max(found)
    return cut if mean > known.get(word, 0) - WHOLE_MARGIN else ()


def _plausible(cut: Cut) -> bool:
    """A cut of short parts only is never taken (Danish ``udg-ift``: abbreviations in the
    lists), nor one with a short part in the middle (``Kas(e)-ach-stan``, where Swedish
    ``fri-handel-s-avtal`` stands): short words are many, and three of them fit most long
    names."""
    short = [end - start <= SHORTEST_PART for start, end, _ in cut]
    return not all(short) and not any(short[1:-1])


@lru_cache(maxsize=65536)
def _cuts(rest: str, lang: str) -> dict[int, tuple[int, Cut]]:
    """k -> the most frequent cut (sum of scores, parts) of ``rest`` into k parts. Cached by
    the string, not the word: compounds share their ends (``Bundes-regierung``,
    ``Landes-regierung``), and each end is cut once."""
    known = _words(lang)
    out: dict[int, tuple[int, Cut]] = {}
    if rest in known and rest not in _not_parts(lang, tails=True):
        short = SHORT_COST if len(rest) == SHORTEST_PART else 0
        out[1] = (known[rest] - short, ((0, len(rest), rest),))
    for j, (score, end, base) in _heads(rest, lang).items():
        for k, (total, cut) in _cuts(rest[j:], lang).items():
            if k < MOST_PARTS and (k + 1 not in out or out[k + 1][0] < total + score):
                out[k + 1] = (total + score,
                              ((0, end, base), *((s + j, e + j, b) for s, e, b in cut)))
    return out


def _heads(word: str, lang: str) -> dict[int, tuple[int, int, str]]:
    """Where a head beginning ``word`` may end (after its link) -> (score, end of the head
    without its link, the head as a word), the best reading for each end: as written, less
    a linking element (``LINK_COST``), or with its dropped vowel restored (``DROP_COST``)."""
    known = _words(lang)
    not_heads = _not_parts(lang)
    links, dropped = ("", *LINKS.get(lang, ())), DROPPED.get(lang, ())
    prefixes = _PREFIXES.get(lang)
    last = len(word) - SHORTEST_PART
    out: dict[int, tuple[int, int, str]] = {}
    for end in range(SHORTEST_PART, last + 1):
        base = word[:end]
        if prefixes is not None and not _may_begin(prefixes, base):
            break  # no known word begins so: nor with a longer head
        readings = [(known[base], base)] if base in known else []
        for v in dropped:
            if base + v in known:
                readings.append((known[base + v] - DROP_COST, base + v))
        if not readings or base in not_heads:
            continue
        short = SHORT_COST if end == SHORTEST_PART else 0
        linked = [(j, cost) for j, cost in ((end + len(link), LINK_COST if link else 0)
                                            for link in links
                                            if not link or word.startswith(link, end))
                  if j <= last]
        for score, as_word in readings:
            for j, cost in linked:
                total = score - short - cost
                if j not in out or out[j][0] < total:
                    out[j] = (total, end, as_word)
    return out


def pieces(word: str, lang: str) -> tuple[str, ...]:
    """The words a folded, lower-case ``word`` begins and ends with: its head and all
    before its tail (``frei``, ``freihandel``; a dropped vowel restored: ``grenze``), its
    tail and all after its head (``abkommen``, ``handelsabkommen``)."""
    cut = split(word, lang)
    if not cut:
        return ()
    head, tail = cut[0][2], cut[-1][2]
    before = word[:cut[-2][0]] + cut[-2][2]
    after = word[cut[1][0]:]
    return tuple(dict.fromkeys((head, before, tail, after)))


def part_counts(positions: dict[str, list[int]], lang: str) -> dict[str, int]:
    """The ``parts`` field of an article: each reduced piece (``analysis.stem``) of its
    compounds and how often, from its folded words and their positions."""
    if lang not in LANGS:
        return {}
    from .analysis import stem, stopwords

    _asked[lang] = _asked.get(lang, 0) + len(positions)
    if _asked[lang] > PREFIXES_AFTER:
        _prefixes(lang)
    stop = stopwords(lang)
    counts: dict[str, int] = {}
    for word, poses in positions.items():
        if len(word) < SHORTEST_WORD or word in stop:
            continue
        for piece in pieces(word, lang):
            reduced = stem(piece, lang)
            counts[reduced] = counts.get(reduced, 0) + len(poses)
    return counts


class PartsFilter(Filter):
    """The ``parts`` field's analyzer (what ``part_counts`` gives, as tokens): the value is
    ``"<lang> <text>"``, like the ``stem`` field's."""

    def __call__(self, tokens):
        from .analysis import fold, stem, stopwords

        lang = None
        for t in tokens:
            if lang is None:
                lang = t.text
                if lang not in LANGS:
                    return
                continue
            word = fold(t.text)
            if len(word) < SHORTEST_WORD or word in stopwords(lang):
                continue
            for piece in pieces(word, lang):
                t.text = stem(piece, lang)
                yield t
