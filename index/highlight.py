"""Where a query matched in a text: spans for the article pane and a snippet for the list.

Matching is done here, not by Whoosh's highlighter, so spans are structured (start, end)
offsets — no markup to strip — and follow the same folding and stemming as the index:
``Regierung`` marks ``Regierungen``, ``grösste`` marks ``größte``, and a word found inside
a compound marks the compound (``Abkommen`` marks ``Freihandelsabkommen``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import compounds
from .analysis import INNER, TRANSLITERATED, WORD, fold, stem
from .country_words import country_word, may_name, names_of

SNIPPET_CHARS = 200


@dataclass(frozen=True)
class Terms:
    """What to mark: folded words, folded stems, folded prefixes, and phrases (folded
    words in a row, marked only where they stand in that order)."""

    words: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    countries: frozenset[str] = frozenset()
    """ISO codes a word was taken for: their mentions are marked in any language."""
    parts: frozenset[str] = frozenset()
    """Reduced pieces of compounds (``compounds.pieces``): a compound holding one is marked."""
    empty: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "empty", not (self.words or self.stems or self.prefixes
                                               or self.phrases or self.countries
                                               or self.parts))


MIN_REST = compounds.SHORTEST_PART - 1
"""Letters a compound has beyond a reduced part of it: another part, less one letter a
stemmer may have added (a part is a stem, most often shorter than its piece)."""
SNIPPET_SCAN = 20_000
"""Snippets look for matches in this many leading characters: enough for any lead, and a
book-length text costs no more than an article."""


def spans(text: str, terms: Terms, lang: str) -> list[tuple[int, int]]:
    """Every matching word of ``text`` as (start, end), and every phrase as one span from
    its first word to its last, in order."""
    if terms.empty:
        return []
    words, stems, prefixes, countries = terms.words, terms.stems, terms.prefixes, terms.countries
    # Stems begin like their words (but in the Latin of a transliterating reducer): only
    # words whose first two letters begin some stem are worth stemming, which skips most of
    # a text.
    heads = {s[:2] for s in stems}
    every_head = lang in TRANSLITERATED
    parts = terms.parts if lang in compounds.LANGS else frozenset()
    names, name_heads = _country_names(countries) if countries else (frozenset(), frozenset())

    def marked(word: str) -> bool:
        folded = fold(word)
        return bool(
            folded in words
            or ((every_head or folded[:2] in heads) and stem(word.lower(), lang) in stems)
            or (prefixes and folded.startswith(prefixes))
            or (countries and folded[:2] in name_heads and may_name(folded, names)
                and country_word(word) in countries)
            or (parts and _holds_part(folded, parts, lang)))

    if not (terms.phrases or every_head or parts or "" in prefixes):
        starts = _starts(terms, name_heads, text.isascii())
        return _scanned_spans(text, starts, marked) if starts is not None else []
    found = []
    tokens: list[tuple[str, tuple[int, int]]] = []
    seen: dict[str, bool] = {}  # an article says most of its words more than once
    for match in WORD.finditer(text):
        word = match.group(0)
        if terms.phrases:
            tokens.append((fold(word), match.span()))
        hit = seen.get(word)
        if hit is None:
            hit = seen[word] = marked(word)
        if hit:
            found.append(match.span())
    if terms.phrases:
        found = _merged(found + _phrase_spans(tokens, terms.phrases))
    return found


def _scanned_spans(text: str, starts: re.Pattern, marked) -> list[tuple[int, int]]:
    """``spans`` where no phrase, compound part or transliterating reducer is looked for:
    only the words that may begin as a looked-for word, stem, prefix or country name begins
    (``_starts``) are read and tried, found by one scan of the text in C rather than word by
    word. The 20 snippets of a search for 'said' on Reuters: 5 ms -> 1 ms (an ad-hoc
    script timing ``snippet`` in one process, 21 searches); ``tests/index/test_highlight.py``
    holds the spans equal to the word-by-word reading's."""
    found = []
    for candidate in starts.finditer(text):
        start = candidate.start()
        if start > 1 and text[start - 1] in INNER and _WORD_CHAR.match(text, start - 2):
            continue  # inside a word written with an inner dot or apostrophe (``U.S``)
        match = WORD.match(text, start)
        if match is not None and marked(match.group(0)):
            found.append(match.span())
    return found


_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=64)
def _starts(terms: Terms, name_heads: frozenset[str], ascii: bool) -> re.Pattern | None:
    """Where a word of a text may begin that can match ``terms``: its first two letters
    (one, where a looked-for word has no more) those of a looked-for word, stem, prefix or
    country name, case-blind. A folded word begins as its text does when that text begins
    with two ASCII characters (folding them is lower-casing); in a text that is not all
    ASCII, a word beginning otherwise is always tried. ``None``: no word of an ASCII text
    can match.

    Each beginning is matched before asking what stands before it, so the scan looks for
    the few letters the beginnings start with (an ASCII text of Reuters: ~5 us, against
    ~40 us for reading its every word with ``WORD``; an ad-hoc ``timeit``)."""
    heads = {h[:2] for h in (*terms.words, *terms.stems, *terms.prefixes, *name_heads)}
    alternatives = [rf"{re.escape(h)}(?<!\w{'.' * len(h)})"
                    for h in sorted(heads, key=lambda h: (-len(h), h)) if h.isascii() and h]
    if ascii:
        if not alternatives:
            return None
        return re.compile("|".join(alternatives), re.IGNORECASE | re.ASCII)
    alternatives.append(r"(?<!\w)\w?[^\x00-\x7f]")
    return re.compile("|".join(alternatives), re.IGNORECASE)


@lru_cache(maxsize=64)
def _country_names(countries: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The folded names of ``countries``, and their first two letters: a word that names
    one begins as the name does (every name has three letters or more), so most words are
    ruled out on those before ``may_name`` tries each case ending; once per search, not per
    snippet. The 20 snippets of a search for 'yugoslavia' on Reuters: 5.3 -> 2.7 ms, the
    same spans (an ad-hoc A/B in one process, medians of 30)."""
    names = names_of(countries)
    return names, frozenset(n[:2] for n in names)


def _holds_part(folded: str, parts: frozenset[str], lang: str) -> bool:
    """Whether a compound's pieces, reduced as the ``parts`` field holds them, meet
    ``parts``. Splitting loads the language's word table (30-60 ms, measured once), which
    a one-shot search should pay only for a likely compound: a word that holds the part,
    but for the last letters its stemmer may have changed (Finnish ``helsingin`` is
    ``helsinki``), and is longer than it by a second part (``Kasachstans`` is no compound
    of ``kasachstan``, nor ``transkaspische``)."""
    if not any(len(folded) - len(part) >= MIN_REST and part[:max(3, len(part) - 2)] in folded
               for part in parts):
        return False
    return any(stem(piece, lang) in parts for piece in compounds.pieces(folded, lang))


def _phrase_spans(tokens: list[tuple[str, tuple[int, int]]],
                  phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    folded = [t for t, _ in tokens]
    out = []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(folded) - n + 1):
            if folded[i] == phrase[0] and tuple(folded[i:i + n]) == phrase:
                out.append((tokens[i][1][0], tokens[i + n - 1][1][1]))
    return out


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with spans that overlap (a word inside a phrase) made one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def snippet(text: str, terms: Terms, lang: str,
            width: int = SNIPPET_CHARS) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The ``width``-character window with the most matches, and the spans inside it."""
    text_spans = spans(text[:SNIPPET_SCAN], terms, lang)
    start = _best_window(text_spans, width)
    if start:
        cut = text.rfind(" ", 0, start + 1)
        start = cut + 1 if cut > start - 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start + width // 2 else end
    piece = text[start:end]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shown = lead + " ".join(piece.split("\n")) + tail
    offset = len(lead) - start
    inside = tuple((s + offset, e + offset) for s, e in text_spans if s >= start and e <= end)
    return shown, inside


def _best_window(text_spans: list[tuple[int, int]], width: int) -> int:
    """Start of the window holding most spans (two pointers), a little before the first."""
    if not text_spans:
        return 0
    best, best_count, j = text_spans[0][0], 0, 0
    for i, (s, _) in enumerate(text_spans):
        while j < len(text_spans) and text_spans[j][1] <= s + width - 40:
            j += 1
        if j - i > best_count:
            best, best_count = s, j - i
    return max(0, best - 40)
