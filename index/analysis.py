"""Text analysis shared by indexing, querying and highlighting.

Whoosh pickles analyzers into the index's table of contents, so every filter used by the
schema lives here, in an importable module, and changing one means bumping
``store.SCHEMA_VERSION``.

Folding: case (``casefold``, so ``ß`` -> ``ss``), then accents (NFKD, combining marks
dropped): ``größte``, ``grösste`` and ``GRÖSSTE`` all become ``grosste``.

Reducing (``stem``): each article's words are reduced in its language, so a search for the
dictionary form finds the inflected ones (``Rosja`` finds ``Rosji``). Which reducer a
language gets was measured on ``benchmarks/eval_inflection.py`` (names and news words with
their inflected forms, found-by-dictionary-form rate and a known-item MRR guard):

- Snowball via PyStemmer (``SNOWBALL_LANGS``), in C: 13 of the 14 languages Whoosh ships
  a Python port of (the same algorithms, as Snowball maintains them now; Dutch the
  original one, ``dutch_porter``, as Whoosh had it; Romanian stays with Whoosh's port,
  ``WHOOSH_LANGS``), and those Whoosh lacks
  (Czech, Polish, Greek, Lithuanian, Serbian and Croatian, Turkish, Catalan, ...). Whoosh's
  ports took 5-14 us a word, PyStemmer 0.3-3 us (``python -m benchmarks.eval_inflection``
  prints words reduced per second), and indexing reduces a word at every miss of its
  caches: with Whoosh's ports a worker's segment took 1.05-1.10x the CPU (``python -m
  benchmarks.segment_cpu --variants as-is,whoosh-stemmers``). German first gets
  the German2 spelling transform (``ae/oe/ue`` -> umlauts, ``ß`` -> ``ss``) so
  ``Mueller``/``Müller`` and ``Strasse``/``Straße`` share a stem.
  Snowball leaves some alternations of the stem's end, evened out after it
  (``_AFTER_SNOWBALL``): Polish ``Hiszpanii``/``Hiszpania``, ``Polsce``/``Polska``,
  ``podatek``/``podatku``; Czech ``bance``/``banka``, ``Pavel``/``Pavla``; Serbian and
  Croatian ``Rusiji``/``Rusija``, ``banci``/``banka``; Greek ``Ρωσίας``/``Ρωσία`` and the
  stems of a letter or two Snowball makes of some Greek words; Finnish ``hallitus``/
  ``hallituksen``, ``Helsinki``/``Helsingin``. Lemmatizers were measured and left out:
  ``simplemma`` needs 10 s to load its Polish table and 6 s for Estonian, paid by every
  one-shot search and every indexing worker.
- Light suffix strippers (``LIGHT_LANGS``, in ``light_stemmers``) where Snowball has
  nothing, or too little: Ukrainian, Slovene, Slovak and Estonian written for broadsheet;
  Bulgarian (Nakov's) and Latvian (Kreslins') as Lucene has them, Bulgarian with a few
  fixes measured here. Each strips the longest inflectional ending that leaves a stem, then
  evens out what inflection does to the end of a stem (a fleeting ``e``: Slovene
  ``Koper``/``Kopra``; Ukrainian ``Харків``/``Харкова``). Rules, not a dictionary, so an
  unknown name loses its case ending like any noun.

Every reducer's output is folded, so ``ministř`` and ``ministr`` meet.
"""

from __future__ import annotations

# isort: off
from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import re
from functools import lru_cache

from whoosh.analysis import Filter, RegexTokenizer

from .enrich.folding import fold as fold_text

INNER = ".'’"
"""What a word may hold between two runs of letters: inner dots and apostrophes."""
WORD = re.compile(rf"\w+(?:[{INNER}]\w+)*", re.UNICODE)
"""A word: letters/digits, keeping inner dots and apostrophes (``U.S.``, ``l'État``)."""

SNOWBALL_LANGS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "eu": "basque", "fa": "persian",
    "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi", "hr": "serbian",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "nl": "dutch_porter", "no": "norwegian",
    "pl": "polish", "pt": "portuguese", "ru": "russian", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "tr": "turkish",
}
"""Languages stemmed by PyStemmer's Snowball 3 algorithms (Croatian by the Serbian one,
written for both; Dutch by the original Dutch one, not Snowball 3's new one, which would
change three stems in ten of the Dutch sample articles' words)."""
WHOOSH_LANGS = ("ro",)
"""Languages stemmed by Whoosh's Python port of Snowball. Romanian only: Whoosh's port knows
only the cedilla letters (``ş``, ``ţ``), so it leaves the endings of today's comma-below
spelling on (``soldații`` -> ``soldaț``, folded ``soldat``), which finds more forms of a word
by its dictionary form than Snowball 3 stripping them (``sold``): 0.779 against 0.752
(``python -m benchmarks.eval_inflection --langs ro``)."""
TRANSLITERATED = frozenset({"hr", "sr"})
"""Languages whose reducer writes Cyrillic as Latin (Snowball's Serbian: ``Србија`` and
``Srbija`` share ``srbi``), so a stem need not begin like its word."""
LIGHT_LANGS = ("bg", "et", "lv", "sk", "sl", "uk")
"""Languages reduced by a light suffix stripper of this module."""
STEM_LANGS = tuple(sorted((*SNOWBALL_LANGS, *WHOOSH_LANGS, *LIGHT_LANGS)))
"""Languages whose words are reduced; others are indexed folded only."""

_GERMAN2 = re.compile(r"(?<!q)ue|ae|oe")
_UMLAUT = {"ae": "ä", "oe": "ö", "ue": "ü"}


STEMS_CACHED = 65_536
"""Stems ``stem`` keeps (~240 bytes each with their keys: 16 MB). Indexing asks it only for
the words ``article_words``'s own table (``FORMS_CACHED``) does not hold."""


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-folded form of one word (the unit of matching everywhere).

    The same rule the country gazetteer folds with (``enrich.folding``): besides case and
    accents it maps the letters NFKD leaves alone (``Łódź`` -> ``lodz``, ``Øresund`` ->
    ``oresund``), so a search typed without them still finds them."""
    return fold_text(word) if not word.isascii() else word.casefold()


def german2(word: str) -> str:
    """The snowball German2 variant's spelling transform, on a lower-cased word."""
    return _GERMAN2.sub(lambda m: _UMLAUT[m.group(0)], word.replace("ß", "ss"))


@lru_cache(maxsize=64)
def _stem_function(lang: str):
    if lang in LIGHT_LANGS:
        from . import light_stemmers

        return getattr(light_stemmers, lang)
    if lang in WHOOSH_LANGS:
        from whoosh.lang import stemmer_for_language

        return stemmer_for_language(lang)
    import Stemmer  # PyStemmer: imported on the first word of a stemmed language

    stemmer = Stemmer.Stemmer(SNOWBALL_LANGS[lang])
    # No cache of its own: ``stem`` caches in front of it, and PyStemmer's, sorted whenever
    # it fills, made a new word 3.6x as slow (1.26 against 0.35 us, 300,000 made-up words,
    # measured once with an ad-hoc script).
    stemmer.maxCacheSize = 0
    return stemmer.stemWord


@lru_cache(maxsize=STEMS_CACHED)
def stem(word: str, lang: str) -> str:
    """Folded stem of a lower-cased word in ``lang`` (or just folded, with no stemmer)."""
    if lang not in STEM_LANGS:
        return fold(word)
    if lang == "de":
        word = german2(word)
    reduced = _stem_function(lang)(word)
    if lang in _AFTER_SNOWBALL:
        reduced = _AFTER_SNOWBALL[lang](reduced, word)
    return fold(reduced)


_PL_HARD = {"c": "k", "dz": "d"}


def _polish(reduced: str, word: str) -> str:
    """What Snowball's Polish stemmer leaves of the locative's softening, undone: ``-i`` of
    ``-ia/-ii`` nouns (``Hiszpanii`` -> ``hiszpani``, as ``Hiszpania`` -> ``hiszpan``), a
    final ``c``/``dz`` made of ``k``/``d`` (``Polsce``, ``w rządzie``), and a fleeting ``e``
    (``minister``/``ministra``, ``podatek``/``podatku``)."""
    from .light_stemmers import fleeting

    if len(reduced) > 3 and reduced.endswith("i"):
        reduced = reduced[:-1]
    if len(reduced) > 3:
        for soft, hard in _PL_HARD.items():
            if reduced.endswith(soft):
                reduced = reduced[:-len(soft)] + hard
                break
    return fleeting(reduced)


_CS_HARD = {"c": "k", "z": "h"}


def _czech(reduced: str, word: str) -> str:
    """Czech after Snowball: the softened ``c``/``z`` of ``bance``, ``v Praze`` back to
    ``k``/``h`` (Snowball does it for some endings only), ``-yj`` of transliterated names
    (``Zelenskyj``/``Zelenského``), and a fleeting ``e`` (``Pavel``/``Pavla``)."""
    from .light_stemmers import fleeting

    if len(reduced) > 5 and reduced.endswith(("yj", "ij")):
        reduced = reduced[:-2]
    if len(reduced) > 3 and reduced[-1] in _CS_HARD:
        reduced = reduced[:-1] + _CS_HARD[reduced[-1]]
    return fleeting(reduced)


def _serbian(reduced: str, word: str) -> str:
    """Serbian and Croatian after Snowball, which leaves ``-ij`` of ``-ija`` nouns in some
    cases only (``Rusija`` -> ``rusi``, ``Rusiji`` -> ``rusij``) and the ``c`` of
    ``Americi``/``banci`` (made of ``k``)."""
    if reduced.endswith("ij"):
        reduced = reduced[:-1]
    if len(reduced) > 4 and reduced.endswith("i"):
        reduced = reduced[:-1]
    if len(reduced) > 3 and reduced.endswith("c"):
        reduced = reduced[:-1] + "k"
    return reduced


_EL_ENDINGS = tuple(sorted({fold(e) for e in """
    α ας ε ες η ης ι ια ιας ιες ιων ο ος ου ους οι ων ω εις εων ιου ιο ματα ματος
""".split()}, key=len, reverse=True))
"""Folded, as the word they are cut from (``ς`` is ``σ`` then)."""


def _greek(reduced: str, word: str) -> str:
    """Greek after Snowball, which cuts some forms to a letter or two (``νίκου`` -> ``ν``,
    ``κρίσεις`` -> ``κρ``: they would match every such word) and leaves the ``ι`` of
    ``-ία/-ίας`` in some cases only (``Ρωσίας`` -> ``ρωσι``, ``Ρωσία`` -> ``ρωσ``). A
    stem under three letters is made again by cutting the ending off the folded word."""
    if len(reduced) < 3 and len(word) > 3:
        folded = fold(word)
        for ending in _EL_ENDINGS:
            if folded.endswith(ending) and len(folded) - len(ending) >= 3:
                reduced = folded[:-len(ending)]
                break
    if len(reduced) > 3 and fold(reduced).endswith("ι"):
        reduced = reduced[:-1]
    return reduced


def _finnish(reduced: str, word: str) -> str:
    """Finnish after Snowball, which keeps apart the cases of ``-us``/``-ys``/``-os``
    nouns (``hallitus``, ``hallituks``, ``hallitu``), a final ``i`` or ``e`` of some forms
    only (``kriisi``/``kriis``, ``vaali``/``vaale``) and the ``nk``/``ng`` of consonant
    gradation (``Helsinki``/``Helsingin``): found by the dictionary form 0.719 -> 0.849,
    known-item MRR 1.000 both (``benchmarks/eval_inflection.py --langs fi``)."""
    if len(reduced) > 5 and reduced.endswith(("uks", "yks", "oks", "öks")):
        reduced = reduced[:-2]
    elif len(reduced) > 5 and reduced.endswith(("us", "ys", "os", "ös")):
        reduced = reduced[:-1]
    if len(reduced) > 4 and reduced[-1] in "ie":
        reduced = reduced[:-1]
    if reduced.endswith("ng"):
        reduced = reduced[:-1] + "k"
    return reduced


_AFTER_SNOWBALL = {"pl": _polish, "cs": _czech, "hr": _serbian, "sr": _serbian,
                   "el": _greek, "fi": _finnish}


def words(text: str) -> list[str]:
    return WORD.findall(text)


class FoldFilter(Filter):
    """Lower-case and strip accents (see ``fold``)."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


@lru_cache(maxsize=32)
def stopwords(lang: str) -> frozenset[str]:
    from whoosh.lang import has_stopwords, stopwords_for_language

    return frozenset(stopwords_for_language(lang)) if has_stopwords(lang) else frozenset()


class LanguageStemFilter(Filter):
    """Stem each token with the language named by the value's first token, keeping only
    stems that differ from the folded word.

    The engine indexes the ``stem`` field as ``"<lang> <text>"``: one field for every
    language keeps queries to one posting list per stem, instead of a field per language.
    A stem equal to its folded word is already in ``exact``, where queries look for stems
    too (``exact:haus`` finds ``Haus`` when ``Hauses`` is searched); leaving those, and stop
    words, out halves the field and most of its indexing time.
    """

    def __call__(self, tokens):
        lang = None
        stop: frozenset[str] = frozenset()
        for t in tokens:
            if lang is None:
                lang = t.text
                stop = stopwords(lang)
                continue
            word = t.text.lower()
            if word in stop:
                continue
            stemmed = stem(word, lang)
            if stemmed != fold(word):
                t.text = stemmed
                yield t


def folded_positions(text: str) -> dict[str, list[int]]:
    """Each folded word of ``text`` and its positions: what ``folding_analyzer`` yields,
    without a Token object per word (the indexer's hottest loop)."""
    positions: dict[str, list[int]] = {}
    for pos, word in enumerate(words(text)):
        word = fold(word)
        if word in positions:
            positions[word].append(pos)
        else:
            positions[word] = [pos]
    return positions


def stem_counts(value: str) -> dict[str, int]:
    """Each stem ``stemming_analyzer`` yields for ``"<lang> <text>"``, and how often."""
    tokens = words(value)
    if not tokens:
        return {}
    lang = tokens[0]
    stop = stopwords(lang)
    counts: dict[str, int] = {}
    for token in tokens[1:]:
        word = token.lower()
        if word in stop:
            continue
        stemmed = stem(word, lang)
        if stemmed != fold(word):
            counts[stemmed] = counts.get(stemmed, 0) + 1
    return counts


FORMS_CACHED = 100_000
"""Words whose folded form and stem ``article_words`` keeps, all languages together (about
490 bytes a word: ~50 MB at most in each worker). Per language, eight languages held up to
1.6 million in a worker of a synthetic library. At 200,000 (and a ``stem`` cache of 262,144)
the two tables took ~110 MB of each worker once full, for no more speed than half of that
gives: over 8,000 synthetic articles, ``article_words`` took 4.56 s and 4.46 s of CPU with
the larger and the smaller tables, 4.79 s with a quarter (measured once, an ad-hoc script)."""
_forms: dict[str, dict[str, tuple[str, str | None]]] = {}


def _word_forms(word: str, lang: str) -> tuple[str, str | None]:
    """A word's folded form, and its stem where the stem field indexes one (see
    ``stem_counts``), else None."""
    lower = word.lower()
    if lower in stopwords(lang):
        return fold(word), None
    stemmed = stem(lower, lang)
    return fold(word), (stemmed if stemmed != fold(lower) else None)


def article_words(title: str, text: str, lang: str) -> tuple[dict[str, list[int]],
                                                             dict[str, int]]:
    """``folded_positions(f"{title}\n{text}")`` and ``stem_counts(f"{lang} {title}\n{text}")``
    in one pass: the article's words are found once, and each distinct word is looked up
    once in a table of the forms of the words seen before."""
    if words(lang) != [lang]:  # not one word: the stem field's value reads differently
        return folded_positions(f"{title}\n{text}"), stem_counts(f"{lang} {title}\n{text}")
    by_word: dict[str, list[int]] = {}
    for pos, word in enumerate(words(f"{title}\n{text}")):
        if word in by_word:
            by_word[word].append(pos)
        else:
            by_word[word] = [pos]
    forms = _forms.setdefault(lang, {})
    if sum(map(len, _forms.values())) + len(by_word) > FORMS_CACHED:
        for table in _forms.values():
            table.clear()
    positions: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    merged = []
    for word, poses in by_word.items():
        try:
            folded, stemmed = forms[word]
        except KeyError:
            folded, stemmed = forms[word] = _word_forms(word, lang)
        if folded in positions:  # "The" and "the": one folded word, positions in order
            positions[folded] += poses
            merged.append(folded)
        else:
            positions[folded] = poses
        if stemmed is not None:
            counts[stemmed] = counts.get(stemmed, 0) + len(poses)
    for folded in merged:
        positions[folded].sort()
    return positions, counts


def reducer(lang: str) -> str:
    """Which reducer an article of ``lang`` is indexed with, in a few words (``inspect``)."""
    if lang in SNOWBALL_LANGS:
        return (f"Snowball {SNOWBALL_LANGS[lang]} (PyStemmer)"
                + (", German2 spellings" if lang == "de" else ""))
    if lang in WHOOSH_LANGS:
        return "Snowball romanian (Whoosh)"
    if lang in LIGHT_LANGS:
        return f"light suffix stripper ({lang})"
    return "none: words are folded only"


def reduced_forms(text: str, lang: str, limit: int | None = None) -> dict[str, str]:
    """Each distinct word of ``text`` (as first written) whose reduced form the ``stem``
    field holds, and that form, in order, at most ``limit``: why a search for another form
    of the word finds the article (``Rosji`` -> ``ros``, as ``Rosja`` -> ``ros``)."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for word in words(text):
        if limit is not None and len(out) >= limit:
            break
        if word.lower() in seen:
            continue
        seen.add(word.lower())
        _folded, reduced = _word_forms(word, lang) if lang in STEM_LANGS else ("", None)
        if reduced is not None:
            out[word] = reduced
    return out


def folding_analyzer():
    return RegexTokenizer(WORD) | FoldFilter()


def stemming_analyzer():
    return RegexTokenizer(WORD) | LanguageStemFilter()
