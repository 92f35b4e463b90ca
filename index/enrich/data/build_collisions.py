"""Regenerate ``country_collisions.json``: country names that are also common words.

Slovene, Croatian and Slovak ``mali`` (small) is Mali; Czech ``komory`` (chambers) is the
Comoros; Russian ``того`` (of that) is Togo; ``Dominika`` is a given name. Such a form counts
as a country only with evidence (``country_context``). Which forms collide is read from word
frequencies, not guessed: for every word of each language's frequency list (``wordfreq``) that
the gazetteer matches whole as a country's name, compare the word's frequency in that language
with how often the country's own names are written across languages. A form written far more
often than its country is named is mostly something else in that language.

A language's own name for a country (its CLDR name, or a hand alias of the language) is
measured against its country's fame plus how much more than the median language that
language writes about countries at all (``language_lean``): English word lists name
Singapore, Taiwan and Uganda about twice as often as the median language does, and before,
``Singapore shares fell`` at the start of a headline named no country.

``wordfreq`` is a build-time dependency only (the ``dev`` extra): its import and data are too
heavy for a search's start, so the result ships as JSON. Rerun after changing the gazetteer's
tables or upgrading wordfreq:

    pip install -e ".[dev]" && python -m index.enrich.data.build_collisions

Output: ``{"wordfreq": version, "margin": ..., "langs": [the languages checked],
"forms": {folded form: [lang, ...]}}``.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).with_name("country_collisions.json")

LANGS = ("en de fr es it pt nl pl cs sk sl hr sr bg ru uk hu ro el sv da nb fi tr").split()
"""The languages checked; wordfreq reads Croatian and Serbian (Latin) as one, ``sh``."""
WORDFREQ_CODE = {"hr": "sh", "sr": "sh"}
TOP_WORDS = 200_000
"""How deep into each frequency list to look (most lists are shorter)."""
MIN_ZIPF = 3.0
"""A form rarer than three in a million words collides with nothing worth a rule."""
MARGIN = 0.5
"""Zipf units (0.5 = about three times) a form must be written more often than its country is
named: the median, across languages, of its CLDR name's frequency, or, if higher, of its
adjectives in the form's language (a country much written about there, Ukraine in Russian,
Norway in Danish, has frequent adjectives too; Mali in Slovene has not). Polish ``czad``
3.41 against Chad's median 2.8 is a common word; Russian ``украина`` 4.9 against
``украинский`` is not."""


HOME = {"en": "GB US", "de": "DE AT CH", "fr": "FR BE CH", "es": "ES", "it": "IT", "pt": "PT BR",
        "nl": "NL BE", "pl": "PL", "cs": "CZ", "sk": "SK", "sl": "SI", "hr": "HR", "sr": "RS",
        "bg": "BG", "ru": "RU", "uk": "UA", "hu": "HU", "ro": "RO MD", "el": "GR CY",
        "sv": "SE", "da": "DK", "nb": "NO", "fi": "FI", "tr": "TR"}
"""A language's own countries: named far more often there than elsewhere, and not because
their names are common words (``Deutschland`` in German, ``Polska`` in Polish)."""


def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, WORDFREQ_CODE.get(lang, lang))


def folded_frequencies(lang: str) -> dict[str, float]:
    """Folded word -> summed frequency of every word of ``lang`` that folds to it."""
    from wordfreq import top_n_list, word_frequency

    from index.enrich.folding import fold

    code = WORDFREQ_CODE.get(lang, lang)
    out: dict[str, float] = defaultdict(float)
    for word in top_n_list(code, TOP_WORDS):
        out[fold(word)] += word_frequency(word, code)
    return out


def whole_name(form: str) -> tuple[str, str] | None:
    """(code, rule) when the gazetteer reads the whole word ``form`` as one country's name."""
    from index.enrich.country_gazetteer import gazetteer, longest, scan

    hits = longest(scan(gazetteer().folded, form))
    if len(hits) != 1:
        return None
    start, end, _, entry = hits[0]
    if start != 0 or end != len(form) or entry.code is None:
        return None
    return entry.code, entry.rule


def country_fame() -> dict[str, float]:
    """Code -> median over ``LANGS`` of the Zipf frequency of the country's CLDR name, the
    more frequent of its two when CLDR gives one in brackets ("Myanmar (Burma)": text
    writes either, never both)."""
    from babel import Locale

    from index.enrich.data.build_gazetteer import name_variants

    fame: dict[str, list[float]] = defaultdict(list)
    for lang in LANGS:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                fame[code].append(max(_zipf(v, lang) for v in name_variants(name)))
    return {code: statistics.median(values) for code, values in fame.items()}


def own_names(lang: str) -> dict[str, set[str]]:
    """Code -> the folded names ``lang`` itself gives the country: its CLDR name (each
    spelling of a bracketed one) and the hand aliases of ``lang`` (``Bosnia``, ``Burma``)."""
    from babel import Locale

    from index.enrich.country_gazetteer import hand_tables
    from index.enrich.data.build_gazetteer import name_variants
    from index.enrich.folding import fold

    names: dict[str, set[str]] = defaultdict(set)
    for code, name in Locale.parse(lang).territories.items():
        if len(code) == 2 and code.isalpha():
            names[code].update(fold(v) for v in name_variants(name))
    for code, aliases in hand_tables().ALIASES.get({"nb": "no"}.get(lang, lang), {}).items():
        names[code].update(fold(a) for a in aliases)
    return names


def language_lean(own: dict[str, set[str]], fame: dict[str, float],
                  freqs: dict[str, float]) -> float:
    """How much more often than the median language this one's word list writes the names
    of countries in general (Zipf units, the median over its one-word names of their excess
    over their country's fame), never less than 0: English lists name Singapore, Taiwan and
    Uganda ~0.3 more often than the median language, Bulgarian ones Ukraine and Belgium
    ~0.2. Without it, a language's own name for a country it writes about a little more
    than most was a common word: ``Singapore shares fell`` named no country."""
    excess = [9 + math.log10(max(freqs[n] for n in found)) - fame[code]
              for code, names in own.items() if code in fame
              if (found := [n for n in names if " " not in n and freqs.get(n)])]
    return max(0.0, statistics.median(excess)) if excess else 0.0


def adjective_fame(lang: str, freqs: dict[str, float]) -> dict[str, float]:
    """Code -> Zipf frequency of all the country's adjective forms in ``lang`` together: how
    much ``lang`` writes about the country (Russian украинский, Danish norsk)."""
    from index.enrich.country_gazetteer import expand, hand_tables
    from index.enrich.folding import fold

    tables = hand_tables()
    table_lang = {"nb": "no"}.get(lang, lang)
    out = {}
    for code, patterns in tables.ADJECTIVES.get(table_lang, {}).items():
        forms = {fold(f) for p in patterns
                 for f in expand(p, tables.ENDINGS.get(table_lang, ("",)), table_lang)}
        total = sum(freqs.get(f, 0.0) for f in forms)
        if total > 0:
            out[code] = 9 + math.log10(total)
    return out


def _cyrillic(word: str) -> str:
    """Serbian Latin -> Cyrillic (one letter for one), for Serbian text in Cyrillic."""
    pairs = {"lj": "љ", "nj": "њ", "dž": "џ"}
    for latin, cyr in pairs.items():
        word = word.replace(latin, cyr)
    return word.translate(str.maketrans("abvgdđežzijklmnoprstćufhcčš",
                                        "абвгдђежзијклмнопрстћуфхцчш"))


def build() -> dict:
    import wordfreq

    fame = country_fame()
    forms: dict[str, set[str]] = defaultdict(set)
    for lang in LANGS:
        freqs = folded_frequencies(lang)
        if lang == "sr":
            freqs.update({_cyrillic(f): v for f, v in list(freqs.items())})
        adjectives = adjective_fame(lang, freqs)
        own = own_names(lang)
        lean = language_lean(own, fame, freqs)
        for form, freq in freqs.items():
            if freq < 10 ** (MIN_ZIPF - 9) or " " in form:
                continue
            found = whole_name(form)
            if found is None or found[1].startswith("adjective"):
                continue
            if found[0] in HOME.get(lang, "").split():
                continue
            zipf = 9 + math.log10(freq)
            code = found[0]
            named = fame.get(code, 0.0) + (lean if form in own.get(code, ()) else 0.0)
            reference = max(named, adjectives.get(code, 0.0))
            if zipf >= reference + MARGIN:
                forms[form].add(lang)
    return {"wordfreq": wordfreq.__version__ if hasattr(wordfreq, "__version__") else "",
            "margin": MARGIN, "min_zipf": MIN_ZIPF, "langs": list(LANGS),
            "forms": {form: sorted(langs) for form, langs in sorted(forms.items())}}


def main() -> None:
    doc = build()
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT.name}: {len(doc['forms'])} forms")


if __name__ == "__main__":
    main()
