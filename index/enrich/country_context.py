"""Context rules against false friends: a country name that, here, names something else.

``data/country_tables.CONTEXT_RULES`` says which matched keys get which check; each check is a
small function ``(text, mention, lang, params) -> bool`` that says "drop this mention":

- ``ambiguous_word``: a common word elsewhere (English "island"): kept only in the listed
  languages, or, language unknown, when capitalised with no capitalised neighbour;
- ``person_name``: a first or last name (Chad Smith, Michael Jordan): a capitalised neighbour;
- ``needs_titlecase``: lower-case it is a common noun (jersey, polish, china).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from index.enrich.country_gazetteer import hand_tables
from index.enrich.folding import fold
from index.models import Mention

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
    if nxt and _capitalised(nxt) and nxt.strip("\"',.") not in hand_tables().NOT_PERSON_NEXT:
        return True
    return bool(prev and _capitalised(prev) and not first)


def _drop_lowercase(text: str, m: Mention, lang: str | None, _: tuple[str, ...]) -> bool:
    return m.text[:1].islower()


_CHECKS = {"ambiguous_word": _drop_ambiguous_word, "person_name": _drop_person_name,
           "needs_titlecase": _drop_lowercase}


@lru_cache(maxsize=1)
def rules_by_key() -> dict[str, list[tuple[Any, tuple[str, ...]]]]:
    rules: dict[str, list[tuple[Any, tuple[str, ...]]]] = {}
    for check, keys, params in hand_tables().CONTEXT_RULES:
        for key in keys:
            rules.setdefault(key, []).append((_CHECKS[check], params))
    return rules



def is_false_friend(text: str, mention: Mention, key: str, lang: str | None) -> bool:
    """True when a context rule says this mention of ``key`` names no country here."""
    rules = rules_by_key()
    checks = rules.get(key) or rules.get(fold(mention.text)) or ()
    return any(check(text, mention, lang, params) for check, params in checks)
