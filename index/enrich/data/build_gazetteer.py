"""Regenerate ``countries_cldr.json``: CLDR territory names from every babel locale, folded.

Why a generated file: reading ~1,000 babel locales takes ~1.5 s, too slow for the first call
of a short-lived CLI process; loading the JSON takes a few milliseconds (both measured once;
no benchmark tracks them). Run it again after upgrading babel:

    python -m index.enrich.data.build_gazetteer

Output: ``{"babel": version, "codes": [...], "groups": [[lang, ...], ...],
"names": {folded: [code, lang, group]}}`` where ``lang`` is the most trusted language that
spells the name this way (the rule name, ``name:<lang>``) and ``groups[group]`` lists every
language that does (for inflection tables; shared lists are stored once to load fast).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

OUT = Path(__file__).with_name("countries_cldr.json")

# Two-letter CLDR codes that are not ISO 3166-1 countries: EU/EZ/UN (unions), QO (outlying
# Oceania), ZZ (unknown), XA/XB (pseudo), and the exceptionally reserved AC, CP, CQ, DG, EA,
# IC, TA. XK (Kosovo) is kept: user-assigned but universally used.
NOT_COUNTRIES = frozenset("EU EZ UN QO ZZ XA XB AC CP CQ DG EA IC TA".split())


def iso_codes(territories: Mapping[str, str]) -> list[str]:
    """The ISO 3166-1 alpha-2 codes among a locale's territory keys."""
    return sorted(c for c in territories if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES)


def name_variants(name: str, others: frozenset[str] = frozenset()) -> list[str]:
    """CLDR spellings a text would use: "Myanmar (Burma)" -> Myanmar, Burma; "A & B" -> both.

    A bracket that names another territory of the same locale qualifies, it is no alias:
    Czech "Svatý Martin (Francie)" is Saint Martin, not France (``others``: those names).
    """
    out = [name]
    match = re.fullmatch(r"(.+?)\s*[(（](.+?)[)）]", name)
    if match:
        out = [match.group(1)] + ([] if match.group(2) in others else [match.group(2)])
    # Some locales end a name with punctuation ("Liechtenstein," in Sango): a text's name
    # never carries it.
    return [v.strip(" ,.;:") for v in out if v.strip(" ,.;:")]


def collect() -> tuple[str, list[str], dict[str, dict[str, set[str]]]]:
    """Map folded name -> code -> languages that use it, over every babel locale."""
    import babel
    from babel import Locale, localedata

    from index.enrich.folding import fold

    codes = iso_codes(Locale.parse("en").territories)
    valid = set(codes)
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for ident in localedata.locale_identifiers():
        try:
            locale = Locale.parse(ident)
        except (ValueError, babel.UnknownLocaleError):
            continue
        others = frozenset(locale.territories.values())
        for code, name in locale.territories.items():
            if code in valid:
                for variant in name_variants(name, others):
                    names[" ".join(fold(variant).split())][code].add(locale.language)
    return babel.__version__, codes, names


def choose(by_code: dict[str, set[str]], priority: list[str]) -> tuple[str, str] | None:
    """The code a folded name stands for, and the language to credit; None if ambiguous.

    A name two countries share (Congo in many languages) is kept only when a trusted
    language settles it; otherwise the detector would guess.
    """
    for lang in priority:
        owners = [code for code, langs in by_code.items() if lang in langs]
        if len(owners) == 1:
            return owners[0], lang
        if owners:
            return None
    if len(by_code) == 1:
        code, langs = next(iter(by_code.items()))
        return code, sorted(langs)[0]
    return None


def build() -> dict:
    """The JSON document written to ``countries_cldr.json``."""
    from index.enrich.data.country_tables import CORE_LANGS

    version, codes, names = collect()
    table = {}
    groups: dict[tuple[str, ...], int] = {}
    for key in sorted(names):
        chosen = choose(names[key], CORE_LANGS)
        if chosen and len(key) >= 2:
            code, lang = chosen
            langs = tuple(sorted(set().union(*names[key].values())))
            table[key] = [code, lang, groups.setdefault(langs, len(groups))]
    return {"babel": version, "codes": codes, "groups": [list(g) for g in groups], "names": table}


def main() -> None:
    doc = build()
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT.name}: {len(doc['names'])} names, {len(doc['codes'])} codes")


if __name__ == "__main__":
    main()
