"""Countries named in a text: a folded-text gazetteer scanned with Aho-Corasick.

Why this shape (measurements in FINDINGS.md, "Countries named in text"): no library finds the
inflected and adjectival forms real news uses (``Kasachstans``, ``kasachische``, ``US-``), so
names come from CLDR for every babel locale (precomputed in ``data/countries_cldr.json``) plus
hand tables in ``data/country_tables.py``. Text is folded (casefold, accents stripped, ß->ss)
and scanned once; each hit must sit on word boundaries, may carry an inflection ending, and
the longest hit wins. Abbreviations (US, VAE, США) are matched case-sensitively on the
original text. Offsets always refer to the original text, however folding changed its length.

Nothing heavy happens at import: the automaton is built on the first ``find_mentions`` call.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from index.models import Mention

DATA = Path(__file__).with_name("data")
CLDR_FILE = DATA / "countries_cldr.json"

# Characters NFKD leaves alone that readers still expect to match their base letter.
_EXTRA_FOLD = {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ħ": "h", "ŀ": "l", "’": "'", "ʼ": "'",
               "‘": "'", "`": "'", "\n": " ", "\t": " ", "\r": " ", "\xad": "", "ـ": "",
               "ة": "ه", "ى": "ي", "–": "-", "‑": "-"}
_NO_SPACE_SCRIPTS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x9FFF),
                     (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F))


def _fold_char(char: str) -> str:
    """One character, folded the way every gazetteer key is folded."""
    if char in _EXTRA_FOLD:
        return _EXTRA_FOLD[char]
    if "\uac00" <= char <= "\ud7af":  # Hangul syllables: NFKD would split them into jamo
        return char
    out = []
    for part in unicodedata.normalize("NFKD", char.casefold()):
        if not unicodedata.combining(part):
            out.append(_EXTRA_FOLD.get(part, part))
    return "".join(out)


class _FoldTable(dict):
    """A ``str.translate`` table that folds each new character once and remembers it."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()  # characters whose fold is not exactly one character

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        if len(folded) != 1:
            self.irregular.add(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Case- and accent-folded text (``Saudiarabiens`` and ``SAUDIARABIENS`` fold alike)."""
    return text.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, when folding changed lengths, each folded char's original index.

    The common case (no ß, no decomposed accents) needs no map: offsets are the same.
    """
    folded = text.translate(_TABLE)
    irregular = [c for c in _TABLE.irregular if c in text]
    if not irregular:
        return folded, None
    origin: list[int] = []
    pos = 0
    for match in re.finditer("|".join(map(re.escape, irregular)), text):
        origin.extend(range(pos, match.start()))
        origin.extend([match.start()] * len(_TABLE[ord(match.group())]))
        pos = match.end()
    origin.extend(range(pos, len(text)))
    return folded, origin


def _no_space_script(char: str) -> bool:
    """True for scripts written without spaces between words (CJK, Thai...): no boundaries."""
    point = ord(char)
    return any(lo <= point <= hi for lo, hi in _NO_SPACE_SCRIPTS)


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


# --------------------------------------------------------------------------- gazetteer


class _Entry(NamedTuple):
    """What a gazetteer key means: a code (None for a blocker) and the tails it may take."""

    code: str | None
    rule: str
    tails: tuple[str, ...]


@lru_cache(maxsize=1)
def _cldr() -> dict[str, Any]:
    """The precomputed CLDR names (see ``data/build_gazetteer.py``)."""
    return json.loads(CLDR_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(_cldr()["codes"])


@lru_cache(maxsize=1)
def _tables() -> Any:
    from index.enrich.data import country_tables

    return country_tables


def expand(pattern: str, endings: tuple[str, ...]) -> list[str]:
    """``stem*`` -> stem + each default ending; ``stem{a,b,}`` -> stema, stemb, stem."""
    if pattern.endswith("*"):
        stem = pattern[:-1]
        if endings[0] and stem.endswith(endings[0]):  # "mexicano*" in Spanish: mexican-o/a/os/as
            stem = stem[: -len(endings[0])]
        return [stem + e for e in endings]
    match = re.fullmatch(r"(.*)\{(.*)\}", pattern)
    if match:
        return [match.group(1) + e for e in match.group(2).split(",")]
    return [pattern]


@lru_cache(maxsize=None)
def _name_tails(langs: frozenset[str], script: str) -> tuple[str, ...]:
    """Inflection endings a name may carry in the languages that spell it this way."""
    tables = _tables()
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
    return "arabic" if _is_arabic(char) else "other"


@lru_cache(maxsize=2)
def _stem_tails(script: str) -> tuple[str, ...]:
    tables = _tables()
    endings = tables.STEM_ENDINGS_CYRILLIC if script == "cyrillic" else tables.STEM_ENDINGS_LATIN
    return tuple(sorted({fold(e) for e in endings}, key=len, reverse=True))


def _stem(key: str, langs: frozenset[str]) -> str | None:
    """Slavic/Baltic case forms hang off a stem: Rosja -> rosj + i, Россия -> росси + ей."""
    tables = _tables()
    if len(key) < 5 or key[-1] not in tables.STEM_VOWELS or langs.isdisjoint(tables.STEM_LANGS):
        return None
    return key[:-1]


def _arabic_variants(key: str) -> list[str]:
    """li- + al- contracts: ``للولايات`` = ل + لولايات; add the article-less spelling too."""
    if key.startswith("ال") and len(key) > 4:
        return [key, "ل" + key[2:], key[2:]]
    return [key]


def _cldr_sources() -> Iterable[tuple[str, str, str, frozenset[str], bool]]:
    """CLDR names worth matching. Short ones are only trusted from the main languages."""
    tables = _tables()
    core = frozenset(tables.CORE_LANGS)
    groups = [frozenset(g) for g in _cldr()["groups"]]
    minimum = [tables.MIN_LEN_OTHER if g.isdisjoint(core) else tables.MIN_LEN_CORE for g in groups]
    for key, (code, lang, group) in _cldr()["names"].items():
        if len(key) >= minimum[group] or (key[0] >= "\u0e00" and _no_space_script(key[0])) or (
            len(key) == 3 and "\u0590" <= key[0] <= "\u06ff"  # مصر, قطر: no written vowels
        ):
            if key not in tables.NOT_NAMES:
                yield key, code, f"name:{lang}", groups[group], False


def _hand_sources() -> Iterable[tuple[str, str, str, frozenset[str], bool]]:
    """Aliases and historical names from the hand tables; they override CLDR."""
    tables = _tables()
    for lang, table in tables.ALIASES.items():
        for code, names in table.items():
            yield from ((fold(n), code, f"alias:{lang}", frozenset([lang]), True) for n in names)
    core = frozenset(tables.CORE_LANGS)
    for code, names in tables.HISTORICAL.items():
        yield from ((fold(n), code, "historical", core, True) for n in names)


def _add(entries: dict[str, _Entry], key: str, entry: _Entry, override: bool) -> None:
    """Add a key; the hand tables override CLDR; the same code merges the allowed tails."""
    key = key.strip()
    old = entries.get(key)
    if old is not None and old.code == entry.code:
        entry = _Entry(entry.code, old.rule,
                       tuple(sorted(set(entry.tails + old.tails), key=len, reverse=True)))
    elif old is not None and not override:
        return
    entries[key] = entry


def _name_entries() -> dict[str, _Entry]:
    """CLDR names, aliases and historical names, with their inflections."""
    entries: dict[str, _Entry] = {}
    for key, code, rule, langs, override in (*_cldr_sources(), *_hand_sources()):
        script = _script(key[-1])
        for variant in _arabic_variants(key) if script == "arabic" else (key,):
            _add(entries, variant, _Entry(code, rule, _name_tails(langs, script)), override)
        stem = _stem(key, langs)
        if stem:
            _add(entries, stem, _Entry(code, rule, _stem_tails(script)), False)
    return entries


def _exact_entries(entries: dict[str, _Entry]) -> None:
    """Add adjectives/demonyms expanded with their endings, and the blockers (code None)."""
    tables = _tables()
    for lang, table in tables.ADJECTIVES.items():
        tails = ("",) if lang != "ar" else ("",)
        for code, patterns in table.items():
            for pattern in patterns:
                for form in expand(pattern, tables.ENDINGS.get(lang, ("",))):
                    _add(entries, fold(form), _Entry(code, f"adjective:{lang}", tails), True)
    for phrase in tables.BLOCKERS:
        entries[fold(phrase)] = _Entry(None, "blocker", ("",))


@dataclass(frozen=True)
class _Gazetteer:
    folded: Any  # ahocorasick.Automaton over folded keys -> (key, _Entry)
    abbrevs: Any  # ahocorasick.Automaton over original-case abbreviations


def _automaton(items: Iterable[tuple[str, tuple[str, _Entry]]]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, value in items:
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Build both automata once per process (about 0.1-0.2 s)."""
    entries = _name_entries()
    _exact_entries(entries)
    abbrevs = {a: _Entry(code, "abbrev", ("",))
               for code, forms in _tables().ABBREVIATIONS.items() for a in forms}
    return _Gazetteer(
        folded=_automaton((k, (k, e)) for k, e in entries.items() if k.strip()),
        abbrevs=_automaton((k, (k, e)) for k, e in abbrevs.items()),
    )


# --------------------------------------------------------------------------- matching


def _left_ok(folded: str, start: int, key: str) -> bool:
    """A hit must start a word; Arabic words may carry clitics (و، ب، ال ...) in front."""
    if start == 0 or not folded[start - 1].isalnum() or _no_space_script(key[0]):
        return True
    if _is_arabic(key[0]):
        for prefix in _tables().ARABIC_PREFIXES:
            before = start - len(prefix)
            if before >= 0 and folded.startswith(prefix, before):
                if before == 0 or not folded[before - 1].isalnum():
                    return True
    return False


def _right_end(folded: str, end: int, key: str, tails: tuple[str, ...]) -> int | None:
    """Where the word ends if ``key`` + one allowed tail is a whole word (or compound part)."""
    if end == len(folded) or not folded[end].isalnum():
        return end if "" in tails else None
    if _no_space_script(key[-1]):
        return end
    for tail in tails:
        stop = end + len(tail)
        if tail and folded.startswith(tail, end) and (
            stop == len(folded) or not folded[stop].isalnum()
        ):
            return stop
    return None


Hit = tuple[int, int, str, _Entry]  # start, end (in the scanned string), key, entry


def _scan(automaton: Any, haystack: str) -> list[Hit]:
    """Every boundary-respecting hit of the automaton in ``haystack``."""
    hits = []
    for last, (key, entry) in automaton.iter(haystack):
        start = last - len(key) + 1
        if _left_ok(haystack, start, key):
            stop = _right_end(haystack, last + 1, key, entry.tails)
            if stop is not None:
                hits.append((start, stop, key, entry))
    return hits


def _longest(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest, non-overlapping: "Saudi-Arabien" beats "Arabien", blockers win too."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if not chosen or hit[0] >= chosen[-1][1]:
            chosen.append(hit)
    return chosen


def _to_original(hits: list[Hit], origin: list[int] | None, size: int) -> list[Hit]:
    """Map folded offsets back to the original text."""
    if origin is None:
        return hits
    return [(origin[s], origin[e - 1] + 1 if e > 0 else 0, k, n) for s, e, k, n in hits]


# --------------------------------------------------------------------------- context rules

_WORD_BEFORE = re.compile(r"(\S+)[ \u00a0]$")
_WORD_AFTER = re.compile(r"^[ \u00a0](\S+)")


def _capitalised(word: str) -> bool:
    """Title case word (Smith), not all-caps (AND in a Reuters headline)."""
    letters = word.strip("\"'«»(),.;:")
    return len(letters) > 1 and letters[0].isupper() and not letters.isupper()


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None, bool]:
    """Previous word, next word, and whether the previous word starts a sentence."""
    before = _WORD_BEFORE.search(text[max(0, start - 40):start])
    after = _WORD_AFTER.search(text[end:end + 40])
    prev = before.group(1) if before else None
    sentence_start = True
    if before is not None:
        head = text[max(0, start - 40):start][: before.start()].rstrip()
        sentence_start = not head or head[-1] in ".!?:\n\"«»"
    return prev, after.group(1) if after else None, sentence_start


def _drop_ambiguous_word(text: str, m: Mention, lang: str | None, langs: tuple[str, ...]) -> bool:
    if lang is not None:
        return lang not in langs
    prev, nxt, _ = _neighbours(text, m.start, m.end)  # Rhode Island even at a sentence start
    named_neighbour = (prev and _capitalised(prev)) or (nxt and _capitalised(nxt))
    return not _capitalised(m.text) or bool(named_neighbour)


def _drop_person_name(text: str, m: Mention, lang: str | None, _: tuple[str, ...]) -> bool:
    prev, nxt, first = _neighbours(text, m.start, m.end)
    if nxt and _capitalised(nxt) and nxt.strip("\"',.") not in _tables().NOT_PERSON_NEXT:
        return True
    return bool(prev and _capitalised(prev) and not first)


def _drop_lowercase(text: str, m: Mention, lang: str | None, _: tuple[str, ...]) -> bool:
    return m.text[:1].islower()


_CHECKS = {"ambiguous_word": _drop_ambiguous_word, "person_name": _drop_person_name,
           "needs_titlecase": _drop_lowercase}


@lru_cache(maxsize=1)
def _rules_by_key() -> dict[str, list[tuple[Any, tuple[str, ...]]]]:
    rules: dict[str, list[tuple[Any, tuple[str, ...]]]] = {}
    for check, keys, params in _tables().CONTEXT_RULES:
        for key in keys:
            rules.setdefault(key, []).append((_CHECKS[check], params))
    return rules


# --------------------------------------------------------------------------- public API


def find_mentions(text: str, lang: str | None = None) -> list[Mention]:
    """Every country named in ``text``, in order; offsets refer to ``text`` as given."""
    if not text:
        return []
    gaz = _gazetteer()
    folded, origin = fold_with_offsets(text)
    hits = _to_original(_scan(gaz.folded, folded), origin, len(text))
    hits += _scan(gaz.abbrevs, text)
    rules = _rules_by_key()
    mentions = []
    for start, end, key, entry in _longest(hits):
        if entry.code is None:
            continue
        mention = Mention(entry.code, text[start:end], start, end, entry.rule)
        checks = rules.get(key) or rules.get(fold(mention.text), ())
        if not any(check(text, mention, lang, p) for check, p in checks):
            mentions.append(mention)
    return mentions


def count_mentions(mentions: Iterable[Mention]) -> dict[str, int]:
    """Code -> number of mentions, most mentioned first, ties by code."""
    counts = Counter(m.code for m in mentions)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@lru_cache(maxsize=1)
def _names_index() -> dict[str, str]:
    """Folded name/adjective/abbreviation -> code, without building any automaton."""
    tables = _tables()
    index = {k: v[0] for k, v in _cldr()["names"].items() if k not in tables.NOT_NAMES}
    for lang, table in tables.ALIASES.items():
        index.update({fold(n): c for c, names in table.items() for n in names})
    index.update({fold(n): c for c, names in tables.HISTORICAL.items() for n in names})
    for lang, table in tables.ADJECTIVES.items():
        for code, patterns in table.items():
            for p in patterns:
                index.update({fold(f): code for f in expand(p, tables.ENDINGS.get(lang, ("",)))})
    index.update({fold(a): c for c, forms in tables.ABBREVIATIONS.items() for a in forms})
    return index


def resolve_country(value: str) -> str | None:
    """An ISO code for a user's ``--country`` value: a code, or a name in any language."""
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        code = value.upper()
        if code in _codes():
            return code
    return _names_index().get(fold(value))


@lru_cache(maxsize=64)
def _territories(locale: str) -> dict[str, str]:
    from babel import Locale

    try:
        return dict(Locale.parse(locale.replace("-", "_")).territories)
    except (ValueError, TypeError, LookupError):
        return {}
    except Exception:  # babel.UnknownLocaleError subclasses Exception only
        return {}


def country_name(code: str, locale: str = "en") -> str:
    """The country's display name in ``locale`` (CLDR via babel), else the code itself."""
    return _territories(locale).get(code.upper(), code)
