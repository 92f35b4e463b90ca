"""Countries named in a text: the public API of the country detector.

Why this shape (measurements in FINDINGS.md, "Countries named in text"): no library finds the
inflected and adjectival forms real news uses (``Kasachstans``, ``kasachische``, ``US-``), so
a gazetteer of CLDR names and hand tables is scanned with Aho-Corasick over folded text
(``country_gazetteer``, ``folding``); context rules drop false friends such as Chad Smith
(``country_context``); and a wire dateline at the start of the text (``NEW YORK, March 3 -``)
names the story's country once, as the rule ``dateline`` (``datelines``). Offsets always refer
to the original text, however folding changed its length.

Nothing heavy happens at import: the automaton is built on the first ``find_mentions`` call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from index.enrich.country_context import (
    adjective_codes,
    collision_kind,
    has_context,
    has_evidence,
    is_false_friend,
    listed_with,
    looks_like_a_person,
    own_name,
)
from index.enrich.country_gazetteer import (
    Hit,
    codes,
    gazetteer,
    longest,
    names_index,
    scan,
    to_original,
)
from index.enrich.datelines import find_dateline
from index.enrich.folding import fold, fold_with_offsets
from index.models import Mention

__all__ = ["count_mentions", "country_name", "find_mentions", "fold", "fold_with_offsets",
           "resolve_country"]


def _dateline_mentions(text: str) -> tuple[list[Mention], int, int]:
    """The dateline's countries (one mention each) and the span no other hit may use."""
    dateline = find_dateline(text)
    if dateline is None:
        return [], 0, 0
    mentions = [Mention(code, text[start:end], start, end, "dateline")
                for code, start, end in dateline.places]
    return mentions, dateline.start, dateline.end


def _own_adjective(hit: Hit, lang: str | None) -> bool:
    """An adjective of ``lang``'s tables (``longest``: it wins a tie of spans; Slovak
    ``Slovenska`` is Slovakia, though Slovene's adjective ``slovenska`` is Slovenian)."""
    entry = hit[3]
    return (entry.rule.startswith("adjective") and lang is not None
            and adjective_codes().get(hit[2], {}).get(lang) == entry.code)


def find_mentions(text: str, lang: str | None = None) -> list[Mention]:
    """Every country named in ``text``, in order; offsets refer to ``text`` as given."""
    if not text:
        return []
    gaz = gazetteer()
    folded, origin = fold_with_offsets(text)
    hits = to_original(scan(gaz.folded, folded), origin, len(text))
    hits += scan(gaz.abbrevs, text)
    mentions, skip_start, skip_end = _dateline_mentions(text)
    doubtful: list[Mention] = []
    needs_context: list[Mention] = []  # an adjective out of its language
    own: set[int] = set()  # doubtful mentions in lower case that are the text's own names
    for start, end, key, entry in longest(hits, lambda hit: _own_adjective(hit, lang)):
        if entry.code is None or (start < skip_end and end > skip_start):
            continue
        mention = Mention(entry.code, text[start:end], start, end, entry.rule)
        form = fold(mention.text)
        if is_false_friend(text, mention, key, lang, form):
            continue
        kind = collision_kind(mention, key, lang, form)
        if kind != "block" and looks_like_a_person(text, mention, key, lang, form):
            continue
        if kind is None:
            mentions.append(mention)
        elif kind == "evidence":
            doubtful.append(mention)
            if not mention.text[:1].isupper() and own_name(key, lang):
                own.add(start)
        elif kind == "context":
            needs_context.append(mention)
    capitalised = [m for m in doubtful if m.text[:1].isupper()]
    shown = [m for m in capitalised if has_evidence(text, m, lang) or listed_with(
        text, m, mentions + [o for o in capitalised if o is not m])]
    shown += [m for m in needs_context if has_context(text, m, lang)]
    sure = {m.code for m in mentions + shown}
    more = [m for m in doubtful + needs_context if m.code in sure]
    if any(not m.text[:1].isupper() for m in more) and any(map(str.isupper, text)):
        # Written with capitals, a text capitalises its countries: another language's
        # name or adjective in lower case is a word of its own (Hausa "dan wasa", a
        # player, is no Hungarian dán; Swahili "chini", below, no China), and counted it
        # made the country look named twenty times. Its own names stay (Swahili
        # "marekani na mataifa", written carelessly, is the United States).
        more = [m for m in more if m.text[:1].isupper() or m.start in own]
    mentions += more
    return sorted(mentions, key=lambda m: m.start)


def count_mentions(mentions: Iterable[Mention]) -> dict[str, int]:
    """Code -> number of mentions, most mentioned first, ties by code."""
    counts = Counter(m.code for m in mentions)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def resolve_country(value: str) -> str | None:
    """An ISO code for a user's ``--country`` value: a code, or a name in any language."""
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        code = value.upper()
        if code in codes():
            return code
    return names_index().get(fold(value))


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
