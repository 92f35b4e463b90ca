"""Context rules against false friends: a country name that, here, names something else.

``data/country_tables.CONTEXT_RULES`` says which matched keys get which check; each check is a
small function ``(text, mention, lang, params) -> bool`` that says "drop this mention":

- ``ambiguous_word``: a common word elsewhere (English "island"): kept only in the listed
  languages, or, language unknown, when capitalised with no capitalised neighbour;
- ``person_name``: a first or last name (Chad Smith, Michael Jordan): a capitalised neighbour;
- ``needs_titlecase``: lower-case it is a common noun (jersey, polish, china).

And, from data rather than by hand, common words and given names (``data/country_collisions
.json``, built from word frequencies by ``data/build_collisions.py``): Slovene ``mali`` (small),
Czech ``komory`` (chambers), Russian ``того`` (of that), ``Dominika``. Such a form, in a language
where it is a common word or in one whose common words the list does not know (Yoruba, Hausa,
or none detected), and any name written in lower case, counts only with evidence
(``needs_evidence``, ``has_evidence``): a capital letter not at a sentence start (and not a
person's first name), a country word beside it (``Президент Того``, ``Vojska Malija``), or
another mention of the same country that needed none (a second name, an adjective, a
dateline). A name from a minor locale's CLDR table that is a common word anywhere (Kaingang
``killing`` for the Cocos Islands) is never a country.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.enrich.country_gazetteer import DATA, cldr, hand_tables, minor_locale
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



def is_false_friend(text: str, mention: Mention, key: str, lang: str | None,
                    form: str | None = None) -> bool:
    """True when a context rule says this mention of ``key`` names no country here."""
    rules = rules_by_key()
    checks = rules.get(key) or rules.get(form or fold(mention.text)) or ()
    return any(check(text, mention, lang, params) for check, params in checks)


# --------------------------------------------------------------------------- collisions

COLLISIONS_FILE: Path = DATA / "country_collisions.json"
_WORDS_BEFORE = re.compile(r"(\S+)[ \u00a0]+(\S+)[ \u00a0]+$|(\S+)[ \u00a0]+$")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _collision_data() -> dict[str, Any]:
    return json.loads(COLLISIONS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def collisions() -> dict[str, frozenset[str]]:
    """Folded form -> languages in which it is a common word (generated, see the docstring)."""
    return {form: frozenset(langs) for form, langs in _collision_data()["forms"].items()}


@lru_cache(maxsize=1)
def collision_languages() -> frozenset[str]:
    """The languages whose common words ``collisions`` knows (plus Norwegian's codes)."""
    checked = frozenset(_collision_data()["langs"])
    return checked | {"no", "nn"} if "nb" in checked else checked


def _words_unknown(lang: str | None) -> bool:
    """Whether the common words of ``lang`` are unknown here: no language, or one the
    collision list was not made for (Yoruba ``Lati``, from, is Estonian's Läti, Latvia)."""
    return lang is None or lang not in collision_languages()


@lru_cache(maxsize=1)
def _context_words() -> dict[str | None, tuple[str, ...]]:
    """Language -> folded stems of country words; None -> the long stems of every language."""
    table = {lang: tuple(fold(w) for w in words.split())
             for lang, words in hand_tables().COUNTRY_WORDS.items()}
    table[None] = tuple(sorted({w for words in table.values() for w in words if len(w) >= 5}))
    return table


@lru_cache(maxsize=1)
def adjective_codes() -> dict[str, dict[str, str]]:
    """Folded adjective form of the hand tables -> language -> the country it names there
    (Slovak ``slovenská`` is Slovak, Slovene ``slovenska`` Slovenian)."""
    from index.enrich.country_gazetteer import expand

    tables = hand_tables()
    found: dict[str, dict[str, str]] = {}
    for lang, table in tables.ADJECTIVES.items():
        for code, patterns in table.items():
            for pattern in patterns:
                for form in expand(pattern, tables.ENDINGS.get(lang, ("",)), lang):
                    found.setdefault(fold(form), {}).setdefault(lang, code)
    return found


@lru_cache(maxsize=1)
def adjective_languages() -> dict[str, frozenset[str]]:
    """Folded adjective form of the hand tables -> the languages whose tables hold it."""
    return {form: frozenset(langs) for form, langs in adjective_codes().items()}


@lru_cache(maxsize=1)
def adjective_forms() -> frozenset[str]:
    """Every folded adjective form of the hand tables (lower case in most languages)."""
    return frozenset(adjective_languages())


SURE_ADJECTIVE = 5
"""An adjective of this many letters or more counts in a text of unknown language; a
shorter one is a common word of some language as often: Hungarian ``dán`` (Danish) is
Hausa's ``dan`` (son of), in 320 of MasakhaNEWS' 955 Hausa articles."""


def _adjective_fits(form: str, lang: str | None) -> bool:
    """Whether an adjective form counts without evidence in a text of ``lang``: in a
    language whose tables hold it, or in one unknown when it is long (``SURE_ADJECTIVE``).
    Elsewhere it counts where the country is named too, or a country word stands before it
    (``has_context``); a capital letter is no evidence here: Hausa writes ``Dan`` in names
    (``Salisu Dan'azumi``), Hungarian never capitalises ``dán``. Romanian ``rus`` is a
    Russian in Romanian, not in Albanian or Turkish text."""
    if not lang or lang == "und":
        return len(form) >= SURE_ADJECTIVE
    langs = adjective_languages().get(form)
    return langs is None or lang in langs or (lang in ("no", "nb", "nn") and
                                               not langs.isdisjoint(("no", "nb", "nn")))


SHORT_NAME = 4
"""A name of this many letters or fewer is a common word of some language as often as a
country (Somali ``cad``, white, is Czech ``Čad``; Xhosa ``kuba``, that, German ``Kuba``)."""


@lru_cache(maxsize=1)
def _name_locales() -> dict[str, frozenset[str]]:
    """Folded short name -> the languages that write it so (CLDR and the hand aliases)."""
    from index.enrich.country_gazetteer import cldr

    data = cldr()
    groups = [frozenset(group) for group in data["groups"]]
    found: dict[str, set[str]] = {}
    for key, (_code, _lang, group) in data["names"].items():
        if len(key) <= SHORT_NAME:
            found.setdefault(key, set()).update(groups[group])
    for lang, table in hand_tables().ALIASES.items():
        for names in table.values():
            for name in names:
                if len(fold(name)) <= SHORT_NAME:
                    found.setdefault(fold(name), set()).add(lang)
    return {key: frozenset(langs) for key, langs in found.items()}


def _foreign_short_name(mention: Mention, key: str, lang: str | None, form: str) -> bool:
    """A short name that neither the text's language nor English writes so, in a text whose
    language's common words are unknown here (``_words_unknown``): it counts only beside a
    country word or with its country named (Somali ``Aqalka Cad``, the White House)."""
    if len(form) > SHORT_NAME or not mention.rule.startswith(("name:", "alias:")):
        return False
    if not _words_unknown(lang):
        return False
    locales = _name_locales().get(key, frozenset())
    return "en" not in locales and (lang is None or lang not in locales)


def collision_kind(mention: Mention, key: str, lang: str | None, form: str) -> str | None:
    """``block`` (never a country), ``evidence`` (a country only with evidence), ``context``
    (an adjective out of its language: only beside a country word, or the country named), or
    None; ``form`` is the mention folded."""
    text = mention.text
    if not text[:1].isalpha() or mention.rule == "abbrev" or mention.rule == "dateline":
        return None
    langs = collisions().get(form)
    if langs is not None and form == key and minor_locale(mention.rule):
        return "block"
    if mention.rule.startswith("adjective"):
        return None if _adjective_fits(form, lang) else "context"
    if not any(map(str.isupper, text)) and text != text.upper():  # all lower case: a name,
        # unless an adjective too (French italien is German Italien); "pays de Galles" has a
        # capital, scripts without case have none (text == text.upper())
        return None if form in adjective_forms() else "evidence"
    if key in rules_by_key() or form in rules_by_key():  # a hand rule decides (Chad, Island)
        return None
    if _foreign_short_name(mention, key, lang, form):
        return "context"
    if langs is not None and (_words_unknown(lang) or lang in langs
                              or (lang == "no" and "nb" in langs)):
        return "evidence"
    return None


@lru_cache(maxsize=64)
def _alias_keys(lang: str) -> frozenset[str]:
    return frozenset(fold(a) for names in hand_tables().ALIASES.get(lang, {}).values()
                     for a in names)


def own_name(key: str, lang: str | None) -> bool:
    """Whether the gazetteer's ``key`` is a name ``lang`` itself gives its country: in its
    CLDR table, or a hand alias of it (Swahili ``marekani``, not Sango ``zamani``)."""
    if lang is None:
        return False
    data = cldr()
    found = data["names"].get(key)
    if found is not None and lang in data["groups"][found[2]]:
        return True
    return key in _alias_keys(lang)


def _context_word(text: str, m: Mention, lang: str | None) -> bool:
    """A country word (president, army, Президент, vojska...) among the two words before
    the mention, or in a language that puts it after its country (``COUNTRY_WORD_AFTER``:
    Turkish "İran Cumhurbaşkanı") the word after. Elsewhere not after it: Czech "Komory
    parlamentu" are the chambers of parliament."""
    stems = _context_words().get(lang) or _context_words()[None]
    words = _WORD.findall(text[max(0, m.start - 60):m.start])[-2:]
    if lang in hand_tables().COUNTRY_WORD_AFTER:
        words += _WORD.findall(text[m.end:m.end + 40])[:1]
    return any(fold(word).startswith(stem) for word in words for stem in stems)


def has_context(text: str, m: Mention, lang: str | None) -> bool:
    """A country word or a country's article right before the mention (``Президент Того``,
    ``le Tchad``)."""
    return _context_word(text, m, lang) or _article_before(text, m, lang)


def has_evidence(text: str, m: Mention, lang: str | None) -> bool:
    """Local evidence that a capitalised common word names the country here."""
    if has_context(text, m, lang):
        return True
    if not _capitalised(m.text):
        return False
    head = text[max(0, m.start - 40):m.start].rstrip(" \u00a0\"'«»„“(")
    if not head or head[-1] in ".!?:\n":  # a capital at a sentence start proves nothing
        return False
    _, nxt, _ = _neighbours(text, m.start, m.end)
    # Dominika Nowak: a first name; Gabon Pierre-Emerick Aubameyang: a country
    return not (nxt and _capitalised(nxt)) or _full_name_after(text, m.end)


def _article_before(text: str, m: Mention, lang: str | None) -> bool:
    """French puts an article before a country, never before a person: le Tchad, la
    Hollande, au Mali; German too, im Irak (``COUNTRY_ARTICLES``). Not before an
    adjective of another language: German "der Roman" (the novel) is no Hungarian
    ``román`` (Romanian)."""
    articles = hand_tables().COUNTRY_ARTICLES.get(lang or "")
    if not articles or m.rule.startswith("adjective"):
        return False
    before = re.search(r"(\w+)['’ \u00a0]+$", text[max(0, m.start - 12):m.start])
    return before is not None and before.group(1).lower() in articles


def looks_like_a_person(text: str, m: Mention, key: str, lang: str | None, form: str) -> bool:
    """A form that is a common word or given name in some language, followed by a
    capitalised word: Dominika Müller, Niger Delta, unless a country word stands before.
    Hand-ruled names (Chad, Jordan) and adjectives are left to their own rules."""
    if m.rule.startswith("adjective") or m.rule in ("abbrev", "dateline"):
        return False
    if form not in collisions() or key in rules_by_key() or form in rules_by_key():
        return False
    if has_context(text, m, lang):
        return False
    _, nxt, _ = _neighbours(text, m.start, m.end)
    if not (nxt and _capitalised(nxt) and nxt.strip("\"',.") not in hand_tables().NOT_PERSON_NEXT):
        return False
    return not _full_name_after(text, m.end)


_TWO_WORDS_AFTER = re.compile(r"^[ \u00a0]+(\S+)[ \u00a0]+(\S+)")


def _full_name_after(text: str, end: int) -> bool:
    """Whether two capitalised words follow: a person's whole name after a country, as
    sports news writes a player's nationality (Swahili "wa Gabon Pierre-Emerick Aubameyang",
    "wa Ecuador Moises Caicedo"), where a first name has one surname after it (Dominika
    Nowak)."""
    after = _TWO_WORDS_AFTER.match(text[end:end + 80])
    return after is not None and _capitalised(after.group(1)) and _capitalised(
        after.group(2)) and not after.group(1).endswith((",", ".", ";", ":"))


LIST_GAP_WORDS = 3
"""A country named within this many words of another, in the same sentence, is one of a list
("Norge og Sverige", "Le Tchad et le Niger", "Гърция и Турция"): evidence enough."""
_SENTENCE_END = re.compile(r"[.!?;\n]")


def listed_with(text: str, m: Mention, sure: list[Mention]) -> bool:
    """True when a mention that needed no evidence stands a few words from ``m``."""
    for other in sure:
        gap = text[m.end:other.start] if other.start >= m.end else text[other.end:m.start]
        if len(gap) <= 40 and not _SENTENCE_END.search(gap) and (
            len(gap.split()) <= LIST_GAP_WORDS
        ):
            return True
    return False
