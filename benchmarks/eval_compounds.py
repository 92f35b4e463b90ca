"""Do compounds split right, and does a word find the compounds it begins or ends?

    python -m benchmarks.eval_compounds [--langs de,nl] [--misses N] [--gnad] [--shared DIR]

The data file ``benchmarks/compounds.txt`` was written for the project: per language,
compounds with the head and tail a reader would type to find them (``Uranbedarfs = uran +
bedarf``), and words that must not split (``Verband``, ``Ausland``), some with a decoy, a
word they seem to hold (``Verband = ! band``). Four measures:

- **splitter**: per language, the share of compounds whose head and tail (reduced as the
  index reduces them) are among ``compounds.pieces``; of non-compounds left whole; and words
  split per second. ``compound-split`` (CharSplit: German and Dutch) is measured the same
  way where installed (``pip install compound-split``; never a dependency): its best binary
  split, taken when its score is above 0.
- **found by part**: every word becomes one article of its language (one of the language's
  templates around it), indexed in-process; the share of (compound, head or tail) pairs
  where a search for the part restricted to the language (``--lang``) finds the compound's
  article, with compounds off (``compounds.LANGS`` empty: today's behaviour) and on. Also
  **whole first**: for each tail, an article holding the tail as a word of its own ranks
  above the compound's; and **decoys**: the share of decoys that find their non-compound
  (lower is better).
- ``--gnad``: the German known-item MRR@10 on 10kGNAD's test split (read in place from
  ``../shared``): for every article, its three rarest words (by document frequency) among
  the first 40 of its body, searched restricted to German; with compounds off and on, with
  the indexing time and the library's size.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("compounds.txt")
TOP = 10


@dataclass
class Entry:
    word: str
    head: str = ""
    tail: str = ""
    decoy: str = ""

    @property
    def compound(self) -> bool:
        return bool(self.tail)


@dataclass
class Language:
    code: str
    templates: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def load(path: Path = DATA) -> dict[str, Language]:
    """``[lang]`` sections of ``template: ... {} ...`` lines, ``Word = head + tail`` and
    ``Word = ! [decoy]`` lines."""
    langs: dict[str, Language] = {}
    current: Language | None = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = langs.setdefault(line[1:-1], Language(line[1:-1]))
            continue
        if current is None:
            raise ValueError(f"{path}:{lineno}: a line before any [lang] section")
        if line.startswith("template:"):
            current.templates.append(line.partition(":")[2].strip())
            continue
        word, _, parts = (p.strip() for p in line.partition("="))
        if parts.startswith("!"):
            current.entries.append(Entry(word, decoy=parts[1:].strip()))
        elif "+" in parts:
            head, _, tail = (p.strip() for p in parts.partition("+"))
            current.entries.append(Entry(word, head, tail))
        else:
            raise ValueError(f"{path}:{lineno}: expected 'Word = head + tail' or 'Word = !'")
    return langs


# -- the splitters -------------------------------------------------------------------------

def ours(word: str, lang: str) -> set[str] | None:
    """The pieces of our splitter, or None when it leaves the word whole."""
    from index.analysis import fold
    from index.compounds import pieces

    return set(pieces(fold(word), lang)) or None


def charsplit(word: str, lang: str) -> set[str] | None:
    """CharSplit's best binary split, when its score is above 0."""
    from compound_split import char_split  # type: ignore[import-not-found]

    from index.analysis import fold

    found = char_split.split_compound(word, lang)
    if not found or found[0][0] <= 0:
        return None
    return {fold(p) for p in found[0][1:]}


def _holds(pieces: set[str], part: str, lang: str) -> bool:
    """Whether a piece is ``part``: the same reduced form, or ``part`` with an inflection of
    at most three letters (Swedish ``priset`` for ``pris``, which the reducer keeps apart: a
    matter for the reducer, not the cut), or ``part`` less its final vowel (Danish
    ``arbejd``)."""
    from index.analysis import fold, stem

    part = fold(part)
    return any(stem(p, lang) == stem(part, lang)
               or (p.startswith(part) and len(p) - len(part) <= 3)
               or (part.startswith(p) and len(part) - len(p) <= 1) for p in pieces)


def splitter_scores(lang: Language, split) -> dict[str, float]:
    right = whole = compounds = others = 0
    misses = []
    for e in lang.entries:
        got = split(e.word, lang.code)
        if e.compound:
            compounds += 1
            if got and _holds(got, e.head, lang.code) and _holds(got, e.tail, lang.code):
                right += 1
            else:
                misses.append(f"{e.word}: {sorted(got) if got else '-'} (want {e.head} + "
                              f"{e.tail})")
        else:
            others += 1
            if not got:
                whole += 1
            else:
                misses.append(f"{e.word}: {sorted(got)} (want whole)")
    words = [e.word for e in lang.entries]
    started = time.perf_counter()
    rounds = 0
    while time.perf_counter() - started < 0.5:
        _clear_caches()
        for w in words:
            split(w, lang.code)
        rounds += 1
    speed = rounds * len(words) / (time.perf_counter() - started)
    return {"compounds": right / max(1, compounds), "whole": whole / max(1, others),
            "accuracy": (right + whole) / max(1, compounds + others), "speed": speed,
            "misses": misses}  # type: ignore[dict-item]


def _clear_caches() -> None:
    from index import analysis, compounds

    compounds._split.cache_clear()
    analysis.stem.cache_clear()
    analysis.fold.cache_clear()


def _off() -> None:
    """Compounds off: no article gives parts and no query looks for them (today)."""
    from index import compounds

    compounds.LANGS = ()


def _on(langs: tuple[str, ...]) -> None:
    from index import compounds

    compounds.LANGS = langs
