"""The country gazetteer: folded names -> ISO codes, two Aho-Corasick automata, the scanner.

Names come from CLDR for every babel locale (precomputed in ``data/countries_cldr.json``) plus
the hand tables in ``data/country_tables.py``. Each hit must sit on word boundaries, may carry
an inflection ending, and the longest hit wins. Abbreviations (US, VAE, США) are a second
automaton over the original, unfolded text: they are case-sensitive.

Nothing heavy happens at import: the automata are built on the first ``gazetteer()`` call, and
``names_index()`` (for ``--country`` values) needs no automaton at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from index.enrich.folding import ETHIOPIC, fold, is_arabic, no_space_script

if TYPE_CHECKING:
    from index.enrich.automaton import Automaton

DATA = Path(__file__).with_name("data")
CLDR_FILE = DATA / "countries_cldr.json"


class Entry(NamedTuple):
    """What a gazetteer key means: a code (None for a blocker) and the tails it may take."""

    code: str | None
    rule: str
    tails: tuple[str, ...]


@lru_cache(maxsize=1)
def cldr() -> dict[str, Any]:
    """The precomputed CLDR names (see ``data/build_gazetteer.py``)."""
    return json.loads(CLDR_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def codes() -> frozenset[str]:
    return frozenset(cldr()["codes"])


@lru_cache(maxsize=1)
def hand_tables() -> Any:
    from index.enrich.data import country_tables

    return country_tables


def expand(pattern: str, endings: tuple[str, ...], lang: str = "") -> list[str]:
    """``stem*`` -> stem + each default ending; ``stem{a,b,}`` -> stema, stemb, stem.

    A stem may change before the masculine plural: Czech francouzsk-ý -> francouzští,
    Polish polsk-i -> polscy (``STEM_PLURALS``)."""
    if pattern.endswith("*"):
        stem = pattern[:-1]
        if endings[0] and stem.endswith(endings[0]):  # "mexicano*" in Spanish: mexican-o/a/os/as
            stem = stem[: -len(endings[0])]
        forms = [stem + e for e in endings]
        for tail, plural in hand_tables().STEM_PLURALS.get(lang, ()):
            if stem.endswith(tail):
                forms.append(stem[: -len(tail)] + plural)
        return forms
    match = re.fullmatch(r"(.*)\{(.*)\}", pattern)
    if match:
        return [match.group(1) + e for e in match.group(2).split(",")]
    return [pattern]


@cache
def _name_tails(langs: frozenset[str], script: str) -> tuple[str, ...]:
    """Inflection endings a name may carry in the languages that spell it this way."""
    tables = hand_tables()
    tails = {""}
    for lang in langs:
        tails.update(fold(s) for s in tables.NAME_SUFFIXES.get(lang, ()))
    if script == "arabic":
        tails.update(tables.ARABIC_NISBA)
    elif script == "cyrillic":
        tails.update(tables.STEM_ENDINGS_CYRILLIC)
    return tuple(sorted(tails, key=len, reverse=True))


def _script(char: str) -> str:
    if "\u0400" <= char <= "\u04ff":
        return "cyrillic"
    return "arabic" if is_arabic(char) else "other"


@lru_cache(maxsize=2)
def _stem_tails(script: str) -> tuple[str, ...]:
    tables = hand_tables()
    endings = tables.STEM_ENDINGS_CYRILLIC if script == "cyrillic" else tables.STEM_ENDINGS_LATIN
    return tuple(sorted({fold(e) for e in endings}, key=len, reverse=True))


def _stems(key: str, langs: frozenset[str], script: str) -> list[tuple[str, tuple[str, ...]]]:
    """Case forms that hang off a stem: Slavic/Baltic Rosja -> rosj + i, Россия -> росси + ей,
    Гана -> ган + ы; Romanian Franța -> franț + ei."""
    tables = hand_tables()
    out = []
    if key[-1] in tables.STEM_VOWELS and not langs.isdisjoint(tables.STEM_LANGS) and (
        len(key) >= 5 or (len(key) == 4 and key[-1] in tables.SHORT_STEM_VOWELS)
    ):
        out.append((key[:-1], _stem_tails(script)))
    if "el" in langs and key.endswith("οσ") and len(key) >= 5:
        out.append((key[:-2], tuple(fold(e) for e in tables.GREEK_STEM_ENDINGS)))
    for lang in langs.intersection(tables.STEM_ENDINGS_BY_LANG):
        if len(key) >= 5 and key[-1] == "a":
            out.append((key[:-1], tuple(fold(e) for e in tables.STEM_ENDINGS_BY_LANG[lang])))
    return out


def _arabic_variants(key: str) -> list[str]:
    """li- + al- contracts: ``للولايات`` = ل + لولايات; add the article-less spelling too."""
    if key.startswith("ال") and len(key) > 4:
        return [key, "ل" + key[2:], key[2:]]
    return [key]


ETHIOPIC_SYLLABLES = re.compile(f"[{ETHIOPIC}]+$")
"""Amharic and Tigrinya write a syllable a character: ``ኤርትራ`` (Eritrea) is four, ``ህንድ``
(India) three. Their names are measured at two letters a character."""


ETHIOPIC_PREFIXES = ("የ", "በ", "ከ", "ለ", "ብ", "ን")
"""Amharic of, in, from, to and Tigrinya by, to: written onto the name (``የኢትዮጵያ``, of
Ethiopia; ``ንኤርትራ``, to Eritrea)."""


def _ethiopic_variants(key: str) -> list[str]:
    return [key, *(prefix + key for prefix in ETHIOPIC_PREFIXES)]


def _cldr_sources() -> Iterable[tuple[str, str, str, frozenset[str], bool]]:
    """CLDR names worth matching. Short ones are only trusted from the main languages."""
    tables = hand_tables()
    core = frozenset(tables.CORE_LANGS)
    groups = [frozenset(g) for g in cldr()["groups"]]
    minimum = [tables.MIN_LEN_OTHER if g.isdisjoint(core) else tables.MIN_LEN_CORE for g in groups]
    for key, (code, lang, group) in cldr()["names"].items():
        if len(key) >= minimum[group] or (key[0] >= "\u0e00" and no_space_script(key[0])) or (
            len(key) == 3 and "\u0590" <= key[0] <= "\u06ff"  # مصر, قطر: no written vowels
        ) or (ETHIOPIC_SYLLABLES.match(key) and 2 * len(key) >= minimum[group]):
            if key not in tables.NOT_NAMES:
                yield key, code, f"name:{lang}", groups[group], False


def _hand_sources() -> Iterable[tuple[str, str, str, frozenset[str], bool]]:
    """Aliases and historical names from the hand tables; they override CLDR."""
    tables = hand_tables()
    for lang, table in tables.ALIASES.items():
        for code, names in table.items():
            yield from ((fold(n), code, f"alias:{lang}", frozenset([lang]), True) for n in names)
    core = frozenset(tables.CORE_LANGS)
    for code, names in tables.HISTORICAL.items():
        yield from ((fold(n), code, "historical", core, True) for n in names)


def minor_locale(rule: str) -> bool:
    """Whether a rule is a CLDR name of a locale outside the main languages (``CORE_LANGS``):
    such a short name is trusted least."""
    return rule.startswith("name:") and rule[5:] not in hand_tables().CORE_LANGS


def _add(entries: dict[str, Entry], key: str, entry: Entry, override: bool) -> None:
    """Add a key; the hand tables override CLDR; the same code merges the allowed tails. A
    hand alias takes the rule of a minor locale's CLDR name: English ``Bosnia`` was CLDR's
    Balochi name, which the common-word check blocks (``country_context.collision_kind``)."""
    key = key.strip()
    old = entries.get(key)
    if old is not None and old.code == entry.code:
        rule = entry.rule if minor_locale(old.rule) and entry.rule.startswith("alias:") \
            else old.rule
        entry = Entry(entry.code, rule,
                       tuple(sorted(set(entry.tails + old.tails), key=len, reverse=True)))
    elif old is not None and not override:
        return
    entries[key] = entry


def _name_entries() -> dict[str, Entry]:
    """CLDR names, aliases and historical names, with their inflections."""
    entries: dict[str, Entry] = {}
    for key, code, rule, langs, override in (*_cldr_sources(), *_hand_sources()):
        script = _script(key[-1])
        for variant in (_arabic_variants(key) if script == "arabic" else
                        _ethiopic_variants(key) if ETHIOPIC_SYLLABLES.match(key) else (key,)):
            _add(entries, variant, Entry(code, rule, _name_tails(langs, script)), override)
        for stem, tails in _stems(key, langs, script):
            _add(entries, stem, Entry(code, rule, tails), False)
    return entries


def _exact_entries(entries: dict[str, Entry]) -> None:
    """Add adjectives/demonyms expanded with their endings, and the blockers (code None)."""
    tables = hand_tables()
    for lang, table in tables.ADJECTIVES.items():
        for code, patterns in table.items():
            for pattern in patterns:  # the endings are in the forms: no tails after them
                for form in expand(pattern, tables.ENDINGS.get(lang, ("",)), lang):
                    _add(entries, fold(form), Entry(code, f"adjective:{lang}", ("",)), True)
    for phrase in tables.BLOCKERS:
        entries[fold(phrase)] = Entry(None, "blocker", ("",))


@dataclass(frozen=True)
class Gazetteer:
    folded: Automaton  # folded keys -> (key, Entry)
    abbrevs: Automaton  # original-case abbreviations -> (key, Entry)


def _automaton(items: Iterable[tuple[str, tuple[str, Entry]]]) -> Automaton:
    from index.enrich.automaton import Automaton  # here: names_index() needs no automaton

    return Automaton(items)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build both automata once per process (about 0.1-0.2 s, measured once; no benchmark
    times it, ``benchmarks.bench_enrich`` builds them before it starts the clock)."""
    entries = _name_entries()
    _exact_entries(entries)
    abbrevs = {a: Entry(code, "abbrev", ("",))
               for code, forms in hand_tables().ABBREVIATIONS.items() for a in forms}
    return Gazetteer(
        folded=_automaton((k, (k, e)) for k, e in entries.items() if k.strip()),
        abbrevs=_automaton((k, (k, e)) for k, e in abbrevs.items()),
    )


# --------------------------------------------------------------------------- matching


def _left_ok(folded: str, start: int, key: str) -> bool:
    """A hit must start a word; Arabic words may carry clitics (و، ب، ال ...) in front."""
    if start == 0 or not folded[start - 1].isalnum() or no_space_script(key[0]):
        return True
    if is_arabic(key[0]):
        for prefix in hand_tables().ARABIC_PREFIXES:
            before = start - len(prefix)
            if before >= 0 and folded.startswith(prefix, before):
                if before == 0 or not folded[before - 1].isalnum():
                    return True
    return False


def _right_end(folded: str, end: int, key: str, tails: tuple[str, ...]) -> int | None:
    """Where the word ends if ``key`` + one allowed tail is a whole word (or compound part)."""
    if end == len(folded) or not folded[end].isalnum():
        return end if "" in tails else None
    if no_space_script(key[-1]):
        return end
    match = _WORD_REST.match(folded, end)  # the rest of the word must be one allowed tail
    stop = match.end() if match else end
    return stop if stop - end <= _LONGEST_TAIL and folded[end:stop] in tails else None


_WORD_REST = re.compile(r"[^\W_]+")
_LONGEST_TAIL = 6
"""No inflection ending is longer (Lithuanian -ijoje, Hungarian -ból): a longer rest is
another word, and the lookup is skipped."""


Hit = tuple[int, int, str, Entry]  # start, end (in the scanned string), key, entry


def scan(automaton: Automaton, haystack: str) -> list[Hit]:
    """Every boundary-respecting hit of the automaton in ``haystack``."""
    hits = []
    for last, (key, entry) in automaton.iter(haystack):
        start = last - len(key) + 1
        if _left_ok(haystack, start, key):
            stop = _right_end(haystack, last + 1, key, entry.tails)
            if stop is not None:
                hits.append((start, stop, key, entry))
    return hits


def longest(hits: list[Hit], preferred: Callable[[Hit], bool] | None = None) -> list[Hit]:
    """Leftmost-longest, non-overlapping: "Saudi-Arabien" beats "Arabien", blockers win too.
    Of two hits over the same span, a blocker wins ("Emirates" over German ``Emirate`` with
    an ending), then a ``preferred`` one (``countries.find_mentions``: an adjective of the
    text's language; Spanish ``dominicana`` is the Dominican Republic, not the name
    ``Dominica`` with an ending), else the first found."""
    def order(hit: Hit) -> tuple[int, int, bool, bool]:
        return (hit[0], hit[0] - hit[1], hit[3].code is not None,
                not (preferred is not None and preferred(hit)))

    chosen: list[Hit] = []
    for hit in sorted(hits, key=order):
        if not chosen or hit[0] >= chosen[-1][1]:
            chosen.append(hit)
    return chosen


def to_original(hits: list[Hit], origin: list[int] | None, size: int) -> list[Hit]:
    """Map folded offsets back to the original text."""
    if origin is None:
        return hits
    return [(origin[s], origin[e - 1] + 1 if e > 0 else 0, k, n) for s, e, k, n in hits]



@lru_cache(maxsize=1)
def names_index() -> dict[str, str]:
    """Folded name/adjective/abbreviation -> code, without building any automaton."""
    tables = hand_tables()
    index = {k: v[0] for k, v in cldr()["names"].items() if k not in tables.NOT_NAMES}
    for table in tables.ALIASES.values():
        index.update({fold(n): c for c, names in table.items() for n in names})
    index.update({fold(n): c for c, names in tables.HISTORICAL.items() for n in names})
    for lang, table in tables.ADJECTIVES.items():
        for code, patterns in table.items():
            for p in patterns:
                index.update({fold(f): code
                              for f in expand(p, tables.ENDINGS.get(lang, ("",)), lang)})
    index.update({fold(a): c for c, forms in tables.ABBREVIATIONS.items() for a in forms})
    return index

